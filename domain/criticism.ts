// 通报批评: the request schemas and DTOs of the criticism notice (drafted from the failed towns'
// verdicts, edited field by field, issued with its number and archived as a .docx).
import { calendarDate, timestamp } from './api.js';
import { entityId, isoDate, text } from './params.js';
import { addDays, todayInChina } from './time.js';
import { z } from './zod.js';
import { CRITICISM_STATUSES } from './workflows/criticismNotice.js';

export { CRITICISM_STATUSES, type CriticismStatus } from './workflows/criticismNotice.js';

/** POST /api/acceptance/notices — a draft naming the failed towns. */
export const noticeDraftSchema = z.strictObject({
  townIds: z
    .array(entityId, { error: '请选择验收不通过的镇街' })
    .min(1, { error: '请至少选择一个验收不通过的镇街' })
    .max(100)
    .refine((ids) => new Set(ids).size === ids.length, { error: '镇街有重复' }),
});

const required = (what: string, max: number) => text(max).min(1, { error: `请填写${what}` });

/** A date of the document: within a year of today either way (a year typed wrong would number the notice 〔9999〕). */
const nearDate = (what: string) =>
  isoDate.refine((d) => d >= addDays(todayInChina(), -366) && d <= addDays(todayInChina(), 366), { error: `${what}应在今天前后一年之内` });

/** PATCH /api/acceptance/notices/:id — the draft's fields, at the version read. */
export const noticeEditSchema = z.strictObject({
  version: z.int({ error: '缺少版本号，请刷新后重试' }).min(1),
  issuerMark: required('发文机关标志', 60),
  numberPrefix: required('发文字号前缀（如 某某办发）', 30).refine((s) => !/[〔〕\[\]\d]/.test(s), { error: '前缀只写机关代字，年份和序号由系统在印发时编排' }),
  title: required('标题', 500),
  addressees: required('主送机关', 300),
  body: required('正文', 20000),
  signature: required('发文机关署名', 60),
  datedOn: nearDate('成文日期'),
  copyTo: text(300).prefault(''),
  printedBy: required('印发机关', 60),
  printedOn: nearDate('印发日期'),
});
export type NoticeEdit = z.output<typeof noticeEditSchema>;

/** POST /api/acceptance/notices/:id/issue */
export const noticeIssueSchema = z.strictObject({ version: z.int({ error: '缺少版本号，请刷新后重试' }).min(1) });

export const noticeDto = z
  .object({
    id: z.number().int(),
    status: z.enum(CRITICISM_STATUSES).meta({ description: 'draft 草稿（可修改）、issued 已印发（已编号归档，不可修改）' }),
    towns: z.array(z.object({ id: z.number().int(), name: z.string() })).meta({ description: '被通报批评的镇街' }),
    number: z.string().nullable().meta({ description: '发文字号，印发时按顺序编排，如 某某办发〔2016〕1号' }),
    issuerMark: z.string(),
    numberPrefix: z.string(),
    title: z.string(),
    addressees: z.string(),
    body: z.string(),
    signature: z.string(),
    datedOn: calendarDate,
    copyTo: z.string(),
    printedBy: z.string(),
    printedOn: calendarDate,
    createdBy: z.string(),
    createdAt: timestamp,
    issuedBy: z.string().nullable(),
    issuedAt: timestamp.nullable(),
    documentSha256: z.string().nullable().meta({ description: '归档的 .docx 的 SHA-256（印发后）' }),
    version: z.number().int(),
    abilities: z.object({ edit: z.boolean(), issue: z.boolean() }),
  })
  .meta({ id: 'CriticismNotice', description: '通报批评' });
export type NoticeDto = z.infer<typeof noticeDto>;

export const noticeListDto = z.object({ items: z.array(noticeDto), canDraft: z.boolean() }).meta({ id: 'CriticismNoticeList', description: '看得到的通报批评，新的在前' });
export type NoticeListDto = z.infer<typeof noticeListDto>;
