// 用电核查 (issue 16 §4): the power company's account list (户号, 户名, 用电地址, monthly kWh…) read through
// the preview-and-confirm import, each account matched to the register, and the two flags: (a) a shut
// site whose use rises again (resumed), (b) a workshop-sized account matched to no registered workshop
// (unlisted, 清单外). The rules are pure and shared: the server applies them, the web shows the thresholds.
import { timestamp } from './api.js';
import { phoneSchema } from './enterprise.js';
import { toHalfWidth } from './phone.js';
import { entityId, idText, pageFields, text } from './params.js';
import type { Status } from './status.js';
import { WORKSHOP_WORKFLOW } from './workflows/workshop.js';
import { POWER_FLAG_STATES, POWER_IMPORT_STATUSES } from './workflows/powerFlag.js';
import { z } from './zod.js';

export { POWER_FLAG_STATES, POWER_IMPORT_STATUSES, type PowerFlagState, type PowerImportStatus } from './workflows/powerFlag.js';

// ---- Thresholds --------------------------------------------------------------------------------

/** A month is the cut when its use is at most this share of the mean of the months before it… */
export const CUT_SHARE = 0.1;
/** …or at most this many kWh. */
export const CUT_FLOOR_KWH = 50;
/** After the cut, a month at or above the larger of this… */
export const RESUME_FLOOR_KWH = 300;
/** …and this share of the mean before the cut is use again (with no cut inside the list, any month at RESUME_FLOOR_KWH). */
export const RESUME_SHARE = 0.3;
/** An account matched to no workshop whose median month reaches this is workshop-sized (清单外 suspect). */
export const UNLISTED_MEDIAN_KWH = 2000;

export const POWER_FLAGS = ['resumed', 'unlisted'] as const;
export type PowerFlag = (typeof POWER_FLAGS)[number];

export const MATCH_REASONS = ['account', 'phone', 'name'] as const;
export type MatchReason = (typeof MATCH_REASONS)[number];

/** The statuses of a shut site whose rising use is a suspected recurrence: those the workshop workflow can recur from. */
export const RESUMABLE_STATUSES: readonly Status[] = WORKSHOP_WORKFLOW.transitions.filter((t) => t.event === 'recur').flatMap((t) => t.from);

// ---- Cells and headers -------------------------------------------------------------------------

export type KwhCell = { ok: true; value: number | null } | { ok: false; problem: string };

const BLANK = /^[-—–/\\无空]*$/;

/** A kWh cell as power offices write it: 1234, '1,234', full-width digits, '1 234', '56度'; blank or a dash → null. */
export function parseKwh(raw: string): KwhCell {
  const s = toHalfWidth(raw).replace(/[\s\u00a0]/g, '');
  if (BLANK.test(s)) return { ok: true, value: null };
  const bare = s.replace(/(千瓦时|度|kwh|kw·h)$/i, '');
  if (!/^-?(\d{1,3}([,，]\d{3})+|\d+)(\.\d+)?$/.test(bare)) return { ok: false, problem: `无法识别的电量“${raw.trim().slice(0, 20)}”` };
  const value = Number(bare.replace(/[,，]/g, ''));
  if (value < 0) return { ok: false, problem: `电量不能为负数（${raw.trim()}）` };
  return { ok: true, value };
}

/** A month column's header: its year when it names one, and the month. */
export interface MonthHeader {
  year: number | null;
  month: number;
}

const MONTH_TAIL = /^(份)?(抄见)?(用电量|电量|用量|电度|kwh)?(\((千瓦时|kwh|kw·h|度)\))?$/i;

/**
 * Recognises a month column: `2016年3月电量`, `2016年03月用电量`, `2016-03`, `2016/3`, `2016.03`, `201603`,
 * `3月`, `3月份`, `3月电量(千瓦时)`; null for anything else.
 */
export function parseMonthHeader(header: string): MonthHeader | null {
  const s = toHalfWidth(header).replace(/[\s\u3000]/g, '').replace(/（/g, '(').replace(/）/g, ')').replace(/^(用电量|电量)/, '');
  const forms: [RegExp, boolean][] = [
    [/^(\d{4})(?:年|[-/.])(\d{1,2})月?(.*)$/, true],
    [/^(\d{4})(\d{2})(.*)$/, true],
    [/^(\d{1,2})月(.*)$/, false],
  ];
  for (const [re, withYear] of forms) {
    const m = re.exec(s);
    if (!m) continue;
    const year = withYear ? Number(m[1]) : null;
    const month = Number(withYear ? m[2] : m[1]);
    const tail = withYear ? m[3] : m[2];
    if (month < 1 || month > 12 || (year !== null && (year < 2000 || year > 2100)) || !MONTH_TAIL.test(tail)) continue;
    return { year, month };
  }
  return null;
}

/** The year a title or export line names (`（2016年3月—8月）`, `导出时间：2016-09-02`), else null. */
export function yearInText(lines: readonly string[]): number | null {
  for (const re of [/((?:19|20)\d{2})年/, /((?:19|20)\d{2})[-/.]\d{1,2}/]) for (const line of lines) {
    const m = re.exec(toHalfWidth(line));
    if (m) return Number(m[1]);
  }
  return null;
}

/**
 * The columns' months as 'YYYY-MM': a header's own year, else the year of the title rows, else the
 * campaign's year; months without a year that go back (…11月, 12月, 1月) roll into the next year.
 */
export function resolveMonths(headers: readonly MonthHeader[], contextYear: number | null, fallbackYear: number): string[] {
  let year = contextYear ?? fallbackYear;
  let last = 0;
  return headers.map((h) => {
    if (h.year !== null) year = h.year;
    else if (h.month < last) year++;
    last = h.month;
    return `${h.year ?? year}-${String(h.month).padStart(2, '0')}`;
  });
}


// ---- The flags ---------------------------------------------------------------------------------

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** The month the use fell to near nothing (the first such), and the mean of the months before it (null when it is the first). */
export function findCut(usage: readonly (number | null)[]): { index: number; meanBefore: number | null } | null {
  const before: number[] = [];
  for (let i = 0; i < usage.length; i++) {
    const v = usage[i];
    if (v === null) continue;
    const m = before.length > 0 ? mean(before) : null;
    if (v <= CUT_FLOOR_KWH || (m !== null && v <= CUT_SHARE * m)) return { index: i, meanBefore: m };
    before.push(v);
  }
  return null;
}

/** The use a month must reach after the cut to count as use again. */
export const resumeThreshold = (meanBefore: number | null): number => Math.max(RESUME_FLOOR_KWH, RESUME_SHARE * (meanBefore ?? 0));

/**
 * (a) At a shut site: after the cut, a later month rises again to the threshold; with no cut inside the
 * list (the cut came before it begins), any month at RESUME_FLOOR_KWH.
 */
export function isResumed(usage: readonly (number | null)[]): boolean {
  const cut = findCut(usage);
  if (!cut) return usage.some((v) => v !== null && v >= RESUME_FLOOR_KWH);
  const threshold = resumeThreshold(cut.meanBefore);
  return usage.slice(cut.index + 1).some((v) => v !== null && v >= threshold);
}

/** The median of the months with a reading (null when none has one). */
export function medianUsage(usage: readonly (number | null)[]): number | null {
  const xs = usage.filter((v): v is number => v !== null).sort((a, b) => a - b);
  if (xs.length === 0) return null;
  const mid = xs.length >> 1;
  return xs.length % 2 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
}

/** (b) Matched to no workshop, and the median month is workshop-sized — whatever the account's 用电类别. */
export function isUnlisted(usage: readonly (number | null)[]): boolean {
  const m = medianUsage(usage);
  return m !== null && m >= UNLISTED_MEDIAN_KWH;
}

/** The account's flag: resumed for a resumable matched workshop, unlisted for an unmatched one, else none. */
export function powerFlagOf(usage: readonly (number | null)[], matched: { status: Status } | null): PowerFlag | null {
  if (matched) return RESUMABLE_STATUSES.includes(matched.status) && isResumed(usage) ? 'resumed' : null;
  return isUnlisted(usage) ? 'unlisted' : null;
}

/** Why a resumed account recurs its site, in words for the workshop's history (反弹原因). */
export function describeResumption(accountNo: string, months: readonly string[], usage: readonly (number | null)[]): string {
  const cut = findCut(usage);
  const threshold = resumeThreshold(cut?.meanBefore ?? null);
  const from = cut ? cut.index + 1 : 0;
  const rising = usage
    .map((v, i) => ({ v, i }))
    .filter((x) => x.i >= from && x.v !== null && x.v >= threshold)
    .map((x) => `${months[x.i]} ${x.v} 千瓦时`);
  const cutText = cut ? `${months[cut.index]} 用电降至 ${usage[cut.index]} 千瓦时后，` : '';
  return `用电核查发现恢复生产：户号 ${accountNo}，${cutText}${rising.join('、')}`;
}

// ---- Requests ----------------------------------------------------------------------------------

/** POST /api/power-imports (multipart/form-data): the fields the route reads. */
export const powerImportUploadSchema = z
  .object({
    townId: idText('镇街').meta({ description: '清单所属的镇街 id' }),
    file: z.file().meta({ description: '供电所的用电户清单（.xlsx 或 .csv，UTF-8 或 GBK），一次一个' }),
  })
  .meta({ description: '上传的用电户清单（multipart/form-data）' });

export const powerImportListQuerySchema = z.strictObject(pageFields({ maxPageSize: 100, defaultPageSize: 20 }));

export const powerRowsQuerySchema = z.strictObject({
  flag: z.enum([...POWER_FLAGS, 'problems', 'matched'], { error: '筛选条件只能是 resumed、unlisted、problems 或 matched' }).optional(),
  ...pageFields({ maxPageSize: 200, defaultPageSize: 50 }),
});

export const powerImportDecisionSchema = z.strictObject({}).prefault({});

export const powerFlagQuerySchema = z.strictObject({
  state: z.enum(POWER_FLAG_STATES, { error: '状态只能是 open、recurred、registered、dismissed 或 superseded' }).optional(),
  flag: z.enum(POWER_FLAGS, { error: '类型只能是 resumed 或 unlisted' }).optional(),
  town: idText('镇街').optional(),
  ...pageFields({ maxPageSize: 100, defaultPageSize: 20 }),
});

export const powerRecurSchema = z.strictObject({
  note: text(500).prefault('').meta({ description: '补充说明（可空）：反弹原因中已写明户号和用电量' }),
});
export type PowerRecur = z.output<typeof powerRecurSchema>;

export const powerRegisterSchema = z.strictObject({
  name: text(100).min(1, { error: '请填写企业名称' }),
  kind: z.string({ error: '请选择企业类型' }).min(1, { error: '请选择企业类型' }).max(40),
  villageId: entityId.nullable().prefault(null),
  address: text(200).prefault(''),
  contactPerson: text(50).prefault(''),
  phone: phoneSchema.prefault(''),
  notes: text(2000).prefault(''),
  confirmedDistinctFrom: z.array(entityId).max(50).prefault([]).meta({ description: '已确认不是同一家的疑似重复企业' }),
});
export type PowerRegister = z.output<typeof powerRegisterSchema>;
export type PowerRegisterInput = z.input<typeof powerRegisterSchema>;

export const powerDismissSchema = z.strictObject({
  reason: z.string({ error: '请填写排除理由' }).trim().min(2, { error: '请填写排除理由（至少 2 个字）' }).max(500, { error: '排除理由不能超过 500 个字' }),
});
export type PowerDismiss = z.output<typeof powerDismissSchema>;

// ---- Answers -----------------------------------------------------------------------------------

export const POWER_FIELDS = ['accountNo', 'holder', 'address', 'phone', 'station', 'line', 'category', 'note', 'lng', 'lat', 'month'] as const;
export type PowerField = (typeof POWER_FIELDS)[number];

const powerColumn = z.object({
  index: z.number().int(),
  header: z.string(),
  field: z.enum(POWER_FIELDS).nullable().meta({ description: '对应的字段（month 为某月电量；null 为不读取的列）' }),
  month: z.string().nullable().meta({ description: '电量列的月份 YYYY-MM' }),
});
export type PowerColumn = z.infer<typeof powerColumn>;

const rowProblem = z.object({ field: z.string(), message: z.string() });
export type PowerRowProblem = z.infer<typeof rowProblem>;

export const powerImportDto = z
  .object({
    id: z.number().int(),
    town: z.object({ id: z.number().int(), name: z.string() }),
    fileName: z.string(),
    status: z.enum(POWER_IMPORT_STATUSES),
    months: z.array(z.string()).meta({ description: '电量的月份，YYYY-MM' }),
    columns: z.array(powerColumn).meta({ description: '找到的表头及其对应字段' }),
    rowCount: z.number().int(),
    matchedCount: z.number().int().meta({ description: '对上台账中企业的户数' }),
    resumedCount: z.number().int().meta({ description: '已取缔企业用电回升的户数' }),
    unlistedCount: z.number().int().meta({ description: '未对上企业、用电量达企业规模的户数（清单外）' }),
    problemCount: z.number().int().meta({ description: '有问题的行数（缺户号、电量无法识别等）' }),
    createdAt: timestamp,
    createdBy: z.string(),
    confirmedAt: timestamp.nullable(),
    abilities: z.object({ confirm: z.boolean(), discard: z.boolean() }),
  })
  .meta({ id: 'PowerImport', description: '一次导入的用电户清单' });
export type PowerImportDto = z.infer<typeof powerImportDto>;

export const powerAccountDto = z
  .object({
    id: z.number().int(),
    importId: z.number().int(),
    rowNo: z.number().int(),
    town: z.object({ id: z.number().int(), name: z.string() }),
    accountNo: z.string(),
    holder: z.string(),
    address: z.string(),
    phone: z.string(),
    station: z.string().meta({ description: '台区' }),
    line: z.string().meta({ description: '线路/杆号' }),
    category: z.string().meta({ description: '用电类别' }),
    note: z.string(),
    lng: z.number().nullable(),
    lat: z.number().nullable(),
    months: z.array(z.string()),
    usage: z.array(z.number().nullable()).meta({ description: '各月电量（千瓦时），与 months 对应；空为无读数' }),
    enterprise: z.object({ id: z.number().int(), name: z.string(), status: z.string() }).nullable().meta({ description: '对上的企业' }),
    matchReason: z.enum(MATCH_REASONS).nullable().meta({ description: 'account 户号相同、phone 电话相同、name 同镇街名称相同' }),
    flag: z.enum(POWER_FLAGS).nullable().meta({ description: 'resumed 已取缔企业用电回升、unlisted 清单外大户' }),
    state: z.enum(POWER_FLAG_STATES).nullable().meta({ description: '核查状态（确认导入后的异常户）：open 待核查、recurred 已确认反弹、registered 已登记为企业、dismissed 已排除、superseded 已由同一户号的新清单取代' }),
    reviewReason: z.string(),
    reviewedBy: z.string(),
    reviewedAt: timestamp.nullable(),
    createdEnterpriseId: z.number().int().nullable(),
    problems: z.array(rowProblem),
    abilities: z.object({ recur: z.boolean(), register: z.boolean(), dismiss: z.boolean() }),
  })
  .meta({ id: 'PowerAccount', description: '用电户清单中的一户' });
export type PowerAccountDto = z.infer<typeof powerAccountDto>;

export const powerImportPreviewDto = z
  .object({
    import: powerImportDto,
    problems: z.array(rowProblem.extend({ rowNo: z.number().int() })).meta({ description: '有问题的行（前 200 条）' }),
    rows: z.array(powerAccountDto).meta({ description: '前 50 户（其余分页读取）' }),
  })
  .meta({ id: 'PowerImportPreview', description: '用电户清单的预览：此时尚未进入核查清单' });
export type PowerImportPreviewDto = z.infer<typeof powerImportPreviewDto>;

export const powerRowsDto = z
  .object({ items: z.array(powerAccountDto), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
  .meta({ id: 'PowerAccounts', description: '一页用电户' });
export type PowerRowsDto = z.infer<typeof powerRowsDto>;

const stateCounts = z.object({ open: z.number().int(), recurred: z.number().int(), registered: z.number().int(), dismissed: z.number().int(), superseded: z.number().int() });

export const powerFlagListDto = z
  .object({
    items: z.array(powerAccountDto),
    total: z.number().int(),
    counts: z.object({ resumed: stateCounts, unlisted: stateCounts }).meta({ description: '管辖范围内各类异常户按状态的数量' }),
  })
  .meta({ id: 'PowerFlags', description: '待核查和已处理的用电异常户，最新的在前' });
export type PowerFlagListDto = z.infer<typeof powerFlagListDto>;

export const powerRegisterResultDto = z
  .object({ flag: powerAccountDto, enterpriseId: z.number().int() })
  .meta({ id: 'PowerRegistered', description: '已登记为企业' });
export type PowerRegisterResultDto = z.infer<typeof powerRegisterResultDto>;
