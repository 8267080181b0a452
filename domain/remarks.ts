// Remarks on a workshop (帮包意见与督办): a liaison department (帮包部门) — or the office — comments on
// a workshop of its paired towns (意见) or presses the town on it (督办); the town answers an
// escalation, which closes it, and may comment too. Everyone who sees the workshop sees its remarks.
// Request schemas, DTOs and labels.
import { calendarDate, listOf, statusSchema, timestamp } from './api.js';
import { isoDate, pageFields } from './params.js';
import { todayInChina } from './time.js';
import { z } from './zod.js';
import { ESCALATION_STATUSES, type EscalationStatus } from './workflows/escalation.js';

export { ESCALATION_STATUSES, type EscalationStatus } from './workflows/escalation.js';

export { REMARK_KINDS, type RemarkKind } from './status.js';
import { REMARK_KINDS } from './status.js';

/** The longest remark or answer, in characters (字). */
export const REMARK_TEXT_MAX = 1000;

export { escalationStatusLabels, remarkKindLabels } from './i18n/labels.zh-CN.js';

const remarkText = (missing: string) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, { error: missing })
    .max(REMARK_TEXT_MAX, { error: `不能超过 ${REMARK_TEXT_MAX} 个字` });

/** POST /api/enterprises/:id/remarks — a comment, or an escalation with an optional due date. */
export const remarkCreateSchema = z
  .strictObject({
    kind: z.enum(REMARK_KINDS, { error: '请选择“意见”或“督办”' }),
    text: remarkText('请填写意见内容'),
    dueOn: isoDate.nullable().default(null).meta({ description: '督办的办理期限（YYYY-MM-DD，北京时间），可不填；意见不设期限' }),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'comment' && v.dueOn) ctx.addIssue({ code: 'custom', path: ['dueOn'], message: '意见不设办理期限，督办才可以设' });
    else if (v.dueOn && v.dueOn < todayInChina()) ctx.addIssue({ code: 'custom', path: ['dueOn'], message: '办理期限不能早于今天' });
  });
export type RemarkCreateInput = z.input<typeof remarkCreateSchema>;
export type RemarkCreate = z.output<typeof remarkCreateSchema>;

/** POST /api/remarks/:id/answer — the town's answer, which closes the escalation. */
export const remarkAnswerSchema = z.strictObject({ text: remarkText('请填写答复内容') });
export type RemarkAnswer = z.output<typeof remarkAnswerSchema>;

export const openEscalationQuerySchema = z.strictObject({ ...pageFields({ maxPageSize: 50, defaultPageSize: 10 }) });
export type OpenEscalationQuery = z.output<typeof openEscalationQuerySchema>;

/** Whether an escalation still open has passed its due date (China calendar). */
export function isOverdue(status: EscalationStatus | null, dueOn: string | null, today = todayInChina()): boolean {
  return status === 'open' && dueOn !== null && dueOn < today;
}

export const remarkDto = z
  .object({
    id: z.number().int(),
    kind: z.enum(REMARK_KINDS).meta({ description: '类别：comment 意见、escalation 督办' }),
    text: z.string().meta({ description: '意见或督办的内容' }),
    author: z.string().meta({ description: '提出人' }),
    authorUnit: z.string().meta({ description: '提出单位（帮包部门、领导小组办公室或镇街）' }),
    createdAt: timestamp,
    status: z.enum(ESCALATION_STATUSES).nullable().meta({ description: '督办的状态：open 待答复、answered 已答复；意见为 null' }),
    dueOn: calendarDate.nullable().meta({ description: '督办的办理期限；未设或为意见时为 null' }),
    overdue: z.boolean().meta({ description: '待答复的督办已过办理期限' }),
    answer: z
      .object({ text: z.string(), by: z.string(), unit: z.string(), at: timestamp })
      .nullable()
      .meta({ description: '镇街的答复；尚未答复或为意见时为 null' }),
    abilities: z
      .object({ answer: z.boolean(), interview: z.boolean() })
      .meta({ description: '当前用户对这条记录可做的操作：answer 答复督办；interview 就待答复的督办约谈责任人（领导小组办公室）' }),
  })
  .meta({ id: 'WorkshopRemark', description: '帮包部门或办公室对一家企业提出的意见或督办（督办由镇街答复）' });
export type RemarkDto = z.infer<typeof remarkDto>;

export const remarkListDto = z
  .object({
    items: z.array(remarkDto),
    total: z.number().int().meta({ description: '意见和督办的总数' }),
    abilities: z
      .object({ comment: z.boolean(), escalate: z.boolean() })
      .meta({ description: '当前用户对这家企业可做的操作：comment 提出意见、escalate 督办' }),
  })
  .meta({ id: 'WorkshopRemarks', description: '一家企业的意见与督办，最早的在前' });
export type RemarkListDto = z.infer<typeof remarkListDto>;

export const openEscalationDto = z
  .object({
    id: z.number().int(),
    enterprise: z.object({
      id: z.number().int(),
      name: z.string(),
      townName: z.string(),
      villageName: z.string().nullable(),
      status: statusSchema,
    }),
    text: z.string(),
    author: z.string(),
    authorUnit: z.string(),
    createdAt: timestamp,
    dueOn: calendarDate.nullable(),
    overdue: z.boolean(),
  })
  .meta({ id: 'OpenEscalation', description: '一条待镇街答复的督办及其企业' });
export type OpenEscalationDto = z.infer<typeof openEscalationDto>;

export const openEscalationListDto = listOf(openEscalationDto, '管辖范围内待答复的督办，最新的在前，及总数');
export type OpenEscalationListDto = z.infer<typeof openEscalationListDto>;
