import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { Upload } from '@tus/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HEAD_BYTES, StagingStore } from './stagingStore.js';

const DAY = 24 * 3600_000;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('the tus staging store', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qudi-staging-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const bytes = Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 7) % 251));

  it('hashes the bytes as they arrive, across requests that continue where the last stopped', async () => {
    const store = new StagingStore({ directory: dir, expirationMs: DAY });
    await store.create(new Upload({ id: 'a', size: bytes.length, offset: 0 }));
    let offset = 0;
    for (const size of [7000, 1, 12_999]) offset = await store.write(Readable.from([bytes.subarray(offset, offset + size)]), 'a', offset);
    expect(offset).toBe(bytes.length);
    expect(store.takeHash('a', bytes.length)).toBe(sha(bytes));
    expect(store.takeHash('a', bytes.length)).toBeNull();
  });

  it('gives up the running hash when the bytes continue elsewhere (another instance wrote, or a restart)', async () => {
    const first = new StagingStore({ directory: dir, expirationMs: DAY });
    await first.create(new Upload({ id: 'b', size: bytes.length, offset: 0 }));
    await first.write(Readable.from([bytes.subarray(0, 5000)]), 'b', 0);
    const second = new StagingStore({ directory: dir, expirationMs: DAY });
    await second.write(Readable.from([bytes.subarray(5000)]), 'b', 5000);
    expect(second.takeHash('b', bytes.length)).toBeNull();
    expect(sha(fs.readFileSync(path.join(dir, 'b')))).toBe(sha(bytes));
  });

  it('shows the first bytes to inspectHead and discards the upload it refuses', async () => {
    const seen: number[] = [];
    const store = new StagingStore({
      directory: dir,
      expirationMs: DAY,
      inspectHead: async (head, length) => {
        seen.push(head.length, length ?? -1);
        throw new Error('refused');
      },
    });
    await store.create(new Upload({ id: 'c', size: bytes.length, offset: 0 }));
    await expect(store.write(Readable.from([bytes.subarray(0, 6000)]), 'c', 0)).rejects.toThrow('refused');
    expect(seen).toEqual([HEAD_BYTES, bytes.length]);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('sweeps expired uploads and leftovers, keeping fresh ones; does not offer deferred lengths', async () => {
    const store = new StagingStore({ directory: dir, expirationMs: DAY });
    expect(store.hasExtension('creation-defer-length')).toBe(false);
    expect(store.hasExtension('expiration')).toBe(true);
    await store.create(new Upload({ id: 'old', size: 10, offset: 0, creation_date: new Date(Date.now() - 2 * DAY).toISOString() }));
    await store.create(new Upload({ id: 'new', size: 10, offset: 0 }));
    fs.writeFileSync(path.join(dir, 'orphan'), 'x');
    const twoDaysAgo = new Date(Date.now() - 2 * DAY);
    for (const f of ['old', 'old.json', 'orphan']) fs.utimesSync(path.join(dir, f), twoDaysAgo, twoDaysAgo);
    await store.sweep();
    expect(fs.readdirSync(dir).sort()).toEqual(['new', 'new.json']);
  });
});
