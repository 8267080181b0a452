// HEIC (HEVC-coded HEIF, as iPhones save photos) thumbnails, which sharp's prebuilt libvips cannot
// decode: one worker thread per photo (heicWorker.ts), one photo at a time, so the WebAssembly
// decoder's memory is given back after each photo and never held by the server's own thread.
import { startModuleWorker } from '../workers/moduleWorker.js';

/** A decoding that takes longer than this is given up (a 12-megapixel photo takes 1–3 s). */
const HEIC_TIMEOUT_MS = 60_000;

let queue: Promise<unknown> = Promise.resolve();

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

/** A JPEG thumbnail of the HEIC photo at `file`, or null when it cannot be decoded. */
export function heicThumbnail(file: string, side: number, quality: number): Promise<Buffer | null> {
  const next = queue.then(() => decodeInWorker(file, side, quality));
  queue = next.catch(() => null);
  return next;
}
