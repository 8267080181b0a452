// Spot-check draws (acceptance_draws): the workshops eligible for each round, the draws of a town,
// and the three writes a draw takes (insert, publish, supersede) at the version read.
import type { Insertable } from 'kysely';
import type { DrawRound } from '../../domain/acceptance.js';
import type { AcceptanceDrawRow, AcceptanceDrawTable, Db } from '../db/schema.js';

/** Shut down or accepted: the workshops whose shutdown the acceptance checks. */
const SHUT = ['shut_down', 'accepted'];

function eligibleQuery(db: Db, campaignId: number, round: DrawRound) {
  let q = db.selectFrom('enterprises').where('enterprises.campaign_id', '=', campaignId).where('enterprises.status', 'in', SHUT);
  // The re-inspection: the sites the acceptance rejected, shut down again since.
  if (round === 'reinspection')
    q = q.where(({ exists, selectFrom }) => exists(selectFrom('verdicts').select('verdicts.id').whereRef('verdicts.enterprise_id', '=', 'enterprises.id').where('verdicts.verdict', '=', 'rejected')));
  return q;
}

/** The ids a draw for `townId` and `round` chooses from, ascending. */
export async function eligibleWorkshopIds(db: Db, campaignId: number, townId: number, round: DrawRound): Promise<number[]> {
  const rows = await eligibleQuery(db, campaignId, round).where('enterprises.town_id', '=', townId).select('enterprises.id').orderBy('enterprises.id').execute();
  return rows.map((r) => r.id);
}

/** Per town, how many workshops each round would choose from now. */
export async function eligibleCounts(db: Db, campaignId: number, townIds: number[]): Promise<Map<number, Record<DrawRound, number>>> {
  const out = new Map<number, Record<DrawRound, number>>(townIds.map((id) => [id, { initial: 0, reinspection: 0 }]));
  if (townIds.length === 0) return out;
  for (const round of ['initial', 'reinspection'] as const) {
    const rows = await eligibleQuery(db, campaignId, round)
      .where('enterprises.town_id', 'in', townIds)
      .select(({ fn }) => ['enterprises.town_id', fn.countAll().as('n')])
      .groupBy('enterprises.town_id')
      .execute();
    for (const r of rows) out.get(r.town_id)![round] = Number(r.n);
  }
  return out;
}

/** Of `ids`, those that are the town's workshops (not excluded): the sites an inspector may choose. */
export async function townWorkshopIds(db: Db, campaignId: number, townId: number, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('enterprises')
    .select('id')
    .where('campaign_id', '=', campaignId)
    .where('town_id', '=', townId)
    .where('status', '!=', 'excluded')
    .where('id', 'in', [...ids])
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Every draw of the towns (all rounds), newest first. */
export async function drawsOfTowns(db: Db, campaignId: number, townIds: number[]): Promise<AcceptanceDrawRow[]> {
  if (townIds.length === 0) return [];
  return db.selectFrom('acceptance_draws').selectAll().where('campaign_id', '=', campaignId).where('town_id', 'in', townIds).orderBy('id', 'desc').execute();
}

export async function findDraw(db: Db, id: number): Promise<AcceptanceDrawRow | undefined> {
  return db.selectFrom('acceptance_draws').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lastDrawSeq(db: Db, campaignId: number, townId: number, round: DrawRound): Promise<number> {
  const row = await db
    .selectFrom('acceptance_draws')
    .select(({ fn }) => fn.max('seq').as('seq'))
    .where('campaign_id', '=', campaignId)
    .where('town_id', '=', townId)
    .where('round', '=', round)
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
}

export async function insertDraw(db: Db, row: Insertable<AcceptanceDrawTable>): Promise<number> {
  const { id } = await db.insertInto('acceptance_draws').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Publishes a drawn draw at the version read; false when it changed meanwhile. */
export async function markDrawPublished(db: Db, row: AcceptanceDrawRow, by: number, at: string): Promise<boolean> {
  const r = await db
    .updateTable('acceptance_draws')
    .set({ status: 'published', published_by: by, published_at: at, version: row.version + 1 })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Supersedes a live draw at the version read; false when it changed meanwhile. */
export async function markDrawSuperseded(db: Db, row: AcceptanceDrawRow, at: string): Promise<boolean> {
  const r = await db
    .updateTable('acceptance_draws')
    .set({ status: 'superseded', superseded_at: at, version: row.version + 1 })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function linkSupersededDraw(db: Db, oldId: number, newId: number): Promise<void> {
  await db.updateTable('acceptance_draws').set({ superseded_by: newId }).where('id', '=', oldId).execute();
}

/** The sampled workshops' names, addresses and villages, for presenting a draw. */
export async function sampleWorkshops(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return new Map<number, { name: string; address: string; village_name: string | null }>();
  const rows = await db
    .selectFrom('enterprises')
    .leftJoin('org_units as v', 'v.id', 'enterprises.village_id')
    .select(['enterprises.id', 'enterprises.name', 'enterprises.address', 'v.name as village_name'])
    .where('enterprises.id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** Every draw ever made (or the one `id`), oldest first: what `qudi acceptance redraw --check` re-runs. */
export async function allDraws(db: Db, id?: number): Promise<AcceptanceDrawRow[]> {
  let q = db.selectFrom('acceptance_draws').selectAll().orderBy('id');
  if (id !== undefined) q = q.where('id', '=', id);
  return q.execute();
}
