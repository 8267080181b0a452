// 违法案件 (notice 三（二）: 依法开展调查取证，依法进行处罚，及时向纪检、公安部门移交有关案件; issue 14
// deliverable 5): the departments the campaign marks record, for a workshop, the violation found and
// its evidence (实体取证, the workshop's files), the penalty decision (number, amount, date, status),
// and transfers — to the police (suspected environmental crime), acknowledged by the receiving unit,
// or to discipline, which files a disciplinary clue and follows the clue rules (seen only by
// discipline and the office director; the transferring department keeps only the clue's number).
import { calendarDate, timestamp } from './api.js';
import { departmentsRecording, type CampaignDefinition } from './campaign.js';
import { CLUE_CONDUCTS, disciplineDepartment } from './selfInspection.js';
import { entityId, idText, isoDate, pageFields, text, versionField } from './params.js';
import { todayInChina } from './time.js';
import { z } from './zod.js';

export const PENALTY_STATUSES = ['issued', 'served', 'executed', 'enforcement', 'contested', 'revoked'] as const;
export type PenaltyStatus = (typeof PENALTY_STATUSES)[number];
export const TRANSFER_KINDS = ['police', 'discipline'] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];
export { penaltyStatusLabels, transferKindLabels } from './i18n/labels.zh-CN.js';

const LONG = 4000;
/** The largest fine a form accepts, in yuan (10 亿): beyond any administrative penalty; a typo guard. */
export const MAX_FINE_YUAN = 1_000_000_000;

const pastDate = (what: string) => isoDate.refine((d) => d <= todayInChina(), { error: `${what}不能晚于今天` });

/** Yuan with at most two decimals (分), kept as whole 分 on the server. */
const amount = z
  .number({ error: '罚款金额须为数字（元）' })
  .min(0, { error: '罚款金额不能为负数' })
  .max(MAX_FINE_YUAN, { error: '罚款金额过大，请核对（单位：元）' })
  .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, { error: '罚款金额最多保留两位小数（分）' });

export const penaltySchema = z.strictObject({
  decisionNumber: text(60).min(1, { error: '请填写处罚决定书文号' }),
  amount: amount.meta({ description: '罚款金额（元，最多两位小数；没有罚款填 0）' }),
  decidedOn: pastDate('处罚决定日期'),
  status: z.enum(PENALTY_STATUSES, { error: '请选择处罚执行状态' }),
});
export type Penalty = z.output<typeof penaltySchema>;

const evidenceIds = z.array(entityId).max(50, { error: '最多关联 50 个影像文件' }).meta({ description: '该企业已上传的影像文件编号（实体取证）' });

export const caseCreateSchema = z.strictObject({
  foundOn: pastDate('查处日期'),
  violation: text(LONG).min(2, { error: '请写明查实的违法事实' }),
  evidenceIds: evidenceIds.default([]),
  penalty: penaltySchema.nullable().default(null).meta({ description: '行政处罚决定；尚未作出为 null' }),
});
export type CaseCreate = z.output<typeof caseCreateSchema>;

/** PATCH /api/cases/:id — the recording department adds or corrects the penalty decision and the evidence. */
export const caseUpdateSchema = z.strictObject({
  version: versionField,
  violation: text(LONG).min(2, { error: '请写明查实的违法事实' }).optional(),
  evidenceIds: evidenceIds.optional(),
  penalty: penaltySchema.nullable().optional(),
});
export type CaseUpdate = z.output<typeof caseUpdateSchema>;

/** POST /api/cases/:id/transfers — to the police (the campaign's receiving department) or to discipline (a clue). */
export const caseTransferSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('police'),
      departmentCode: text(40).min(1, { error: '请选择接收的公安部门' }),
      reason: text(LONG).min(2, { error: '请写明涉嫌环境污染犯罪的事实和移交理由' }),
    }),
    z.strictObject({
      kind: z.literal('discipline'),
      person: text(50).min(1, { error: '请填写当事人姓名' }),
      post: text(200).min(1, { error: '请填写当事人职务或单位' }),
      conduct: z.enum(CLUE_CONDUCTS, { error: '请选择违纪情形' }),
      description: text(LONG).min(2, { error: '请写明违纪事实' }),
    }),
  ],
  { error: '请选择移交公安或移交纪检' },
);
export type CaseTransfer = z.output<typeof caseTransferSchema>;

/** POST /api/case-transfers/:id/acknowledge — the receiving unit signs for it (签收), with its own reference number. */
export const transferAcknowledgeSchema = z.strictObject({
  reference: text(60).default('').meta({ description: '接收单位的受理编号（可不填）' }),
  note: text(1000).default(''),
});
export type TransferAcknowledge = z.output<typeof transferAcknowledgeSchema>;

export const caseQuerySchema = z.strictObject({ town: idText('镇街').optional(), ...pageFields({ maxPageSize: 100, defaultPageSize: 20 }) });

export const caseTransferDto = z
  .object({
    id: z.number().int(),
    kind: z.enum(TRANSFER_KINDS).meta({ description: 'police 移交公安（涉嫌环境污染犯罪）、discipline 移交纪检（违纪线索）' }),
    to: z.string().meta({ description: '接收单位' }),
    toCode: z.string(),
    reason: z.string().meta({ description: '移交理由；移交纪检的内容按违纪线索的规定只在线索中可见，此处为空' }),
    clueId: z.number().int().nullable().meta({ description: '移交纪检时登记的违纪线索编号' }),
    transferredBy: z.string(),
    transferredAt: timestamp,
    acknowledged: z
      .object({ by: z.string(), at: timestamp, reference: z.string(), note: z.string() })
      .nullable()
      .meta({ description: '接收单位的签收；尚未签收为 null' }),
    abilities: z.object({ acknowledge: z.boolean() }),
  })
  .meta({ id: 'CaseTransfer', description: '案件移交（公安或纪检）及接收单位的签收' });
export type CaseTransferDto = z.infer<typeof caseTransferDto>;

export const caseDto = z
  .object({
    id: z.number().int(),
    version: z.number().int(),
    enterprise: z.object({ id: z.number().int(), name: z.string(), townName: z.string(), villageName: z.string().nullable() }),
    department: z.object({ code: z.string(), name: z.string() }).meta({ description: '查处部门' }),
    foundOn: calendarDate,
    violation: z.string().meta({ description: '查实的违法事实' }),
    evidenceIds: z.array(z.number().int()),
    penalty: z
      .object({ decisionNumber: z.string(), amount: z.number().meta({ description: '罚款金额（元）' }), decidedOn: calendarDate, status: z.enum(PENALTY_STATUSES) })
      .nullable()
      .meta({ description: '行政处罚决定；尚未作出为 null。status：issued 已作出、served 已送达、executed 已执行完毕、enforcement 申请法院强制执行、contested 复议或诉讼中、revoked 已撤销' }),
    transfers: z.array(caseTransferDto).meta({ description: '当前用户可见的移交；移交纪检只有查处部门、纪检和办公室主任可见' }),
    recordedBy: z.string(),
    recordedAt: timestamp,
    abilities: z.object({
      update: z.boolean().meta({ description: '可补充处罚决定和证据（查处部门、办公室）' }),
      transferPolice: z.boolean(),
      transferDiscipline: z.boolean(),
    }),
  })
  .meta({ id: 'Case', description: '一起违法案件：违法事实与实体取证、行政处罚决定、移交公安或纪检' });
export type CaseDto = z.infer<typeof caseDto>;

export const caseListDto = z
  .object({
    items: z.array(caseDto),
    total: z.number().int(),
    canRecord: z.boolean().meta({ description: '当前用户可为该企业登记案件（企业的列表）' }),
    policeUnits: z.array(z.object({ code: z.string(), name: z.string() })).meta({ description: '可接收涉嫌环境污染犯罪移交的部门（行动定义）' }),
  })
  .meta({ id: 'Cases', description: '违法案件，最新的在前' });
export type CaseListDto = z.infer<typeof caseListDto>;

/** Whole 分 from yuan, and back. */
export const fenOf = (yuan: number): number => Math.round(yuan * 100);
export const yuanOf = (fen: number): number => fen / 100;

/** Who records cases, who receives crime transfers, and whether the campaign has a discipline department (campaign data). */
export interface CaseParties {
  recorders: readonly string[];
  receivers: readonly string[];
  hasDiscipline: boolean;
}

export function caseParties(def: Pick<CampaignDefinition, 'departments'>): CaseParties {
  return { recorders: departmentsRecording(def, 'cases'), receivers: departmentsRecording(def, 'crime_transfers'), hasDiscipline: disciplineDepartment(def) !== undefined };
}
