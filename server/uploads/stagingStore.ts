// Where tus uploads grow until they are complete: `<DATA_DIR>/uploads/<id>` (the bytes) and
// `<id>.json` (the upload's length and metadata), on the same filesystem as local evidence
// storage so that a finished file is linked into it, not copied.
//
// On top of @tus/file-store: the SHA-256 is computed as the bytes arrive (kept per upload in this
// process while the upload continues where it left off; otherwise the finished file is read once),
// the first bytes can be inspected to refuse a wrong file before the rest is sent, deferred
// lengths are not offered, and stale uploads are swept.
import { createHash, type Hash } from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pipeline, Transform, type Readable } from 'node:stream';
import { FileStore } from '@tus/file-store';
import type { Upload } from '@tus/server';

/** How many bytes `inspectHead` gets: what file-type reads to tell a type. */
export const HEAD_BYTES = 4100;

/** Uploads whose hash state is kept at most; beyond that the oldest is dropped (its file is read once at the end). */
const MAX_RUNNING_HASHES = 10_000;

interface RunningHash {
  hash: Hash;
  /** Bytes hashed so far, i.e. the offset the next write must start at for the hash to continue. */
  offset: number;
}

export interface StagingStoreOptions {
  directory: string;
  /** Unfinished uploads older than this (from creation) are refused and swept. */
  expirationMs: number;
  /**
   * Called when an upload's first write brought at least HEAD_BYTES, with those bytes, the
   * declared length and the upload's metadata (a shorter first chunk is judged when the upload
   * completes). Throwing refuses the upload: it is discarded first.
   */
  inspectHead?: (head: Buffer, uploadLength: number | undefined, metadata: Upload['metadata']) => Promise<void>;
}

export class StagingStore extends FileStore {
  private readonly running = new Map<string, RunningHash>();
  /** Uploads completed in this request and being taken into storage: their staged file may already be gone. */
  private readonly finishing = new Map<string, Upload>();
  private readonly inspectHead: StagingStoreOptions['inspectHead'];

  /** Create the directory first (FileStore's own creation is fire-and-forget and throws out of a callback). */
  constructor(opts: StagingStoreOptions) {
    super({ directory: opts.directory, expirationPeriodInMilliseconds: opts.expirationMs });
    // Every upload states its length when it is created, so its size limit is known from the start.
    this.extensions = this.extensions.filter((e) => e !== 'creation-defer-length');
    this.inspectHead = opts.inspectHead;
  }

  /** The staged bytes of an upload. */
  pathOf(id: string): string {
    return path.join(this.directory, id);
  }

  override async write(readable: Readable, id: string, offset: number): Promise<number> {
    const previous = this.running.get(id);
    this.running.delete(id);
    const running = offset === 0 ? { hash: createHash('sha256'), offset: 0 } : previous?.offset === offset ? previous : undefined;
    let source = readable;
    if (running) {
      const tap = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          running.hash.update(chunk);
          running.offset += chunk.length;
          done(null, chunk);
        },
      });
      source = pipeline(readable, tap, () => undefined);
    }
    const written = await super.write(source, id, offset);
    // Only a hash that covers exactly the bytes on disk goes on; anything else is recomputed at the end.
    if (running && running.offset === written) this.keep(id, running);
    if (offset === 0 && this.inspectHead && written >= HEAD_BYTES) await this.inspect(id);
    return written;
  }

  override async getUpload(id: string): Promise<Upload> {
    return this.finishing.get(id) ?? super.getUpload(id);
  }

  /**
   * The SHA-256 of a complete upload of `size` bytes if it was computed as the bytes arrived, else
   * null. The hash state is consumed.
   */
  takeHash(id: string, size: number): string | null {
    const running = this.running.get(id);
    this.running.delete(id);
    return running && running.offset === size ? running.hash.digest('hex') : null;
  }

  /** The upload is complete and its file is being taken away: until discarded it still reads as complete. */
  markFinishing(upload: Upload): void {
    this.finishing.set(upload.id, upload);
  }

  /** Removes an upload's staged bytes and info, whatever state it is in. */
  async discard(id: string): Promise<void> {
    this.running.delete(id);
    this.finishing.delete(id);
    await fsp.rm(this.pathOf(id), { force: true });
    await fsp.rm(path.join(this.directory, `${id}.json`), { force: true });
  }

  /**
   * Removes expired unfinished uploads, and any staged file older than the expiration whose
   * upload lost its info (a crash between the two removals); answers how many files went.
   */
  async sweep(now = Date.now()): Promise<number> {
    let removed = await this.deleteExpired().catch(() => 0);
    let names: string[];
    try {
      names = await fsp.readdir(this.directory);
    } catch {
      return removed;
    }
    for (const name of names) {
      const file = path.join(this.directory, name);
      const st = await fsp.stat(file).catch(() => null);
      if (!st?.isFile() || now - st.mtimeMs <= this.getExpiration()) continue;
      await fsp.rm(file, { force: true });
      this.running.delete(path.basename(name, '.json'));
      removed++;
    }
    return removed;
  }

  private keep(id: string, running: RunningHash): void {
    if (this.running.size >= MAX_RUNNING_HASHES) {
      const oldest = this.running.keys().next().value;
      if (oldest !== undefined) this.running.delete(oldest);
    }
    this.running.set(id, running);
  }

  private async inspect(id: string): Promise<void> {
    const fh = await fsp.open(this.pathOf(id), 'r');
    let head: Buffer;
    try {
      const buf = Buffer.alloc(HEAD_BYTES);
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
      head = buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
    const info = await this.configstore.get(id);
    try {
      await this.inspectHead!(head, info?.size, info?.metadata);
    } catch (err) {
      await this.discard(id);
      throw err;
    }
  }
}

// FileStore's constructor starts an unawaited mkdir whose failure is thrown from a callback, out of
// reach of any caller (e.g. when DATA_DIR goes away meanwhile); the owner creates the directory.
Object.defineProperty(StagingStore.prototype, 'checkOrCreateDirectory', { value: () => undefined });
