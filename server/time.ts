export function nowIso(): string {
  return new Date().toISOString();
}

/** Today's date in China (UTC+8), the calendar the campaign's deadlines are written in. */
export function todayInChina(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
