// Each town's acceptance verdict (town_acceptances): read per town, and written at the version read
// (the first decision inserts the row; two at once: the unique index lets one through).
import type { Updateable } from 'kysely';
import type { Db, TownAcceptanceRow, TownAcceptanceTable } from '../db/schema.js';

export async function townAcceptances(db: Db, campaignId: number, townIds: readonly number[]): Promise<Map<number, TownAcceptanceRow>> {
  if (townIds.length === 0) return new Map();
  const rows = await db.selectFrom('town_acceptances').selectAll().where('campaign_id', '=', campaignId).where('town_id', 'in', [...townIds]).execute();
  return new Map(rows.map((r) => [r.town_id, r]));
}

export async function findTownAcceptance(db: Db, campaignId: number, townId: number): Promise<TownAcceptanceRow | undefined> {
  return db.selectFrom('town_acceptances').selectAll().where('campaign_id', '=', campaignId).where('town_id', '=', townId).executeTakeFirst();
}

export type TownAcceptanceChange = Omit<Updateable<TownAcceptanceTable>, 'id' | 'campaign_id' | 'town_id' | 'org_path' | 'version'>;

/**
 * Writes the change at `version` (0: the town has no row yet, so it is inserted); answers the row's id,
 * or null when someone else wrote first.
 */
export async function writeTownAcceptance(db: Db, town: { campaignId: number; townId: number; orgPath: string }, version: number, change: TownAcceptanceChange): Promise<number | null> {
  if (version === 0) {
    const { id } = await db
      .insertInto('town_acceptances')
      .values({ campaign_id: town.campaignId, town_id: town.townId, org_path: town.orgPath, status: 'pending', ...change } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }
  const row = await db
    .updateTable('town_acceptances')
    .set({ ...change, version: version + 1 })
    .where('campaign_id', '=', town.campaignId)
    .where('town_id', '=', town.townId)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}
