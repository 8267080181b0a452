// Route parameters and paging that many routes share, declared once.
import { z } from './zod.js';

/**
 * The largest id a record can have. Both databases hold ids as 32-bit integers (PostgreSQL
 * `integer`, `serial`): a larger number names no record and must never reach a query, where
 * PostgreSQL would refuse it as out of range.
 */
export const MAX_ID = 2_147_483_647;

/** Whether `n` can be a record's id (1 … MAX_ID). */
export const isRecordId = (n: number): boolean => Number.isInteger(n) && n >= 1 && n <= MAX_ID;

/** What a JSON value is, in words, for a message that says what was sent instead of a number. */
function sentAs(input: unknown): string {
  if (typeof input === 'string') return '文字';
  if (Array.isArray(input)) return '列表';
  if (input === null) return '空值（null）';
  if (typeof input === 'boolean') return '真假值';
  if (typeof input === 'object') return '对象';
  return '非整数';
}

interface IntMessages {
  /** When the field is absent. */
  missing: string;
  /** When it is not an integer (a JSON string, an array, 3.5; in a URL anything but plain digits). */
  notInteger: (input: unknown) => string;
  tooSmall: string;
  tooBig: string;
}

/** An integer the databases hold (32-bit), from `min`; one message per thing that can be wrong. */
function int32(m: IntMessages, min = 1, max = MAX_ID) {
  const n = z
    .int32({ error: (iss) => (iss.input === undefined ? m.missing : iss.code === 'too_big' ? m.tooBig : iss.code === 'too_small' ? m.tooSmall : m.notInteger(iss.input)) })
    .min(min, { error: m.tooSmall });
  return max < MAX_ID ? n.max(max, { error: m.tooBig }) : n;
}

/**
 * A whole number written in a URL (path or query string) or a form field: plain decimal digits
 * only. `0x10`, `1e3`, ` 3`, `3.0` and `-1` stay text and are refused; JSON bodies are never coerced.
 */
function fromDigits(v: unknown): unknown {
  return typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
}

/** Digits in a URL or a form field, as a number the schema then bounds; the API documents it as an integer. */
const digits = <T extends z.ZodType>(schema: T) => z.preprocess(fromDigits, schema);

/**
 * A record's id in a URL (`/api/…/:id`): plain digits. Anything else is refused (400); digits no
 * record can have (0, past MAX_ID) answer 404 like any unknown id (server/plugins/errorHandler.ts).
 */
export const recordIdParam = digits(
  int32({ missing: '缺少编号', notInteger: () => '编号只能由数字组成', tooSmall: '没有这个编号的记录', tooBig: '没有这个编号的记录' }),
);

export const idParams = z.strictObject({ id: recordIdParam });
export const townParams = z.strictObject({ townId: recordIdParam });

/** `page` and `pageSize` of a paged list: pages from 1, at most `maxPageSize` rows a page. */
export function pageFields(opts: { maxPageSize?: number; defaultPageSize?: number; unit?: string } = {}) {
  const { maxPageSize = 100, defaultPageSize = 20, unit = '条' } = opts;
  const page = { missing: '页码从 1 开始', notInteger: () => '页码只能由数字组成', tooSmall: '页码从 1 开始', tooBig: '页码不能超过 100000' };
  const size = { missing: '每页条数应为正整数', notInteger: () => '每页条数只能由数字组成', tooSmall: '每页至少 1 条', tooBig: `每页最多 ${maxPageSize} ${unit}` };
  // prefault, not default: the default goes through the check too, and stays in the API's document.
  return {
    page: digits(int32(page, 1, 100000)).prefault(1),
    pageSize: digits(int32(size, 1, maxPageSize)).prefault(defaultPageSize),
  };
}

/** Free text, trimmed, at most `max` characters (字). */
export const text = (max: number) => z.string().trim().max(max, { error: `不能超过 ${max} 个字` });

const idMessages = (what: string, missing: string): IntMessages => ({
  missing,
  notInteger: (input) => `${what}编号应为整数，收到的是${sentAs(input)}`,
  tooSmall: `${what}编号应为正整数`,
  tooBig: `${what}编号超出范围（最大 ${MAX_ID}）`,
});

/**
 * A record's id in a JSON body (a town, a village, a workshop…): a JSON number — not `"3"`, not
 * `[3]` — from 1 to MAX_ID. `what` names the record in the messages (镇街 → 请选择镇街).
 */
export function idField(what = '', missing = what ? `请选择${what}` : '缺少编号') {
  return int32(idMessages(what, missing));
}

/** A record's id in a JSON body, unnamed (the field's label names it). */
export const entityId = idField();

/** A record's id in a query string or a form field (`?parent=3`, the import's `townId`): plain digits, 1 … MAX_ID. */
export function idText(what = '', missing = what ? `请选择${what}` : '缺少编号') {
  return digits(int32({ ...idMessages(what, missing), notInteger: () => `${what}编号只能由数字组成` }));
}

/**
 * A unit named in a query string (`?town=`, `?village=`): its id (plain digits, 1 … MAX_ID) or its
 * name as officials type it.
 */
export function unitRef(what: string, max: number) {
  return z
    .string()
    .max(max)
    .refine((v) => !/^\d+$/.test(v) || isRecordId(Number(v)), { error: `${what}编号应为 1 到 ${MAX_ID} 之间的整数` });
}

/** The version a change was read at (optimistic locking): a JSON number from 1. */
export const versionField = int32({
  missing: '缺少版本号，请刷新后重试',
  notInteger: (input) => `版本号应为整数，收到的是${sentAs(input)}`,
  tooSmall: '版本号应为正整数',
  tooBig: '版本号超出范围，请刷新后重试',
});

/** A calendar date as YYYY-MM-DD. */
export const isoDate = z.iso.date({ error: '日期格式应为 YYYY-MM-DD' });
