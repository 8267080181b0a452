// Where tus uploads grow until they are complete, built to survive a crash at any moment:
//
// - the bytes: `<DATA_DIR>/uploads/<id>`, on the same filesystem as local evidence storage so that
//   a finished file is linked into it, not copied. The file's size is the upload's offset, and
//   every write is flushed to disk (fdatasync) before the PATCH that brought it is answered, so an
//   offset the client was told survives a crash of the process or the machine;
// - what the upload is and how it ended: a row of the `uploads` table (server/repositories/uploads.ts),
//   durable with the database. A recorded upload answers its full length (and the route adds its
//   attachment id) after its staged bytes are gone; a refused one answers its refusal.
//
// The SHA-256 is computed as the bytes arrive (kept per upload in this process while the upload
// continues where it left off; otherwise the finished file is read once), the first bytes can be
// inspected to refuse a wrong file before the rest is sent, deferred lengths are not offered, and
// the sweep (sweepStaged) forgets what can no longer be recorded — never a complete upload.
import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DataStore, ERRORS, Upload } from '@tus/server';
import { nowIso } from '../../domain/time.js';
import type { Db } from '../db/schema.js';
import { AppError, type ErrorCode, type FieldError } from '../errors.js';
import { deleteFinishedUploads, deleteUpload, findUpload, insertUpload, listOpenUploads, uploadIds, type UploadRecord } from '../repositories/uploads.js';

/** How many bytes `inspectHead` gets: what file-type reads to tell a type. */
export const HEAD_BYTES = 4100;

/** Kept in the upload's metadata by the server (clients cannot send it: unknown keys are refused). */
export const UPLOADER_KEY = 'qudiUploader';

/** Uploads whose hash state is kept at most; beyond that the oldest is dropped (its file is read once at the end). */
const MAX_RUNNING_HASHES = 10_000;

/** A staged file with no upload row (a crash between creating the file and the row) goes after this. */
const ROWLESS_FILE_MS = 3600_000;

/** Tus ids are hex; anything else cannot name a staged file. */
const UPLOAD_ID = /^[0-9a-f]{16,64}$/;

interface RunningHash {
  hash: Hash;
  /** Bytes hashed so far, i.e. the offset the next write must start at for the hash to continue. */
  offset: number;
}

/** A complete upload's refusal as kept in its row. */
export interface Refusal {
  code: ErrorCode;
  detail: string;
  errors?: FieldError[];
}

export const refusalOf = (err: AppError): string => JSON.stringify({ code: err.code, detail: err.detail ?? err.title, ...(err.errors ? { errors: err.errors } : {}) } satisfies Refusal);

export function refusalError(row: Pick<UploadRecord, 'refusal'>): AppError {
  const r = JSON.parse(row.refusal ?? '{}') as Partial<Refusal>;
  return new AppError(r.code ?? 'validation_failed', r.detail, r.errors);
}

export interface StagingStoreOptions {
  directory: string;
  db: Db;
  /** Unfinished uploads older than this (from creation) are refused and swept, unless complete. */
  expirationMs: number;
  /**
   * Called when an upload's first write brought at least HEAD_BYTES, with those bytes, the
   * declared length and the upload's metadata (a shorter first chunk is judged when the upload
   * completes). Throwing refuses the upload: it is discarded first.
   */
  inspectHead?: (head: Buffer, uploadLength: number | undefined, metadata: Upload['metadata']) => Promise<void>;
}

/** What one sweep found and did. */
export interface SweepResult {
  /** Open uploads whose bytes are all staged: to be recorded by the caller. */
  complete: UploadRecord[];
  /** Expired unfinished uploads, finished rows past keeping, and staged files nothing can record. */
  removed: number;
}

export class StagingStore extends DataStore {
  readonly directory: string;
  private readonly db: Db;
  private readonly expirationMs: number;
  private readonly running = new Map<string, RunningHash>();
  private readonly inspectHead: StagingStoreOptions['inspectHead'];

  constructor(opts: StagingStoreOptions) {
    super();
    this.directory = opts.directory;
    this.db = opts.db;
    this.expirationMs = opts.expirationMs;
    this.inspectHead = opts.inspectHead;
    // Every upload states its length when it is created, so its size limit is known from the start.
    this.extensions = ['creation', 'creation-with-upload', 'termination', 'expiration'];
  }

  /** The staged bytes of an upload. */
  pathOf(id: string): string {
    if (!UPLOAD_ID.test(id)) throw ERRORS.FILE_NOT_FOUND;
    return path.join(this.directory, id);
  }

  override getExpiration(): number {
    return this.expirationMs;
  }

  /** The empty staged file first, then the row: a crash between them leaves a file the sweep removes. */
  override async create(upload: Upload): Promise<Upload> {
    if (upload.size === undefined) throw ERRORS.INVALID_LENGTH;
    const file = this.pathOf(upload.id);
    await fsp.writeFile(file, '');
    await insertUpload(this.db, {
      id: upload.id,
      uploaderId: Number(upload.metadata?.[UPLOADER_KEY]),
      size: upload.size,
      metadata: upload.metadata ?? {},
      createdAt: upload.creation_date ?? nowIso(),
    });
    upload.storage = { type: 'file', path: file };
    return upload;
  }

  override async getUpload(id: string): Promise<Upload> {
    const row = await findUpload(this.db, id);
    if (!row) throw ERRORS.FILE_NOT_FOUND;
    return this.uploadOf(row);
  }

  /** The upload as tus sees it: a recorded one complete (and never expiring), an open one as far as its staged bytes go. */
  async uploadOf(row: UploadRecord): Promise<Upload> {
    const base = { id: row.id, size: row.size, metadata: row.metadata };
    if (row.refusal !== null) throw refusalError(row);
    if (row.attachment_id !== null) return new Upload({ ...base, offset: row.size, storage: { type: 'recorded', path: '' } });
    const file = this.pathOf(row.id);
    const st = await fsp.stat(file).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') throw ERRORS.FILE_NO_LONGER_EXISTS;
      throw err;
    });
    return new Upload({ ...base, offset: st.size, creation_date: row.created_at, storage: { type: 'file', path: file } });
  }

  /** How many bytes of an open upload are staged (-1: none, its file is gone). */
  async stagedBytes(id: string): Promise<number> {
    const st = await fsp.stat(this.pathOf(id)).catch(() => null);
    return st?.isFile() ? st.size : -1;
  }

  override async write(readable: Readable, id: string, offset: number): Promise<number> {
    const row = await findUpload(this.db, id);
    // A recorded upload takes no more bytes; an empty PATCH at its end finds it complete again.
    if (row?.attachment_id != null) {
      for await (const chunk of readable) if ((chunk as Buffer).length > 0) throw ERRORS.ERR_SIZE_EXCEEDED;
      return offset;
    }
    const previous = this.running.get(id);
    this.running.delete(id);
    const running = offset === 0 ? { hash: createHash('sha256'), offset: 0 } : previous?.offset === offset ? previous : undefined;
    let written = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        running?.hash.update(chunk);
        written += chunk.length;
        done(null, chunk);
      },
    });
    try {
      // flush: fsync before the file is closed, so the offset answered is on disk.
      await pipeline(readable, tap, fs.createWriteStream(this.pathOf(id), { flags: 'r+', start: offset, flush: true, highWaterMark: 1 << 20 }));
    } catch {
      throw ERRORS.FILE_WRITE_ERROR;
    }
    if (running) {
      running.offset += written;
      this.keep(id, running);
    }
    if (offset === 0 && this.inspectHead && written >= HEAD_BYTES) await this.inspect(id);
    return offset + written;
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

  /** Termination (DELETE) of an open upload: its bytes and row go. */
  override async remove(id: string): Promise<void> {
    await this.discard(id);
  }

  /** Removes an upload's staged bytes and row, whatever state it is in. */
  async discard(id: string): Promise<void> {
    await this.discardBytes(id);
    await deleteUpload(this.db, id);
  }

  /** Removes an upload's staged bytes only (it was recorded or refused: the row answers for it). */
  async discardBytes(id: string): Promise<void> {
    this.running.delete(id);
    await fsp.rm(this.pathOf(id), { force: true });
  }

  /**
   * One pass over the staging area: open uploads whose bytes are all there are answered, to be
   * recorded (whatever their age: nothing that can still be recorded is thrown away); incomplete
   * ones past expiry go; finished rows older than `keepFinishedMs` go, and the staged bytes of
   * finished uploads and files with no row (after an hour) go.
   */
  async sweepStaged(keepFinishedMs: number, now = Date.now()): Promise<SweepResult> {
    let removed = 0;
    const complete: UploadRecord[] = [];
    const open = await listOpenUploads(this.db);
    for (const row of open) {
      const staged = await this.stagedBytes(row.id);
      if (staged === row.size) complete.push(row);
      else if (now - Date.parse(row.created_at) > this.expirationMs) {
        await this.discard(row.id);
        removed++;
      }
    }
    removed += await deleteFinishedUploads(this.db, new Date(now - keepFinishedMs).toISOString());
    const names = (await fsp.readdir(this.directory).catch(() => [] as string[])).filter((n) => UPLOAD_ID.test(n));
    const openIds = new Set(open.map((r) => r.id));
    const known = await uploadIds(this.db, names);
    for (const name of names) {
      if (openIds.has(name)) continue;
      if (known.has(name)) {
        // Finished (recorded or refused) but its bytes were left by a crash before they went.
        const row = await findUpload(this.db, name);
        if (row?.finished_at) {
          await this.discardBytes(name);
          removed++;
        }
        continue;
      }
      const st = await fsp.stat(path.join(this.directory, name)).catch(() => null);
      if (st?.isFile() && now - st.mtimeMs > ROWLESS_FILE_MS) {
        await fsp.rm(path.join(this.directory, name), { force: true });
        removed++;
      }
    }
    return { complete, removed };
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
    const row = await findUpload(this.db, id);
    try {
      await this.inspectHead!(head, row?.size, row?.metadata);
    } catch (err) {
      await this.discard(id);
      throw err;
    }
  }
}
