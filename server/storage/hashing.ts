// Hashing while streaming, shared by both implementations.
import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs';
import { BlobTooLargeError } from './errors.js';

/** Running SHA-256 and byte count of the bytes that passed through `meter`. */
export interface Tally {
  hash: Hash;
  size: number;
  /** Set when the meter refused the stream for its size. */
  tooLarge?: BlobTooLargeError;
  /** Set when reading the source failed (what a later storage error was caused by). */
  sourceError?: unknown;
}

export function newTally(): Tally {
  return { hash: createHash('sha256'), size: 0 };
}

/**
 * Passes the source through unchanged while hashing and counting it; throws BlobTooLargeError
 * (and stops reading the source, which destroys a Readable) once it goes past `maxBytes`.
 */
export async function* meter(source: AsyncIterable<Uint8Array>, tally: Tally, maxBytes = Infinity): AsyncGenerator<Buffer> {
  const it = source[Symbol.asyncIterator]();
  try {
    for (;;) {
      let next: IteratorResult<Uint8Array>;
      try {
        next = await it.next();
      } catch (err) {
        tally.sourceError = err;
        throw err;
      }
      if (next.done) return;
      const chunk = next.value;
      if (typeof chunk === 'string') throw new TypeError('putStream needs bytes, not a string stream (was setEncoding called?)');
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      tally.size += buf.length;
      if (tally.size > maxBytes) {
        tally.tooLarge = new BlobTooLargeError(maxBytes);
        throw tally.tooLarge;
      }
      tally.hash.update(buf);
      yield buf;
    }
  } finally {
    // Stop the source when we stop early (refused, or the consumer gave up): a Readable is destroyed.
    try {
      await it.return?.();
    } catch {
      // The source's own failure is already on its way to the caller.
    }
  }
}

/** Stops a source that a failed put may not have started reading (a Readable is destroyed). */
export function abandon(source: AsyncIterable<Uint8Array>): void {
  const destroy = (source as { destroy?: unknown }).destroy;
  if (typeof destroy === 'function') destroy.call(source);
}

/** SHA-256 and size of a file on disk, read as a stream. */
export async function hashFile(file: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of fs.createReadStream(file) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { sha256: hash.digest('hex'), size };
}

export function sha256Of(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
