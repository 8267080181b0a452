import type { Kysely } from 'kysely';
import { workshopNameKey, type DuplicateMatchDto, type DuplicateReason } from '../../domain/duplicates.js';
import { distanceMetres } from '../../domain/geo.js';
import type { Database } from '../db/schema.js';
import type { Actor } from '../auth/actor.js';
import { withPlaceNames } from './enterprises.js';
import { campaignScope } from './scope.js';

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
 * same name key, or within `radiusM` metres. Each indexed condition is cheap; at most 20 answers.
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
