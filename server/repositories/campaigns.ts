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

const CACHE_MS = 30_000;
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

/** The current campaign, cached briefly: it changes only when an administrator installs another. */
export async function currentCampaign(db: Kysely<Database>): Promise<CampaignRecord> {
  const hit = cache.get(db);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
  const value = await loadCurrentCampaign(db);
  if (!value) throw notFound('尚未配置取缔行动');
  cache.set(db, { at: Date.now(), value });
  return value;
}

export function forgetCampaignCache(db: Kysely<Database>): void {
  cache.delete(db);
}
