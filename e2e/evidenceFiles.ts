// Evidence files as a phone would send them. Photos made with sharp: JPEGs with the camera's EXIF
// capture time and GPS (written by withExif, as server/intake/evidence.unit.test.ts does), or with
// none at all; a video as the bare start of an MP4; and a file that only claims to be a photo.
import sharp from 'sharp';
import { exifOf, type LatLng } from '../server/test/fixtures/exif.js';

export type { LatLng };

// One degree of latitude is 2πR/360 = 111 195 m on the sphere the server measures on.
const METRES_PER_DEGREE_LAT = 111_195.08;

/** The point `metres` due north of `p`. */
export const northOf = (p: LatLng, metres: number): LatLng => ({ lat: p.lat + metres / METRES_PER_DEGREE_LAT, lng: p.lng });

export interface PhotoSpec {
  name: string;
  /** Background colour, so the thumbnails tell the photos apart. */
  colour: string;
  /** EXIF DateTimeOriginal, 'YYYY:MM:DD HH:mm:ss'. */
  taken?: string;
  gps?: LatLng;
}

export interface FilePayload {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** A 1200×900 JPEG: a coloured field with a lighter disc, and the EXIF asked for. */
export async function photo(spec: PhotoSpec): Promise<FilePayload> {
  const disc = Buffer.from(
    '<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="900"><circle cx="600" cy="450" r="260" fill="white" fill-opacity="0.55"/><rect x="80" y="700" width="1040" height="120" fill="black" fill-opacity="0.25"/></svg>',
  );
  let image = sharp({ create: { width: 1200, height: 900, channels: 3, background: spec.colour } }).composite([{ input: disc, left: 0, top: 0 }]);
  if (spec.taken || spec.gps) image = image.withExif(exifOf({ make: 'Huawei', model: 'Mate 60', taken: spec.taken, gps: spec.gps }));
  return { name: spec.name, mimeType: 'image/jpeg', buffer: await image.jpeg({ quality: 80 }).toBuffer() };
}

/** A photo bigger than one upload chunk (5 MB): noise does not compress. */
export async function bigPhoto(): Promise<Buffer> {
  return sharp({ create: { width: 2600, height: 2600, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 80 } } })
    .jpeg({ quality: 95 })
    .toBuffer();
}

/** The start of an MP4 as a phone writes it (an `ftyp` box, then an `mdat`): enough for the server to know it by its bytes. */
export function video(name: string): FilePayload {
  const brands = ['isom', 'iso2', 'avc1', 'mp41'];
  const ftyp = Buffer.alloc(16 + 4 * brands.length);
  ftyp.writeUInt32BE(ftyp.length, 0);
  ftyp.write('ftyp', 4, 'latin1');
  ftyp.write('isom', 8, 'latin1');
  ftyp.writeUInt32BE(0x200, 12);
  brands.forEach((b, i) => ftyp.write(b, 16 + 4 * i, 'latin1'));
  const mdat = Buffer.alloc(8 + 4096);
  mdat.writeUInt32BE(mdat.length, 0);
  mdat.write('mdat', 4, 'latin1');
  return { name, mimeType: 'video/mp4', buffer: Buffer.concat([ftyp, mdat]) };
}

/** A PDF named and typed as a photo: the server looks at the bytes and refuses it. */
export function notAPhoto(name: string): FilePayload {
  return { name, mimeType: 'image/jpeg', buffer: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n') };
}
