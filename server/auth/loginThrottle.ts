// Slows password guessing: after 10 failures for one username from one address within 15 minutes,
// further attempts are refused until the window passes. In memory: each instance counts its own.
const WINDOW_MS = 15 * 60_000;
const MAX_FAILURES = 10;
const failures = new Map<string, { count: number; since: number }>();

export function isThrottled(key: string, now = Date.now()): boolean {
  const f = failures.get(key);
  if (!f) return false;
  if (now - f.since > WINDOW_MS) {
    failures.delete(key);
    return false;
  }
  return f.count >= MAX_FAILURES;
}

export function recordFailure(key: string, now = Date.now()): void {
  const f = failures.get(key);
  if (!f || now - f.since > WINDOW_MS) failures.set(key, { count: 1, since: now });
  else f.count++;
  if (failures.size > 100_000) failures.clear();
}

export function clearFailures(key: string): void {
  failures.delete(key);
}
