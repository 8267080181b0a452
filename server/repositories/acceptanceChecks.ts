// On-site checks (acceptance_checks) and hearings (acceptance_hearings) of the acceptance, and the
// partial reopening of a workshop's items a failed check causes.
import type { Insertable } from 'kysely';
import type { AcceptanceCheckRow, AcceptanceCheckTable, AcceptanceHearingRow, AcceptanceHearingTable, Db } from '../db/schema.js';

export async function checksOfDraws(db: Db, drawIds: readonly number[]): Promise<AcceptanceCheckRow[]> {
  if (drawIds.length === 0) return [];
  return db.selectFrom('acceptance_checks').selectAll().where('draw_id', 'in', [...drawIds]).orderBy('id').execute();
}

export async function findCheck(db: Db, drawId: number, enterpriseId: number): Promise<AcceptanceCheckRow | undefined> {
  return db.selectFrom('acceptance_checks').selectAll().where('draw_id', '=', drawId).where('enterprise_id', '=', enterpriseId).executeTakeFirst();
}

export async function insertCheck(db: Db, row: Insertable<AcceptanceCheckTable>): Promise<number> {
  const { id } = await db.insertInto('acceptance_checks').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function hearingsOfTown(db: Db, campaignId: number, townId: number): Promise<AcceptanceHearingRow[]> {
  return db.selectFrom('acceptance_hearings').selectAll().where('campaign_id', '=', campaignId).where('town_id', '=', townId).orderBy('id', 'desc').execute();
}

export async function findHearing(db: Db, id: number): Promise<AcceptanceHearingRow | undefined> {
  return db.selectFrom('acceptance_hearings').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertHearing(db: Db, row: Insertable<AcceptanceHearingTable>): Promise<number> {
  const { id } = await db.insertInto('acceptance_hearings').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Sets the named items of a workshop back to pending (a failed on-site check found them not held). */
export async function reopenItems(db: Db, enterpriseId: number, codes: readonly string[], at: string, userId: number): Promise<void> {
  if (codes.length === 0) return;
  await db
    .updateTable('enterprise_items')
    .set({ state: 'pending', unit: '', person: '', done_on: null, note: '', reason: '', department_id: null, updated_by: userId, updated_at: at })
    .where('enterprise_id', '=', enterpriseId)
    .where('item_code', 'in', [...codes])
    .execute();
}
