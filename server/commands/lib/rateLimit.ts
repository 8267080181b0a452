// Limits on what the public may do without an account (群众举报): counters per key and window in the
// database, so that every app instance counts the same hits. Keys are hashed (an address or a device
// id is never stored as such); windows are UTC hours and days.
import { createHash } from 'node:crypto';
import type { Db } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { hitRateLimit, pruneRateLimits } from '../../repositories/tips.js';

export interface Limit {
  /** What is limited and by what: 'tip:ip', 'tip:device', 'status:ip'… */
  name: string;
  per: 'hour' | 'day';
  max: number;
}

const windowOf = (now: string, per: Limit['per']) => (per === 'hour' ? now.slice(0, 13) : now.slice(0, 10));
const hashed = (value: string) => createHash('sha256').update(`qudi-rate:${value}`).digest('hex').slice(0, 32);

/** Counts the hit against every limit that applies; 429 with when to try again once one is exceeded. */
export async function enforceLimits(db: Db, hits: { limit: Limit; value: string | null }[], now: string, message: string): Promise<void> {
  for (const { limit, value } of hits) {
    if (value === null) continue;
    const n = await hitRateLimit(db, `${limit.name}:${hashed(value)}`, windowOf(now, limit.per));
    if (n > limit.max) throw new AppError('rate_limited', `${message}，请${limit.per === 'hour' ? '一小时' : '明天'}后再试`);
  }
}

/** Forgets windows older than two days (called now and then by the portal). */
export async function forgetOldWindows(db: Db, now: string): Promise<void> {
  await pruneRateLimits(db, new Date(Date.parse(now) - 2 * 86_400_000).toISOString().slice(0, 10));
}
