// 联合执法 (notice 二（二）; issue 14): a town that cannot shut some of its workshops alone applies to
// the district with the list, why, and a proposed date; the office approves it (with the team, the
// date and the machinery the town provides), returns it for changes, or refuses it; on the day the
// team works through the workshops one by one, and each workshop's result is recorded once its
// standard items say so. Request schemas, DTOs and labels.
import { calendarDate, statusSchema, timestamp } from './api.js';
import { entityId, idText, isoDate, pageFields, recordIdParam, text, versionField } from './params.js';
import { todayInChina } from './time.js';
import { z } from './zod.js';
import { JOINT_OPERATION_STATUSES, type JointOperationStatus } from './workflows/jointOperation.js';

export { JOINT_OPERATION_STATUSES, type JointOperationStatus } from './workflows/jointOperation.js';
export { jointOperationStatusLabels, machineryLabels, operationResultLabels } from './i18n/labels.zh-CN.js';

/** The machinery the notice names (铲车、挖掘机、运输车辆), counted. */
export const MACHINERY = ['loader', 'excavator', 'truck'] as const;
export type Machinery = (typeof MACHINERY)[number];
export const MACHINERY_MAX = 99;

/** A workshop's result in the operation. */
export const OPERATION_RESULTS = ['pending', 'cleared', 'not_cleared'] as const;
export type OperationResult = (typeof OPERATION_RESULTS)[number];

export const OPERATION_WORKSHOPS_MAX = 200;
export const OPERATION_TEAM_MAX = 30;
const REASON_MAX = 1000;

const reason = (missing: string) =>
  z
    .string({ error: missing })
    .trim()
    .min(2, { error: missing })
    .max(REASON_MAX, { error: `不能超过 ${REASON_MAX} 个字` });

const workshopIds = z
  .array(entityId, { error: '请选择企业' })
  .min(1, { error: '请至少选择一家企业' })
  .max(OPERATION_WORKSHOPS_MAX, { error: `一次最多 ${OPERATION_WORKSHOPS_MAX} 家企业` })
  .refine((ids) => new Set(ids).size === ids.length, { error: '企业有重复' });

const notPast = (what: string) => isoDate.refine((d) => d >= todayInChina(), { error: `${what}不能早于今天` });

/** POST /api/joint-operations — the town's application. */
export const jointOperationApplySchema = z.strictObject({
  townId: entityId.meta({ description: '申请的镇街' }),
  workshopIds,
  reason: reason('请说明镇街无法单独取缔的原因'),
  proposedOn: notPast('建议日期'),
});
export type JointOperationApply = z.output<typeof jointOperationApplySchema>;

/** POST /api/joint-operations/:id/resubmit — a returned application, corrected. */
export const jointOperationResubmitSchema = z.strictObject({
  version: versionField,
  workshopIds,
  reason: reason('请说明镇街无法单独取缔的原因'),
  proposedOn: notPast('建议日期'),
});
export type JointOperationResubmit = z.output<typeof jointOperationResubmitSchema>;

const count = z
  .number({ error: '数量应为整数' })
  .int({ error: '数量应为整数' })
  .min(0, { error: '数量不能为负数' })
  .max(MACHINERY_MAX, { error: `数量不能超过 ${MACHINERY_MAX}` });

export const machinerySchema = z.strictObject({ loader: count.default(0), excavator: count.default(0), truck: count.default(0) });
export type MachineryCounts = z.output<typeof machinerySchema>;

export const teamMemberSchema = z.strictObject({
  unit: text(50).min(1, { error: '请填写单位' }).meta({ description: '单位（部门、镇街）' }),
  people: text(200).min(1, { error: '请填写人员' }).meta({ description: '人员姓名（多人用顿号分隔）' }),
});
export type TeamMember = z.output<typeof teamMemberSchema>;

/** POST /api/joint-operations/:id/approve — the office approves, with the team, the date and the machinery. */
export const jointOperationApproveSchema = z.strictObject({
  version: versionField,
  operationOn: notPast('行动日期'),
  team: z.array(teamMemberSchema).min(1, { error: '请组建联合执法组' }).max(OPERATION_TEAM_MAX, { error: `最多 ${OPERATION_TEAM_MAX} 个单位` }),
  machinery: machinerySchema.prefault({}),
  note: text(REASON_MAX).default(''),
});
export type JointOperationApprove = z.output<typeof jointOperationApproveSchema>;

/** POST /api/joint-operations/:id/return | refuse — with the reason. */
export const jointOperationReasonSchema = z.strictObject({ version: versionField, reason: reason('请说明原因') });
export type JointOperationReason = z.output<typeof jointOperationReasonSchema>;

/** POST /api/joint-operations/:id/start | complete */
export const jointOperationStepSchema = z.strictObject({ version: versionField });

/** POST /api/joint-operations/:id/workshops/:enterpriseId — one workshop's result (cleared only once its items are complete). */
export const operationResultSchema = z.strictObject({
  result: z.enum(['cleared', 'not_cleared'], { error: '请选择“已清理”或“未清理”' }),
  note: text(REASON_MAX).default(''),
});
export type OperationResultInput = z.output<typeof operationResultSchema>;

export const operationWorkshopParams = z.strictObject({ id: recordIdParam, enterpriseId: recordIdParam });

export const jointOperationQuerySchema = z.strictObject({
  status: z.enum(JOINT_OPERATION_STATUSES, { error: '没有这个状态' }).optional(),
  town: idText('镇街').optional(),
  ...pageFields({ maxPageSize: 100, defaultPageSize: 20 }),
});
export type JointOperationQuery = z.output<typeof jointOperationQuerySchema>;

export const operationWorkshopDto = z.object({
  id: z.number().int(),
  name: z.string(),
  villageName: z.string().nullable(),
  address: z.string(),
  contactPerson: z.string(),
  phone: z.string(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  status: statusSchema,
  /** Names of the standard items still pending (what remains to do). */
  remaining: z.array(z.string()).meta({ description: '尚未完成的取缔标准项' }),
  result: z.enum(OPERATION_RESULTS).meta({ description: '本次行动的结果：pending 待清理、cleared 已清理、not_cleared 未清理' }),
  note: z.string(),
  recordedAt: timestamp.nullable(),
  canRecord: z.boolean().meta({ description: '当前用户可记录该企业的结果' }),
});
export type OperationWorkshopDto = z.infer<typeof operationWorkshopDto>;

export const jointOperationDto = z
  .object({
    id: z.number().int(),
    version: z.number().int(),
    status: z.enum(JOINT_OPERATION_STATUSES).meta({ description: '状态：applied 待审批、returned 退回修改、refused 不予批准、approved 已批准、in_progress 行动中、completed 已结束' }),
    townId: z.number().int(),
    townName: z.string(),
    reason: z.string().meta({ description: '镇街无法单独取缔的原因' }),
    proposedOn: calendarDate,
    applicant: z.object({ name: z.string(), at: timestamp }),
    decision: z.object({ reason: z.string(), by: z.string(), at: timestamp }).nullable().meta({ description: '审批意见（批准、退回或不予批准）' }),
    operationOn: calendarDate.nullable(),
    team: z.array(z.object({ unit: z.string(), people: z.string() })),
    machinery: z.object({ loader: z.number().int(), excavator: z.number().int(), truck: z.number().int() }),
    workshopCount: z.number().int(),
    clearedCount: z.number().int(),
    completedAt: timestamp.nullable(),
    abilities: z
      .object({ approve: z.boolean(), return: z.boolean(), refuse: z.boolean(), resubmit: z.boolean(), start: z.boolean(), complete: z.boolean() })
      .meta({ description: '当前用户可做的操作' }),
  })
  .meta({ id: 'JointOperation', description: '一次联合执法：镇街申请、办公室审批、联合执法组逐个清理' });
export type JointOperationDto = z.infer<typeof jointOperationDto>;

export const jointOperationDetailDto = jointOperationDto
  .extend({ workshops: z.array(operationWorkshopDto) })
  .meta({ id: 'JointOperationDetail', description: '一次联合执法及其企业（位置、联系人、尚未完成的项目、结果）' });
export type JointOperationDetailDto = z.infer<typeof jointOperationDetailDto>;

export const jointOperationListDto = z
  .object({
    items: z.array(jointOperationDto),
    total: z.number().int(),
    canApply: z.boolean().meta({ description: '当前用户可申请联合执法' }),
  })
  .meta({ id: 'JointOperations', description: '管辖范围内的联合执法，最新的在前' });
export type JointOperationListDto = z.infer<typeof jointOperationListDto>;

/** Open statuses: the operation still needs someone to act. */
export const OPEN_OPERATION_STATUSES: readonly JointOperationStatus[] = ['applied', 'returned', 'approved', 'in_progress'];
