// 一张图 (issue 17 §4): the map's cells from the kept counts (migration 038), or computed over the
// workshops a filter selects when the counts cannot answer it (a search term, a department's
// pending item, 登记信息不全); single workshops when zoomed in; and the layers (tips, patrols,
// joint operations) — each cut to the actor's scope by the same conditions as their lists.
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Actor } from '../auth/actor.js';
import { toNumber } from '../db/dialect.js';
import { cellSql } from '../db/migrations/038_map_counts.js';
import type { Database } from '../db/schema.js';
import { filtered, type ListFilter } from './enterprises.js';
import { campaignScope, inPrefixes } from './scope.js';

/** The view in base grid cells (0.005°), inclusive. */
export interface CellRange {
  rowFrom: number;
  rowTo: number;
  colFrom: number;
  colTo: number;
}

export interface CellCount {
  row: number;
  col: number;
  status: string;
  n: number;
  sumLat: number;
  sumLng: number;
}

const asCounts = (rows: { cell_row: number; cell_col: number; status: string; n: number | string | null; sum_lat: number | string | null; sum_lng: number | string | null }[]): CellCount[] =>
  rows
    .map((r) => ({ row: toNumber(r.cell_row), col: toNumber(r.cell_col), status: r.status, n: toNumber(r.n ?? 0), sumLat: Number(r.sum_lat ?? 0), sumLng: Number(r.sum_lng ?? 0) }))
    .filter((c) => c.n > 0);

/** Floor division as cellSql computes it. */
const cellOf = (base: number, level: number) => Math.floor(base / level);

/** Whether the kept counts answer the filter (scope, town, village and status only). */
export function keptCountsAnswer(f: ListFilter): boolean {
  return !f.q && !f.pendingItem && !f.incomplete && !f.onTaskTable;
}

/** The kept counts cut to the actor's scope and the filter's town, village and status. */
function keptFilter<O>(q: SelectQueryBuilder<Database, 'map_cell_counts', O>, actor: Actor, f: ListFilter): SelectQueryBuilder<Database, 'map_cell_counts', O> {
  const scope = campaignScope(actor, 'org_path', f.rootPath);
  if (scope) q = q.where(scope);
  if (f.townId !== undefined) q = q.where('town_id', '=', f.townId);
  const villageId = f.villageId;
  // A workshop in a village takes the village's path (commands/lib/placement.ts).
  if (villageId !== undefined) q = q.where('org_path', '=', (eb) => eb.selectFrom('org_units').select('path').where('id', '=', villageId));
  if (f.status) q = q.where('status', '=', f.status);
  return q;
}

/** Workshops per cell of `level` and status in the view, from the kept counts. */
export async function keptCells(db: Kysely<Database>, actor: Actor, f: ListFilter, level: number, view: CellRange): Promise<CellCount[]> {
  const q = db
    .selectFrom('map_cell_counts')
    .select(['cell_row', 'cell_col', 'status', (eb) => eb.fn.sum<number | string>('n').as('n'), (eb) => eb.fn.sum<number | string>('sum_lat').as('sum_lat'), (eb) => eb.fn.sum<number | string>('sum_lng').as('sum_lng')])
    .where('campaign_id', '=', f.campaignId)
    .where('level', '=', level)
    .where('cell_row', '>=', cellOf(view.rowFrom, level))
    .where('cell_row', '<=', cellOf(view.rowTo, level))
    .where('cell_col', '>=', cellOf(view.colFrom, level))
    .where('cell_col', '<=', cellOf(view.colTo, level));
  return asCounts(await keptFilter(q, actor, f).groupBy(['cell_row', 'cell_col', 'status']).execute());
}

/** How many workshops matching the kept-count filter have a position (the coarsest level, no view). */
export async function locatedTotal(db: Kysely<Database>, actor: Actor, f: ListFilter, coarsest: number): Promise<number> {
  const q = db.selectFrom('map_cell_counts').select((eb) => eb.fn.sum<number | string | null>('n').as('n')).where('campaign_id', '=', f.campaignId).where('level', '=', coarsest);
  const r = await keptFilter(q, actor, f).executeTakeFirstOrThrow();
  return r.n === null ? 0 : toNumber(r.n);
}

/** The workshops the filter selects within the view, through the grid index (migration 035). */
function inView(db: Kysely<Database>, actor: Actor, f: ListFilter, view: CellRange) {
  // `orderedPage`: the scope's path range is only checked, so that SQLite walks the grid index (a
  // few cells) rather than every workshop of a town by its path.
  return filtered(db, actor, f, { orderedPage: true })
    .where('enterprises.geo_row', '>=', view.rowFrom)
    .where('enterprises.geo_row', '<=', view.rowTo)
    .where('enterprises.geo_col', '>=', view.colFrom)
    .where('enterprises.geo_col', '<=', view.colTo);
}

/** Workshops per cell of `level` and status in the view, counted over the workshops the filter selects. */
export async function computedCells(db: Kysely<Database>, actor: Actor, f: ListFilter, level: number, view: CellRange): Promise<CellCount[]> {
  const row = sql.raw(cellSql('enterprises.geo_row', String(level)));
  const col = sql.raw(cellSql('enterprises.geo_col', String(level)));
  const rows = await inView(db, actor, f, view)
    .select([
      row.as('cell_row'),
      col.as('cell_col'),
      'enterprises.status',
      sql<number | string>`count(*)`.as('n'),
      sql<number | string>`sum(enterprises.lat)`.as('sum_lat'),
      sql<number | string>`sum(enterprises.lng)`.as('sum_lng'),
    ])
    .groupBy([row, col, 'enterprises.status'])
    .execute();
  return asCounts(rows as { cell_row: number; cell_col: number; status: string; n: number | string; sum_lat: number | string; sum_lng: number | string }[]);
}

/** Up to `limit` workshops in the view (the caller asks for one more than it shows, to know whether there were more). */
export async function pointsInView(db: Kysely<Database>, actor: Actor, f: ListFilter, view: CellRange, bounds: { south: number; west: number; north: number; east: number }, limit: number) {
  const rows = await inView(db, actor, f, view)
    .where('enterprises.lat', '>=', bounds.south)
    .where('enterprises.lat', '<=', bounds.north)
    .where('enterprises.lng', '>=', bounds.west)
    .where('enterprises.lng', '<=', bounds.east)
    .select(['enterprises.id', 'enterprises.name', 'enterprises.status', 'enterprises.lat', 'enterprises.lng'])
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, status: r.status, lat: Number(r.lat), lng: Number(r.lng) }));
}

export interface Bounds {
  south: number;
  west: number;
  north: number;
  east: number;
}

/** Workshop tips (never fee complaints) with a position in the view, assigned within `prefixes` (unassigned: the root's); newest first. */
export async function tipsInView(db: Kysely<Database>, prefixes: readonly string[], f: { campaignId: number; rootPath: string }, b: Bounds, limit: number) {
  return db
    .selectFrom('tips as t')
    .select(['t.id', 't.lat', 't.lng', 't.status', 't.submitted_at', 't.address'])
    .where('t.campaign_id', '=', f.campaignId)
    .where('t.kind', '=', 'workshop')
    .where(inPrefixes(sql`coalesce(t.org_path, ${f.rootPath})`, prefixes))
    .where('t.lat', '>=', b.south)
    .where('t.lat', '<=', b.north)
    .where('t.lng', '>=', b.west)
    .where('t.lng', '<=', b.east)
    .orderBy('t.id', 'desc')
    .limit(limit)
    .execute();
}

/** Patrols of workshops within `prefixes` in the view (at the workshop's position); newest first. */
export async function patrolsInView(db: Kysely<Database>, prefixes: readonly string[], campaignId: number, b: Bounds, limit: number) {
  return db
    .selectFrom('patrols as p')
    .innerJoin('enterprises as e', 'e.id', 'p.enterprise_id')
    .select(['p.id', 'p.enterprise_id', 'p.patrolled_on', 'p.verdict', 'e.name', 'e.lat', 'e.lng'])
    .where('p.campaign_id', '=', campaignId)
    .where(inPrefixes('e.org_path', prefixes))
    .where('e.lat', '>=', b.south)
    .where('e.lat', '<=', b.north)
    .where('e.lng', '>=', b.west)
    .where('e.lng', '<=', b.east)
    .orderBy('p.id', 'desc')
    .limit(limit)
    .execute();
}

/** Joint operations' workshops in the view, of operations the actor sees (scope as the operations' list); newest first. */
export async function operationsInView(db: Kysely<Database>, actor: Actor, f: { campaignId: number; rootPath: string }, b: Bounds, limit: number) {
  let q = db
    .selectFrom('joint_operations as o')
    .innerJoin('joint_operation_workshops as w', 'w.operation_id', 'o.id')
    .innerJoin('enterprises as e', 'e.id', 'w.enterprise_id')
    .select(['o.id', 'o.status', 'o.operation_on', 'o.proposed_on', 'w.result', 'e.id as enterprise_id', 'e.name', 'e.lat', 'e.lng'])
    .where('o.campaign_id', '=', f.campaignId)
    .where('e.lat', '>=', b.south)
    .where('e.lat', '<=', b.north)
    .where('e.lng', '>=', b.west)
    .where('e.lng', '<=', b.east);
  const scope = campaignScope(actor, 'o.org_path', f.rootPath);
  if (scope) q = q.where(scope);
  return q.orderBy('o.id', 'desc').orderBy('w.position').limit(limit).execute();
}

/** Each town with workshops in scope: the mean position of those with one, and how many (coarsest kept level). */
export async function townCentres(db: Kysely<Database>, actor: Actor, f: { campaignId: number; rootPath: string }, coarsest: number) {
  let q = db
    .selectFrom('map_cell_counts as m')
    .innerJoin('org_units as t', 't.id', 'm.town_id')
    .select(['m.town_id', 't.name', (eb) => eb.fn.sum<number | string>('m.n').as('n'), (eb) => eb.fn.sum<number | string>('m.sum_lat').as('sum_lat'), (eb) => eb.fn.sum<number | string>('m.sum_lng').as('sum_lng')])
    .where('m.campaign_id', '=', f.campaignId)
    .where('m.level', '=', coarsest);
  const scope = campaignScope(actor, 'm.org_path', f.rootPath);
  if (scope) q = q.where(scope);
  const rows = await q.groupBy(['m.town_id', 't.name']).orderBy('m.town_id').execute();
  return rows
    .map((r) => ({ id: r.town_id, name: r.name, n: toNumber(r.n), lat: Number(r.sum_lat), lng: Number(r.sum_lng) }))
    .filter((r) => r.n > 0)
    .map((r) => ({ ...r, lat: Math.round((r.lat / r.n) * 1e6) / 1e6, lng: Math.round((r.lng / r.n) * 1e6) / 1e6 }));
}

/**
 * The cells of `level` holding the workshops in scope, as a range (null when none has a position): the
 * map's first view. A null actor: the whole campaign (the public tip page's first view, at a coarse level).
 */
export async function occupiedCells(db: Kysely<Database>, actor: Actor | null, f: { campaignId: number; rootPath: string }, level: number) {
  let q = db
    .selectFrom('map_cell_counts')
    .select((eb) => [eb.fn.min('cell_row').as('row_from'), eb.fn.max('cell_row').as('row_to'), eb.fn.min('cell_col').as('col_from'), eb.fn.max('cell_col').as('col_to')])
    .where('campaign_id', '=', f.campaignId)
    .where('level', '=', level)
    .where('n', '>', 0);
  const scope = actor && campaignScope(actor, 'org_path', f.rootPath);
  if (scope) q = q.where(scope);
  const r = await q.executeTakeFirst();
  if (!r || r.row_from === null || r.row_to === null || r.col_from === null || r.col_to === null) return null;
  return { rowFrom: toNumber(r.row_from), rowTo: toNumber(r.row_to), colFrom: toNumber(r.col_from), colTo: toNumber(r.col_to) };
}
