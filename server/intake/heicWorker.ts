// Worker-thread entry for HEIC thumbnails (heicThumbnail.ts): decodes the photo with libheif
// (WebAssembly, through heic-decode) and scales it with sharp. The decoder's memory (about
// 200 MB for a 12-megapixel iPhone photo) belongs to this thread and goes when it exits.
import fs from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import decode from 'heic-decode';
import sharp from 'sharp';

interface Job {
  file: string;
  side: number;
  quality: number;
}

if (!parentPort) throw new Error('heicWorker runs in a worker thread');
const job = workerData as Job;
try {
  const image = await decode({ buffer: await fs.readFile(job.file) });
  const jpeg = await sharp(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength), { raw: { width: image.width, height: image.height, channels: 4 } })
    .resize({ width: job.side, height: job.side, fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: job.quality, mozjpeg: true })
    .toBuffer();
  parentPort.postMessage({ ok: true, jpeg });
} catch (err) {
  parentPort.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) });
}
