// Town reports (town_reports): the frozen versions of a town's task table, and the register rows
// a new version is frozen from.
import type { Insertable, Kysely, SelectQueryBuilder } from 'kysely';
import type { Database, TownReportRow, TownReportTable } from '../db/schema.js';

export async function reportsOfTown(db: Kysely<Database>, campaignId: number, townId: number, phase: string): Promise<TownReportRow[]> {
  return db
    .selectFrom('town_reports')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('town_id', '=', townId)
    .where('phase_code', '=', phase)
    .orderBy('version', 'desc')
    .execute();
}

/** Per town: the newest live version, and the newest signed one. */
export async function latestReports(
  db: Kysely<Database>,
  campaignId: number,
  phase: string,
  townIds: number[],
): Promise<Map<number, { latest: TownReportRow; signed: TownReportRow | null }>> {
  if (townIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('town_reports')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('phase_code', '=', phase)
    .where('town_id', 'in', townIds)
    .where('status', '!=', 'superseded')
    .orderBy('version', 'asc')
    .execute();
  const out = new Map<number, { latest: TownReportRow; signed: TownReportRow | null }>();
  for (const r of rows) out.set(r.town_id, { latest: r, signed: r.status === 'signed' ? r : (out.get(r.town_id)?.signed ?? null) });
  return out;
}

export async function findReport(db: Kysely<Database>, id: number): Promise<TownReportRow | undefined> {
  return db.selectFrom('town_reports').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertReport(db: Kysely<Database>, row: Insertable<TownReportTable>): Promise<number> {
  const { id } = await db.insertInto('town_reports').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** A live version replaced by a newer submission before it was signed. */
export async function supersedeReport(db: Kysely<Database>, id: number): Promise<void> {
  await db.updateTable('town_reports').set({ status: 'superseded' }).where('id', '=', id).execute();
}

export async function markReportSigned(db: Kysely<Database>, id: number, signed: { by: number; at: string; late: boolean }): Promise<void> {
  await db.updateTable('town_reports').set({ status: 'signed', signed_by: signed.by, signed_at: signed.at, late: signed.late ? 1 : 0 }).where('id', '=', id).execute();
}

/**
 * The workshops a town's task table (附件2) lists: every one not excluded. The one rule for what a
 * report version freezes (taskTableRows) and for the live 附件2 export (ListFilter.onTaskTable), so
 * that the printed table and the signed one list the same workshops.
 */
export function onTaskTable<O>(qb: SelectQueryBuilder<Database, 'enterprises', O>) {
  return qb.where('enterprises.status', '!=', 'excluded');
}

/** The town's workshops as its task table (附件2) lists them, in registration order. */
export async function taskTableRows(db: Kysely<Database>, campaignId: number, townId: number) {
  return db
    .selectFrom('enterprises')
    .$call(onTaskTable)
    .leftJoin('org_units as v', 'v.id', 'enterprises.village_id')
    .select(['enterprises.id', 'enterprises.name', 'enterprises.address', 'enterprises.phone', 'enterprises.notes', 'v.name as village_name'])
    .where('enterprises.campaign_id', '=', campaignId)
    .where('enterprises.town_id', '=', townId)
    .orderBy('enterprises.id')
    .execute();
}
