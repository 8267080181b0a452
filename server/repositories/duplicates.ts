import { sql, type Kysely, type SqlBool } from 'kysely';
import { keyEndings, prefixedForm, SIMILAR_NAME_MAX_MATCHES, SIMILAR_NAME_MIN, workshopNameKey, type DuplicateMatchDto, type DuplicateReason } from '../../domain/duplicates.js';
import { checkedNotIndexed, dialectOf, escapeLike, inIdList } from '../db/dialect.js';
import { readRunner } from '../db/readers.js';
import { distanceMetres } from '../../domain/geo.js';
import type { Database } from '../db/schema.js';
import type { Actor } from '../auth/actor.js';
import { withPlaceNames } from './enterprises.js';
import { campaignScope } from './scope.js';
import { gramEntriesQuery, searchGram } from './search.js';

export interface DuplicateProbe {
  name: string;
  phone?: string;
  lng?: number | null;
  lat?: number | null;
  excludeId?: number;
  /** The workshop's town: a name alike (similarName) counts only within it. */
  townId?: number;
}

/** A registered workshop that may be the one described (the API's DuplicateMatch). */
export type DuplicateMatch = DuplicateMatchDto;

/**
 * Workshops on the register, within the actor's scope, that may be the one described: same phone,
 * same name key, the same name with or without a prefix in the same town (similarNames), or within
 * `radiusM` metres. Each indexed condition is cheap; at most 20 answers.
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
  const columns = ['enterprises.id', 'enterprises.name', 'enterprises.name_key', 'enterprises.town_id', 't.name as town_name', 'v.name as village_name', 'enterprises.address', 'enterprises.phone', 'enterprises.status', 'enterprises.lat', 'enterprises.lng'] as const;
  const dialect = dialectOf(db);
  // `campaignIndexed: false`: the campaign only checked, so that SQLite reads the rows another condition names.
  const register = (campaignIndexed = true) =>
    db
      .selectFrom('enterprises')
      .$call(withPlaceNames)
      .select(columns)
      .where(sql<SqlBool>`${campaignIndexed ? sql.ref('enterprises.campaign_id') : checkedNotIndexed(dialect, 'enterprises.campaign_id')} = ${campaign.id}`)
      .$if(scope !== null, (q) => q.where(scope!))
      .$if(probe.excludeId !== undefined, (q) => q.where('enterprises.id', '!=', probe.excludeId!));
  const conditions = register().where((eb) =>
    eb.or([
      ...(probe.phone ? [eb('enterprises.phone', '=', probe.phone)] : []),
      ...(key ? [eb('enterprises.name_key', '=', key)] : []),
      ...(hasPoint
        ? [eb.and([eb('enterprises.lat', '>=', probe.lat! - dLat), eb('enterprises.lat', '<=', probe.lat! + dLat), eb('enterprises.lng', '>=', probe.lng! - dLng), eb('enterprises.lng', '<=', probe.lng! + dLng)])]
        : []),
    ]),
  );
  const similar = probe.townId !== undefined ? await similarNames(db, campaign.id, key) : NO_SIMILAR;
  // The names alike, in queries of their own, each read through one index (the name key's, or the
  // search index's entries by row id); the town is only checked — an indexed town, or the campaign,
  // would read every workshop of it on each registration.
  const inTown = sql<SqlBool>`${checkedNotIndexed(dialect, 'enterprises.town_id')} = ${probe.townId ?? 0}`;
  const alikeQueries = [
    ...(similar.endings.length > 0 ? [register().where(inTown).where('enterprises.name_key', 'in', similar.endings).limit(SIMILAR_NAME_MAX_MATCHES + 1)] : []),
    ...(similar.longer
      ? [
          register(false)
            .where(inTown)
            .where(inIdList(dialect, 'enterprises.id', similar.longer.ids))
            .where('enterprises.name_key', 'like', sql<string>`${similar.longer.pattern} escape '\\'`)
            .limit(SIMILAR_NAME_MAX_MATCHES + 1),
        ]
      : []),
  ];
  const [direct, ...alikeRows] = await Promise.all([conditions.orderBy('enterprises.id').limit(50).execute(), ...alikeQueries.map((q) => q.execute())]);
  const rows = [...new Map([...direct, ...alikeRows.flat()].map((r) => [r.id, r])).values()].sort((a, b) => a.id - b.id);
  // A name many workshops of the town share with a prefix (鑫源洗选 in every village) is generic: it alone says nothing.
  const alike = new Set(rows.filter((r) => probe.townId !== undefined && r.town_id === probe.townId && prefixedForm(r.name_key, key)));
  const nameAlikeCounts = alike.size <= SIMILAR_NAME_MAX_MATCHES;
  const matches: DuplicateMatch[] = [];
  for (const r of rows) {
    const reasons: DuplicateReason[] = [];
    if (probe.phone && r.phone === probe.phone) reasons.push({ kind: 'phone' });
    if (key && r.name_key === key) reasons.push({ kind: 'name' });
    else if (nameAlikeCounts && alike.has(r)) reasons.push({ kind: 'similarName' });
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

const NO_SIMILAR = { endings: [] as string[], longer: null };

/** A piece held by more workshops than this names nothing in particular: no look-alikes through it. */
const SIMILAR_POSTINGS_MAX = 1_000;

/**
 * How to find the names that are `key` (a name key) with or without a prefix (prefixedForm):
 * registered keys that are endings of it (name_key IN, the name-key index), and registered keys
 * ending with it: the workshops holding its rarest piece in the search index (when at most
 * SIMILAR_POSTINGS_MAX do), read by id.
 */
async function similarNames(db: Kysely<Database>, campaignId: number, key: string): Promise<{ endings: string[]; longer: { ids: number[]; pattern: string } | null }> {
  if (Array.from(key).length < SIMILAR_NAME_MIN) return NO_SIMILAR;
  const reads = readRunner(db);
  // Counted no further than SIMILAR_POSTINGS_MAX: a registration waits on this, and more says nothing.
  const driver = await searchGram(db, reads, campaignId, key, { weigh: true, weighUpTo: SIMILAR_POSTINGS_MAX + 1 });
  let longer = null;
  if (driver && driver.postings !== null && driver.postings > 0 && driver.postings <= SIMILAR_POSTINGS_MAX) {
    const ids = (await reads.all(gramEntriesQuery(db, campaignId, driver.gram, null, SIMILAR_POSTINGS_MAX).compile())).map((r) => r.enterprise_id);
    longer = { ids, pattern: `%${escapeLike(key)}` };
  }
  return { endings: keyEndings(key), longer };
}
