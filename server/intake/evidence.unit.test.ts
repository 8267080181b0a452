// The evidence checks on files made here: images drawn by sharp with EXIF written by sharp's
// withExif (which can write GPS rationals, so no hand-made APP1 segment is needed), MP4/MOV
// headers as bare ftyp boxes, and one real HEIC small enough to keep inline.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import exifr from 'exifr';
import sharp, { type Exif } from 'sharp';
import { exifOf } from '../test/fixtures/exif.js';
import { TINY_HEIC_BASE64 } from '../test/fixtures/heic.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_EVIDENCE_LIMITS,
  EMPTY_PHOTO_METADATA,
  checkEvidenceSize,
  distanceMetres,
  evidenceLimitsFromEnv,
  evidenceMaxDistanceFromEnv,
  locationCheck,
  makeThumbnail,
  readPhotoMetadata,
  sniffEvidenceBytes,
  sniffEvidenceType,
  type LatLng,
} from './index.js';

const MB = 1024 * 1024;

// A workshop in the district (WGS-84), and points due north of it: one degree of latitude is
// 2πR/360 = 111 195 m on the sphere distanceMetres uses.
const WORKSHOP: LatLng = { lat: 34.91, lng: 117.47 };
const METRES_PER_DEGREE_LAT = 111_195.08;
const north = (metres: number): LatLng => ({ lat: WORKSHOP.lat + metres / METRES_PER_DEGREE_LAT, lng: WORKSHOP.lng });


let dir: string;
const file = (name: string) => path.join(dir, name);
const write = (name: string, bytes: Uint8Array | string) => {
  fs.writeFileSync(file(name), bytes);
  return file(name);
};
const sha256 = (p: string) => createHash('sha256').update(fs.readFileSync(p)).digest('hex');

interface ExifFixture {
  make?: string;
  model?: string;
  orientation?: number;
  dateTimeOriginal?: string;
  offsetTimeOriginal?: string;
  createDate?: string;
  gps?: LatLng;
  gpsDate?: string;
  gpsTime?: string;
}

/** The fixture's EXIF as sharp's withExif takes it. */
function exifFor(f: ExifFixture): Exif {
  return exifOf({ make: f.make, model: f.model, taken: f.dateTimeOriginal, offset: f.offsetTimeOriginal, createDate: f.createDate, gps: f.gps, gpsDate: f.gpsDate, gpsTime: f.gpsTime });
}

/** A JPEG whose left half is red and right half blue, with the given EXIF. */
async function jpeg(name: string, exif: ExifFixture | null, size = { width: 960, height: 480 }): Promise<string> {
  const half = Math.floor(size.width / 2);
  let image = sharp({ create: { ...size, channels: 3, background: '#0000ff' } }).composite([
    { input: { create: { width: half, height: size.height, channels: 3, background: '#ff0000' } }, left: 0, top: 0 },
  ]);
  if (exif) {
    image = image.withExif(exifFor(exif));
    if (exif.orientation) image = image.withMetadata({ orientation: exif.orientation });
  }
  return write(name, await image.jpeg().toBuffer());
}

async function png(name: string, alpha = false): Promise<string> {
  const bytes = await sharp({ create: { width: 40, height: 30, channels: alpha ? 4 : 3, background: { r: 0, g: 128, b: 0, alpha: 0.5 } } })
    .png()
    .toBuffer();
  return write(name, bytes);
}

/** An ISO-BMFF `ftyp` box with the given major brand, then an empty `mdat`: the start of an MP4 or MOV. */
function ftyp(major: string, compatible: string[]): Buffer {
  const size = 16 + 4 * compatible.length;
  const box = Buffer.alloc(size);
  box.writeUInt32BE(size, 0);
  box.write('ftyp', 4, 'latin1');
  box.write(major, 8, 'latin1');
  box.writeUInt32BE(0x200, 12); // minor version
  compatible.forEach((brand, i) => box.write(brand, 16 + 4 * i, 'latin1'));
  const mdat = Buffer.alloc(8 + 64);
  mdat.writeUInt32BE(mdat.length, 0);
  mdat.write('mdat', 4, 'latin1');
  return Buffer.concat([box, mdat]);
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qudi-evidence-'));
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('sniffEvidenceType', () => {
  it('accepts a JPEG and a PNG by their bytes, whatever the name says', async () => {
    expect(await sniffEvidenceType(await jpeg('photo.jpg', null))).toEqual({ ok: true, kind: 'photo', mime: 'image/jpeg', ext: 'jpg' });
    expect(await sniffEvidenceType(await png('holiday.mp4'))).toEqual({ ok: true, kind: 'photo', mime: 'image/png', ext: 'png' });
    expect(await sniffEvidenceType(await jpeg('scan.pdf', null, { width: 20, height: 10 }))).toMatchObject({ ok: true, mime: 'image/jpeg' });
  });

  it('accepts MP4 (ftypisom, ftypmp42) and MOV (ftypqt) headers as video', async () => {
    const mp4 = write('clip.bin', ftyp('isom', ['isom', 'iso2', 'avc1', 'mp41']));
    expect(await sniffEvidenceType(mp4)).toEqual({ ok: true, kind: 'video', mime: 'video/mp4', ext: 'mp4' });
    const android = write('VID_20240512.jpg', ftyp('mp42', ['isom', 'mp42']));
    expect(await sniffEvidenceType(android)).toEqual({ ok: true, kind: 'video', mime: 'video/mp4', ext: 'mp4' });
    const mov = write('IMG_0001.mp4', ftyp('qt  ', ['qt  ']));
    expect(await sniffEvidenceType(mov)).toEqual({ ok: true, kind: 'video', mime: 'video/quicktime', ext: 'mov' });
  });

  it('accepts a HEIC photo', async () => {
    const heic = write('IMG_0002.HEIC', Buffer.from(TINY_HEIC_BASE64, 'base64'));
    expect(await sniffEvidenceType(heic)).toEqual({ ok: true, kind: 'photo', mime: 'image/heic', ext: 'heic' });
    const mif1 = write('generic.heif', ftyp('mif1', ['mif1', 'heic']));
    expect(await sniffEvidenceType(mif1)).toEqual({ ok: true, kind: 'photo', mime: 'image/heif', ext: 'heif' });
  });

  it('refuses a text file named .jpg, saying nothing could be recognised', async () => {
    const result = await sniffEvidenceType(write('fake.jpg', '这不是照片，只是一段文字。\n'));
    expect(result).toEqual({
      ok: false,
      code: 'unsupported_media_type',
      message: '文件类型不支持：只接受照片（JPG、PNG、HEIC）和视频（MP4、MOV），无法识别此文件的类型',
      detected: null,
    });
  });

  it('refuses other real types and names what was detected', async () => {
    const gif = write('anim.jpg', await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } }).gif().toBuffer());
    expect(await sniffEvidenceType(gif)).toMatchObject({
      ok: false,
      code: 'unsupported_media_type',
      message: '文件类型不支持：只接受照片（JPG、PNG、HEIC）和视频（MP4、MOV），此文件实际是 GIF 图片（image/gif）',
      detected: { mime: 'image/gif', ext: 'gif' },
    });
    const pdf = await sniffEvidenceType(write('report.png', '%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n'));
    expect(pdf).toMatchObject({ ok: false, detected: { mime: 'application/pdf' } });
    expect(pdf.ok === false && pdf.message).toContain('此文件实际是 PDF 文档（application/pdf）');
    // ISO-BMFF cousins that are not phone-camera MP4/MOV: F4V (video/mp4 by mime) and 3GP.
    expect(await sniffEvidenceType(write('flash.mp4', ftyp('F4V ', ['F4V '])))).toMatchObject({ ok: false, detected: { ext: 'f4v' } });
    expect(await sniffEvidenceType(write('old.mp4', ftyp('3gp4', ['3gp4'])))).toMatchObject({ ok: false, detected: { mime: 'video/3gpp' } });
  });

  it('accepts a PDF document only when the record takes documents, still refusing the rest', async () => {
    const pdfPath = write('收据.jpg', '%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n');
    expect(await sniffEvidenceType(pdfPath, { documents: true })).toEqual({ ok: true, kind: 'document', mime: 'application/pdf', ext: 'pdf' });
    expect(await sniffEvidenceType(pdfPath)).toMatchObject({ ok: false, code: 'unsupported_media_type' });
    expect(await sniffEvidenceType(await jpeg('clue.jpg', null), { documents: true })).toMatchObject({ ok: true, kind: 'photo' });
    const text = await sniffEvidenceType(write('statement.pdf', '这不是文档。\n'), { documents: true });
    expect(text.ok === false && text.message).toBe('文件类型不支持：只接受照片（JPG、PNG、HEIC）、视频（MP4、MOV）和 PDF 文档，无法识别此文件的类型');
    expect(await sniffEvidenceBytes(Buffer.from('%PDF-1.4\n%âãÏÓ\n'), { documents: true })).toMatchObject({ ok: true, kind: 'document' });
  });

  it('refuses an empty file', async () => {
    const result = await sniffEvidenceType(write('empty.jpg', ''));
    expect(result.ok === false && result.message).toBe('文件类型不支持：只接受照片（JPG、PNG、HEIC）和视频（MP4、MOV），文件是空的');
  });

  it('sniffs the first bytes of an upload the same way', async () => {
    const head = fs.readFileSync(await jpeg('head.jpg', null)).subarray(0, 4100);
    expect(await sniffEvidenceBytes(head)).toMatchObject({ ok: true, kind: 'photo', mime: 'image/jpeg' });
    expect(await sniffEvidenceBytes(ftyp('qt  ', ['qt  ']))).toMatchObject({ ok: true, kind: 'video', ext: 'mov' });
    expect(await sniffEvidenceBytes(Buffer.from('<html></html>'))).toMatchObject({ ok: false, code: 'unsupported_media_type' });
  });

  it('fails loudly for a file that does not exist', async () => {
    await expect(sniffEvidenceType(file('missing.jpg'))).rejects.toThrow(/ENOENT/);
  });
});

describe('size limits', () => {
  it('accepts up to the limit and refuses beyond it with a Chinese message', () => {
    expect(checkEvidenceSize('photo', 30 * MB)).toBeNull();
    expect(checkEvidenceSize('photo', 30 * MB + 1)).toEqual({
      ok: false,
      code: 'payload_too_large',
      message: '照片不能超过 30 MB（此文件 30.1 MB）',
    });
    expect(checkEvidenceSize('video', 2048 * MB)).toBeNull();
    expect(checkEvidenceSize('video', 2560 * MB)?.message).toBe('视频不能超过 2 GB（此文件 2.5 GB）');
  });

  it('takes the limits it is given', () => {
    const limits = { photoMaxBytes: 5 * MB, videoMaxBytes: 100 * MB };
    expect(checkEvidenceSize('photo', 6 * MB, limits)?.message).toBe('照片不能超过 5 MB（此文件 6 MB）');
    expect(checkEvidenceSize('video', 6 * MB, limits)).toBeNull();
    // A document is held to the photo limit.
    expect(checkEvidenceSize('document', 5 * MB, limits)).toBeNull();
    expect(checkEvidenceSize('document', 6 * MB, limits)?.message).toBe('文档不能超过 5 MB（此文件 6 MB）');
  });

  it('reads the limits from the environment, in MB', () => {
    expect(evidenceLimitsFromEnv({})).toEqual(DEFAULT_EVIDENCE_LIMITS);
    expect(DEFAULT_EVIDENCE_LIMITS).toEqual({ photoMaxBytes: 30 * MB, videoMaxBytes: 2048 * MB });
    expect(evidenceLimitsFromEnv({ EVIDENCE_PHOTO_MAX_MB: '20', EVIDENCE_VIDEO_MAX_MB: ' 500 ' })).toEqual({
      photoMaxBytes: 20 * MB,
      videoMaxBytes: 500 * MB,
    });
    expect(evidenceLimitsFromEnv({ EVIDENCE_PHOTO_MAX_MB: '' })).toEqual(DEFAULT_EVIDENCE_LIMITS);
    for (const bad of ['0', '-5', '1.5', '三十', '30MB', '9000000000000'])
      expect(() => evidenceLimitsFromEnv({ EVIDENCE_PHOTO_MAX_MB: bad })).toThrow(
        '环境变量 EVIDENCE_PHOTO_MAX_MB 应为正整数（单位：MB）/ EVIDENCE_PHOTO_MAX_MB must be a positive integer (MB)',
      );
    expect(() => evidenceLimitsFromEnv({ EVIDENCE_VIDEO_MAX_MB: 'abc' })).toThrow(/EVIDENCE_VIDEO_MAX_MB/);
  });

  it('reads the distance threshold from the environment', () => {
    expect(evidenceMaxDistanceFromEnv({})).toBe(300);
    expect(evidenceMaxDistanceFromEnv({ EVIDENCE_MAX_DISTANCE_M: '500' })).toBe(500);
    expect(() => evidenceMaxDistanceFromEnv({ EVIDENCE_MAX_DISTANCE_M: 'far' })).toThrow(
      '环境变量 EVIDENCE_MAX_DISTANCE_M 应为正整数（单位：米）/ EVIDENCE_MAX_DISTANCE_M must be a positive integer (metres)',
    );
  });
});

describe('readPhotoMetadata', () => {
  it('reads capture time, zone, GPS, camera and orientation from a JPEG', async () => {
    const photo = await jpeg('full.jpg', {
      make: 'HUAWEI',
      model: 'P30',
      orientation: 6,
      dateTimeOriginal: '2024:05:12 09:30:15',
      offsetTimeOriginal: '+08:00',
      createDate: '2024:05:12 09:30:16',
      gps: north(250),
      gpsDate: '2024:05:12',
      gpsTime: '1/1 30/1 14/1',
    });
    const meta = await readPhotoMetadata(photo);
    expect(meta).toMatchObject({
      capturedAtLocal: '2024-05-12T09:30:15',
      capturedAt: '2024-05-12T09:30:15+08:00',
      captureTimeTag: 'DateTimeOriginal',
      gpsTimeUtc: '2024-05-12T01:30:14Z',
      make: 'HUAWEI',
      model: 'P30',
      orientation: 6,
    });
    expect(meta.gps?.lat).toBeCloseTo(north(250).lat, 6);
    expect(meta.gps?.lng).toBeCloseTo(WORKSHOP.lng, 6);
  });

  it('falls back to CreateDate, keeps a time without zone as wall-clock only, and signs S/W', async () => {
    const photo = await jpeg('create-date.jpg', { createDate: '2023:11:02 17:04:05', gps: { lat: -33.8568, lng: -70.6483 } });
    const meta = await readPhotoMetadata(photo);
    expect(meta).toMatchObject({ capturedAtLocal: '2023-11-02T17:04:05', capturedAt: null, captureTimeTag: 'CreateDate', make: null });
    expect(meta.gps?.lat).toBeCloseTo(-33.8568, 5);
    expect(meta.gps?.lng).toBeCloseTo(-70.6483, 5);
  });

  it('treats blank dates and a 0,0 position as missing', async () => {
    const photo = await jpeg('blank.jpg', { make: 'Canon', dateTimeOriginal: '0000:00:00 00:00:00', gps: { lat: 0, lng: 0 } });
    expect(await readPhotoMetadata(photo)).toEqual({ ...EMPTY_PHOTO_METADATA, make: 'Canon', orientation: 1 });
  });

  it('answers nulls for a photo without EXIF, a corrupt file and a video', async () => {
    expect(await readPhotoMetadata(await jpeg('plain.jpg', null))).toEqual(EMPTY_PHOTO_METADATA);
    expect(await readPhotoMetadata(await png('plain.png'))).toEqual(EMPTY_PHOTO_METADATA);
    const corrupt = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x00, 0x40]), Buffer.from('Exif\0\0MM\0*'), Buffer.alloc(40, 0xff)]);
    expect(await readPhotoMetadata(write('corrupt.jpg', corrupt))).toEqual(EMPTY_PHOTO_METADATA);
    expect(await readPhotoMetadata(write('text.jpg', 'not an image'))).toEqual(EMPTY_PHOTO_METADATA);
    expect(await readPhotoMetadata(write('clip.mp4', ftyp('isom', ['isom'])))).toEqual(EMPTY_PHOTO_METADATA);
  });

  it('reads the EXIF of a HEIC whose Exif item is located through base_offset', async () => {
    const heic = write('exif.heic', Buffer.from(TINY_HEIC_BASE64, 'base64'));
    const meta = await readPhotoMetadata(heic);
    expect(meta).toMatchObject({
      capturedAtLocal: '2024-05-12T09:30:15',
      capturedAt: '2024-05-12T09:30:15+08:00',
      make: 'Apple',
      model: 'iPhone 12',
    });
    expect(meta.gps?.lat).toBeCloseTo(34.91, 6);
    expect(meta.gps?.lng).toBeCloseTo(117.47, 6);
  });

  it('reads it as well when the Exif item has absolute extent offsets and no base_offset', async () => {
    // The same file with item 3 (Exif) moved from base_offset 559 + extent 0 to base_offset 0 +
    // extent 559. iloc v1, 4-byte offset/length/base fields, one extent: 20 bytes per item.
    const bytes = Buffer.from(TINY_HEIC_BASE64, 'base64');
    const exifItem = bytes.indexOf('iloc') + 4 + 8 + 2 * 20;
    expect(bytes.readUInt16BE(exifItem)).toBe(3);
    expect(bytes.readUInt32BE(exifItem + 6)).toBe(559);
    bytes.writeUInt32BE(0, exifItem + 6);
    bytes.writeUInt32BE(559, exifItem + 12);
    const meta = await readPhotoMetadata(write('absolute.heic', bytes));
    expect(meta).toMatchObject({ capturedAtLocal: '2024-05-12T09:30:15', make: 'Apple', model: 'iPhone 12' });
    expect(meta.gps?.lat).toBeCloseTo(34.91, 6);
  });

  it('fails loudly for a file that does not exist', async () => {
    await expect(readPhotoMetadata(file('missing.jpg'))).rejects.toThrow(/ENOENT/);
  });
});

describe('distance to the workshop', () => {
  it('reuses the great-circle distance of domain/geo.ts', () => {
    expect(distanceMetres(WORKSHOP, north(250))).toBeCloseTo(250, 0);
    expect(distanceMetres(WORKSHOP, { lat: WORKSHOP.lat, lng: WORKSHOP.lng + 0.011 })).toBeCloseTo(1003, -1);
  });

  it('flags a photo beyond the threshold, from its EXIF position', async () => {
    const near = await readPhotoMetadata(await jpeg('near.jpg', { gps: north(250) }));
    expect(locationCheck({ exif: near.gps }, WORKSHOP)).toEqual({ source: 'exif', position: near.gps, distanceMetres: 250, far: false });
    const away = await readPhotoMetadata(await jpeg('away.jpg', { gps: north(1000) }));
    expect(locationCheck({ exif: away.gps, device: WORKSHOP }, WORKSHOP)).toMatchObject({ source: 'exif', distanceMetres: 1000, far: true });
    expect(locationCheck({ exif: near.gps }, WORKSHOP, 200)).toMatchObject({ distanceMetres: 250, far: true });
    expect(locationCheck({ exif: north(300) }, WORKSHOP)).toMatchObject({ distanceMetres: 300, far: false });
  });

  it("uses the device's position when the photo has no GPS", async () => {
    const meta = await readPhotoMetadata(await jpeg('no-gps.jpg', { dateTimeOriginal: '2024:05:12 10:00:00' }));
    expect(meta.gps).toBeNull();
    expect(locationCheck({ exif: meta.gps, device: north(120) }, WORKSHOP)).toEqual({
      source: 'device',
      position: north(120),
      distanceMetres: 120,
      far: false,
    });
    expect(locationCheck({ exif: meta.gps, device: north(800) }, WORKSHOP)).toMatchObject({ source: 'device', far: true });
  });

  it('answers no distance when a position is unknown or invalid', () => {
    expect(locationCheck({ exif: null }, WORKSHOP)).toEqual({ source: null, position: null, distanceMetres: null, far: false });
    expect(locationCheck({ exif: null, device: null }, WORKSHOP)).toMatchObject({ source: null });
    expect(locationCheck({ exif: north(5000) }, null)).toEqual({ source: 'exif', position: north(5000), distanceMetres: null, far: false });
    expect(locationCheck({ exif: north(5000) }, { lat: null, lng: null })).toMatchObject({ distanceMetres: null, far: false });
    expect(locationCheck({ exif: null, device: { lat: Number.NaN, lng: 117 } }, WORKSHOP)).toMatchObject({ source: null });
  });
});

describe('makeThumbnail', () => {
  it('is upright per EXIF orientation, at most 480 px, without any EXIF or GPS, and leaves the original as it was', async () => {
    const original = await jpeg('rotated.jpg', {
      make: 'HUAWEI',
      orientation: 6,
      dateTimeOriginal: '2024:05:12 09:30:15',
      gps: north(250),
    });
    const before = sha256(original);
    const thumb = await makeThumbnail(original);
    expect(thumb).not.toBeNull();
    expect(sha256(original)).toBe(before);

    const meta = await sharp(thumb!).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 240, height: 480 }); // 960×480 turned a quarter
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(await exifr.parse(thumb!)).toBeUndefined();
    expect(await exifr.gps(thumb!)).toBeUndefined();

    // Orientation 6 shows the stored left edge (red) at the top, the right edge (blue) at the bottom.
    const { data, info } = await sharp(thumb!).raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)];
    const [topR, , topB] = pixel(120, 20);
    const [bottomR, , bottomB] = pixel(120, 460);
    expect(topR).toBeGreaterThan(200);
    expect(topB).toBeLessThan(60);
    expect(bottomB).toBeGreaterThan(200);
    expect(bottomR).toBeLessThan(60);
  });

  it('does not enlarge small images and flattens PNG transparency into a JPEG', async () => {
    const thumb = await makeThumbnail(await png('small.png', true));
    expect(await sharp(thumb!).metadata()).toMatchObject({ format: 'jpeg', width: 40, height: 30, hasAlpha: false });
  });

  it('decodes an iPhone HEIC photo (HEVC, not in the prebuilt libvips) in a worker thread, leaving the original as it was', async () => {
    const heic = write('thumb.heic', Buffer.from(TINY_HEIC_BASE64, 'base64'));
    const before = sha256(heic);
    const thumb = await makeThumbnail(heic);
    expect(thumb).not.toBeNull();
    expect(await sharp(thumb!).metadata()).toMatchObject({ format: 'jpeg', width: 16, height: 16 });
    expect(await exifr.parse(thumb!)).toBeUndefined();
    expect(sha256(heic)).toBe(before);
    // Several at once are decoded one after the other, each answered.
    const many = await Promise.all([1, 2, 3].map(() => makeThumbnail(heic)));
    expect(many.every((t) => t !== null)).toBe(true);
    // A HEIC that is only a header is not an image: null, no error.
    expect(await makeThumbnail(write('broken.heic', Buffer.from(TINY_HEIC_BASE64, 'base64').subarray(0, 200)))).toBeNull();
  });

  it('answers null for videos and damaged files', async () => {
    expect(await makeThumbnail(write('thumb.mov', ftyp('qt  ', ['qt  '])))).toBeNull();
    const truncated = fs.readFileSync(await jpeg('whole.jpg', null)).subarray(0, 300);
    expect(await makeThumbnail(write('truncated.jpg', truncated))).toBeNull();
  });
});
