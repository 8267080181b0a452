// Where the evidence was taken, against where the workshop is on the register. The distance is
// the great-circle one from domain/geo.ts, the same the duplicate check uses.
import { distanceMetres } from '../../domain/geo.js';
import { DEFAULT_MAX_DISTANCE_M } from './limits.js';
import type { LatLng } from './types.js';

export { distanceMetres };

/** 'exif': the photo's own GPS tags; 'device': the browser's geolocation at upload, used only when the photo has none. */
export type LocationSource = 'exif' | 'device';

export interface LocationCheck {
  source: LocationSource | null;
  /** The position the distance was measured from. */
  position: LatLng | null;
  /** Whole metres to the workshop; null when either position is unknown. */
  distanceMetres: number | null;
  /** Farther than the threshold. False when the distance is unknown: nothing to flag, the UI says what is missing. */
  far: boolean;
}

/** A workshop's coordinates as the register keeps them (either may be null). */
export interface SiteCoords {
  lat: number | null;
  lng: number | null;
}

/**
 * Which position the evidence has (the photo's EXIF GPS first, else the device's geolocation the
 * caller recorded at upload) and how far it is from the workshop. Invalid positions count as none.
 */
export function locationCheck(
  taken: { exif: LatLng | null; device?: LatLng | null },
  workshop: SiteCoords | null,
  thresholdMetres: number = DEFAULT_MAX_DISTANCE_M,
): LocationCheck {
  const exif = validPosition(taken.exif);
  const device = validPosition(taken.device ?? null);
  const source: LocationSource | null = exif ? 'exif' : device ? 'device' : null;
  const position = exif ?? device;
  const site = workshop ? validPosition(workshop) : null;
  if (!position || !site) return { source, position, distanceMetres: null, far: false };
  const metres = Math.round(distanceMetres(position, site));
  return { source, position, distanceMetres: metres, far: metres > thresholdMetres };
}

function validPosition(p: { lat: number | null; lng: number | null } | null): LatLng | null {
  if (!p || p.lat === null || p.lng === null) return null;
  const { lat, lng } = p;
  if (!Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180) return null;
  return { lat, lng };
}
