// 约谈与问责 records (migration 039) and the accountability list's counts (问责清单). The list groups
// only open problems — workshops with pending items past the items-due day, rejected or recurred
// workshops, open 督办, overdue department requests — by the indexed campaign/status/town columns and
// the named persons on those rows, so that a register of a million workshops is read only where
// something is wrong; the person rows are then summed, sorted and paged by the caller.
import { sql, type Kysely } from 'kysely';
import type { AccountabilityCreate } from '../../domain/accountability.js';
import { forUpdate, toNumber } from '../db/dialect.js';
import type { AccountabilityActionRow, Database } from '../db/schema.js';
import { newestFirstPage } from './newestFirst.js';
import { inPrefixes } from './scope.js';

type Db = Kysely<Database>;

/** Workshops whose pending items can be overdue: not yet shut down, nor excluded. */
export const UNFINISHED_STATUSES = ['surveyed', 'in_progress', 'rejected', 'recurred'] as const;

export interface NewAction extends Omit<AccountabilityCreate, 'townId' | 'unitId' | 'unitKind'> {
  campaignId: number;
  state: string;
  unitKind: string;
  unitOrgId: number | null;
  unitDepartmentId: number | null;
  unitName: string;
  townId: number;
  orgPath: string;
  by: number;
  unit: string;
  at: string;
}

export async function insertAction(trx: Db, r: NewAction): Promise<number> {
  const { id } = await trx
    .insertInto('accountability_actions')
    .values({
      campaign_id: r.campaignId,
      level: r.level,
      state: r.state,
      person_name: r.personName,
      person_position: r.personPosition,
      unit_kind: r.unitKind,
      unit_org_id: r.unitOrgId,
      unit_department_id: r.unitDepartmentId,
      unit_name: r.unitName,
      town_id: r.townId,
      org_path: r.orgPath,
      enterprise_id: r.enterpriseId,
      remark_id: r.remarkId,
      previous_id: r.previousId,
      reason: r.reason,
      scheduled_on: r.scheduledOn,
      conducted_by: r.conductedBy,
      measure: r.measure,
      outcome: '',
      created_by: r.by,
      created_unit: r.unit,
      created_at: r.at,
      decided_by: r.level === 'accountability' ? r.by : null,
      decided_at: r.level === 'accountability' ? r.at : null,
      updated_at: r.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function findAction(db: Db, campaignId: number, id: number, opts: { forUpdate?: boolean } = {}): Promise<AccountabilityActionRow | undefined> {
  const q = db.selectFrom('accountability_actions').selectAll().where('id', '=', id);
  const row = await (opts.forUpdate ? forUpdate(db, q) : q).executeTakeFirst();
  return row && row.campaign_id === campaignId ? row : undefined;
}

/** Moves a record to `state` with its outcome at the version read; false when someone changed it meanwhile. */
export async function closeActionAtVersion(trx: Db, row: AccountabilityActionRow, c: { state: string; outcome: string; by: number; at: string }): Promise<boolean> {
  const res = await trx
    .updateTable('accountability_actions')
    .set({ state: c.state, outcome: c.outcome, decided_by: c.by, decided_at: c.at, updated_at: c.at, version: row.version + 1 })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

function withNames(db: Db) {
  return db
    .selectFrom('accountability_actions as a')
    .selectAll('a')
    .select((eb) => [
      eb.selectFrom('org_units as t').select('t.name').whereRef('t.id', '=', 'a.town_id').as('town_name'),
      eb.selectFrom('enterprises as e').select('e.name').whereRef('e.id', '=', 'a.enterprise_id').as('enterprise_name'),
      eb.selectFrom('users as u').select('u.display_name').whereRef('u.id', '=', 'a.created_by').as('created_by_name'),
      eb.selectFrom('users as d').select('d.display_name').whereRef('d.id', '=', 'a.decided_by').as('decided_by_name'),
    ]);
}
export type ActionView = Awaited<ReturnType<ReturnType<typeof withNames>['execute']>>[number];

export async function findActionView(db: Db, id: number): Promise<ActionView | undefined> {
  return withNames(db).where('a.id', '=', id).executeTakeFirst();
}

/** Records within `prefixes` (the reader's), newest first. */
export async function listActions(
  db: Db,
  prefixes: readonly string[],
  f: { campaignId: number; townId?: number; level?: string; state?: string; remarkId?: number; page: number; pageSize: number },
): Promise<{ rows: ActionView[]; total: number }> {
  let q = db.selectFrom('accountability_actions as a').where('a.campaign_id', '=', f.campaignId).where(inPrefixes('a.org_path', prefixes));
  if (f.townId !== undefined) q = q.where('a.town_id', '=', f.townId);
  if (f.level !== undefined) q = q.where('a.level', '=', f.level);
  if (f.state !== undefined) q = q.where('a.state', '=', f.state);
  if (f.remarkId !== undefined) q = q.where('a.remark_id', '=', f.remarkId);
  const { rows, total } = await newestFirstPage(q, 'a', f, (ids) => withNames(db).where('a.id', 'in', ids).orderBy('a.id', 'desc').execute());
  return { rows, total };
}

/** The records naming a person in a town, newest first (at most 100). */
export async function actionsNaming(db: Db, campaignId: number, townId: number, name: string): Promise<ActionView[]> {
  return withNames(db).where('a.campaign_id', '=', campaignId).where('a.town_id', '=', townId).where('a.person_name', '=', name).orderBy('a.id', 'desc').limit(100).execute();
}

/** 约谈 still scheduled on one of `days`, for the reminders. */
export async function interviewsScheduledOn(db: Db, days: readonly string[]) {
  if (days.length === 0) return [];
  return db
    .selectFrom('accountability_actions')
    .select(['id', 'town_id', 'scheduled_on', 'person_name', 'person_position', 'unit_name', 'conducted_by'])
    .where('state', '=', 'scheduled')
    .where('scheduled_on', 'in', [...days])
    .execute();
}

// ── 问责清单 ─────────────────────────────────────────────────────────────────────────────────────────

/** One group of problem workshops sharing a town and the three named persons, with its counts. */
export interface ProblemGroup {
  townId: number;
  villageHead: string;
  townHead: string;
  departmentHead: string;
  itemsOverdue: number;
  rejected: number;
  recurred: number;
  escalationsOpen: number;
  escalationsOverdue: number;
  requestsOverdue: number;
}

const PERSONS = ['e.town_id', 'e.village_head', 'e.town_head', 'e.department_head'] as const;

/**
 * The open problems of a campaign grouped by town and named persons: pending items on unfinished
 * workshops (when `itemsOverdue`), rejected and recurred workshops, open 督办 (and those past due),
 * open department requests past due.
 */
export async function problemGroups(db: Db, f: { campaignId: number; townId?: number; today: string; itemsOverdue: boolean; itemCount: number }): Promise<ProblemGroup[]> {
  const groups = new Map<string, ProblemGroup>();
  const at = (r: { town_id: number; village_head: string; town_head: string; department_head: string }) => {
    const key = JSON.stringify([r.town_id, r.village_head, r.town_head, r.department_head]);
    let g = groups.get(key);
    if (!g) {
      g = { townId: r.town_id, villageHead: r.village_head, townHead: r.town_head, departmentHead: r.department_head, itemsOverdue: 0, rejected: 0, recurred: 0, escalationsOpen: 0, escalationsOverdue: 0, requestsOverdue: 0 };
      groups.set(key, g);
    }
    return g;
  };

  if (f.itemsOverdue) {
    // A workshop's pending items are its items less those done or not applicable (items_done, kept
    // by every item command): one row per unfinished workshop, not a join with its items.
    let q = db
      .selectFrom('enterprises as e')
      .select([...PERSONS, sql<number | string>`sum(${f.itemCount} - e.items_done)`.as('n')])
      .where('e.campaign_id', '=', f.campaignId)
      .where('e.status', 'in', [...UNFINISHED_STATUSES])
      .where('e.items_done', '<', f.itemCount);
    if (f.townId !== undefined) q = q.where('e.town_id', '=', f.townId);
    for (const r of await q.groupBy([...PERSONS]).execute()) at(r).itemsOverdue += toNumber(r.n);
  }

  let statuses = db
    .selectFrom('enterprises as e')
    .select([...PERSONS, 'e.status', sql<number | string>`count(*)`.as('n')])
    .where('e.campaign_id', '=', f.campaignId)
    .where('e.status', 'in', ['rejected', 'recurred']);
  if (f.townId !== undefined) statuses = statuses.where('e.town_id', '=', f.townId);
  for (const r of await statuses.groupBy([...PERSONS, 'e.status']).execute()) {
    const g = at(r);
    if (r.status === 'rejected') g.rejected += toNumber(r.n);
    else g.recurred += toNumber(r.n);
  }

  let escalations = db
    .selectFrom('workshop_remarks as r')
    .innerJoin('enterprises as e', 'e.id', 'r.enterprise_id')
    .select([...PERSONS, sql<number | string>`count(*)`.as('n'), sql<number | string>`sum(case when r.due_on < ${f.today} then 1 else 0 end)`.as('late')])
    .where('r.campaign_id', '=', f.campaignId)
    .where('r.status', '=', 'open');
  if (f.townId !== undefined) escalations = escalations.where('e.town_id', '=', f.townId);
  for (const r of await escalations.groupBy([...PERSONS]).execute()) {
    const g = at(r);
    g.escalationsOpen += toNumber(r.n);
    g.escalationsOverdue += toNumber(r.late ?? 0);
  }

  let requests = db
    .selectFrom('department_requests as q')
    .innerJoin('enterprises as e', 'e.id', 'q.enterprise_id')
    .select([...PERSONS, sql<number | string>`count(*)`.as('n')])
    .where('q.campaign_id', '=', f.campaignId)
    .where('q.is_open', '=', 1)
    .where('q.due_on', '<', f.today);
  if (f.townId !== undefined) requests = requests.where('q.town_id', '=', f.townId);
  for (const r of await requests.groupBy([...PERSONS]).execute()) at(r).requestsOverdue += toNumber(r.n);

  return [...groups.values()];
}

/** 约谈 and 问责 not withdrawn, by town and person named. */
export async function actionCounts(db: Db, f: { campaignId: number; townId?: number }) {
  let q = db
    .selectFrom('accountability_actions')
    .select(['town_id', 'person_name', 'level', sql<number | string>`count(*)`.as('n')])
    .where('campaign_id', '=', f.campaignId)
    .where('state', '<>', 'withdrawn');
  if (f.townId !== undefined) q = q.where('town_id', '=', f.townId);
  return (await q.groupBy(['town_id', 'person_name', 'level']).execute()).map((r) => ({ townId: r.town_id, name: r.person_name, level: r.level, n: toNumber(r.n) }));
}

/** The towns' current 主管领导 and 监管责任人 (supervisors, migration 031). */
export async function townSupervisors(db: Db, f: { campaignId: number; townId?: number }) {
  let q = db
    .selectFrom('supervisors')
    .select(['town_id', 'role', 'name'])
    .where('campaign_id', '=', f.campaignId)
    .where('subject_kind', '=', 'town')
    .where('ended_at', 'is', null);
  if (f.townId !== undefined) q = q.where('town_id', '=', f.townId);
  return q.execute();
}

export async function townNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('org_units').select(['id', 'name']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * The problem workshops behind a person's counts: those of the town naming them in `column` (all the
 * town's for a supervisor, `column` null), at most `limit`, most overdue items first.
 */
export async function problemWorkshops(
  db: Db,
  f: { campaignId: number; townId: number; column: 'village_head' | 'town_head' | 'department_head' | null; name: string; today: string; itemsOverdue: boolean; limit: number },
) {
  let ids = db
    .selectFrom('enterprises as e')
    .select('e.id')
    .where('e.campaign_id', '=', f.campaignId)
    .where('e.town_id', '=', f.townId)
    .where((eb) =>
      eb.or([
        eb('e.status', 'in', ['rejected', 'recurred']),
        ...(f.itemsOverdue ? [eb.and([eb('e.status', 'in', [...UNFINISHED_STATUSES]), eb.exists(eb.selectFrom('enterprise_items as i').select('i.item_code').whereRef('i.enterprise_id', '=', 'e.id').where('i.state', '=', 'pending'))])] : []),
        eb.exists(eb.selectFrom('workshop_remarks as r').select('r.id').whereRef('r.enterprise_id', '=', 'e.id').where('r.status', '=', 'open')),
        eb.exists(eb.selectFrom('department_requests as q').select('q.id').whereRef('q.enterprise_id', '=', 'e.id').where('q.is_open', '=', 1).where('q.due_on', '<', f.today)),
      ]),
    );
  if (f.column !== null) ids = ids.where(`e.${f.column}`, '=', f.name);
  const [{ n }] = await ids.clearSelect().select(sql<number | string>`count(*)`.as('n')).execute();
  const rows = await db
    .selectFrom('enterprises as e')
    .leftJoin('org_units as v', 'v.id', 'e.village_id')
    .select((eb) => [
      'e.id',
      'e.name',
      'e.status',
      'e.village_id',
      'v.name as village_name',
      eb.selectFrom('enterprise_items as i').select(sql<number | string>`count(*)`.as('n')).whereRef('i.enterprise_id', '=', 'e.id').where('i.state', '=', 'pending').as('pending'),
      eb.selectFrom('workshop_remarks as r').select(sql<number | string>`count(*)`.as('n')).whereRef('r.enterprise_id', '=', 'e.id').where('r.status', '=', 'open').as('open_escalations'),
      eb.selectFrom('workshop_remarks as r').select(sql<number | string>`count(*)`.as('n')).whereRef('r.enterprise_id', '=', 'e.id').where('r.status', '=', 'open').where('r.due_on', '<', f.today).as('late_escalations'),
      eb.selectFrom('workshop_remarks as r').select((x) => x.fn.min('r.id').as('m')).whereRef('r.enterprise_id', '=', 'e.id').where('r.status', '=', 'open').as('first_open'),
      eb.selectFrom('department_requests as q').select(sql<number | string>`count(*)`.as('n')).whereRef('q.enterprise_id', '=', 'e.id').where('q.is_open', '=', 1).where('q.due_on', '<', f.today).as('late_requests'),
    ])
    .where('e.id', 'in', ids.limit(f.limit))
    .orderBy('e.id')
    .execute();
  return { rows, total: toNumber(n) };
}
