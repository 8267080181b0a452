export function nowIso(): string {
  return new Date().toISOString();
}

/** Today's date in China (UTC+8), the calendar the campaign's deadlines are written in. */
export function todayInChina(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** China's offset from UTC, for a camera's local time that came without one. */
const CHINA_OFFSET = '+08:00';

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
