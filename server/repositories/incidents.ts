// Obstruction incidents (阻碍执法事件, migration 023). An incident's scope is its workshop's path,
// read through the join; who sees which paths is the caller's (policies/incidents.ts incidentPrefixes).
import type { Kysely } from 'kysely';
import type { IncidentCreate, IncidentKind } from '../../domain/incidents.js';
import { forUpdate } from '../db/dialect.js';
import type { Database, IncidentRow } from '../db/schema.js';
import { newestFirstPage } from './newestFirst.js';
import { inPrefixes } from './scope.js';

export async function insertIncident(
  trx: Kysely<Database>,
  r: { campaignId: number; enterpriseId: number; by: number; unit: string; at: string } & IncidentCreate,
): Promise<number> {
  const { id } = await trx
    .insertInto('incidents')
    .values({
      campaign_id: r.campaignId,
      enterprise_id: r.enterpriseId,
      operation_id: r.operationId,
      occurred_on: r.occurredOn,
      kind: r.kind satisfies IncidentKind,
      description: r.description,
      persons: r.persons,
      injuries: r.injuries,
      damage: r.damage,
      case_number: r.caseNumber,
      outcome: r.outcome,
      evidence_ids: JSON.stringify(r.evidenceIds),
      recorded_by: r.by,
      recorded_unit: r.unit,
      recorded_at: r.at,
      updated_at: r.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function findIncident(db: Kysely<Database>, campaignId: number, id: number, opts: { forUpdate?: boolean } = {}): Promise<IncidentRow | undefined> {
  const q = db.selectFrom('incidents').selectAll().where('id', '=', id);
  const row = await (opts.forUpdate ? forUpdate(db, q) : q).executeTakeFirst();
  return row && row.campaign_id === campaignId ? row : undefined;
}

export async function updateIncidentAtVersion(trx: Kysely<Database>, row: IncidentRow, c: { case_number?: string; outcome?: string; updated_at: string }): Promise<boolean> {
  const res = await trx.updateTable('incidents').set({ ...c, version: row.version + 1 }).where('id', '=', row.id).where('version', '=', row.version).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Of `ids`, the attachments that are the workshop's own files (its own or its items'). */
export async function workshopAttachmentIds(db: Kysely<Database>, enterpriseId: number, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('attachments').select('id').where('enterprise_id', '=', enterpriseId).where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

function withNames(db: Kysely<Database>) {
  return db
    .selectFrom('incidents as i')
    .innerJoin('enterprises as e', 'e.id', 'i.enterprise_id')
    .leftJoin('org_units as t', 't.id', 'e.town_id')
    .leftJoin('org_units as v', 'v.id', 'e.village_id')
    .leftJoin('users as u', 'u.id', 'i.recorded_by')
    .selectAll('i')
    .select(['e.name as enterprise_name', 'e.org_path', 't.name as town_name', 'v.name as village_name', 'u.display_name as recorded_by_name']);
}
export type IncidentView = Awaited<ReturnType<ReturnType<typeof withNames>['execute']>>[number];

/** Incidents on workshops within `prefixes` (the reader's), newest first; one workshop's or one town's when given. */
export async function listIncidents(
  db: Kysely<Database>,
  prefixes: readonly string[],
  f: { campaignId: number; enterpriseId?: number; townId?: number; page: number; pageSize: number },
): Promise<{ rows: IncidentView[]; total: number }> {
  let q = db.selectFrom('incidents as i').innerJoin('enterprises as e', 'e.id', 'i.enterprise_id').where('i.campaign_id', '=', f.campaignId).where(inPrefixes('e.org_path', prefixes));
  if (f.enterpriseId !== undefined) q = q.where('i.enterprise_id', '=', f.enterpriseId);
  if (f.townId !== undefined) q = q.where('e.town_id', '=', f.townId);
  const { rows, total } = await newestFirstPage(q, 'i', f, (ids) => withNames(db).where('i.id', 'in', ids).orderBy('i.id', 'desc').execute());
  return { rows, total };
}

export async function findIncidentView(db: Kysely<Database>, id: number): Promise<IncidentView | undefined> {
  return withNames(db).where('i.id', '=', id).executeTakeFirst();
}
