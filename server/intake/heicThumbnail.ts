// HEIC (HEVC-coded HEIF, as iPhones save photos) thumbnails, which sharp's prebuilt libvips cannot
// decode: one worker thread per photo (heicWorker.ts), one photo at a time, so the WebAssembly
// decoder's memory is given back after each photo and never held by the server's own thread.
import { startModuleWorker } from '../workers/moduleWorker.js';

/** A decoding that takes longer than this is given up (a 12-megapixel photo takes 1–3 s). */
const HEIC_TIMEOUT_MS = 60_000;
/**
 * Larger photos get no thumbnail: the decoder's memory grows with the pixels (≈ 200 MB at 12 MP)
 * outside any heap limit, and iPhones' 48 MP mode or a crafted image would take the server down.
 */
export const HEIC_MAX_PIXELS = 50_000_000;
/** Photos waiting beyond this get no thumbnail, so that a burst of iPhone uploads is not held up. */
const MAX_WAITING = 4;

let queue: Promise<unknown> = Promise.resolve();
let waiting = 0;

/** Whether the file's first bytes are an ISO-BMFF ftyp box with a HEIC/HEIF brand. */
export function isHeif(head: Buffer): boolean {
  if (head.length < 12 || head.toString('latin1', 4, 8) !== 'ftyp') return false;
  return ['heic', 'heix', 'heim', 'heis', 'mif1', 'msf1', 'hevc', 'hevx'].includes(head.toString('latin1', 8, 12));
}

function decodeInWorker(file: string, side: number, quality: number): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const worker = startModuleWorker(import.meta.url, 'heicWorker', { file, side, quality });
    const timer = setTimeout(() => void worker.terminate(), HEIC_TIMEOUT_MS);
    let answered = false;
    const answer = (value: Buffer | null) => {
      if (answered) return;
      answered = true;
      clearTimeout(timer);
      resolve(value);
    };
    worker.once('message', (m: { ok: true; jpeg: Uint8Array } | { ok: false }) => {
      answer(m.ok ? Buffer.from(m.jpeg.buffer, m.jpeg.byteOffset, m.jpeg.byteLength) : null);
      void worker.terminate();
    });
    worker.once('error', () => answer(null));
    worker.once('exit', () => answer(null));
  });
}

/** A HEIC thumbnail, or why there is none. */
export type HeicThumbnailResult =
  | { jpeg: Buffer }
  | { skipped: 'unreadable' | 'too_large' | 'busy' | 'undecodable' };

/**
 * A JPEG thumbnail of the HEIC photo at `file`, or the reason there is none: the container cannot
 * be read, declares more than HEIC_MAX_PIXELS (read by sharp without decoding), too many photos
 * wait already, or the decoder failed.
 */
export async function decodeHeicThumbnail(file: string, side: number, quality: number): Promise<HeicThumbnailResult> {
  const { default: sharp } = await import('sharp');
  const meta = await sharp(file).metadata().catch(() => null);
  if (!meta?.width || !meta.height) return { skipped: 'unreadable' };
  if (meta.width * meta.height > HEIC_MAX_PIXELS) return { skipped: 'too_large' };
  if (waiting >= MAX_WAITING) return { skipped: 'busy' };
  waiting++;
  const next = queue.then(() => decodeInWorker(file, side, quality)).finally(() => waiting--);
  queue = next.catch(() => null);
  const jpeg = await next;
  return jpeg ? { jpeg } : { skipped: 'undecodable' };
}

/** A JPEG thumbnail of the HEIC photo at `file`, or null (see decodeHeicThumbnail). */
export async function heicThumbnail(file: string, side: number, quality: number): Promise<Buffer | null> {
  const result = await decodeHeicThumbnail(file, side, quality);
  return 'jpeg' in result ? result.jpeg : null;
}
