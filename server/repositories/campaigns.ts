import type { Kysely } from 'kysely';
import { campaignDefinitionSchema, type CampaignDefinition } from '../../domain/campaign.js';
import type { Database } from '../db/schema.js';
import { notFound } from '../errors.js';

export interface CampaignRecord {
  id: number;
  code: string;
  definition: CampaignDefinition;
  /** Path of the campaign's root org unit (the district). */
  rootPath: string;
  rootId: number;
}

/** How long the current campaign is served without checking that it still is current. */
const CHECK_MS = 1_000;
const cache = new WeakMap<Kysely<Database>, { at: number; value: CampaignRecord }>();

export async function loadCurrentCampaign(db: Kysely<Database>): Promise<CampaignRecord | undefined> {
  const row = await db.selectFrom('campaigns').selectAll().where('is_current', '=', 1).orderBy('id', 'desc').executeTakeFirst();
  if (!row) return undefined;
  const definition = campaignDefinitionSchema.parse(JSON.parse(row.definition));
  const root = await db
    .selectFrom('org_units')
    .select(['id', 'path'])
    .where('parent_id', 'is', null)
    .where('name', '=', definition.orgUnits.name)
    .executeTakeFirstOrThrow();
  return { id: row.id, code: row.code, definition, rootPath: root.path, rootId: root.id };
}

/**
 * The current campaign. Its definition is parsed once and kept; at most once a second a one-row
 * query checks that it is still the current one, so a campaign installed by another process (`qudi
 * demo`, `qudi campaign install`, another instance) is served within a second.
 */
export async function currentCampaign(db: Kysely<Database>): Promise<CampaignRecord> {
  const hit = cache.get(db);
  if (hit && Date.now() - hit.at < CHECK_MS) return hit.value;
  if (hit) {
    const current = await db.selectFrom('campaigns').select('id').where('is_current', '=', 1).orderBy('id', 'desc').executeTakeFirst();
    if (current?.id === hit.value.id) {
      hit.at = Date.now();
      return hit.value;
    }
  }
  const value = await loadCurrentCampaign(db);
  if (!value) throw notFound('尚未配置取缔行动');
  cache.set(db, { at: Date.now(), value });
  return value;
}

export function forgetCampaignCache(db: Kysely<Database>): void {
  cache.delete(db);
}

export async function findCampaignIdByCode(db: Kysely<Database>, code: string): Promise<number | undefined> {
  return (await db.selectFrom('campaigns').select('id').where('code', '=', code).executeTakeFirst())?.id;
}

export async function anyCampaign(db: Kysely<Database>): Promise<boolean> {
  return (await db.selectFrom('campaigns').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** Inserts a campaign row; with `current`, every other campaign stops being current first. */
export async function insertCampaign(db: Kysely<Database>, def: CampaignDefinition, opts: { current: boolean; at: string }): Promise<number> {
  if (opts.current) await db.updateTable('campaigns').set({ is_current: 0 }).execute();
  const { id } = await db
    .insertInto('campaigns')
    .values({ code: def.code, document_number: def.documentNumber, title: def.title, issuer: def.issuer, definition: JSON.stringify(def), is_current: opts.current ? 1 : 0, created_at: opts.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** A liaison department (帮包部门) paired with a town for a campaign. */
export async function insertLiaisonPair(db: Kysely<Database>, pair: { campaignId: number; departmentId: number; orgUnitId: number }): Promise<void> {
  await db.insertInto('liaison_pairs').values({ campaign_id: pair.campaignId, department_id: pair.departmentId, org_unit_id: pair.orgUnitId }).execute();
}

/** Replaces a campaign's stored definition (the caller changed only what it means to, e.g. departments' records). */
export async function updateCampaignDefinition(db: Kysely<Database>, id: number, def: CampaignDefinition): Promise<void> {
  await db.updateTable('campaigns').set({ definition: JSON.stringify(def) }).where('id', '=', id).execute();
}
