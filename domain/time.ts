// Time in Qudi: instants are stored as ISO-8601 UTC strings (nowIso); the campaign's calendar and
// every date or time shown on a form, a package or a file name is China time (UTC+8), whatever
// the server's own time zone. The one place that converts between the two.

export function nowIso(): string {
  return new Date().toISOString();
}

/** China's offset from UTC: written after a camera's local time that came without one. */
export const CHINA_OFFSET = '+08:00';
const CHINA_OFFSET_MS = 8 * 3600_000;

/** The China wall-clock time of an instant, as `YYYY-MM-DDTHH:mm:ss.sss` (no zone). */
function chinaClock(instant: Date | number): string {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 23);
}

const DAY_MS = 86_400_000;

/** A calendar date (YYYY-MM-DD) `days` later (earlier when negative). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from one calendar date (YYYY-MM-DD) to another; negative when `to` comes first. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The hour (0–23) in China (UTC+8) at `now`. */
export function chinaHour(now = new Date()): number {
  return Number(chinaClock(now).slice(11, 13));
}

/** Today's date in China (UTC+8), the calendar the campaign's deadlines are written in. */
export function todayInChina(now = new Date()): string {
  return chinaClock(now).slice(0, 10);
}

/**
 * An instant (ISO string) as China time: `2016-05-12T08:30:00.000Z` → `2016-05-12 16:30:00`, or
 * `2016-05-12 16:30` with `minutes`. Empty for null; a text that is not a time comes back as it is.
 */
export function chinaDateTime(iso: string | null, precision: 'seconds' | 'minutes' = 'seconds'): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return chinaClock(t).slice(0, precision === 'seconds' ? 19 : 16).replace('T', ' ');
}

/** Seconds since 1970 (UTC) as China local time `YYYY-MM-DDTHH:mm:ss` (a video header's creation time). */
export function chinaLocalFromUnix(seconds: number): string {
  return chinaClock(seconds * 1000).slice(0, 19);
}

/**
 * The instant a photo or video was taken, as an ISO UTC string comparable with nowIso(): from its
 * time with offset, else from the camera's local time read as China time (phones in the district
 * keep it), else null.
 */
export function captureInstant(capturedAt: string | null, capturedAtLocal: string | null): string | null {
  const text = capturedAt ?? (capturedAtLocal ? capturedAtLocal + CHINA_OFFSET : null);
  if (!text) return null;
  const t = Date.parse(text);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}
