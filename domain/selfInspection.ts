// Self-inspection (自查自纠): the local "土政策" that contradict environmental law, found and cleared
// per town; and the disciplinary clues (违纪线索) about cadres, seen only by the discipline role and
// the office director, and forwarded to the discipline department. Schemas, labels and DTOs.
import { calendarDate, listOf, timestamp } from './api.js';
import type { CampaignDefinition, DepartmentDef } from './campaign.js';
import { idField, isoDate, pageFields, text, unitRef, versionField } from './params.js';
import { z } from './zod.js';
import { CLUE_STATUSES, type ClueStatus } from './workflows/clue.js';

const id = idField;

// ── 土政策 ──────────────────────────────────────────────────────────────────────────────

const policyFields = {
  title: text(500).min(1, { error: '请填写土政策的内容' }),
  issuedBy: text(100).min(1, { error: '请填写制定（发布）单位' }),
  issuedOn: isoDate.nullable(),
  foundOn: isoDate.nullable(),
  actionTaken: text(1000),
  cleared: z.boolean({ error: '请选择是否已清理' }),
  clearedOn: isoDate.nullable(),
  notes: text(2000),
};

function clearedNeedsDate(v: { cleared?: boolean; clearedOn?: string | null }, ctx: z.RefinementCtx) {
  if (v.cleared === true && !v.clearedOn) ctx.addIssue({ code: 'custom', path: ['clearedOn'], message: '已清理的请填写清理日期' });
  if (v.cleared === false && v.clearedOn) ctx.addIssue({ code: 'custom', path: ['clearedOn'], message: '未清理的不应填写清理日期' });
}

export const selfPolicyCreateSchema = z
  .strictObject({
    townId: id('镇街'),
    title: policyFields.title,
    issuedBy: policyFields.issuedBy,
    issuedOn: policyFields.issuedOn.default(null),
    foundOn: policyFields.foundOn.default(null),
    actionTaken: policyFields.actionTaken.default(''),
    cleared: policyFields.cleared.default(false),
    clearedOn: policyFields.clearedOn.default(null),
    notes: policyFields.notes.default(''),
  })
  .superRefine(clearedNeedsDate);
export type SelfPolicyCreateInput = z.input<typeof selfPolicyCreateSchema>;
export type SelfPolicyCreate = z.output<typeof selfPolicyCreateSchema>;

/** A PATCH names only what changes, plus the version it was read at (optimistic locking). */
export const selfPolicyUpdateSchema = z.strictObject({
  version: versionField,
  title: policyFields.title.optional(),
  issuedBy: policyFields.issuedBy.optional(),
  issuedOn: policyFields.issuedOn.optional(),
  foundOn: policyFields.foundOn.optional(),
  actionTaken: policyFields.actionTaken.optional(),
  cleared: policyFields.cleared.optional(),
  clearedOn: policyFields.clearedOn.optional(),
  notes: policyFields.notes.optional(),
});
export type SelfPolicyUpdateInput = z.input<typeof selfPolicyUpdateSchema>;
export type SelfPolicyUpdate = z.output<typeof selfPolicyUpdateSchema>;

const page = pageFields();

export const selfPolicyListQuerySchema = z.strictObject({
  town: unitRef('镇街', 100).optional(),
  cleared: z.enum(['yes', 'no'], { error: '应为 yes 或 no' }).optional(),
  ...page,
});

export const selfPolicyDto = z
  .object({
    id: z.number().int(),
    townId: z.number().int(),
    townName: z.string(),
    title: z.string().meta({ description: '土政策的内容' }),
    issuedBy: z.string().meta({ description: '制定（发布）单位' }),
    issuedOn: calendarDate.nullable().meta({ description: '发布日期（YYYY-MM-DD），未知为 null' }),
    foundOn: calendarDate.nullable().meta({ description: '发现日期（YYYY-MM-DD），未知为 null' }),
    actionTaken: z.string().meta({ description: '采取的措施' }),
    cleared: z.boolean().meta({ description: '是否已清理' }),
    clearedOn: calendarDate.nullable().meta({ description: '清理日期（YYYY-MM-DD）；未清理为 null' }),
    notes: z.string(),
    version: z.number().int().meta({ description: '版本号：修改时带上，防止覆盖他人的修改' }),
    createdAt: timestamp,
    updatedAt: timestamp,
    abilities: z.object({ update: z.boolean() }).meta({ description: '当前用户对这条记录可做的操作' }),
  })
  .meta({ id: 'SelfPolicy', description: '一条土政策记录（自查自纠：与环境保护法律法规相抵触的地方政策及其清理）' });
export type SelfPolicyDto = z.infer<typeof selfPolicyDto>;

export const selfPolicyListDto = listOf(selfPolicyDto, '一页土政策记录及符合条件的总数');
export type SelfPolicyListDto = z.infer<typeof selfPolicyListDto>;

// ── 违纪线索 ────────────────────────────────────────────────────────────────────────────

export const CLUE_CONDUCTS = ['took_part', 'provided_convenience', 'collected_fees', 'other'] as const;
export type ClueConduct = (typeof CLUE_CONDUCTS)[number];
export const CLUE_SOURCES = ['self_inspection', 'public_report', 'patrol', 'department_transfer'] as const;
export type ClueSource = (typeof CLUE_SOURCES)[number];
export { CLUE_STATUSES, type ClueStatus } from './workflows/clue.js';

export const clueConductLabels: Record<ClueConduct, string> = {
  took_part: '直接参与违法经营',
  provided_convenience: '提供便利条件',
  collected_fees: '收取管理费用',
  other: '其他',
};
export const clueSourceLabels: Record<ClueSource, string> = {
  self_inspection: '自查',
  public_report: '群众举报',
  patrol: '巡查',
  department_transfer: '部门移交',
};
export const clueStatusLabels: Record<ClueStatus, string> = {
  received: '已登记',
  forwarded: '已移交监察',
  closed: '已办结',
};

export const clueCreateSchema = z.strictObject({
  townId: id('镇街'),
  person: text(50).min(1, { error: '请填写当事人姓名' }),
  post: text(200).min(1, { error: '请填写当事人职务或单位' }),
  conduct: z.enum(CLUE_CONDUCTS, { error: '请选择违纪情形' }),
  description: text(4000).min(1, { error: '请填写具体情况' }),
  source: z.enum(CLUE_SOURCES, { error: '请选择线索来源' }),
  enterpriseId: id('关联企业').nullable().default(null),
});
export type ClueCreateInput = z.input<typeof clueCreateSchema>;
export type ClueCreate = z.output<typeof clueCreateSchema>;

export const clueForwardSchema = z.strictObject({
  version: versionField,
  note: text(1000).default(''),
});
export const clueCloseSchema = z.strictObject({
  version: versionField,
  note: text(2000).min(1, { error: '请填写办结情况' }),
});
export type ClueForward = z.output<typeof clueForwardSchema>;
export type ClueClose = z.output<typeof clueCloseSchema>;

export const clueListQuerySchema = z.strictObject({
  town: unitRef('镇街', 100).optional(),
  status: z.enum(CLUE_STATUSES, { error: '状态不正确' }).optional(),
  q: z.string().trim().max(50, { error: '搜索词不能超过 50 个字' }).optional(),
  ...page,
});
export type ClueListQuery = z.output<typeof clueListQuerySchema>;

export const clueDto = z
  .object({
    id: z.number().int(),
    townId: z.number().int(),
    townName: z.string(),
    person: z.string().meta({ description: '当事人姓名' }),
    post: z.string().meta({ description: '当事人职务或单位' }),
    conduct: z.enum(CLUE_CONDUCTS).meta({ description: '违纪情形：took_part 直接参与违法经营、provided_convenience 提供便利条件、collected_fees 收取管理费用、other 其他' }),
    description: z.string().meta({ description: '具体情况' }),
    source: z.enum(CLUE_SOURCES).meta({ description: '线索来源：self_inspection 自查、public_report 群众举报、patrol 巡查、department_transfer 部门移交' }),
    enterprise: z.object({ id: z.number().int(), name: z.string() }).nullable().meta({ description: '关联的企业，没有为 null' }),
    status: z.enum(CLUE_STATUSES).meta({ description: '状态：received 已登记、forwarded 已移交监察、closed 已办结' }),
    reportedBy: z.string().meta({ description: '报告人' }),
    reportedAt: timestamp,
    forwarded: z
      .object({
        by: z.string(),
        at: timestamp,
        to: z.string().meta({ description: '移交的部门' }),
        toCode: z.string().meta({ description: '移交的部门代码' }),
        note: z.string(),
      })
      .nullable()
      .meta({ description: '移交监察部门的情况；尚未移交为 null' }),
    closed: z.object({ by: z.string(), at: timestamp, note: z.string().meta({ description: '办结情况' }) }).nullable().meta({ description: '办结情况；尚未办结为 null' }),
    version: z.number().int().meta({ description: '版本号：移交、办结时带上，防止重复处理' }),
    abilities: z.object({ forward: z.boolean(), close: z.boolean() }).meta({ description: '当前用户对这条线索可做的操作' }),
  })
  .meta({ id: 'Clue', description: '一条违纪线索（党员干部参与土小企业违法经营或为其提供便利）' });
export type ClueDto = z.infer<typeof clueDto>;

export const clueListDto = listOf(clueDto, '一页违纪线索及符合条件的总数');
export type ClueListDto = z.infer<typeof clueListDto>;

/** Duties that merely assist another body (会同/配合/协助…) do not make a department the investigator. */
const ASSISTING = /^(会同|配合|协助|协同)/;

/**
 * The department clues are forwarded to, read from the campaign's department list: the one whose
 * own duties are to investigate disciplinary violations (违纪). Never a name written in code.
 * Undefined when the campaign has none; forwarding is then refused with NO_DISCIPLINE_DEPARTMENT.
 */
export function disciplineDepartment(definition: Pick<CampaignDefinition, 'departments'>): DepartmentDef | undefined {
  const score = (d: DepartmentDef) => d.duties.filter((duty) => /违纪/.test(duty) && !ASSISTING.test(duty)).length;
  const ranked = definition.departments.map((d) => ({ d, s: score(d) })).filter((x) => x.s > 0).sort((a, b) => b.s - a.s);
  return ranked[0]?.d;
}

export const NO_DISCIPLINE_DEPARTMENT = '本次行动的部门职责中没有负责查处违纪行为的部门，无法移交';

/** What a reporter gets back: only the id; the clue itself is not shown to them. */
export const clueReceiptDto = z
  .object({ id: z.number().int().meta({ description: '线索编号' }) })
  .meta({ description: '已登记：线索的编号（报告人不能查看线索本身）' });
export type ClueReceiptDto = z.infer<typeof clueReceiptDto>;
