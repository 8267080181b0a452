// Mobilisation (宣传发动): a town's own leading body for the campaign and its publicity log —
// village-head meetings, publicity-vehicle outings, media reports.
import { calendarDate, listOf, timestamp } from './api.js';
import { entityId, isoDate, text, unitRef } from './params.js';
import { z } from './zod.js';

const id = entityId;

export const LEADING_POSITIONS = ['leader', 'deputy', 'member', 'office'] as const;
export const PUBLICITY_KINDS = ['meeting', 'vehicle', 'media'] as const;
export type PublicityKind = (typeof PUBLICITY_KINDS)[number];

export const leadingMemberCreateSchema = z.strictObject({
  townId: id,
  position: z.enum(LEADING_POSITIONS, { error: '请选择职务' }),
  name: text(30).min(2, { error: '请填写姓名' }),
  title: text(60).default(''),
  /** 主要负责人（第一责任人）. */
  isPrincipal: z.boolean().default(false),
});
export type LeadingMemberCreate = z.infer<typeof leadingMemberCreateSchema>;

export const publicityCreateSchema = z
  .strictObject({
    townId: id,
    kind: z.enum(PUBLICITY_KINDS, { error: '请选择类型' }),
    heldOn: isoDate,
    place: text(100).default(''),
    attendees: z.number().int().min(1, { error: '参会人数至少 1 人' }).max(100000).nullable().default(null),
    vehicles: z.number().int().min(1, { error: '车辆至少 1 台' }).max(1000).nullable().default(null),
    outlet: text(60).default(''),
    title: text(200).default(''),
    link: z.union([z.literal(''), z.url({ error: '链接格式不正确' }).max(500)]).default(''),
    notes: text(4000).default(''),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'meeting' && !v.place) ctx.addIssue({ code: 'custom', path: ['place'], message: '请填写会议地点' });
    if (v.kind === 'meeting' && v.attendees === null) ctx.addIssue({ code: 'custom', path: ['attendees'], message: '请填写参会人数' });
    if (v.kind === 'vehicle' && v.vehicles === null) ctx.addIssue({ code: 'custom', path: ['vehicles'], message: '请填写出动车辆数' });
    if (v.kind === 'media' && !v.outlet) ctx.addIssue({ code: 'custom', path: ['outlet'], message: '请填写媒体名称' });
    if (v.kind === 'media' && !v.title) ctx.addIssue({ code: 'custom', path: ['title'], message: '请填写报道标题' });
  });
export type PublicityCreate = z.infer<typeof publicityCreateSchema>;

/** The lists' filter: one town (an id, or its name), else every town in scope. */
export const mobilisationTownQuerySchema = z.strictObject({ town: unitRef('镇街', 60).optional() });
export const publicityQuerySchema = mobilisationTownQuerySchema.extend({ kind: z.enum(PUBLICITY_KINDS, { error: '类型取值不正确' }).optional() });

export const leadingMemberDto = z
  .object({
    id: z.number().int(),
    townId: z.number().int(),
    townName: z.string(),
    position: z.enum(LEADING_POSITIONS).meta({ description: '职务：leader 组长、deputy 副组长、member 成员、office 办公室' }),
    name: z.string(),
    title: z.string().meta({ description: '单位职务' }),
    isPrincipal: z.boolean().meta({ description: '主要负责人（第一责任人）' }),
    canDelete: z.boolean().meta({ description: '当前用户可删除' }),
  })
  .meta({ id: 'LeadingMember', description: '镇街集中取缔工作领导机构的一名成员' });
export type LeadingMemberDto = z.infer<typeof leadingMemberDto>;

export const leadingMemberListDto = listOf(leadingMemberDto, '领导机构成员');
export type LeadingMemberListDto = z.infer<typeof leadingMemberListDto>;

export const publicityEventDto = z
  .object({
    id: z.number().int(),
    townId: z.number().int(),
    townName: z.string(),
    kind: z.enum(PUBLICITY_KINDS).meta({ description: '类型：meeting 村居负责人会议、vehicle 宣传车、media 媒体报道' }),
    heldOn: calendarDate,
    place: z.string().meta({ description: '地点（会议）' }),
    attendees: z.number().int().nullable().meta({ description: '参会人数（会议）' }),
    vehicles: z.number().int().nullable().meta({ description: '出动车辆数（宣传车）' }),
    outlet: z.string().meta({ description: '媒体名称（媒体报道）' }),
    title: z.string().meta({ description: '报道标题（媒体报道）' }),
    link: z.string().meta({ description: '报道链接，可为空' }),
    notes: z.string(),
    createdBy: z.string().meta({ description: '登记人' }),
    createdAt: timestamp,
    canDelete: z.boolean().meta({ description: '当前用户可删除' }),
  })
  .meta({ id: 'PublicityEvent', description: '一条宣传发动记录' });
export type PublicityEventDto = z.infer<typeof publicityEventDto>;

export const publicityEventListDto = listOf(publicityEventDto, '宣传发动记录');
export type PublicityEventListDto = z.infer<typeof publicityEventListDto>;

/** What adding a member or a publicity record answers: the new record's id. */
export const createdRecordDto = z.object({ id: z.number().int().meta({ description: '新记录的编号' }) }).meta({ description: '已登记：新记录的编号' });
export type CreatedRecordDto = z.infer<typeof createdRecordDto>;
