// When and where a photo says it was taken, from its EXIF (exifr). Nothing here throws for a
// photo without EXIF or with damaged EXIF: every field is simply null. Errors opening the file
// (missing, unreadable) do propagate — they are the caller's to handle.
//
// Videos are read by videoMetadata.ts (exifr cannot read MP4/MOV).
import { stat } from 'node:fs/promises';
import exifr from 'exifr';
import { readHeifExif } from './heifExif.js';
import type { LatLng } from './types.js';

export interface PhotoMetadata {
  /**
   * Capture time as the camera's clock showed it, `YYYY-MM-DDTHH:mm:ss`, no zone: EXIF
   * DateTimeOriginal, else CreateDate (DateTimeDigitized). EXIF does not say which zone the clock
   * was in, so this is deliberately not turned into an instant.
   */
  capturedAtLocal: string | null;
  /** The same with its UTC offset (`…+08:00`), only when the photo records one (OffsetTimeOriginal / OffsetTimeDigitized). */
  capturedAt: string | null;
  /** Which tag the capture time came from. */
  captureTimeTag: 'DateTimeOriginal' | 'CreateDate' | null;
  /** The GPS receiver's UTC time of the fix (GPSDateStamp + GPSTimeStamp), `YYYY-MM-DDTHH:mm:ssZ`, independent of the phone's clock. */
  gpsTimeUtc: string | null;
  /** Decimal degrees as EXIF records them (phones write WGS-84). null when absent, invalid or exactly 0,0 (no fix). */
  gps: LatLng | null;
  make: string | null;
  model: string | null;
  /** EXIF Orientation 1–8 (1 = upright, 6 = turn 90° clockwise to view). */
  orientation: number | null;
}

export const EMPTY_PHOTO_METADATA: Readonly<PhotoMetadata> = Object.freeze({
  capturedAtLocal: null,
  capturedAt: null,
  captureTimeTag: null,
  gpsTimeUtc: null,
  gps: null,
  make: null,
  model: null,
  orientation: null,
});

const TAGS = [
  'Make',
  'Model',
  'Orientation',
  'DateTimeOriginal',
  'CreateDate',
  'OffsetTimeOriginal',
  'OffsetTimeDigitized',
  'GPSLatitude',
  'GPSLatitudeRef',
  'GPSLongitude',
  'GPSLongitudeRef',
  'GPSDateStamp',
  'GPSTimeStamp',
];

// Raw values: no Date objects (they would be read in the server's zone) and numeric orientation.
const EXIFR_OPTIONS = {
  pick: TAGS,
  translateKeys: true,
  translateValues: false,
  reviveValues: false,
  xmp: false,
  icc: false,
  iptc: false,
  jfif: false,
  ihdr: false,
  ifd1: false,
  interop: false,
  makerNote: false,
  userComment: false,
};

type Tags = Record<string, unknown>;

/** EXIF capture time, GPS position, camera and orientation of the photo at `file`. */
export async function readPhotoMetadata(file: string): Promise<PhotoMetadata> {
  await stat(file); // a missing or unreadable file is an error, not "no EXIF"
  const tags = await readTags(file);
  if (!tags) return { ...EMPTY_PHOTO_METADATA };
  const time = captureTime(tags);
  return {
    ...time,
    gpsTimeUtc: gpsTime(tags.GPSDateStamp, tags.GPSTimeStamp),
    gps: gpsPosition(tags),
    make: text(tags.Make),
    model: text(tags.Model),
    orientation: orientation(tags.Orientation),
  };
}

async function readTags(file: string): Promise<Tags | null> {
  try {
    const heifTiff = await readHeifExif(file);
    const parsed: unknown = await exifr.parse(heifTiff ? Buffer.from(heifTiff) : file, EXIFR_OPTIONS);
    return parsed && typeof parsed === 'object' ? (parsed as Tags) : null;
  } catch {
    return null; // not a format exifr knows, or EXIF it cannot make sense of
  }
}

function captureTime(tags: Tags): Pick<PhotoMetadata, 'capturedAtLocal' | 'capturedAt' | 'captureTimeTag'> {
  const candidates = [
    ['DateTimeOriginal', tags.DateTimeOriginal, tags.OffsetTimeOriginal],
    ['CreateDate', tags.CreateDate, tags.OffsetTimeDigitized],
  ] as const;
  for (const [tag, value, offset] of candidates) {
    const local = exifDateTime(value);
    if (!local) continue;
    const zone = utcOffset(offset);
    return { capturedAtLocal: local, capturedAt: zone ? local + zone : null, captureTimeTag: tag };
  }
  return { capturedAtLocal: null, capturedAt: null, captureTimeTag: null };
}

/** `2024:05:12 09:30:15` (also with `-` or `T`) → `2024-05-12T09:30:15`; null for blanks such as `0000:00:00 00:00:00`. */
function exifDateTime(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const m = /^(\d{4})[:-](\d{2})[:-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  if (!validDate(y, mo, d) || h > 23 || mi > 59 || s > 59) return null;
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}`;
}

function validDate(y: number, mo: number, d: number): boolean {
  if (y < 1900 || mo < 1 || mo > 12 || d < 1) return false;
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d;
}

/** `+08:00` → `+08:00`; anything else → null. */
function utcOffset(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(value.trim());
  if (!m || Number(m[2]) > 14 || Number(m[3]) > 59) return null;
  return value.trim();
}

function gpsTime(date: unknown, time: unknown): string | null {
  if (typeof date !== 'string') return null;
  const d = /^(\d{4})[:-](\d{2})[:-](\d{2})$/.exec(date.trim());
  if (!d || !validDate(Number(d[1]), Number(d[2]), Number(d[3]))) return null;
  // Rationals [h, m, s] when values are not revived; some writers give "hh:mm:ss".
  const parts = Array.isArray(time) ? time : typeof time === 'string' ? time.split(':').map(Number) : null;
  if (!parts || parts.length !== 3 || !parts.every((n) => typeof n === 'number' && Number.isFinite(n) && n >= 0)) return null;
  const [h, m, s] = parts as number[];
  if (h > 23 || m > 59 || s >= 60) return null;
  const two = (n: number) => String(Math.floor(n)).padStart(2, '0');
  return `${d[1]}-${d[2]}-${d[3]}T${two(h)}:${two(m)}:${two(s)}Z`;
}

function gpsPosition(tags: Tags): LatLng | null {
  const lat = degrees(tags.GPSLatitude, tags.GPSLatitudeRef, 'S');
  const lng = degrees(tags.GPSLongitude, tags.GPSLongitudeRef, 'W');
  if (lat === null || lng === null) return null;
  if (Math.abs(lat) > 90 || Math.abs(lng) > 180) return null;
  if (lat === 0 && lng === 0) return null; // what some phones write without a fix
  return { lat, lng };
}

/** [degrees, minutes, seconds] (or plain decimal degrees) with its N/S or E/W reference. */
function degrees(value: unknown, ref: unknown, negativeRef: 'S' | 'W'): number | null {
  const dms = Array.isArray(value) ? value : typeof value === 'number' ? [value] : null;
  if (!dms || dms.length === 0 || dms.length > 3) return null;
  if (!dms.every((n) => typeof n === 'number' && Number.isFinite(n) && n >= 0)) return null;
  const [d, m = 0, s = 0] = dms as number[];
  const abs = d + m / 60 + s / 3600;
  return typeof ref === 'string' && ref.trim().toUpperCase() === negativeRef ? -abs : abs;
}

function text(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.replace(/\0+$/, '').trim(); // EXIF ASCII is often NUL-padded
  return trimmed === '' ? null : trimmed;
}

function orientation(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 8 ? value : null;
}
