import { sql, type Kysely } from 'kysely';
import { containedKeys, SIMILAR_NAME_MIN, workshopNameKey, type DuplicateMatchDto, type DuplicateReason } from '../../domain/duplicates.js';
import { escapeLike, likeOperator, dialectOf } from '../db/dialect.js';
import { readRunner } from '../db/readers.js';
import { distanceMetres } from '../../domain/geo.js';
import type { Database } from '../db/schema.js';
import type { Actor } from '../auth/actor.js';
import { withPlaceNames } from './enterprises.js';
import { campaignScope } from './scope.js';
import { searchGram, WEIGH_BOUND } from './search.js';

export interface DuplicateProbe {
  name: string;
  phone?: string;
  lng?: number | null;
  lat?: number | null;
  excludeId?: number;
}

/** A registered workshop that may be the one described (the API's DuplicateMatch). */
export type DuplicateMatch = DuplicateMatchDto;

/**
 * Workshops on the register, within the actor's scope, that may be the one described: same phone,
 * same name key, a name containing the other's key (similarNames), or within `radiusM` metres.
 * Each indexed condition is cheap; at most 20 answers.
 */
export async function findDuplicates(
  db: Kysely<Database>,
  actor: Actor,
  campaign: { id: number; rootPath: string },
  probe: DuplicateProbe,
  radiusM: number,
): Promise<DuplicateMatch[]> {
  const key = workshopNameKey(probe.name);
  const hasPoint = typeof probe.lat === 'number' && typeof probe.lng === 'number';
  const dLat = radiusM / 111_320;
  const dLng = hasPoint ? radiusM / (111_320 * Math.max(0.01, Math.cos((probe.lat! * Math.PI) / 180))) : 0;
  const scope = campaignScope(actor, 'enterprises.org_path', campaign.rootPath);
  const similar = await similarNames(db, campaign.id, key);
  const rows = await db
    .selectFrom('enterprises')
    .$call(withPlaceNames)
    .select(['enterprises.id', 'enterprises.name', 'enterprises.name_key', 'enterprises.town_id', 't.name as town_name', 'v.name as village_name', 'enterprises.address', 'enterprises.phone', 'enterprises.status', 'enterprises.lat', 'enterprises.lng'])
    .where('enterprises.campaign_id', '=', campaign.id)
    .$if(scope !== null, (q) => q.where(scope!))
    .$if(probe.excludeId !== undefined, (q) => q.where('enterprises.id', '!=', probe.excludeId!))
    .where((eb) =>
      eb.or([
        ...(probe.phone ? [eb('enterprises.phone', '=', probe.phone)] : []),
        ...(key ? [eb('enterprises.name_key', '=', key)] : []),
        ...(similar.keys.length > 0 ? [eb('enterprises.name_key', 'in', similar.keys)] : []),
        ...(similar.containing ? [eb.and([eb('enterprises.id', 'in', (sub) => sub.selectFrom('workshop_search_grams').select('enterprise_id').where('campaign_id', '=', campaign.id).where('gram', '=', similar.containing!.gram)), eb(sql.ref('enterprises.name'), likeOperator(dialectOf(db)), sql`${similar.containing.pattern} escape '\\'`)])] : []),
        ...(hasPoint
          ? [eb.and([eb('enterprises.lat', '>=', probe.lat! - dLat), eb('enterprises.lat', '<=', probe.lat! + dLat), eb('enterprises.lng', '>=', probe.lng! - dLng), eb('enterprises.lng', '<=', probe.lng! + dLng)])]
          : []),
      ]),
    )
    .orderBy('enterprises.id')
    .limit(50)
    .execute();
  const matches: DuplicateMatch[] = [];
  for (const r of rows) {
    const reasons: DuplicateReason[] = [];
    if (probe.phone && r.phone === probe.phone) reasons.push({ kind: 'phone' });
    if (key && r.name_key === key) reasons.push({ kind: 'name' });
    else if (key && Array.from(key).length >= SIMILAR_NAME_MIN && (similar.keys.includes(r.name_key) || r.name_key.includes(key))) reasons.push({ kind: 'similarName' });
    if (hasPoint && r.lat !== null && r.lng !== null) {
      const metres = Math.round(distanceMetres({ lat: probe.lat!, lng: probe.lng! }, { lat: r.lat, lng: r.lng }));
      if (metres <= radiusM) reasons.push({ kind: 'distance', metres });
    }
    if (reasons.length === 0) continue;
    matches.push({ id: r.id, name: r.name, townId: r.town_id, townName: r.town_name ?? '', villageName: r.village_name, address: r.address, phone: r.phone, status: r.status, reasons });
    if (matches.length === 20) break;
  }
  return matches;
}

/**
 * How to find names like `key` (a name key): registered keys contained in it (name_key IN its
 * pieces, the name-key index), and registered names containing it (through the search index: its
 * rarest piece's entries, when at most WEIGH_BOUND workshops hold it — a piece more common than
 * that says nothing — with LIKE on the name). Nothing for a key under SIMILAR_NAME_MIN characters.
 */
async function similarNames(db: Kysely<Database>, campaignId: number, key: string): Promise<{ keys: string[]; containing: { gram: string; pattern: string } | null }> {
  if (Array.from(key).length < SIMILAR_NAME_MIN) return { keys: [], containing: null };
  const driver = await searchGram(db, readRunner(db), campaignId, key, { weigh: true });
  const containing = driver && driver.postings !== null && driver.postings > 0 && driver.postings < WEIGH_BOUND ? { gram: driver.gram, pattern: `%${escapeLike(key)}%` } : null;
  return { keys: containedKeys(key), containing };
}
