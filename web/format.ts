import dayjs, { type Dayjs } from 'dayjs';
import { chinaDateTime, todayInChina } from '../domain/time.js';
import { t } from './i18n/index.js';

// Every date and time a user sees is China time (UTC+8), whatever the browser's own time zone, and
// is formatted here and nowhere else (web/format.test.ts holds the pages to it). The server sends
// instants as ISO-8601 UTC strings and calendar dates as `YYYY-MM-DD`.

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** An instant as China time to the minute: `2016-05-11T23:36:00.000Z` → `2016-05-12 07:36`. */
export const formatDateTime = (iso: string | null | undefined): string => (iso ? chinaDateTime(iso, 'minutes') : t('common.empty'));

/** A calendar date as it is, or the China date of an instant: `2016-05-11T23:36:00.000Z` → `2016-05-12`. */
export const formatDate = (value: string | null | undefined): string => {
  if (!value) return t('common.empty');
  return DATE_ONLY.test(value) ? value : chinaDateTime(value, 'minutes').slice(0, 10);
};

/** A date (or the China date of an instant) in a calendar pattern of the locale's (`format.monthDay`, `format.longDate`). */
function calendar(value: string, pattern: string): string {
  return dayjs(formatDate(value)).format(pattern);
}
/** `2016-05-12` → `5月12日`. */
export const formatMonthDay = (value: string): string => calendar(value, t('format.monthDay'));
/** `2016-05-12` → `2016年5月12日 星期四`. */
export const formatLongDate = (value: string): string => calendar(value, t('format.longDate'));
/** Today, in China, as a long date (the home page's heading). */
export const formatToday = (now = new Date()): string => formatLongDate(todayInChina(now));

/** A camera's own wall-clock time (`YYYY-MM-DDTHH:mm:ss`, no zone), shown as written, never shifted. */
export const formatWallClock = (local: string, precision: 'seconds' | 'minutes' = 'minutes'): string =>
  local.replace('T', ' ').slice(0, precision === 'seconds' ? 19 : 16);

// Date pickers hold dayjs values on the China calendar.
/** A picker's value for a `YYYY-MM-DD` date (null for none). */
export const pickerDate = (date: string | null | undefined): Dayjs | null => (date ? dayjs(formatDate(date)) : null);
/** Today in China, as a picker's value (a form's default, the latest day a picker allows). */
export const pickerToday = (now = new Date()): Dayjs => dayjs(todayInChina(now));
/** A picker's value as the `YYYY-MM-DD` the API takes ('' for none). */
export const pickerValue = (d: Dayjs | null | undefined): string => (d ? d.format('YYYY-MM-DD') : '');

export const orEmpty = (s: string | null | undefined): string => (s && s.trim() ? s : t('common.empty'));
export const percent = (part: number, whole: number): number => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0);

/** "town / village" (or the town alone); only the village when the town goes without saying. */
export function placeName(e: { townName: string; villageName: string | null }, withTown = true): string {
  if (!withTown) return e.villageName ?? '';
  return e.villageName ? t('common.place', { town: e.townName, village: e.villageName }) : e.townName;
}

/** Pieces of secondary text in one line ("a · b · c"); an empty piece drops out with its separator. */
export function metaLine(...parts: (string | null | undefined)[]): string {
  const present = parts.filter((p): p is string => Boolean(p));
  return present.length === 0 ? '' : present.reduce((first, second) => t('common.meta', { first, second }));
}

/** An amount of money in yuan, grouped, with up to two decimals (分): 50,000 or 123,456.78. */
/** Kilowatt-hours (a power account's month), with thousands separators; none: the empty mark. */
export const formatKwh = (n: number | null): string => (n === null ? t('common.empty') : n.toLocaleString('zh-CN'));

export const formatYuan = (n: number): string => n.toLocaleString('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: 2 });

/** A file's size as people read it: 980 B, 312 KB, 4.2 MB, 1.05 GB. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

/** Whether an instant (ISO) is at least `ms` ahead of now: a public tip's challenge is sent only while it has a minute left. */
export const stillAhead = (iso: string, ms: number, now = Date.now()): boolean => Date.parse(iso) - now >= ms;

/** A count with thousands separators (1,234,567), the same in both languages. */
export const formatCount = (n: number): string => n.toLocaleString('zh-CN');
