// 约谈与问责 (issue 17 §1 and §6; the notice 三（二）: the 监察 department (纪检监察) is charged with 行政效能监察……对措施不力、失职渎职……依法追究其
// 行政责任). After a 督办 (a workshop remark of kind `escalation`) the leading group's office may summon
// the person responsible to a talk (约谈); discipline (监察局) or the office director records the
// measure taken (问责). The accountability list (问责清单) gathers, by each person named responsible
// on the workshops (村居、镇街、部门责任人) and by the towns' supervisors, what is overdue or failed.
// Request schemas, DTOs and labels.
import { calendarDate, timestamp } from './api.js';
import { entityId, idField, idText, isoDate, pageFields, text, versionField } from './params.js';
import { todayInChina } from './time.js';
import { z } from './zod.js';
import { ACCOUNTABILITY_STATES, type AccountabilityState } from './workflows/accountability.js';

export { ACCOUNTABILITY_STATES, type AccountabilityState } from './workflows/accountability.js';

export const ACCOUNTABILITY_LEVELS = ['interview', 'accountability'] as const;
export type AccountabilityLevel = (typeof ACCOUNTABILITY_LEVELS)[number];

/** 问责 measures, a fixed list (通报批评, 诫勉谈话, 组织处理, 移送纪检). */
export const ACCOUNTABILITY_MEASURES = ['circulated_criticism', 'admonition', 'organisational', 'referred_to_discipline'] as const;
export type AccountabilityMeasure = (typeof ACCOUNTABILITY_MEASURES)[number];

/** The unit the person held to account works in. */
export const PERSON_UNIT_KINDS = { town: 'town', village: 'village', department: 'department' } as const;
export type PersonUnitKind = (typeof PERSON_UNIT_KINDS)[keyof typeof PERSON_UNIT_KINDS];

/** Who the accountability list is by: the three persons named on a workshop (附件3) and a town's supervisors (监管责任人, migration 031). */
export const RESPONSIBLE_KINDS = ['village_head', 'town_head', 'department_head', 'town_leader', 'town_supervisor'] as const;
export type ResponsibleKind = (typeof RESPONSIBLE_KINDS)[number];

export const accountabilityLevelLabels: Record<AccountabilityLevel, string> = { interview: '约谈', accountability: '问责' };
export const accountabilityMeasureLabels: Record<AccountabilityMeasure, string> = {
  circulated_criticism: '通报批评',
  admonition: '诫勉谈话',
  organisational: '组织处理',
  referred_to_discipline: '移送纪检',
};
export const accountabilityStateLabels: Record<AccountabilityState, string> = { scheduled: '待约谈', held: '已约谈', decided: '已问责', withdrawn: '已撤销' };
export const responsibleKindLabels: Record<ResponsibleKind, string> = {
  village_head: '村居责任人',
  town_head: '镇街责任人',
  department_head: '部门责任人',
  town_leader: '镇街主管领导',
  town_supervisor: '镇街监管责任人',
};

const LONG = 2000;
const required = (max: number, missing: string) => z.string({ error: missing }).trim().min(1, { error: missing }).max(max, { error: `不能超过 ${max} 个字` });

/** POST /api/accountability/actions — a 约谈 (date, who conducts it) or a 问责 (the measure). */
export const accountabilityCreateSchema = z
  .strictObject({
    level: z.enum(ACCOUNTABILITY_LEVELS, { error: '请选择“约谈”或“问责”' }),
    personName: required(50, '请填写被约谈或被问责人的姓名'),
    personPosition: text(100).default('').meta({ description: '职务或身份（如 村支部书记、镇长）' }),
    unitKind: z.enum(PERSON_UNIT_KINDS, { error: '请选择所在单位的类别（镇街、村居或部门）' }),
    unitId: idField('所在单位'),
    townId: entityId.nullable().default(null).meta({ description: '所涉镇街（不填时取所涉企业或督办的镇街）' }),
    enterpriseId: entityId.nullable().default(null).meta({ description: '所涉企业（可不填）' }),
    remarkId: entityId.nullable().default(null).meta({ description: '所跟进的督办（企业意见中 kind 为 escalation 的一条，可不填）' }),
    previousId: entityId.nullable().default(null).meta({ description: '所跟进的上一条约谈或问责记录（可不填）' }),
    reason: required(LONG, '请写明约谈或问责的事由'),
    scheduledOn: isoDate.nullable().default(null).meta({ description: '约谈日期（约谈必填）' }),
    conductedBy: text(100).default('').meta({ description: '约谈人（约谈必填）' }),
    measure: z.enum(ACCOUNTABILITY_MEASURES, { error: '请选择问责方式' }).nullable().default(null).meta({ description: '问责方式（问责必填）：通报批评、诫勉谈话、组织处理、移送纪检' }),
  })
  .superRefine((v, ctx) => {
    if (v.townId === null && v.enterpriseId === null && v.remarkId === null)
      ctx.addIssue({ code: 'custom', path: ['townId'], message: '请选择所涉镇街或企业' });
    if (v.level === 'interview') {
      if (!v.scheduledOn) ctx.addIssue({ code: 'custom', path: ['scheduledOn'], message: '请填写约谈日期' });
      else if (v.scheduledOn < todayInChina()) ctx.addIssue({ code: 'custom', path: ['scheduledOn'], message: '约谈日期不能早于今天' });
      if (!v.conductedBy) ctx.addIssue({ code: 'custom', path: ['conductedBy'], message: '请填写约谈人' });
      if (v.measure !== null) ctx.addIssue({ code: 'custom', path: ['measure'], message: '约谈不设问责方式' });
    } else {
      if (v.measure === null) ctx.addIssue({ code: 'custom', path: ['measure'], message: '请选择问责方式' });
      if (v.scheduledOn !== null) ctx.addIssue({ code: 'custom', path: ['scheduledOn'], message: '问责不设约谈日期' });
    }
  });
export type AccountabilityCreateInput = z.input<typeof accountabilityCreateSchema>;
export type AccountabilityCreate = z.output<typeof accountabilityCreateSchema>;

/** POST /api/accountability/actions/:id/hold — the 约谈 took place; what came of it. */
export const accountabilityHoldSchema = z.strictObject({ version: versionField, outcome: required(LONG, '请填写约谈情况') });
/** POST /api/accountability/actions/:id/withdraw — why it is withdrawn. */
export const accountabilityWithdrawSchema = z.strictObject({ version: versionField, outcome: required(LONG, '请写明撤销的理由') });
export type AccountabilityClose = z.output<typeof accountabilityHoldSchema>;

export const accountabilityQuerySchema = z.strictObject({
  town: idText('镇街').optional(),
  level: z.enum(ACCOUNTABILITY_LEVELS, { error: '类别应为 interview 或 accountability' }).optional(),
  state: z.enum(ACCOUNTABILITY_STATES, { error: '状态不正确' }).optional(),
  remark: idText('督办').optional(),
  ...pageFields({ maxPageSize: 100, defaultPageSize: 20 }),
});
export type AccountabilityQuery = z.output<typeof accountabilityQuerySchema>;

export const accountabilityDto = z
  .object({
    id: z.number().int(),
    version: z.number().int(),
    level: z.enum(ACCOUNTABILITY_LEVELS).meta({ description: 'interview 约谈、accountability 问责' }),
    state: z.enum(ACCOUNTABILITY_STATES).meta({ description: 'scheduled 待约谈、held 已约谈、decided 已问责、withdrawn 已撤销' }),
    person: z.object({
      name: z.string(),
      position: z.string(),
      unitKind: z.enum(PERSON_UNIT_KINDS),
      unitId: z.number().int(),
      unitName: z.string(),
    }),
    town: z.object({ id: z.number().int(), name: z.string() }),
    enterprise: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    remarkId: z.number().int().nullable().meta({ description: '所跟进的督办' }),
    previousId: z.number().int().nullable().meta({ description: '所跟进的上一条记录' }),
    reason: z.string(),
    scheduledOn: calendarDate.nullable(),
    conductedBy: z.string(),
    measure: z.enum(ACCOUNTABILITY_MEASURES).nullable(),
    outcome: z.string().meta({ description: '约谈情况或撤销理由' }),
    createdBy: z.string(),
    createdUnit: z.string(),
    createdAt: timestamp,
    decidedBy: z.string().nullable().meta({ description: '记录约谈情况、作出问责或撤销的人' }),
    decidedAt: timestamp.nullable(),
    abilities: z.object({ hold: z.boolean(), withdraw: z.boolean() }).meta({ description: '当前用户可记录约谈情况、可撤销' }),
  })
  .meta({ id: 'AccountabilityAction', description: '一条约谈或问责记录' });
export type AccountabilityDto = z.infer<typeof accountabilityDto>;

export const accountabilityListDto = z
  .object({
    items: z.array(accountabilityDto),
    total: z.number().int(),
    abilities: z
      .object({ interview: z.boolean(), decide: z.boolean(), board: z.boolean() })
      .meta({ description: '当前用户可记录约谈（办公室）、可记录问责（监察局、办公室主任）、可看问责清单（办公室、监察局）' }),
  })
  .meta({ id: 'AccountabilityActions', description: '约谈和问责记录，最新的在前' });
export type AccountabilityListDto = z.infer<typeof accountabilityListDto>;

// ── 问责清单 ─────────────────────────────────────────────────────────────────────────────────────────

export const ACCOUNTABILITY_SORTS = ['overdue', 'name'] as const;

export const boardQuerySchema = z.strictObject({
  town: idText('镇街').optional(),
  kind: z.enum(RESPONSIBLE_KINDS, { error: '责任人类别不正确' }).optional(),
  sort: z.enum(ACCOUNTABILITY_SORTS, { error: '排序应为 overdue 或 name' }).default('overdue'),
  ...pageFields({ maxPageSize: 100, defaultPageSize: 20 }),
});
export type BoardQuery = z.output<typeof boardQuerySchema>;

/** GET /api/accountability.xlsx — the same filters and order, every row. */
export const boardExportQuerySchema = z.strictObject({
  town: idText('镇街').optional(),
  kind: z.enum(RESPONSIBLE_KINDS, { error: '责任人类别不正确' }).optional(),
  sort: z.enum(ACCOUNTABILITY_SORTS, { error: '排序应为 overdue 或 name' }).default('overdue'),
});
export type BoardExportQuery = z.output<typeof boardExportQuerySchema>;

export const boardPersonQuerySchema = z.strictObject({
  kind: z.enum(RESPONSIBLE_KINDS, { error: '责任人类别不正确' }),
  town: idText('镇街'),
  name: required(50, '请填写责任人姓名'),
});
export type BoardPersonQuery = z.output<typeof boardPersonQuerySchema>;

export const boardCounts = z.object({
  itemsOverdue: z.number().int().meta({ description: '逾期未完成的取缔标准项（过了该阶段的完成期限仍待办）' }),
  rejected: z.number().int().meta({ description: '验收未通过的企业' }),
  recurred: z.number().int().meta({ description: '反弹的企业' }),
  escalationsOpen: z.number().int().meta({ description: '待答复的督办' }),
  escalationsOverdue: z.number().int().meta({ description: '逾期未答复的督办' }),
  requestsOverdue: z.number().int().meta({ description: '逾期的部门协办请求（部门责任人所涉企业的）' }),
  interviews: z.number().int().meta({ description: '已记录的约谈（不含撤销的）' }),
  accountabilities: z.number().int().meta({ description: '已记录的问责（不含撤销的）' }),
});
export type BoardCounts = z.infer<typeof boardCounts>;

export const boardRowDto = z
  .object({
    kind: z.enum(RESPONSIBLE_KINDS),
    name: z.string(),
    town: z.object({ id: z.number().int(), name: z.string() }),
    counts: boardCounts,
    /** Everything overdue or failed, the sort key. */
    overdue: z.number().int().meta({ description: '逾期和未通过的合计（排序依据）' }),
  })
  .meta({ id: 'AccountabilityPerson', description: '问责清单的一行：一位责任人及其名下逾期、未通过的事项' });
export type BoardRowDto = z.infer<typeof boardRowDto>;

export const boardDto = z
  .object({
    items: z.array(boardRowDto),
    total: z.number().int(),
    itemsDue: calendarDate.nullable().meta({ description: '取缔标准项的完成期限（过期后的待办项计为逾期）' }),
    abilities: z.object({ interview: z.boolean(), decide: z.boolean(), board: z.boolean() }),
  })
  .meta({ id: 'AccountabilityBoard', description: '问责清单：按责任人统计逾期、未通过的事项，逾期最多的在前' });
export type BoardDto = z.infer<typeof boardDto>;

export const boardWorkshopDto = z.object({
  id: z.number().int(),
  name: z.string(),
  status: z.string(),
  /** The workshop's village (a village head's 约谈 names it as the unit). */
  villageId: z.number().int().nullable(),
  villageName: z.string().nullable(),
  itemsOverdue: z.number().int(),
  escalationsOpen: z.number().int(),
  escalationsOverdue: z.number().int(),
  requestsOverdue: z.number().int(),
  /** The oldest open 督办 on the workshop, to act on. */
  openEscalationId: z.number().int().nullable(),
});
export type BoardWorkshopDto = z.infer<typeof boardWorkshopDto>;

export const boardPersonDto = z
  .object({
    kind: z.enum(RESPONSIBLE_KINDS),
    name: z.string(),
    town: z.object({ id: z.number().int(), name: z.string() }),
    workshops: z.array(boardWorkshopDto).meta({ description: '名下有逾期、未通过事项的企业（最多 200 家）' }),
    workshopsTotal: z.number().int(),
    actions: z.array(accountabilityDto).meta({ description: '对该责任人的约谈和问责记录' }),
  })
  .meta({ id: 'AccountabilityPersonDetail', description: '一位责任人名下的企业和对其的约谈、问责记录' });
export type BoardPersonDto = z.infer<typeof boardPersonDto>;
