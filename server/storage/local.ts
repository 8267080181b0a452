// BlobStorage on local disk: objects under `<root>/sha256/ab/<hex>`, work in progress under
// `<root>/tmp/`, on the same filesystem so that finalizing is a hard link, never a copy.
// Stored files are created read-only (0444) and flushed to disk before they get their name.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { once } from 'node:events';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BlobNotFoundError, BlobWriteError } from './errors.js';
import { abandon, hashFile, meter, newTally, sha256Of } from './hashing.js';
import { blobKey, isSha256Hex, sha256OfKey } from './keys.js';
import { checkRange, unsatisfiable } from './range.js';
import type { BlobStat, BlobStorage, ByteRange, PutFileOptions, PutOptions, PutStreamOptions, StoredBlob, StoredObject } from './types.js';

/** Temporary files older than this are leftovers of a crash (no upload takes a day to finalize). */
const STALE_TEMP_MS = 24 * 3600_000;

export class LocalStorage implements BlobStorage {
  readonly describe: string;
  private readonly tmpDir: string;

  /** `root` is created on the first write; nothing is touched before. */
  constructor(readonly root: string) {
    this.describe = `本地磁盘 ${root}`;
    this.tmpDir = path.join(root, 'tmp');
  }

  async putStream(source: AsyncIterable<Uint8Array>, opts: PutStreamOptions): Promise<StoredBlob> {
    const { temp, sha256, size } = await this.writeTemp(source, opts.maxBytes);
    return this.finalize(temp, sha256, size);
  }

  async putFile(file: string, opts: PutFileOptions): Promise<StoredBlob> {
    const given = opts.sha256?.toLowerCase();
    if (given !== undefined && !isSha256Hex(given)) throw new TypeError(`not a SHA-256 hex digest: ${opts.sha256}`);
    let known: { sha256: string; size: number };
    try {
      known = given ? { sha256: given, size: (await fsp.stat(file)).size } : await hashFile(file);
    } catch (err) {
      throw new BlobWriteError(`reading ${file} failed`, { cause: err });
    }
    const key = blobKey(known.sha256);
    const target = this.pathOf(key);
    let stored: StoredBlob;
    if (await exists(target)) {
      stored = { key, ...known, existed: true };
    } else {
      stored = (await this.linkIn(file, key, known)) ?? (await this.copyIn(file, known));
    }
    return stored;
  }

  async putBuffer(data: Uint8Array, _opts: PutOptions): Promise<StoredBlob> {
    const sha256 = sha256Of(data);
    const key = blobKey(sha256);
    if (await exists(this.pathOf(key))) return { key, sha256, size: data.byteLength, existed: true };
    const { temp } = await this.writeTemp(just(data));
    return this.finalize(temp, sha256, data.byteLength);
  }

  async open(key: string, range?: ByteRange): Promise<Readable> {
    const r = checkRange(range);
    const sha256 = sha256OfKey(key);
    if (!sha256) throw new BlobNotFoundError(key);
    let fh: fsp.FileHandle;
    try {
      fh = await fsp.open(this.pathOf(key), 'r');
    } catch (err) {
      if (isMissing(err)) throw new BlobNotFoundError(key);
      throw err;
    }
    try {
      if (!r) return fh.createReadStream();
      const { size } = await fh.stat();
      if (r.start >= size) throw unsatisfiable(r.start, size);
      return fh.createReadStream({ start: r.start, end: Math.min(r.end ?? size - 1, size - 1) });
    } catch (err) {
      await fh.close();
      throw err;
    }
  }

  async stat(key: string): Promise<BlobStat | null> {
    if (!sha256OfKey(key)) return null;
    try {
      return { size: (await fsp.stat(this.pathOf(key))).size };
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  async close(): Promise<void> {}

  async *list(): AsyncIterable<StoredObject> {
    const base = path.join(this.root, 'sha256');
    let shards: string[];
    try {
      shards = await fsp.readdir(base);
    } catch (err) {
      if (isMissing(err)) return;
      throw err;
    }
    for (const shard of shards.sort()) {
      for (const name of (await fsp.readdir(path.join(base, shard)).catch(() => [] as string[])).sort()) {
        const key = `sha256/${shard}/${name}`;
        if (!sha256OfKey(key)) continue; // not an object this store wrote
        const st = await fsp.stat(path.join(base, shard, name)).catch(() => null);
        if (st?.isFile()) yield { key, size: st.size, modifiedAt: st.mtime };
      }
    }
  }

  async removeUnreferenced(key: string): Promise<void> {
    if (!sha256OfKey(key)) throw new BlobNotFoundError(key);
    await fsp.rm(this.pathOf(key), { force: true });
  }

  /** Removes temporary files older than `olderThanMs` (leftovers of a crash); answers how many. */
  async sweepTemp(olderThanMs = STALE_TEMP_MS): Promise<number> {
    let names: string[];
    try {
      names = await fsp.readdir(this.tmpDir);
    } catch (err) {
      if (isMissing(err)) return 0;
      throw err;
    }
    let removed = 0;
    for (const name of names) {
      const file = path.join(this.tmpDir, name);
      const st = await fsp.stat(file).catch(() => null);
      if (st && Date.now() - st.mtimeMs > olderThanMs) {
        await removeQuietly(file);
        removed++;
      }
    }
    return removed;
  }

  private pathOf(key: string): string {
    return path.join(this.root, ...key.split('/'));
  }

  /** Same filesystem: the file itself becomes the stored object. Answers undefined across filesystems. */
  private async linkIn(file: string, key: string, known: { sha256: string; size: number }): Promise<StoredBlob | undefined> {
    const target = this.pathOf(key);
    try {
      await fsp.mkdir(path.dirname(target), { recursive: true });
      // The stored file must never change: read-only, on disk, then named.
      await fsp.chmod(file, 0o444);
      await fsyncFile(file);
      return { key, ...known, existed: await linkNoReplace(file, target) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EXDEV') return undefined;
      throw new BlobWriteError(`storing ${file} failed`, { cause: err });
    }
  }

  /** Another filesystem: stream a copy, checking the caller's hash on the way. */
  private async copyIn(file: string, known: { sha256: string }): Promise<StoredBlob> {
    const copy = await this.writeTemp(fs.createReadStream(file));
    if (copy.sha256 !== known.sha256) {
      await removeQuietly(copy.temp);
      throw new BlobWriteError(`storing ${file} failed`, { cause: new Error(`its SHA-256 is ${copy.sha256}, not ${known.sha256}`) });
    }
    return this.finalize(copy.temp, copy.sha256, copy.size);
  }

  /** Writes the source to a new read-only temporary file, flushed to disk; on failure removes it and throws. */
  private async writeTemp(source: AsyncIterable<Uint8Array>, maxBytes?: number): Promise<{ temp: string; sha256: string; size: number }> {
    await fsp.mkdir(this.tmpDir, { recursive: true });
    const temp = path.join(this.tmpDir, randomUUID());
    const tally = newTally();
    const out = fs.createWriteStream(temp, { flags: 'wx', mode: 0o444, flush: true });
    try {
      // Wait for the file to exist, so that a cleanup after a failure cannot run before it is created.
      await once(out, 'open');
      // Resolves once the file is flushed and closed.
      await pipeline(meter(source, tally, maxBytes), out);
    } catch (err) {
      out.destroy();
      abandon(source);
      await removeQuietly(temp);
      if (tally.tooLarge) throw tally.tooLarge;
      throw new BlobWriteError('storing the stream failed', { cause: tally.sourceError ?? err });
    }
    return { temp, sha256: tally.hash.digest('hex'), size: tally.size };
  }

  /** Gives a temporary file its content name unless that already exists; the temporary name goes either way. */
  private async finalize(temp: string, sha256: string, size: number): Promise<StoredBlob> {
    const key = blobKey(sha256);
    const target = this.pathOf(key);
    try {
      await fsp.mkdir(path.dirname(target), { recursive: true });
      const existed = await linkNoReplace(temp, target);
      return { key, sha256, size, existed };
    } catch (err) {
      throw new BlobWriteError('storing the stream failed', { cause: err });
    } finally {
      await removeQuietly(temp);
    }
  }
}

/**
 * Links `from` as `to` unless `to` exists (answers true then). A hard link never replaces an existing
 * name, unlike rename. Where hard links are not supported, falls back to check-then-rename.
 */
async function linkNoReplace(from: string, to: string): Promise<boolean> {
  try {
    await fsp.link(from, to);
    return false;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return true;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw err;
  }
  if (await exists(to)) return true;
  // Without hard links `from` disappears here; callers treat it as gone either way.
  await fsp.rename(from, to);
  return false;
}

async function* just(data: Uint8Array): AsyncGenerator<Uint8Array> {
  yield data;
}

async function fsyncFile(file: string): Promise<void> {
  const fh = await fsp.open(file, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fsp.access(file);
    return true;
  } catch (err) {
    if (isMissing(err)) return false;
    throw err;
  }
}

function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

async function removeQuietly(file: string): Promise<void> {
  await fsp.rm(file, { force: true }).catch(() => undefined);
}
