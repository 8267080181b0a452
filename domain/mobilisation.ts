// Mobilisation (宣传发动): a town's own leading body for the campaign and its publicity log —
// village-head meetings, publicity-vehicle outings, media reports.
import { entityId, isoDate, text } from './params.js';
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
export const mobilisationTownQuerySchema = z.strictObject({ town: z.string().max(60).optional() });
export const publicityQuerySchema = mobilisationTownQuerySchema.extend({ kind: z.enum(PUBLICITY_KINDS, { error: '类型取值不正确' }).optional() });

export interface LeadingMemberDto {
  id: number;
  townId: number;
  townName: string;
  position: (typeof LEADING_POSITIONS)[number];
  name: string;
  title: string;
  isPrincipal: boolean;
  canDelete: boolean;
}

export interface PublicityEventDto {
  id: number;
  townId: number;
  townName: string;
  kind: PublicityKind;
  heldOn: string;
  place: string;
  attendees: number | null;
  vehicles: number | null;
  outlet: string;
  title: string;
  link: string;
  notes: string;
  createdBy: string;
  createdAt: string;
  canDelete: boolean;
}
