// Display thumbnails. sharp only reads the original (it is never written to); the thumbnail is
// turned upright per EXIF Orientation and carries no metadata at all — no GPS, no camera, no
// EXIF — because sharp writes none unless asked to (no withMetadata/keepExif here).
//
// HEIC: sharp's prebuilt libvips decodes HEIF only with AV1 (AVIF); HEVC-coded HEIC is not built
// in (patents), so an iPhone photo is decoded by libheif in a worker thread (heicThumbnail.ts).
// Videos: no frame extraction (that would need ffmpeg); null.
import fs from 'node:fs/promises';
import { heicThumbnail, isHeif } from './heicThumbnail.js';

export const THUMBNAIL_MAX_SIDE = 480;

export interface ThumbnailOptions {
  /** Longest side in pixels; smaller images are not enlarged. */
  maxSide?: number;
  /** JPEG quality, 1–100. */
  quality?: number;
}

/** A JPEG thumbnail of the image at `file`, or null when it cannot be decoded (video, damaged). */
export async function makeThumbnail(file: string, options: ThumbnailOptions = {}): Promise<Buffer | null> {
  const side = options.maxSide ?? THUMBNAIL_MAX_SIDE;
  // sharp (libvips, ≈ 20 MB resident) is loaded on the first thumbnail, not at start.
  const { default: sharp } = await import('sharp');
  try {
    return await sharp(file, { failOn: 'error', autoOrient: true, animated: false })
      .resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' }) // PNG transparency onto white, as JPEG has none
      .jpeg({ quality: options.quality ?? 80, mozjpeg: true })
      .toBuffer();
  } catch {
    return (await isHeifFile(file)) ? heicThumbnail(file, side, options.quality ?? 80) : null;
  }
}

async function isHeifFile(file: string): Promise<boolean> {
  const fh = await fs.open(file, 'r');
  try {
    const head = Buffer.alloc(12);
    const { bytesRead } = await fh.read(head, 0, 12, 0);
    return isHeif(head.subarray(0, bytesRead));
  } finally {
    await fh.close();
  }
}
