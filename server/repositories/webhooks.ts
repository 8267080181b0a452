// Group robots (webhooks, migration 037): a unit's robots with the unit's name, their outcome of the
// latest delivery, and the ledger of which notice each robot has been sent (once per robot and key).
import type { Kysely } from 'kysely';
import type { Database, WebhookRow } from '../db/schema.js';

/** A robot with its unit: the org unit's kind and path (the district, a town), or the department. */
export interface WebhookWithUnit extends WebhookRow {
  unit_name: string;
  /** district | town (the org unit's kind) or department. */
  unit_kind: string;
  /** The org unit's path; null for a department's robot. */
  unit_path: string | null;
}

function withUnit(db: Kysely<Database>) {
  return db
    .selectFrom('webhooks as w')
    .leftJoin('org_units as ou', 'ou.id', 'w.org_unit_id')
    .leftJoin('departments as d', 'd.id', 'w.department_id')
    .selectAll('w')
    .select(['ou.name as org_unit_name', 'ou.kind as org_unit_kind', 'ou.path as org_unit_path', 'd.name as department_name']);
}

type Joined = WebhookRow & { org_unit_name: string | null; org_unit_kind: string | null; org_unit_path: string | null; department_name: string | null };

function unitOf(r: Joined): WebhookWithUnit {
  const { org_unit_name, org_unit_kind, org_unit_path, department_name, ...row } = r;
  return r.department_id !== null
    ? { ...row, unit_name: department_name ?? '', unit_kind: 'department', unit_path: null }
    : { ...row, unit_name: org_unit_name ?? '', unit_kind: org_unit_kind ?? 'town', unit_path: org_unit_path };
}

/** The robots of the given units (every robot when `all`), as added (the same order on both databases). */
export async function listWebhooks(db: Kysely<Database>, scope: { all: boolean; orgUnitIds: readonly number[]; departmentIds: readonly number[] }): Promise<WebhookWithUnit[]> {
  let q = withUnit(db);
  if (!scope.all) {
    const units = scope.orgUnitIds.length ? [...scope.orgUnitIds] : [0];
    const departments = scope.departmentIds.length ? [...scope.departmentIds] : [0];
    q = q.where((eb) => eb.or([eb('w.org_unit_id', 'in', units), eb('w.department_id', 'in', departments)]));
  }
  return (await q.orderBy('w.id').execute()).map(unitOf);
}

export async function findWebhook(db: Kysely<Database>, id: number): Promise<WebhookWithUnit | undefined> {
  const r = await withUnit(db).where('w.id', '=', id).executeTakeFirst();
  return r ? unitOf(r) : undefined;
}

export async function insertWebhook(
  db: Kysely<Database>,
  w: { orgUnitId: number | null; departmentId: number | null; platform: string; name: string; remark: string; url: string; secret: string | null; enabled: boolean; by: number; at: string },
): Promise<number> {
  const row = await db
    .insertInto('webhooks')
    .values({
      org_unit_id: w.orgUnitId,
      department_id: w.departmentId,
      platform: w.platform,
      name: w.name,
      remark: w.remark,
      url: w.url,
      secret: w.secret,
      enabled: w.enabled ? 1 : 0,
      created_by: w.by,
      created_at: w.at,
      updated_by: w.by,
      updated_at: w.at,
      last_status: null,
      last_at: null,
      last_error: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateWebhook(
  db: Kysely<Database>,
  id: number,
  change: { name?: string; remark?: string; url?: string; secret?: string | null; enabled?: boolean },
  by: { id: number; at: string },
): Promise<void> {
  await db
    .updateTable('webhooks')
    .set({
      ...(change.name !== undefined ? { name: change.name } : {}),
      ...(change.remark !== undefined ? { remark: change.remark } : {}),
      ...(change.url !== undefined ? { url: change.url } : {}),
      ...(change.secret !== undefined ? { secret: change.secret } : {}),
      ...(change.enabled !== undefined ? { enabled: change.enabled ? 1 : 0 } : {}),
      updated_by: by.id,
      updated_at: by.at,
    })
    .where('id', '=', id)
    .execute();
}

/** Removes the robot and its ledger of notices sent. */
export async function deleteWebhook(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('webhook_pushes').where('webhook_id', '=', id).execute();
  await db.deleteFrom('webhooks').where('id', '=', id).execute();
}

/** The outcome of the robot's latest delivery. */
export async function recordDelivery(db: Kysely<Database>, id: number, outcome: { status: string; error: string | null; at: string }): Promise<void> {
  await db.updateTable('webhooks').set({ last_status: outcome.status, last_error: outcome.error, last_at: outcome.at }).where('id', '=', id).execute();
}

/** The enabled robots of the given org units and departments. */
export async function enabledWebhooksOf(db: Kysely<Database>, units: { orgUnitIds: readonly number[]; departmentIds: readonly number[] }): Promise<WebhookRow[]> {
  if (units.orgUnitIds.length === 0 && units.departmentIds.length === 0) return [];
  return db
    .selectFrom('webhooks')
    .selectAll()
    .where('enabled', '=', 1)
    .where((eb) => eb.or([eb('org_unit_id', 'in', units.orgUnitIds.length ? [...units.orgUnitIds] : [0]), eb('department_id', 'in', units.departmentIds.length ? [...units.departmentIds] : [0])]))
    .orderBy('id')
    .execute();
}

/**
 * Enters the notices (keys) as sent to the robot and answers those not entered before: whichever
 * sweep enters a key first pushes it, every other finds it taken.
 */
export async function claimPushes(db: Kysely<Database>, webhookId: number, keys: readonly string[], at: string): Promise<string[]> {
  const claimed: string[] = [];
  for (let i = 0; i < keys.length; i += 500) {
    const part = keys.slice(i, i + 500);
    const rows = await db
      .insertInto('webhook_pushes')
      .values(part.map((key) => ({ webhook_id: webhookId, key, at })))
      .onConflict((oc) => oc.columns(['webhook_id', 'key']).doNothing())
      .returning('key')
      .execute();
    claimed.push(...rows.map((r) => r.key));
  }
  return claimed;
}
