// The size cap on HEIC decoding: the container's declared size is read without decoding, and a
// photo beyond HEIC_MAX_PIXELS gets no thumbnail (its decoder memory would be outside any limit).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { TINY_HEIC_BASE64 } from '../test/fixtures/heic.js';
import { decodeHeicThumbnail, HEIC_MAX_PIXELS, heicThumbnail } from './heicThumbnail.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qudi-heic-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The fixture with every image's declared size (its `ispe` boxes) set to width × height. */
function declaring(width: number, height: number): Buffer {
  const b = Buffer.from(TINY_HEIC_BASE64, 'base64');
  for (let at = b.indexOf('ispe'); at >= 0; at = b.indexOf('ispe', at + 1)) {
    b.writeUInt32BE(width, at + 8);
    b.writeUInt32BE(height, at + 12);
  }
  return b;
}

describe('HEIC thumbnails', () => {
  it('makes a JPEG thumbnail of a photo within the size cap', async () => {
    const file = path.join(dir, 'small.heic');
    fs.writeFileSync(file, Buffer.from(TINY_HEIC_BASE64, 'base64'));
    const jpeg = await heicThumbnail(file, 480, 80);
    expect(jpeg).not.toBeNull();
    expect(await sharp(jpeg!).metadata()).toMatchObject({ format: 'jpeg', width: 16, height: 16 });
  });

  it('gives none to a photo that declares more pixels than the cap, without decoding it', async () => {
    const file = path.join(dir, 'huge.heic');
    fs.writeFileSync(file, declaring(10_000, 6_000));
    const meta = await sharp(file).metadata();
    expect(meta.width! * meta.height!).toBeGreaterThan(HEIC_MAX_PIXELS);
    expect(await decodeHeicThumbnail(file, 480, 80)).toEqual({ skipped: 'too_large' });
    expect(await heicThumbnail(file, 480, 80)).toBeNull();
  });
});
