// Joint enforcement (联合执法, migration 022): applications, decisions, and each workshop's result.
// Scope is the town's path (scope.ts); a workshop is on at most one open operation at a time.
import type { Kysely } from 'kysely';
import { OPEN_OPERATION_STATUSES, type JointOperationStatus, type MachineryCounts, type OperationResult, type TeamMember } from '../../domain/jointOperations.js';
import type { Actor } from '../auth/actor.js';
import { forUpdate, toNumber } from '../db/dialect.js';
import type { Database, JointOperationRow } from '../db/schema.js';
import { newestFirstPage } from './newestFirst.js';
import { campaignScope } from './scope.js';

export interface NewJointOperation {
  campaignId: number;
  townId: number;
  orgPath: string;
  reason: string;
  proposedOn: string;
  appliedBy: number;
  at: string;
}

/** Inserts an application (applied) with its workshops, in the order given; answers its id. */
export async function insertJointOperation(trx: Kysely<Database>, op: NewJointOperation, workshopIds: readonly number[]): Promise<number> {
  const { id } = await trx
    .insertInto('joint_operations')
    .values({
      campaign_id: op.campaignId,
      town_id: op.townId,
      org_path: op.orgPath,
      status: 'applied',
      reason: op.reason,
      proposed_on: op.proposedOn,
      applied_by: op.appliedBy,
      applied_at: op.at,
      decision_reason: null,
      decided_by: null,
      decided_at: null,
      operation_on: null,
      completed_at: null,
      updated_at: op.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await setOperationWorkshops(trx, id, workshopIds);
  return id;
}

/** Replaces the operation's workshops (an application corrected before approval). */
export async function setOperationWorkshops(trx: Kysely<Database>, operationId: number, workshopIds: readonly number[]): Promise<void> {
  await trx.deleteFrom('joint_operation_workshops').where('operation_id', '=', operationId).execute();
  if (workshopIds.length === 0) return;
  await trx
    .insertInto('joint_operation_workshops')
    .values(workshopIds.map((enterprise_id, position) => ({ operation_id: operationId, enterprise_id, position, recorded_by: null, recorded_at: null })))
    .execute();
}

/** The operation (locked for the caller's transaction with `forUpdate`) if it is the campaign's. */
export async function findJointOperation(db: Kysely<Database>, campaignId: number, id: number, opts: { forUpdate?: boolean } = {}): Promise<JointOperationRow | undefined> {
  const q = db.selectFrom('joint_operations').selectAll().where('id', '=', id);
  const row = await (opts.forUpdate ? forUpdate(db, q) : q).executeTakeFirst();
  return row && row.campaign_id === campaignId ? row : undefined;
}

export interface OperationChange {
  status: JointOperationStatus;
  at: string;
  by: number;
  decisionReason?: string;
  reason?: string;
  proposedOn?: string;
  operationOn?: string;
  team?: TeamMember[];
  machinery?: MachineryCounts;
  completed?: boolean;
}

/** Moves an operation read at `row.version`; false when someone changed it meanwhile. */
export async function changeJointOperation(trx: Kysely<Database>, row: JointOperationRow, c: OperationChange): Promise<boolean> {
  const res = await trx
    .updateTable('joint_operations')
    .set({
      status: c.status,
      updated_at: c.at,
      version: row.version + 1,
      ...(c.decisionReason !== undefined ? { decision_reason: c.decisionReason, decided_by: c.by, decided_at: c.at } : {}),
      ...(c.reason !== undefined ? { reason: c.reason } : {}),
      ...(c.proposedOn !== undefined ? { proposed_on: c.proposedOn } : {}),
      ...(c.operationOn !== undefined ? { operation_on: c.operationOn } : {}),
      ...(c.team !== undefined ? { team: JSON.stringify(c.team) } : {}),
      ...(c.machinery !== undefined ? { machinery: JSON.stringify(c.machinery) } : {}),
      ...(c.completed ? { completed_at: c.at } : {}),
    })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Of `workshopIds`, those already on another open operation (applied, returned, approved, in progress): id → operation id. */
export async function workshopsOnOpenOperations(db: Kysely<Database>, workshopIds: readonly number[], exceptOperation?: number): Promise<Map<number, number>> {
  if (workshopIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('joint_operation_workshops as w')
    .innerJoin('joint_operations as o', 'o.id', 'w.operation_id')
    .select(['w.enterprise_id', 'o.id'])
    .where('w.enterprise_id', 'in', workshopIds)
    .where('o.status', 'in', OPEN_OPERATION_STATUSES)
    .$if(exceptOperation !== undefined, (q) => q.where('o.id', '<>', exceptOperation!))
    .execute();
  return new Map(rows.map((r) => [r.enterprise_id, r.id]));
}

/** The operation's workshops in order, with what the sheet and the page show of each. */
export async function operationWorkshops(db: Kysely<Database>, operationId: number) {
  return db
    .selectFrom('joint_operation_workshops as w')
    .innerJoin('enterprises as e', 'e.id', 'w.enterprise_id')
    .leftJoin('org_units as v', 'v.id', 'e.village_id')
    .select([
      'w.enterprise_id',
      'w.result',
      'w.note',
      'w.recorded_at',
      'e.name',
      'e.address',
      'e.contact_person',
      'e.phone',
      'e.lat',
      'e.lng',
      'e.status',
      'e.org_path',
      'v.name as village_name',
    ])
    .where('w.operation_id', '=', operationId)
    .orderBy('w.position')
    .execute();
}
export type OperationWorkshopRow = Awaited<ReturnType<typeof operationWorkshops>>[number];

/** Records one workshop's result (the caller holds the operation locked). */
export async function setOperationResult(trx: Kysely<Database>, operationId: number, enterpriseId: number, r: { result: OperationResult; note: string; by: number; at: string }): Promise<boolean> {
  const res = await trx
    .updateTable('joint_operation_workshops')
    .set({ result: r.result, note: r.note, recorded_by: r.by, recorded_at: r.at })
    .where('operation_id', '=', operationId)
    .where('enterprise_id', '=', enterpriseId)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Workshops and cleared workshops per operation. */
async function tallies(db: Kysely<Database>, ids: readonly number[]): Promise<Map<number, { total: number; cleared: number }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('joint_operation_workshops')
    .select(['operation_id', 'result', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('operation_id', 'in', ids)
    .groupBy(['operation_id', 'result'])
    .execute();
  const out = new Map<number, { total: number; cleared: number }>();
  for (const r of rows) {
    const t = out.get(r.operation_id) ?? { total: 0, cleared: 0 };
    t.total += toNumber(r.n);
    if (r.result === 'cleared') t.cleared += toNumber(r.n);
    out.set(r.operation_id, t);
  }
  return out;
}

const VIEW_COLUMNS = ['o.id', 'o.version', 'o.status', 'o.town_id', 'o.org_path', 'o.reason', 'o.proposed_on', 'o.applied_at', 'o.decision_reason', 'o.decided_at', 'o.operation_on', 'o.team', 'o.machinery', 'o.completed_at', 't.name as town_name', 'ua.display_name as applicant_name', 'ud.display_name as decider_name'] as const;

function withNames(db: Kysely<Database>) {
  return db
    .selectFrom('joint_operations as o')
    .leftJoin('org_units as t', 't.id', 'o.town_id')
    .leftJoin('users as ua', 'ua.id', 'o.applied_by')
    .leftJoin('users as ud', 'ud.id', 'o.decided_by');
}

export type OperationView = Awaited<ReturnType<typeof findOperationView>> extends infer V ? NonNullable<V> : never;

/** One operation with its names and tallies. */
export async function findOperationView(db: Kysely<Database>, id: number) {
  const row = await withNames(db).select(VIEW_COLUMNS).where('o.id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const t = (await tallies(db, [id])).get(id) ?? { total: 0, cleared: 0 };
  return { ...row, workshop_count: t.total, cleared_count: t.cleared };
}

/** The operations the actor sees, newest first, one page, and how many there are. */
export async function listJointOperations(
  db: Kysely<Database>,
  actor: Actor,
  f: { campaignId: number; rootPath: string; status?: JointOperationStatus; townId?: number; page: number; pageSize: number },
) {
  let q = db.selectFrom('joint_operations as o').where('o.campaign_id', '=', f.campaignId);
  const scope = campaignScope(actor, 'o.org_path', f.rootPath);
  if (scope) q = q.where(scope);
  if (f.status) q = q.where('o.status', '=', f.status);
  if (f.townId !== undefined) q = q.where('o.town_id', '=', f.townId);
  const { rows, total, ids } = await newestFirstPage(q, 'o', f, (list) => withNames(db).select(VIEW_COLUMNS).where('o.id', 'in', list).orderBy('o.id', 'desc').execute());
  const t = await tallies(db, ids);
  return { rows: rows.map((r) => ({ ...r, workshop_count: t.get(r.id)?.total ?? 0, cleared_count: t.get(r.id)?.cleared ?? 0 })), total };
}

/** The pending standard items of each workshop (what remains to do), by workshop. */
export async function pendingItemsOf(db: Kysely<Database>, enterpriseIds: readonly number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (enterpriseIds.length === 0) return out;
  const rows = await db.selectFrom('enterprise_items').select(['enterprise_id', 'item_code']).where('enterprise_id', 'in', enterpriseIds).where('state', '=', 'pending').execute();
  for (const r of rows) out.set(r.enterprise_id, [...(out.get(r.enterprise_id) ?? []), r.item_code]);
  return out;
}
