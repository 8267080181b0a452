// Department requests (部门协办请求, migration 021) and their kept counts. Every write goes through
// here and keeps department_request_counts in the same transaction, so the queue's counts never scan.
// Scope: a department's users see the requests addressed to their department; everyone else sees
// the requests on workshops in their scope (the request carries its workshop's path, moved with it).
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import { DEPARTMENT_REQUEST_STATUSES, OPEN_DEPARTMENT_REQUEST_STATUSES, type DepartmentRequestStatus, type RequestDetails, type RequestQueueFilter } from '../../domain/departmentRequests.js';
import { DEPARTMENTS, REQUEST_READERS, type Role } from '../../domain/roles.js';
import { prefixesOf, type Actor } from '../auth/actor.js';
import { forUpdate, toNumber } from '../db/dialect.js';
import type { Database, DepartmentRequestRow } from '../db/schema.js';
import { lockAuditHead } from './audit.js';
import { inPrefixes } from './scope.js';

const isOpen = (status: DepartmentRequestStatus) => ((OPEN_DEPARTMENT_REQUEST_STATUSES as readonly string[]).includes(status) ? 1 : 0);

/** Adds `n` to the count of one (campaign, department, place, status); the audit head is locked first (see migration 015). */
async function addCount(trx: Kysely<Database>, key: { campaign_id: number; department_id: number; town_id: number; org_path: string; status: string }, n: number): Promise<void> {
  await trx
    .insertInto('department_request_counts')
    .values({ campaign_id: key.campaign_id, department_id: key.department_id, town_id: key.town_id, org_path: key.org_path, status: key.status, n })
    .onConflict((oc) => oc.columns(['campaign_id', 'department_id', 'org_path', 'status']).doUpdateSet((eb) => ({ n: sql`${eb.ref('department_request_counts.n')} + ${eb.ref('excluded.n')}` })))
    .execute();
}

export interface NewDepartmentRequest {
  campaignId: number;
  enterpriseId: number;
  itemCode: string;
  departmentId: number;
  townId: number;
  orgPath: string;
  details: RequestDetails;
  dueOn: string;
  requesterUnit: string;
  requestedBy: number;
  at: string;
}

/** Inserts a request (requested) and counts it; answers its id. */
export async function insertDepartmentRequest(trx: Kysely<Database>, r: NewDepartmentRequest): Promise<number> {
  await lockAuditHead(trx);
  const { id } = await trx
    .insertInto('department_requests')
    .values({
      campaign_id: r.campaignId,
      enterprise_id: r.enterpriseId,
      item_code: r.itemCode,
      department_id: r.departmentId,
      town_id: r.townId,
      org_path: r.orgPath,
      status: 'requested',
      is_open: 1,
      details: JSON.stringify(r.details),
      due_on: r.dueOn,
      scheduled_on: null,
      reason: '',
      note: '',
      requester_unit: r.requesterUnit,
      requested_by: r.requestedBy,
      requested_at: r.at,
      updated_at: r.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await addCount(trx, { campaign_id: r.campaignId, department_id: r.departmentId, town_id: r.townId, org_path: r.orgPath, status: 'requested' }, 1);
  return id;
}

export interface RequestChange {
  status: DepartmentRequestStatus;
  at: string;
  by: number;
  scheduledOn?: string;
  reason?: string;
  note?: string;
}

/**
 * Moves a request read at `row.version` to a new status (and what the event records), moving its
 * count; false when someone changed it meanwhile (the caller answers 409).
 */
export async function changeDepartmentRequest(trx: Kysely<Database>, row: DepartmentRequestRow, c: RequestChange): Promise<boolean> {
  await lockAuditHead(trx);
  const res = await trx
    .updateTable('department_requests')
    .set({
      status: c.status,
      is_open: isOpen(c.status),
      updated_at: c.at,
      version: row.version + 1,
      ...(c.status === 'accepted' ? { accepted_by: c.by, accepted_at: c.at } : {}),
      ...(c.status === 'confirmed' ? { confirmed_by: c.by, confirmed_at: c.at, note: c.note ?? '' } : {}),
      ...(c.scheduledOn !== undefined ? { scheduled_on: c.scheduledOn } : {}),
      ...(c.reason !== undefined ? { reason: c.reason } : {}),
    })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) return false;
  if (c.status !== row.status) {
    await addCount(trx, row, -1);
    await addCount(trx, { ...row, status: c.status }, 1);
  }
  return true;
}

/** A workshop moved to another place: its requests (and their counts) move with it. */
export async function moveWorkshopRequests(trx: Kysely<Database>, enterpriseId: number, to: { town_id: number; org_path: string }): Promise<void> {
  const rows = await trx.selectFrom('department_requests').selectAll().where('enterprise_id', '=', enterpriseId).execute();
  const moved = rows.filter((r) => r.org_path !== to.org_path || r.town_id !== to.town_id);
  if (moved.length === 0) return;
  await lockAuditHead(trx);
  await trx.updateTable('department_requests').set(to).where('enterprise_id', '=', enterpriseId).execute();
  for (const r of moved) {
    await addCount(trx, r, -1);
    await addCount(trx, { ...r, ...to }, 1);
  }
}

/** A request of the campaign (locked for the caller's transaction with `forUpdate`), or undefined. */
export async function findDepartmentRequest(db: Kysely<Database>, campaignId: number, id: number, opts: { forUpdate?: boolean } = {}): Promise<DepartmentRequestRow | undefined> {
  const q = db.selectFrom('department_requests').selectAll().where('id', '=', id);
  const row = await (opts.forUpdate ? forUpdate(db, q) : q).executeTakeFirst();
  return row && row.campaign_id === campaignId ? row : undefined;
}

/** Whether the workshop's item already has a request still waiting on a department. */
export async function openRequestFor(db: Kysely<Database>, enterpriseId: number, itemCode: string): Promise<DepartmentRequestRow | undefined> {
  return db.selectFrom('department_requests').selectAll().where('enterprise_id', '=', enterpriseId).where('item_code', '=', itemCode).where('is_open', '=', 1).executeTakeFirst();
}

/** The department ids the actor works for as an executing department. */
function dutyDepartmentIds(actor: Actor): number[] {
  return actor.grants.filter((g) => (DEPARTMENTS as readonly Role[]).includes(g.role) && g.departmentId !== null).map((g) => g.departmentId!);
}

/**
 * The visibility of requests for `actor`: addressed to one of the actor's departments, or on a
 * workshop in the scope of one of the actor's other grants; null when the actor sees every request
 * of the campaign (then the campaign filter alone is exact and the indexes stay usable).
 */
function requestScope(actor: Actor, rootPath: string, columns: { department: string; path: string }): RawBuilder<SqlBool> | null {
  const prefixes = prefixesOf(actor, REQUEST_READERS);
  if (prefixes.some((p) => rootPath.startsWith(p))) return null;
  const ors: RawBuilder<SqlBool>[] = [];
  const own = dutyDepartmentIds(actor);
  if (own.length > 0) ors.push(sql<SqlBool>`${sql.ref(columns.department)} in (${sql.join(own)})`);
  if (prefixes.length > 0) ors.push(inPrefixes(columns.path, prefixes));
  return ors.length === 0 ? sql<SqlBool>`1 = 0` : ors.length === 1 ? ors[0] : sql<SqlBool>`(${sql.join(ors, sql` or `)})`;
}

/**
 * Requests with what a list shows of them (department, workshop, people's names): the request and its
 * workshop joined, the names as scalar subqueries by primary key. Nine joined tables cost PostgreSQL
 * about 9 ms to plan per query (the join order search), more than running it; this shape plans in
 * under a millisecond (bench/README.md, issue 14).
 */
function withNames(db: Kysely<Database>) {
  return db
    .selectFrom('department_requests as r')
    .innerJoin('enterprises as e', 'e.id', 'r.enterprise_id')
    .select((eb) => [
      'r.id',
      'r.version',
      'r.status',
      'r.item_code',
      'r.department_id',
      'r.town_id',
      'r.org_path',
      'r.details',
      'r.due_on',
      'r.scheduled_on',
      'r.reason',
      'r.note',
      'r.requester_unit',
      'r.requested_at',
      'r.accepted_at',
      'r.confirmed_at',
      eb.selectFrom('departments as d').select('d.code').whereRef('d.id', '=', 'r.department_id').as('department_code'),
      eb.selectFrom('departments as d').select('d.name').whereRef('d.id', '=', 'r.department_id').as('department_name'),
      'e.id as enterprise_id',
      'e.name as enterprise_name',
      'e.address as enterprise_address',
      'e.status as enterprise_status',
      eb.selectFrom('org_units as t').select('t.name').whereRef('t.id', '=', 'e.town_id').as('town_name'),
      eb.selectFrom('org_units as v').select('v.name').whereRef('v.id', '=', 'e.village_id').as('village_name'),
      eb.selectFrom('users as u').select('u.display_name').whereRef('u.id', '=', 'r.requested_by').as('requested_by_name'),
      eb.selectFrom('users as u').select('u.display_name').whereRef('u.id', '=', 'r.accepted_by').as('accepted_by_name'),
      eb.selectFrom('users as u').select('u.display_name').whereRef('u.id', '=', 'r.confirmed_by').as('confirmed_by_name'),
    ]);
}

/** withNames' columns as one SQL fragment (the same names, the same order), for the queue's hot path. */
const VIEW_COLUMNS = sql.raw(
  [
    'r.id, r.version, r.status, r.item_code, r.department_id, r.town_id, r.org_path, r.details, r.due_on, r.scheduled_on, r.reason, r.note',
    'r.requester_unit, r.requested_at, r.accepted_at, r.confirmed_at',
    '(select d.code from departments d where d.id = r.department_id) as department_code',
    '(select d.name from departments d where d.id = r.department_id) as department_name',
    'e.id as enterprise_id, e.name as enterprise_name, e.address as enterprise_address, e.status as enterprise_status',
    '(select t.name from org_units t where t.id = e.town_id) as town_name',
    '(select v.name from org_units v where v.id = e.village_id) as village_name',
    '(select u.display_name from users u where u.id = r.requested_by) as requested_by_name',
    '(select u.display_name from users u where u.id = r.accepted_by) as accepted_by_name',
    '(select u.display_name from users u where u.id = r.confirmed_by) as confirmed_by_name',
  ].join(', '),
);

/** One request as a list shows it, or undefined. */
export async function findRequestView(db: Kysely<Database>, id: number) {
  return withNames(db).where('r.id', '=', id).executeTakeFirst();
}
export type RequestView = NonNullable<Awaited<ReturnType<typeof findRequestView>>>;

/** A workshop's requests that the actor sees, oldest first. */
export async function listWorkshopRequests(db: Kysely<Database>, actor: Actor, rootPath: string, enterpriseId: number): Promise<RequestView[]> {
  const scope = requestScope(actor, rootPath, { department: 'r.department_id', path: 'r.org_path' });
  return withNames(db)
    .where('r.enterprise_id', '=', enterpriseId)
    .$if(scope !== null, (q) => q.where(scope!))
    .orderBy('r.id')
    .execute();
}

export interface QueueFilter {
  campaignId: number;
  rootPath: string;
  status: RequestQueueFilter;
  townId?: number;
  departmentId?: number;
  page: number;
  pageSize: number;
}

/** The statuses a queue filter stands for. */
function statusesOf(filter: RequestQueueFilter): readonly DepartmentRequestStatus[] {
  return filter === 'open' ? OPEN_DEPARTMENT_REQUEST_STATUSES : filter === 'all' ? DEPARTMENT_REQUEST_STATUSES : [filter];
}

/**
 * The queue: requests the actor sees, oldest first, one page; the counts by status of the town and
 * department filter (kept counts, never a scan of the requests), and the total of the whole filter.
 */
export async function requestQueue(db: Kysely<Database>, actor: Actor, f: QueueFilter) {
  const scope = requestScope(actor, f.rootPath, { department: 'r.department_id', path: 'r.org_path' });
  const conds: RawBuilder<unknown>[] = [sql`r.campaign_id = ${f.campaignId}`];
  if (scope) conds.push(scope);
  if (f.status === 'open') conds.push(sql`r.is_open = 1`);
  else if (f.status !== 'all') conds.push(sql`r.status = ${f.status}`);
  if (f.townId !== undefined) conds.push(sql`r.town_id = ${f.townId}`);
  if (f.departmentId !== undefined) conds.push(sql`r.department_id = ${f.departmentId}`);
  // The hot path as one template over the constant column list: building the seven name subqueries
  // with the query builder cost a fifth of a queue request's CPU (bench/profile.ts --queue).
  const [rows, counts] = await Promise.all([
    sql<RequestView>`select ${VIEW_COLUMNS} from department_requests r inner join enterprises e on e.id = r.enterprise_id
      where ${sql.join(conds, sql` and `)} order by r.id limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`
      .execute(db)
      .then((r) => r.rows),
    requestCounts(db, actor, f),
  ]);
  const total = statusesOf(f.status).reduce((sum, s) => sum + (counts.get(s) ?? 0), 0);
  return { rows, counts, total };
}

/** Counts by status of the requests the actor sees, for one town and/or department when given (kept counts). */
export async function requestCounts(
  db: Kysely<Database>,
  actor: Actor,
  f: { campaignId: number; rootPath: string; townId?: number; departmentId?: number },
): Promise<Map<DepartmentRequestStatus, number>> {
  const scope = requestScope(actor, f.rootPath, { department: 'department_id', path: 'org_path' });
  const rows = await db
    .selectFrom('department_request_counts')
    .select(['status', (eb) => eb.fn.sum<number | string>('n').as('n')])
    .where('campaign_id', '=', f.campaignId)
    .$if(scope !== null, (q) => q.where(scope!))
    .$if(f.townId !== undefined, (q) => q.where('town_id', '=', f.townId!))
    .$if(f.departmentId !== undefined, (q) => q.where('department_id', '=', f.departmentId!))
    .groupBy('status')
    .execute();
  return new Map(rows.map((r) => [r.status as DepartmentRequestStatus, toNumber(r.n)]));
}

/** Compares the kept counts with a count of the requests (tests, `qudi` checks): the keys that differ. */
export async function checkRequestCounts(db: Kysely<Database>): Promise<string[]> {
  const key = (r: { campaign_id: number; department_id: number; town_id: number; org_path: string; status: string }) => `${r.campaign_id}|${r.department_id}|${r.town_id}|${r.org_path}|${r.status}`;
  const kept = new Map((await db.selectFrom('department_request_counts').selectAll().execute()).map((r) => [key(r), toNumber(r.n)]));
  const actual = await db
    .selectFrom('department_requests')
    .select(['campaign_id', 'department_id', 'town_id', 'org_path', 'status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy(['campaign_id', 'department_id', 'town_id', 'org_path', 'status'])
    .execute();
  const seen = new Map(actual.map((r) => [key(r), toNumber(r.n)]));
  return [...new Set([...kept.keys(), ...seen.keys()])].filter((k) => (kept.get(k) ?? 0) !== (seen.get(k) ?? 0));
}
