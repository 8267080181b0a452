// The tus staging store (server/uploads/stagingStore.ts) on its own: bytes on disk, the upload's
// state in the uploads table, a running hash, the first bytes inspected, and the sweep that never
// throws away an upload that can still be recorded.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { Upload } from '@tus/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../context.js';
import { findUpload, finishUploadRow } from '../../repositories/uploads.js';
import { insertUser } from '../../repositories/users.js';
import { HEAD_BYTES, StagingStore, UPLOADER_KEY } from '../../uploads/stagingStore.js';
import { dbUnavailable, TEST_DB } from '../setup/app.js';
import { freshContext } from '../setup/database.js';

const DAY = 24 * 3600_000;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const id = (n: number) => n.toString(16).padStart(32, '0');

describe.skipIf(dbUnavailable())(`the tus staging store (${TEST_DB})`, () => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let dir: string;
  let uploader: number;
  let n = 0;
  const bytes = Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 7) % 251));

  beforeAll(async () => {
    ({ ctx, drop } = await freshContext());
    dir = path.join(ctx.config.dataDir, 'staging');
    fs.mkdirSync(dir);
    uploader = await insertUser(ctx.db, { username: 'stager', displayName: '上传者', passwordHash: 'x' });
  });
  afterAll(async () => drop());

  const storeWith = (opts: Partial<ConstructorParameters<typeof StagingStore>[0]> = {}) => new StagingStore({ directory: dir, db: ctx.db, expirationMs: DAY, ...opts });
  async function created(store: StagingStore, size = bytes.length, createdAt?: string): Promise<string> {
    const uid = id(++n);
    await store.create(new Upload({ id: uid, size, offset: 0, metadata: { filename: 'a.jpg', [UPLOADER_KEY]: String(uploader) }, creation_date: createdAt ?? new Date().toISOString() }));
    return uid;
  }

  it('hashes the bytes as they arrive, across requests that continue where the last stopped', async () => {
    const store = storeWith();
    const a = await created(store);
    let offset = 0;
    for (const size of [7000, 1, 12_999]) offset = await store.write(Readable.from([bytes.subarray(offset, offset + size)]), a, offset);
    expect(offset).toBe(bytes.length);
    expect(store.takeHash(a, bytes.length)).toBe(sha(bytes));
    expect(store.takeHash(a, bytes.length)).toBeNull();
  });

  it('after a restart (a new store) answers the offset the bytes on disk reach and takes the rest; the hash is recomputed', async () => {
    const first = storeWith();
    const b = await created(first);
    await first.write(Readable.from([bytes.subarray(0, 5000)]), b, 0);
    const second = storeWith();
    expect((await second.getUpload(b)).offset).toBe(5000);
    await second.write(Readable.from([bytes.subarray(5000)]), b, 5000);
    expect(second.takeHash(b, bytes.length)).toBeNull();
    expect(sha(fs.readFileSync(second.pathOf(b)))).toBe(sha(bytes));
  });

  it('shows the first bytes to inspectHead and discards the upload it refuses: file and row', async () => {
    const seen: number[] = [];
    const store = storeWith({
      inspectHead: async (head, length) => {
        seen.push(head.length, length ?? -1);
        throw new Error('refused');
      },
    });
    const d = await created(store);
    await expect(store.write(Readable.from([bytes.subarray(0, 6000)]), d, 0)).rejects.toThrow('refused');
    expect(seen).toEqual([HEAD_BYTES, bytes.length]);
    expect(fs.existsSync(store.pathOf(d))).toBe(false);
    expect(await findUpload(ctx.db, d)).toBeUndefined();
  });

  it('sweeps expired incomplete uploads and leftovers, keeps fresh ones, answers complete ones to record whatever their age', async () => {
    fs.rmSync(dir, { recursive: true });
    fs.mkdirSync(dir);
    const store = storeWith();
    expect(store.hasExtension('creation-defer-length')).toBe(false);
    expect(store.hasExtension('expiration')).toBe(true);
    const old = new Date(Date.now() - 2 * DAY).toISOString();
    const expired = await created(store, 10, old);
    await store.write(Readable.from([Buffer.from('12345')]), expired, 0);
    const completeOld = await created(store, 10, old);
    await store.write(Readable.from([Buffer.from('0123456789')]), completeOld, 0);
    const fresh = await created(store, 10);
    // A finished upload whose bytes a crash left behind, and a file whose row was never written.
    const finished = await created(store, 10);
    await finishUploadRow(ctx.db, finished, { refusal: '{}' }, new Date().toISOString());
    const rowless = id(++n);
    fs.writeFileSync(path.join(dir, rowless), 'x');
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    fs.utimesSync(path.join(dir, rowless), twoHoursAgo, twoHoursAgo);

    const result = await store.sweepStaged(30 * DAY);
    expect(result.complete.map((r) => r.id)).toEqual([completeOld]);
    expect(fs.readdirSync(dir).sort()).toEqual([completeOld, fresh].sort());
    expect(await findUpload(ctx.db, expired)).toBeUndefined();
    expect(await findUpload(ctx.db, finished)).toBeDefined();
    // Finished rows are forgotten once past keeping.
    await store.sweepStaged(0, Date.now() + 1000);
    expect(await findUpload(ctx.db, finished)).toBeUndefined();
  });
});
