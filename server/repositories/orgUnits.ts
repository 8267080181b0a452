import type { Kysely } from 'kysely';
import type { Database, OrgUnitRow } from '../db/schema.js';
import { ancestorIds, type Actor } from '../auth/actor.js';
import { nowIso } from '../../domain/time.js';
import { visibleTo } from './scope.js';
import { forUpdate } from '../db/dialect.js';

// Org units are never renamed, moved or deleted once created, so a unit read by id can be kept.
// Reads inside a transaction (a different Kysely instance) are not cached, so nothing
// uncommitted is ever remembered.
const byId = new WeakMap<Kysely<Database>, Map<number, OrgUnitRow>>();
const CACHE_LIMIT = 20_000;

export async function findOrgUnit(db: Kysely<Database>, id: number): Promise<OrgUnitRow | undefined> {
  let cache = byId.get(db);
  const hit = cache?.get(id);
  if (hit) return hit;
  const row = await db.selectFrom('org_units').selectAll().where('id', '=', id).executeTakeFirst();
  if (row && !row.path.startsWith('pending:')) {
    if (!cache) byId.set(db, (cache = new Map()));
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(id, row);
  }
  return row;
}

export async function findChildByName(db: Kysely<Database>, parentId: number | null, name: string) {
  let q = db.selectFrom('org_units').selectAll().where('name', '=', name);
  q = parentId === null ? q.where('parent_id', 'is', null) : q.where('parent_id', '=', parentId);
  return q.executeTakeFirst();
}

export async function findOrgUnitByName(db: Kysely<Database>, name: string, kind?: string) {
  let q = db.selectFrom('org_units').selectAll().where('name', '=', name);
  if (kind) q = q.where('kind', '=', kind);
  return q.orderBy('path').execute();
}

/** Inserts a unit under `parent` and gives it its materialised path /…/id/. */
export async function insertOrgUnit(
  db: Kysely<Database>,
  parent: OrgUnitRow | null,
  kind: string,
  name: string,
): Promise<OrgUnitRow> {
  const inserted = await db
    .insertInto('org_units')
    .values({ parent_id: parent?.id ?? null, kind, name, path: `pending:${kind}:${parent?.id ?? 0}:${name}`, created_at: nowIso() })
    .returning('id')
    .executeTakeFirstOrThrow();
  const path = `${parent?.path ?? '/'}${inserted.id}/`;
  await db.updateTable('org_units').set({ path }).where('id', '=', inserted.id).execute();
  return (await findOrgUnit(db, inserted.id))!;
}

/** Units the actor can see: those inside its scope, and the ancestors of its scope (for labels). */
export async function listVisibleOrgUnits(
  db: Kysely<Database>,
  actor: Actor,
  filter: { kind?: string; parentId?: number },
): Promise<OrgUnitRow[]> {
  const above = ancestorIds(actor);
  let q = db
    .selectFrom('org_units')
    .selectAll()
    .where((eb) => (above.length ? eb.or([visibleTo(actor, 'path'), eb('id', 'in', above)]) : visibleTo(actor, 'path')));
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.parentId) q = q.where('parent_id', '=', filter.parentId);
  return q.orderBy('id').limit(5000).execute();
}

export async function orgUnitNames(db: Kysely<Database>, ids: number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('org_units').select(['id', 'name']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** A town (镇街) of the campaign whose root is at `rootPath`, by id; undefined for anything else. */
export async function findCampaignTown(db: Kysely<Database>, rootPath: string, townId: number): Promise<OrgUnitRow | undefined> {
  const town = await findOrgUnit(db, townId);
  return town && town.kind === 'town' && town.path.startsWith(rootPath) ? town : undefined;
}

/** The units of one kind directly under `parentId` (e.g. the campaign's towns), by id. */
export async function listChildUnits(db: Kysely<Database>, parentId: number, kind: string): Promise<OrgUnitRow[]> {
  return db.selectFrom('org_units').selectAll().where('parent_id', '=', parentId).where('kind', '=', kind).orderBy('id').execute();
}

/**
 * Holds the org unit's row locked until the caller's transaction ends (PostgreSQL; SQLite serialises
 * writers anyway): the acceptance's writes about one town — a draw, a check, a verdict, a package —
 * take it first, so two at once run one after the other and the second sees the first.
 */
export async function lockOrgUnit(db: Kysely<Database>, id: number): Promise<void> {
  await forUpdate(db, db.selectFrom('org_units').select('id').where('id', '=', id)).executeTakeFirst();
}
