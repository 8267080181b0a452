// 群众举报 (migration 033): tips, the proof-of-work challenges, the shared rate-limit counters, and the
// portal's own system user. A tip is found by the SHA-256 of its receipt code; staff read tips through
// their scope path (the assigned town's, or the district's while unassigned).
import { gridCellsAround } from '../../domain/sameSite.js';
import { sql, type Insertable, type Kysely } from 'kysely';
import { forUpdate, toNumber } from '../db/dialect.js';
import type { Database, TipRow, TipTable } from '../db/schema.js';
import { newestFirstPage } from './newestFirst.js';
import { inPrefixes } from './scope.js';

export async function insertTip(trx: Kysely<Database>, row: Insertable<TipTable>): Promise<number> {
  const { id } = await trx.insertInto('tips').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function findTipByReceipt(db: Kysely<Database>, receiptSha256: string): Promise<TipRow | undefined> {
  return db.selectFrom('tips').selectAll().where('receipt_sha256', '=', receiptSha256).executeTakeFirst();
}

export async function findTip(db: Kysely<Database>, campaignId: number, id: number, opts: { forUpdate?: boolean } = {}): Promise<TipRow | undefined> {
  const q = db.selectFrom('tips').selectAll().where('id', '=', id);
  const row = await (opts.forUpdate ? forUpdate(db, q) : q).executeTakeFirst();
  return row && row.campaign_id === campaignId ? row : undefined;
}

export async function updateTipAtVersion(trx: Kysely<Database>, row: TipRow, changes: Partial<Insertable<TipTable>>): Promise<boolean> {
  const res = await trx.updateTable('tips').set({ ...changes, version: row.version + 1 }).where('id', '=', row.id).where('version', '=', row.version).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/**
 * Workshop tips (never fee complaints: those are clues) whose scope path — the assigned town's, or
 * `rootPath` while unassigned — lies within `prefixes`; newest first.
 */
export async function listTips(
  db: Kysely<Database>,
  prefixes: readonly string[],
  f: { campaignId: number; rootPath: string; status?: string; townId?: number; page: number; pageSize: number },
): Promise<{ rows: TipRow[]; total: number }> {
  let q = db
    .selectFrom('tips as t')
    .where('t.campaign_id', '=', f.campaignId)
    .where('t.kind', '=', 'workshop')
    .where(inPrefixes(sql`coalesce(t.org_path, ${f.rootPath})`, prefixes));
  if (f.status !== undefined) q = q.where('t.status', '=', f.status);
  if (f.townId !== undefined) q = q.where('t.town_id', '=', f.townId);
  const { rows, total } = await newestFirstPage(q, 't', f, (ids) => db.selectFrom('tips').selectAll().where('id', 'in', ids).orderBy('id', 'desc').execute());
  return { rows, total };
}

/** Tips submitted since `since` (all kinds): the portal raises its proof-of-work difficulty under a flood. */
export async function countTipsSince(db: Kysely<Database>, since: string): Promise<number> {
  const r = await db.selectFrom('tips').select(sql<number | string>`count(*)`.as('n')).where('submitted_at', '>=', since).executeTakeFirstOrThrow();
  return toNumber(r.n);
}

/**
 * Registered workshops in the grid cells within `radiusM` of a point (the tip's 1 km), with their town,
 * read through the grid index (migration 035); the caller keeps those truly within the radius.
 */
export async function workshopsNear(db: Kysely<Database>, campaignId: number, point: { lat: number; lng: number }, radiusM: number, limit: number) {
  const cells = gridCellsAround(point, radiusM);
  return db
    .selectFrom('enterprises as e')
    .leftJoin('org_units as t', 't.id', 'e.town_id')
    .select(['e.id', 'e.name', 'e.status', 'e.lat', 'e.lng', 'e.org_path', 'e.town_id', 't.name as town_name'])
    .where('e.campaign_id', '=', campaignId)
    .where('e.geo_row', 'in', cells.rows)
    .where('e.geo_col', '>=', cells.colFrom)
    .where('e.geo_col', '<=', cells.colTo)
    .limit(limit)
    .execute();
}

export async function workshopRefs(db: Kysely<Database>, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('enterprises as e')
    .leftJoin('org_units as t', 't.id', 'e.town_id')
    .select(['e.id', 'e.name', 'e.status', 'e.lat', 'e.lng', 'e.org_path', 'e.town_id', 't.name as town_name'])
    .where('e.id', 'in', [...ids])
    .execute();
}
export type WorkshopRef = Awaited<ReturnType<typeof workshopRefs>>[number];

// ---- Proof-of-work challenges and rate limits ----------------------------------------------------

export async function insertChallenge(db: Kysely<Database>, c: { challenge: string; difficulty: number; expiresAt: string; now: string }): Promise<void> {
  await db.insertInto('tip_challenges').values({ challenge: c.challenge, difficulty: c.difficulty, expires_at: c.expiresAt, used_at: null }).execute();
  // Challenges an hour past their expiry serve nothing.
  await db.deleteFrom('tip_challenges').where('expires_at', '<', new Date(Date.parse(c.now) - 3_600_000).toISOString()).execute();
}

/** Uses a challenge once: its difficulty, or null when unknown, expired or used already (a second use at once loses). */
export async function consumeChallenge(db: Kysely<Database>, challenge: string, now: string): Promise<number | null> {
  const row = await db
    .updateTable('tip_challenges')
    .set({ used_at: now })
    .where('challenge', '=', challenge)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('difficulty')
    .executeTakeFirst();
  return row?.difficulty ?? null;
}

/** Counts one more hit of `key` in its window; answers the count including it. */
export async function hitRateLimit(db: Kysely<Database>, key: string, windowStart: string): Promise<number> {
  const row = await db
    .insertInto('rate_limits')
    .values({ key, window_start: windowStart, n: 1 })
    .onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet({ n: sql`rate_limits.n + 1` }))
    .returning('n')
    .executeTakeFirstOrThrow();
  return toNumber(row.n);
}

export async function pruneRateLimits(db: Kysely<Database>, before: string): Promise<void> {
  await db.deleteFrom('rate_limits').where('window_start', '<', before).execute();
}

/** The portal's own user (inactive, no role, no password): files the public's tips and clues, and their audit records. */
export async function portalUserId(db: Kysely<Database>, now: string): Promise<number> {
  const username = '_public_portal';
  await db
    .insertInto('users')
    .values({ username, display_name: '群众举报平台', password_hash: '!', active: 0, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('username').doNothing())
    .execute();
  const row = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  return row.id;
}

/** Workshop tips in scope by status (the agenda): waiting for triage, and assigned — those past their deadline apart. */
export async function countTips(db: Kysely<Database>, prefixes: readonly string[], f: { campaignId: number; rootPath: string; today: string }): Promise<{ received: number; assigned: number; overdue: number }> {
  if (prefixes.length === 0) return { received: 0, assigned: 0, overdue: 0 };
  const r = await db
    .selectFrom('tips as t')
    .where('t.campaign_id', '=', f.campaignId)
    .where('t.kind', '=', 'workshop')
    .where('t.status', 'in', ['received', 'assigned'])
    .where(inPrefixes(sql`coalesce(t.org_path, ${f.rootPath})`, prefixes))
    .select([
      sql<number | string>`sum(case when t.status = 'received' then 1 else 0 end)`.as('received'),
      sql<number | string>`sum(case when t.status = 'assigned' then 1 else 0 end)`.as('assigned'),
      sql<number | string>`sum(case when t.status = 'assigned' and t.due_on < ${f.today} then 1 else 0 end)`.as('overdue'),
    ])
    .executeTakeFirstOrThrow();
  return { received: toNumber(r.received), assigned: toNumber(r.assigned), overdue: toNumber(r.overdue) };
}
