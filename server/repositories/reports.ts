import type { Kysely } from 'kysely';
import type { Database, TownReportRow } from '../db/schema.js';

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
