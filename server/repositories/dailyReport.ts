// The reads of the daily report (日报) that the dashboard's do not cover: department requests past
// their deadline, the public tips by status, and the recurrences confirmed in a week. Each is cut to
// the reader's scope in SQL and walks an index or a small table, never the register: the register's
// counts come from the dashboard's kept counts (repositories/dashboard.ts).
import { sql, type Kysely } from 'kysely';
import { toNumber } from '../db/dialect.js';
import type { Database } from '../db/schema.js';
import { prefixesOf, type Actor } from '../auth/actor.js';
import { campaignScope, inPrefixes } from './scope.js';

/** Open department requests whose deadline is before `date` (the partial index on due_on of the open ones). */
export async function countOverdueRequests(db: Kysely<Database>, actor: Actor, f: { campaignId: number; rootPath: string; date: string }): Promise<number> {
  const scope = campaignScope(actor, 'org_path', f.rootPath);
  const row = await db
    .selectFrom('department_requests')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('is_open', '=', 1)
    .where('due_on', '<', f.date)
    .where('campaign_id', '=', f.campaignId)
    .$if(scope !== null, (q) => q.where(scope!))
    .executeTakeFirstOrThrow();
  return toNumber(row.n);
}

export interface TipCounts {
  byStatus: Map<string, number>;
  overdue: number;
}

/**
 * Workshop tips (fee complaints are clues, never tips) by status, and those assigned whose answer
 * is overdue on `date`. A tip not yet assigned to a town counts for the whole campaign's readers only.
 */
export async function tipCountsByStatus(db: Kysely<Database>, actor: Actor, f: { campaignId: number; rootPath: string; date: string }): Promise<TipCounts> {
  const prefixes = prefixesOf(actor);
  if (prefixes.length === 0) return { byStatus: new Map(), overdue: 0 };
  const rows = await db
    .selectFrom('tips as t')
    .where('t.campaign_id', '=', f.campaignId)
    .where('t.kind', '=', 'workshop')
    .where(inPrefixes(sql`coalesce(t.org_path, ${f.rootPath})`, prefixes))
    .select(['t.status', (eb) => eb.fn.countAll<number | string>().as('n'), sql<number | string>`sum(case when t.status = 'assigned' and t.due_on < ${f.date} then 1 else 0 end)`.as('overdue')])
    .groupBy('t.status')
    .execute();
  return { byStatus: new Map(rows.map((r) => [r.status, toNumber(r.n)])), overdue: rows.reduce((n, r) => n + toNumber(r.overdue), 0) };
}

/**
 * The id of the first audit record written at or after `at` (an ISO instant), or one past the last.
 * The chain is written in time order under one lock (repositories/audit.ts), so its ids are ordered
 * by time: a binary search over the primary key, a few dozen lookups whatever the log's size.
 */
async function firstAuditIdAt(db: Kysely<Database>, at: string, bounds: { min: number; max: number }): Promise<number> {
  let lo = bounds.min;
  let hi = bounds.max + 1;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    const row = await db.selectFrom('audit_log').select(['id', 'at']).where('id', '>=', mid).orderBy('id').limit(1).executeTakeFirst();
    if (!row || row.at >= at) hi = mid;
    else lo = row.id + 1;
  }
  return lo;
}

/**
 * Recurrences (反弹) confirmed in [from, to) — ISO instants — per town, within the actor's scope:
 * every one, marked by hand, by a patrol or from the power data, is one `status.recur` audit record
 * of its workshop. Only the records of the window are read (an id range found by binary search).
 */
export async function recurrencesByTown(db: Kysely<Database>, actor: Actor, f: { campaignId: number; rootPath: string; from: string; to: string }): Promise<Map<number, number>> {
  const b = await db.selectFrom('audit_log').select([(eb) => eb.fn.min<number | string>('id').as('min'), (eb) => eb.fn.max<number | string>('id').as('max')]).executeTakeFirst();
  if (!b || b.min === null || b.max === null) return new Map();
  const bounds = { min: toNumber(b.min), max: toNumber(b.max) };
  const [first, end] = await Promise.all([firstAuditIdAt(db, f.from, bounds), firstAuditIdAt(db, f.to, bounds)]);
  if (first >= end) return new Map();
  const scope = campaignScope(actor, 'e.org_path', f.rootPath);
  const rows = await db
    .selectFrom('audit_log as a')
    .innerJoin('enterprises as e', (j) => j.on(sql`e.id`, '=', sql`cast(a.entity_id as integer)`))
    .select(['e.town_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('a.id', '>=', first)
    .where('a.id', '<', end)
    .where('a.action', '=', 'status.recur')
    .where('a.entity_type', '=', 'enterprise')
    .where('e.campaign_id', '=', f.campaignId)
    .$if(scope !== null, (q) => q.where(scope!))
    .groupBy('e.town_id')
    .execute();
  return new Map(rows.map((r) => [r.town_id, toNumber(r.n)]));
}
