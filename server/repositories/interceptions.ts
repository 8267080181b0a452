// Truck interceptions (运输车辆查处, migration 024): written once, listed newest first, counted by
// destination town and week. Who sees which is the caller's (policies/interceptions.ts): every one,
// or those bound for given town paths.
import type { Kysely } from 'kysely';
import type { InterceptionCreate } from '../../domain/interceptions.js';
import { forUpdate, toNumber } from '../db/dialect.js';
import type { Database, InterceptionRow } from '../db/schema.js';
import { newestFirstPage } from './newestFirst.js';
import { inPrefixes } from './scope.js';

/** null: every interception of the campaign; otherwise only those bound for these town paths. */
export type InterceptionScope = readonly string[] | null;

export async function insertInterception(
  trx: Kysely<Database>,
  r: InterceptionCreate & { campaignId: number; destinationPath: string | null; by: number; unit: string; at: string },
): Promise<number> {
  const { id } = await trx
    .insertInto('interceptions')
    .values({
      campaign_id: r.campaignId,
      intercepted_on: r.interceptedOn,
      plate: r.plate,
      vehicle_type: r.vehicleType,
      cargo: r.cargo,
      cargo_note: r.cargoNote,
      quantity: r.quantity,
      origin: r.origin,
      destination_town_id: r.destinationTownId,
      destination_path: r.destinationPath,
      destination_enterprise_id: r.destinationEnterpriseId,
      destination_place: r.destinationPlace,
      action: r.action,
      recorded_by: r.by,
      recorded_unit: r.unit,
      recorded_at: r.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

function scoped(db: Kysely<Database>, campaignId: number, scope: InterceptionScope) {
  let q = db.selectFrom('interceptions as x').where('x.campaign_id', '=', campaignId);
  if (scope !== null) q = q.where('x.destination_path', 'is not', null).where(inPrefixes('x.destination_path', scope));
  return q;
}

const VIEW = (db: Kysely<Database>) =>
  db
    .selectFrom('interceptions as x')
    .leftJoin('org_units as t', 't.id', 'x.destination_town_id')
    .leftJoin('enterprises as e', 'e.id', 'x.destination_enterprise_id')
    .leftJoin('users as u', 'u.id', 'x.recorded_by')
    .selectAll('x')
    .select(['t.name as town_name', 'e.name as enterprise_name', 'u.display_name as recorded_by_name']);
export type InterceptionView = Awaited<ReturnType<ReturnType<typeof VIEW>['execute']>>[number];

export async function findInterceptionView(db: Kysely<Database>, id: number): Promise<InterceptionView | undefined> {
  return VIEW(db).where('x.id', '=', id).executeTakeFirst();
}

export async function listInterceptions(db: Kysely<Database>, scope: InterceptionScope, f: { campaignId: number; townId?: number; page: number; pageSize: number }) {
  let q = scoped(db, f.campaignId, scope);
  if (f.townId !== undefined) q = q.where('x.destination_town_id', '=', f.townId);
  const { rows, total } = await newestFirstPage(q, 'x', f, (ids) => VIEW(db).where('x.id', 'in', ids).orderBy('x.id', 'desc').execute());
  return { rows, total };
}

/** Interceptions per destination town (null: unknown) and day since `from` (YYYY-MM-DD). */
export async function interceptionsByTownAndDay(db: Kysely<Database>, scope: InterceptionScope, campaignId: number, from: string) {
  const rows = await scoped(db, campaignId, scope)
    .leftJoin('org_units as t', 't.id', 'x.destination_town_id')
    .where('x.intercepted_on', '>=', from)
    .select(['x.destination_town_id', 't.name as town_name', 'x.intercepted_on', (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy(['x.destination_town_id', 't.name', 'x.intercepted_on'])
    .execute();
  return rows.map((r) => ({ townId: r.destination_town_id, townName: r.town_name, day: r.intercepted_on, n: toNumber(r.n) }));
}

/** An interception of the campaign (locked for the caller's transaction with `forUpdate`), or undefined. */
export async function findInterception(db: Kysely<Database>, campaignId: number, id: number, opts: { forUpdate?: boolean } = {}): Promise<InterceptionRow | undefined> {
  const q = db.selectFrom('interceptions').selectAll().where('id', '=', id);
  const row = await (opts.forUpdate ? forUpdate(db, q) : q).executeTakeFirst();
  return row && row.campaign_id === campaignId ? row : undefined;
}

/** How many current (not replaced) files each of these interceptions has. */
export async function interceptionFileCounts(db: Kysely<Database>, ids: readonly number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('attachments')
    .select(['record_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('record_type', '=', 'interception')
    .where('record_id', 'in', ids.map(String))
    .where('replaced_by', 'is', null)
    .groupBy('record_id')
    .execute();
  return new Map(rows.map((r) => [Number(r.record_id), toNumber(r.n)]));
}
