// 验收 (notice 二（三）; issue 15): the inspection group's spot-check draw. The size of a town's
// sample (a share of its eligible workshops, at least a minimum, never more than there are), the
// routes' request schemas and the DTOs they answer with. The draw itself — the seeded ranking
// anyone can re-run — is `server/acceptance/draw.ts`, documented in docs/acceptance-stage.md.
import { calendarDate, timestamp } from './api.js';
import { verdictSchema, VERDICT_REASONS } from './enterprise.js';
import { entityId, idField, isoDate, text } from './params.js';
import { addDays, todayInChina } from './time.js';
import { z } from './zod.js';
import { DRAW_ROUNDS, DRAW_STATUSES } from './workflows/acceptanceDraw.js';
import { TOWN_ACCEPTANCE_STATUSES } from './workflows/townAcceptance.js';

export { DRAW_ROUNDS, DRAW_STATUSES, type DrawRound, type DrawStatus } from './workflows/acceptanceDraw.js';
export { TOWN_ACCEPTANCE_STATUSES, type TownAcceptanceStatus } from './workflows/townAcceptance.js';
export { drawRoundLabels, drawStatusLabels, sampleHowLabels, townVerdictLabels } from './i18n/acceptanceLabels.zh-CN.js';

/** The name and version of the draw algorithm a draw records (docs/acceptance-stage.md). */
export const DRAW_ALGORITHM = 'sha256-rank-v1';

export const CHOSEN_MAX = 200;

/** A sampled workshop as a draw stores it (in draw order). */
export interface SampledSite {
  id: number;
  how: 'chosen' | 'random';
}

/** A draw's stored sample (the `sample` column's JSON). */
export const parseSample = (json: string): SampledSite[] => JSON.parse(json) as SampledSite[];
export const MINIMUM_MAX = 1000;

/**
 * How many workshops a town's sample holds: `sharePercent` of the eligible ones rounded up, at least
 * `minimum`, at most all of them. Chosen sites that are eligible count towards it; the rest is drawn.
 */
export function sampleSize(eligible: number, sharePercent: number, minimum: number): number {
  const share = Math.floor((eligible * sharePercent + 99) / 100);
  return Math.min(eligible, Math.max(minimum, share));
}

const int = (what: string, min: number, max: number) =>
  z.int({ error: `${what}应为整数` }).min(min, { error: `${what}不能小于 ${min}` }).max(max, { error: `${what}不能大于 ${max}` });

/** POST /api/acceptance/draws — a draw, or a redraw replacing the live draw of the town and round. */
export const drawSchema = z.strictObject({
  townId: idField('镇街'),
  round: z.enum(DRAW_ROUNDS, { error: '抽查轮次应为 initial（验收抽查）或 reinspection（整改复查）' }).prefault('initial'),
  sharePercent: int('抽查比例', 1, 100).meta({ description: '抽查比例（%），向上取整' }),
  minimum: int('每镇街最少抽查数', 0, MINIMUM_MAX).meta({ description: '每镇街最少抽查企业数' }),
  chosen: z
    .array(entityId, { error: '指定抽查的企业应为编号列表' })
    .max(CHOSEN_MAX, { error: `最多指定 ${CHOSEN_MAX} 家企业` })
    .refine((ids) => new Set(ids).size === ids.length, { error: '指定的企业有重复' })
    .prefault([])
    .meta({ description: '验收组指定必查的企业（计入抽查数）' }),
  replaces: entityId.optional().meta({ description: '重新抽取时：被取代的当前抽查编号（须与当前有效的抽查一致）' }),
  reason: text(500).prefault('').meta({ description: '重新抽取的原因（重新抽取时必填）' }),
});
export type DrawInput = z.output<typeof drawSchema>;

/** POST /api/acceptance/draws/:id/publish */
export const drawPublishSchema = z.strictObject({ version: z.int({ error: '缺少版本号，请刷新后重试' }).min(1, { error: '版本号应为正整数' }) });

/** POST /api/acceptance/draws/:id/checks — 现场检查 of one sampled workshop. */
export const siteCheckSchema = z.strictObject({
  enterpriseId: idField('企业'),
  items: z
    .array(
      z.strictObject({
        code: z.string({ error: '缺少取缔标准项代码' }).min(1, { error: '缺少取缔标准项代码' }).max(40),
        held: z.boolean({ error: '请逐项选择是否符合取缔标准' }),
        note: text(500).prefault(''),
      }),
      { error: '请逐项记录检查情况' },
    )
    .min(1, { error: '请逐项记录检查情况' })
    .max(20)
    .refine((items) => new Set(items.map((i) => i.code)).size === items.length, { error: '取缔标准项有重复' })
    .meta({ description: '行动定义中每个取缔标准项的检查情况：held 是否仍符合该项标准，note 说明' }),
  evidenceIds: z
    .array(entityId)
    .max(50, { error: '最多关联 50 个影像文件' })
    .refine((ids) => new Set(ids).size === ids.length, { error: '影像文件有重复' })
    .prefault([])
    .meta({ description: '现场拍摄的照片、视频：该企业自己的影像文件编号（先以 recordType=enterprise 上传）' }),
  result: verdictSchema.meta({ description: '该企业的验收结论：accepted 通过；rejected 不通过（原因、发现的问题），企业退回整改' }),
});
export type SiteCheckInput = z.output<typeof siteCheckSchema>;

/** POST /api/acceptance/towns/:townId/hearings — 听取汇报. */
export const hearingSchema = z.strictObject({
  heldOn: isoDate.refine((d) => d <= todayInChina(), { error: '汇报日期不能晚于今天' }),
  reporter: text(100).min(2, { error: '请填写汇报人（姓名、职务）' }),
  summary: text(4000).min(2, { error: '请填写汇报内容摘要' }),
});
export type HearingInput = z.output<typeof hearingSchema>;

/** The version of the town's verdict the change was read at; 0 before the first decision. */
const verdictVersion = z.int({ error: '缺少版本号，请刷新后重试' }).min(0, { error: '版本号不能为负数' });

/** POST /api/acceptance/towns/:townId/pass — 验收通过 (after the acceptance, or the re-inspection). */
export const townPassSchema = z.strictObject({ version: verdictVersion, findings: text(4000).prefault('') });

/** POST /api/acceptance/towns/:townId/fail — 验收不通过, for the notice's reasons. */
export const townFailSchema = z.strictObject({
  version: verdictVersion,
  reasons: z
    .array(z.enum(VERDICT_REASONS, { error: '原因应为行动不力、包庇隐瞒或未按要求完成' }), { error: '请选择验收不通过的原因' })
    .min(1, { error: '请至少选择一项验收不通过的原因' })
    .refine((r) => new Set(r).size === r.length, { error: '原因有重复' }),
  findings: text(4000).min(2, { error: '请写明发现的问题' }),
});

/** POST /api/acceptance/towns/:townId/rectify — 限期整改. */
export const townRectifySchema = z.strictObject({
  version: verdictVersion,
  rectifyBy: isoDate
    .refine((d) => d >= todayInChina(), { error: '整改期限不能早于今天' })
    .refine((d) => d <= addDays(todayInChina(), 366), { error: '整改期限不能超过一年' }),
  requirements: text(4000).min(2, { error: '请写明整改要求' }),
});

/** PUT /api/acceptance/towns/:townId/explanation — the principal's 书面说明. */
export const townExplanationSchema = z.strictObject({ version: verdictVersion, explanation: text(8000).min(10, { error: '书面说明至少 10 个字' }) });

export const townVerdictDto = z
  .object({
    status: z.enum(TOWN_ACCEPTANCE_STATUSES).meta({ description: 'pending 待验收、passed 验收通过、failed 验收不通过、rectifying 限期整改中' }),
    reasons: z.array(z.enum(VERDICT_REASONS)),
    findings: z.string(),
    decidedBy: z.string().nullable(),
    decidedAt: timestamp.nullable(),
    rectifyBy: calendarDate.nullable().meta({ description: '整改期限' }),
    requirements: z.string().meta({ description: '整改要求' }),
    overdue: z.boolean().meta({ description: '整改期限已过而未复查通过' }),
    explanation: z.string().meta({ description: '主要负责人的书面说明' }),
    explainedBy: z.string().nullable(),
    explainedAt: timestamp.nullable(),
    version: z.number().int().meta({ description: '版本号（尚无结论时为 0）' }),
    abilities: z.object({ pass: z.boolean(), fail: z.boolean(), rectify: z.boolean(), explain: z.boolean() }),
  })
  .meta({ id: 'TownVerdict', description: '镇街的验收结论、限期整改和书面说明' });
export type TownVerdictDto = z.infer<typeof townVerdictDto>;

export const siteCheckDto = z
  .object({
    id: z.number().int(),
    items: z.array(z.object({ code: z.string(), name: z.string(), held: z.boolean(), note: z.string() })),
    verdict: z.enum(['accepted', 'rejected']),
    reasons: z.array(z.enum(VERDICT_REASONS)),
    findings: z.string(),
    evidenceIds: z.array(z.number().int()),
    checkedBy: z.string(),
    checkedAt: timestamp,
  })
  .meta({ id: 'SiteCheck', description: '对一家抽中企业的现场检查' });
export type SiteCheckDto = z.infer<typeof siteCheckDto>;

export const hearingDto = z
  .object({ id: z.number().int(), heldOn: calendarDate, reporter: z.string(), summary: z.string(), recordedBy: z.string(), recordedAt: timestamp })
  .meta({ id: 'AcceptanceHearing', description: '听取镇街汇报的记录' });
export type HearingDto = z.infer<typeof hearingDto>;

export const drawSampleDto = z
  .object({
    enterpriseId: z.number().int(),
    name: z.string(),
    address: z.string(),
    villageName: z.string().nullable(),
    how: z.enum(['chosen', 'random']).meta({ description: 'chosen 指定、random 随机抽中' }),
    check: siteCheckDto.nullable().meta({ description: '现场检查记录；尚未检查时为 null' }),
  })
  .meta({ id: 'DrawSample', description: '抽中的一家企业' });

export const drawDto = z
  .object({
    id: z.number().int(),
    townId: z.number().int(),
    townName: z.string(),
    round: z.enum(DRAW_ROUNDS).meta({ description: 'initial 验收抽查、reinspection 整改复查' }),
    seq: z.number().int().meta({ description: '该镇街该轮次的第几次抽取' }),
    status: z.enum(DRAW_STATUSES).meta({ description: 'drawn 已抽取未发布、published 已发布给镇街、superseded 已被重新抽取取代' }),
    sharePercent: z.number().int(),
    minimum: z.number().int(),
    algorithm: z.string().meta({ description: '抽取算法及版本（见 docs/acceptance-stage.md）' }),
    seed: z.string().meta({ description: '服务器生成的随机种子（十六进制），抽取时记录并公布' }),
    eligibleIds: z.array(z.number().int()).meta({ description: '抽取时符合条件的企业编号（升序）' }),
    eligibleSha256: z.string().meta({ description: '符合条件企业编号列表（逗号连接）的 SHA-256' }),
    chosenIds: z.array(z.number().int()),
    sample: z.array(drawSampleDto).meta({ description: '抽中的企业：先指定，后按随机顺序' }),
    reason: z.string().meta({ description: '重新抽取的原因' }),
    drawnBy: z.string(),
    drawnAt: timestamp,
    publishedBy: z.string().nullable(),
    publishedAt: timestamp.nullable(),
    supersededAt: timestamp.nullable(),
    version: z.number().int(),
    abilities: z.object({ publish: z.boolean(), redraw: z.boolean(), check: z.boolean().meta({ description: '可否记录现场检查（已发布、未被取代的抽查，验收组）' }) }),
  })
  .meta({ id: 'AcceptanceDraw', description: '一次验收抽查（可据种子和符合条件的企业列表复核）' });
export type DrawDto = z.infer<typeof drawDto>;

const drawSummaryDto = z
  .object({
    id: z.number().int(),
    seq: z.number().int(),
    status: z.enum(DRAW_STATUSES),
    sampleCount: z.number().int().meta({ description: '抽中企业数' }),
    checkedCount: z.number().int().meta({ description: '已现场检查数' }),
    failedCount: z.number().int().meta({ description: '现场检查不通过数' }),
    drawnAt: timestamp,
    publishedAt: timestamp.nullable(),
  })
  .nullable()
  .meta({ description: '当前有效的抽查（当前用户看得到的），没有时为 null' });

export const acceptanceTownDto = z
  .object({
    townId: z.number().int(),
    townName: z.string(),
    eligible: z.object({ initial: z.number().int(), reinspection: z.number().int() }).meta({ description: '各轮次当前符合抽查条件的企业数' }),
    initial: drawSummaryDto,
    reinspection: drawSummaryDto,
    verdict: z.enum(TOWN_ACCEPTANCE_STATUSES).meta({ description: '镇街验收结论' }),
    rectifyBy: calendarDate.nullable().meta({ description: '整改期限' }),
    overdue: z.boolean().meta({ description: '整改期限已过而未复查通过' }),
    reasons: z.array(z.enum(VERDICT_REASONS)).meta({ description: '验收不通过的原因' }),
    findings: z.string().meta({ description: '验收结论中写明的问题' }),
    explained: z.boolean().meta({ description: '主要负责人是否已提交书面说明' }),
    notices: z.array(z.string()).meta({ description: '点名该镇街的已印发通报批评的发文字号' }),
  })
  .meta({ id: 'AcceptanceTown', description: '一个镇街的验收抽查情况' });
export type AcceptanceTownDto = z.infer<typeof acceptanceTownDto>;

export const acceptanceOverviewDto = z
  .object({ towns: z.array(acceptanceTownDto), canDraw: z.boolean().meta({ description: '当前用户可否抽查' }), canExport: z.boolean().meta({ description: '当前用户可否导出验收结果（.xlsx）' }) })
  .meta({ id: 'AcceptanceOverview', description: '各镇街验收抽查情况' });
export type AcceptanceOverviewDto = z.infer<typeof acceptanceOverviewDto>;

export const acceptanceTownDetailDto = z
  .object({
    townId: z.number().int(),
    townName: z.string(),
    eligible: z.object({ initial: z.number().int(), reinspection: z.number().int() }),
    draws: z.array(drawDto).meta({ description: '当前用户看得到的各次抽取，新的在前' }),
    hearings: z.array(hearingDto).meta({ description: '听取汇报的记录，新的在前' }),
    verdict: townVerdictDto,
    canDraw: z.boolean(),
    canRecordHearing: z.boolean(),
  })
  .meta({ id: 'AcceptanceTownDetail', description: '一个镇街的各次验收抽查' });
export type AcceptanceTownDetailDto = z.infer<typeof acceptanceTownDetailDto>;
