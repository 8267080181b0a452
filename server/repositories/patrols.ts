// Patrols (巡查, migration 032) and the sites due for one. A patrol's scope is its workshop's path, read
// through the join; who sees which paths is the caller's (policies/patrols.ts patrolPrefixes). The due
// list reads the workshops' kept due day by index (enterprises_patrol_due), never by scanning the register.
import { sql, type Kysely } from 'kysely';
import { PATROLLED_STATUSES } from '../../domain/workflows/patrol.js';
import { toNumber } from '../db/dialect.js';
import type { Database, PatrolTable } from '../db/schema.js';
import type { Insertable } from 'kysely';
import { newestFirstPage } from './newestFirst.js';
import { inPrefixes } from './scope.js';

export async function insertPatrol(trx: Kysely<Database>, row: Insertable<PatrolTable>): Promise<number> {
  const { id } = await trx.insertInto('patrols').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** The site's last patrol day and next due day: not an edit of the register, so the workshop's version stays. */
export async function setPatrolSchedule(trx: Kysely<Database>, enterpriseId: number, s: { last_patrol_on: string; patrol_due_on: string | null }): Promise<void> {
  await trx.updateTable('enterprises').set(s).where('id', '=', enterpriseId).execute();
}

function withNames(db: Kysely<Database>) {
  return db
    .selectFrom('patrols as p')
    .innerJoin('enterprises as e', 'e.id', 'p.enterprise_id')
    .leftJoin('org_units as t', 't.id', 'e.town_id')
    .leftJoin('org_units as v', 'v.id', 'e.village_id')
    .leftJoin('users as u', 'u.id', 'p.recorded_by')
    .selectAll('p')
    .select(['e.name as enterprise_name', 'e.org_path', 't.name as town_name', 'v.name as village_name', 'u.display_name as recorded_by_name']);
}
export type PatrolView = Awaited<ReturnType<ReturnType<typeof withNames>['execute']>>[number];

/** Patrols of workshops within `prefixes` (the reader's), newest first; one workshop's or one town's when given. */
export async function listPatrols(
  db: Kysely<Database>,
  prefixes: readonly string[],
  f: { campaignId: number; enterpriseId?: number; townId?: number; page: number; pageSize: number },
): Promise<{ rows: PatrolView[]; total: number }> {
  let q = db.selectFrom('patrols as p').innerJoin('enterprises as e', 'e.id', 'p.enterprise_id').where('p.campaign_id', '=', f.campaignId).where(inPrefixes('e.org_path', prefixes));
  if (f.enterpriseId !== undefined) q = q.where('p.enterprise_id', '=', f.enterpriseId);
  if (f.townId !== undefined) q = q.where('e.town_id', '=', f.townId);
  const { rows, total } = await newestFirstPage(q, 'p', f, (ids) => withNames(db).where('p.id', 'in', ids).orderBy('p.id', 'desc').execute());
  return { rows, total };
}

export async function findPatrolView(db: Kysely<Database>, id: number): Promise<PatrolView | undefined> {
  return withNames(db).where('p.id', '=', id).executeTakeFirst();
}

/** Sites under patrol within `prefixes` whose next patrol is due on or before `dueBy` (one town's when given). */
function dueQuery(db: Kysely<Database>, prefixes: readonly string[], f: { campaignId: number; townId?: number; dueBy: string }) {
  let q = db
    .selectFrom('enterprises as e')
    .where('e.campaign_id', '=', f.campaignId)
    .where('e.patrol_due_on', 'is not', null)
    .where('e.patrol_due_on', '<=', f.dueBy)
    .where('e.status', 'in', [...PATROLLED_STATUSES])
    .where(inPrefixes('e.org_path', prefixes));
  if (f.townId !== undefined) q = q.where('e.town_id', '=', f.townId);
  return q;
}

/** A page of the sites due by `dueBy`, the earliest due first, with the overdue count (due before `today`). */
export async function listPatrolsDue(
  db: Kysely<Database>,
  prefixes: readonly string[],
  f: { campaignId: number; townId?: number; dueBy: string; today: string; page: number; pageSize: number },
) {
  const q = dueQuery(db, prefixes, f);
  const [rows, counts] = await Promise.all([
    q
      .leftJoin('org_units as t', 't.id', 'e.town_id')
      .leftJoin('org_units as v', 'v.id', 'e.village_id')
      .leftJoin('supervisors as s', (j) =>
        j.onRef('s.subject_id', '=', 'e.id').on('s.subject_kind', '=', 'workshop').on('s.role', '=', 'village_contact').on('s.ended_at', 'is', null),
      )
      .select(['e.id', 'e.name', 'e.status', 'e.address', 'e.last_patrol_on', 'e.patrol_due_on', 't.name as town_name', 'v.name as village_name', 's.name as contact_name', 's.phone as contact_phone'])
      .orderBy('e.patrol_due_on')
      .orderBy('e.id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select([sql<number | string>`count(*)`.as('n'), sql<number | string>`sum(case when e.patrol_due_on < ${f.today} then 1 else 0 end)`.as('late')]).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: toNumber(counts.n), overdue: toNumber(counts.late ?? 0) };
}
export type PatrolDueRow = Awaited<ReturnType<typeof listPatrolsDue>>['rows'][number];

/** Sites overdue (due before `today`) and due within the window (by `dueBy`), in scope: the agenda's counts. */
export async function countPatrolsDue(db: Kysely<Database>, prefixes: readonly string[], f: { campaignId: number; dueBy: string; today: string }): Promise<{ due: number; overdue: number }> {
  if (prefixes.length === 0) return { due: 0, overdue: 0 };
  const r = await dueQuery(db, prefixes, f)
    .select([sql<number | string>`count(*)`.as('n'), sql<number | string>`sum(case when e.patrol_due_on < ${f.today} then 1 else 0 end)`.as('late')])
    .executeTakeFirstOrThrow();
  return { due: toNumber(r.n), overdue: toNumber(r.late ?? 0) };
}

/** Sites under patrol with no due day (written straight into the register, as the demo does), with the day their last item was done. */
export async function unscheduledPatrolSites(db: Kysely<Database>, campaignId: number): Promise<{ id: number; town_id: number; shut_on: string | null }[]> {
  return db
    .selectFrom('enterprises as e')
    .where('e.campaign_id', '=', campaignId)
    .where('e.status', 'in', [...PATROLLED_STATUSES])
    .where('e.patrol_due_on', 'is', null)
    .select(['e.id', 'e.town_id', (eb) => eb.selectFrom('enterprise_items as i').whereRef('i.enterprise_id', '=', 'e.id').select((x) => x.fn.max('i.done_on').as('d')).as('shut_on')])
    .execute();
}

export async function setPatrolDue(db: Kysely<Database>, id: number, dueOn: string): Promise<void> {
  await db.updateTable('enterprises').set({ patrol_due_on: dueOn }).where('id', '=', id).execute();
}
