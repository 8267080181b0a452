// EXIF as a phone camera writes it, in the form sharp's withExif takes: IFD0 (camera), IFD2 (the
// Exif sub-IFD: capture times), IFD3 (GPS). Used by `qudi demo` for its site photos, and by the
// evidence tests, the upload tests and the e2e photos (through server/test/exifFixtures.ts).
import type { Exif } from 'sharp';

export interface LatLng {
  lat: number;
  lng: number;
}

/** An EXIF GPS rational triple "d/1 m/1 s/10000" for |degrees|, as libvips parses it. */
export function gpsRational(degrees: number): string {
  const abs = Math.abs(degrees);
  const d = Math.floor(abs);
  const m = Math.floor((abs - d) * 60);
  const s = Math.round(((abs - d) * 60 - m) * 60 * 10_000);
  return `${d}/1 ${m}/1 ${s}/10000`;
}

export interface ExifSpec {
  make?: string;
  model?: string;
  /** DateTimeOriginal, 'YYYY:MM:DD HH:mm:ss'. */
  taken?: string;
  /** OffsetTimeOriginal, e.g. '+08:00'. */
  offset?: string;
  /** DateTimeDigitized (libvips' name for what exifr calls CreateDate). */
  createDate?: string;
  gps?: LatLng;
  gpsDate?: string;
  gpsTime?: string;
}

export function exifOf(f: ExifSpec): Exif {
  const ifd0: Record<string, string> = {};
  const ifd2: Record<string, string> = {};
  const ifd3: Record<string, string> = {};
  if (f.make) ifd0.Make = f.make;
  if (f.model) ifd0.Model = f.model;
  if (f.taken) ifd2.DateTimeOriginal = f.taken;
  if (f.offset) ifd2.OffsetTimeOriginal = f.offset;
  if (f.createDate) ifd2.DateTimeDigitized = f.createDate;
  if (f.gps) {
    ifd3.GPSLatitudeRef = f.gps.lat < 0 ? 'S' : 'N';
    ifd3.GPSLatitude = gpsRational(f.gps.lat);
    ifd3.GPSLongitudeRef = f.gps.lng < 0 ? 'W' : 'E';
    ifd3.GPSLongitude = gpsRational(f.gps.lng);
  }
  if (f.gpsDate) ifd3.GPSDateStamp = f.gpsDate;
  if (f.gpsTime) ifd3.GPSTimeStamp = f.gpsTime;
  return { IFD0: ifd0, IFD2: ifd2, IFD3: ifd3 };
}
