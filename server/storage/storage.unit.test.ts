// One suite, two implementations: local disk in a temporary directory, and S3 against s3rver
// running in this process. Every behaviour the upload code relies on is checked on both.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { startS3Peer } from '../test/fixtures/s3peer.js';
import { BlobNotFoundError, BlobTooLargeError, BlobWriteError, LocalStorage, blobKey, openStorage, parseStorageUrl, type BlobStorage } from './index.js';
import { S3Storage } from './s3.js';

const MB = 1024 * 1024;

// A garbage collector to call, without needing --expose-gc on the command line.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

interface Fixture {
  storage: BlobStorage;
  /** Everything in the store, temporary objects included, as keys relative to the store's root. */
  listAll(): Promise<string[]>;
  /** Changes whenever the object under `key` is written again. */
  fingerprint(key: string): Promise<string>;
  /** Leaves a stale temporary object, as a crash would. */
  plantTemp(): Promise<void>;
  /** Where files for putFile are staged. */
  stagingDir: string;
  close(): Promise<void>;
}

function tempDir(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `qudi-${name}-`));
}

function walk(dir: string, root = dir): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p, root) : [path.relative(root, p).split(path.sep).join('/')];
  });
}

const implementations: { name: string; setup(): Promise<Fixture> }[] = [
  {
    name: 'local disk',
    setup: async () => {
      const dataDir = tempDir('storage');
      const root = path.join(dataDir, 'files');
      const storage = await openStorage({ dataDir });
      expect(storage).toBeInstanceOf(LocalStorage);
      return {
        storage,
        listAll: async () => walk(root).sort(),
        fingerprint: async (key) => {
          const st = fs.statSync(path.join(root, key), { bigint: true });
          return `${st.ino}:${st.mtimeNs}:${st.ctimeNs}`;
        },
        plantTemp: async () => {
          fs.mkdirSync(path.join(root, 'tmp'), { recursive: true });
          fs.writeFileSync(path.join(root, 'tmp', 'left-by-a-crash'), 'partial');
        },
        stagingDir: path.join(dataDir, 'uploads'),
        close: async () => {
          await storage.close();
          fs.rmSync(dataDir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'S3 (s3rver)',
    setup: async () => {
      const peer = await startS3Peer();
      const storage = await openStorage({ dataDir: '', storageUrl: peer.storageUrl });
      expect(storage).toBeInstanceOf(S3Storage);
      const stagingDir = tempDir('staging');
      return {
        storage,
        listAll: () => peer.listKeys(),
        fingerprint: async (key) => String(peer.writesTo(key)),
        plantTemp: () => peer.putRaw('tmp/left-by-a-crash', Buffer.from('partial')),
        stagingDir,
        close: async () => {
          await storage.close();
          await peer.close();
          fs.rmSync(stagingDir, { recursive: true, force: true });
        },
      };
    },
  },
];

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/** The bytes as a stream of uneven chunks, as a network delivers them. */
function chunked(data: Buffer): Readable {
  return Readable.from(
    (function* () {
      let at = 0;
      for (let i = 0; at < data.length; i++) {
        const n = [1, 4096, 65536, 7, 100_000][i % 5];
        yield data.subarray(at, at + n);
        at += n;
      }
    })(),
  );
}

/** `good` bytes, then the connection drops. */
function failingAfter(good: Buffer): Readable {
  return Readable.from(
    (async function* () {
      yield* chunked(good);
      throw new Error('ECONNRESET: the village network dropped');
    })(),
  );
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

describe.each(implementations)('BlobStorage on $name', (impl) => {
  let f: Fixture;
  beforeAll(async () => {
    f = await impl.setup();
    fs.mkdirSync(f.stagingDir, { recursive: true });
  }, 30_000);
  afterAll(async () => f?.close());

  /** Keys of stored objects and temporaries, to check that a failure left nothing. */
  const snapshot = () => f.listAll();

  it('stores a stream and gives back the same bytes, under the key of their SHA-256', async () => {
    const data = randomBytes(3 * MB + 123);
    const stored = await f.storage.putStream(chunked(data), { contentType: 'image/jpeg' });
    expect(stored).toEqual({ key: blobKey(sha256(data)), sha256: sha256(data), size: data.length, existed: false });
    expect(stored.key).toMatch(/^sha256\/[0-9a-f]{2}\/[0-9a-f]{64}$/);
    expect((await readAll(await f.storage.open(stored.key))).equals(data)).toBe(true);
    const stat = await f.storage.stat(stored.key);
    expect(stat?.size).toBe(data.length);
    if (impl.name.startsWith('S3')) expect(stat?.contentType).toBe('image/jpeg');
    expect(await f.listAll()).toContain(stored.key);
    expect((await f.listAll()).filter((k) => k.includes('tmp/'))).toEqual([]);
  });

  it('stores the same bytes once: the second put answers existed and writes nothing', async () => {
    const data = randomBytes(200_000);
    const first = await f.storage.putStream(chunked(data), { contentType: 'image/png' });
    const before = await f.fingerprint(first.key);
    const keys = await snapshot();

    const again = await f.storage.putStream(chunked(data), { contentType: 'image/png' });
    const asBuffer = await f.storage.putBuffer(data, { contentType: 'image/png' });
    const file = path.join(f.stagingDir, 'same.png');
    fs.writeFileSync(file, data);
    const asFile = await f.storage.putFile(file, { contentType: 'image/png' });

    for (const r of [again, asBuffer, asFile]) expect(r).toEqual({ ...first, existed: true });
    expect(await f.fingerprint(first.key)).toBe(before);
    expect(await snapshot()).toEqual(keys);
    // The caller's file is left to the caller (it removes it once the object is recorded).
    expect(fs.existsSync(file)).toBe(true);
  });

  it('stores concurrent puts of the same bytes once', async () => {
    const data = randomBytes(300_000);
    const results = await Promise.all([1, 2, 3].map(() => f.storage.putStream(chunked(data), { contentType: 'video/mp4' })));
    expect(new Set(results.map((r) => r.key)).size).toBe(1);
    expect((await snapshot()).filter((k) => k === results[0].key || k.includes('tmp/'))).toEqual([results[0].key]);
    expect((await readAll(await f.storage.open(results[0].key))).equals(data)).toBe(true);
  });

  it('refuses a stream past maxBytes and leaves nothing behind', async () => {
    const before = await snapshot();
    const source = chunked(randomBytes(MB));
    const err = await f.storage.putStream(source, { contentType: 'video/mp4', maxBytes: 512 * 1024 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BlobTooLargeError);
    expect((err as BlobTooLargeError).status).toBe(413);
    expect((err as BlobTooLargeError).maxBytes).toBe(512 * 1024);
    expect((err as Error).message).toContain('512 KB');
    expect(source.destroyed).toBe(true);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a stream past maxBytes after several upload parts, leaving nothing behind', async () => {
    const before = await snapshot();
    const err = await f.storage.putStream(chunked(randomBytes(14 * MB)), { contentType: 'video/mp4', maxBytes: 12 * MB }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BlobTooLargeError);
    expect(await snapshot()).toEqual(before);
  });

  it('accepts a stream of exactly maxBytes', async () => {
    const data = randomBytes(4096);
    const stored = await f.storage.putStream(chunked(data), { contentType: 'image/jpeg', maxBytes: 4096 });
    expect(stored.size).toBe(4096);
  });

  it.each([
    ['small', 300_000],
    ['multipart-sized', 11 * MB],
  ])('leaves nothing behind when a %s stream fails half way', async (_label, size) => {
    const before = await snapshot();
    const err = await f.storage.putStream(failingAfter(randomBytes(size)), { contentType: 'video/mp4' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BlobWriteError);
    expect(String((err as Error).cause)).toContain('ECONNRESET');
    expect(await snapshot()).toEqual(before);
  });

  it('reads byte ranges, clamping the end and refusing a start past the end', async () => {
    const data = randomBytes(1000);
    const { key } = await f.storage.putBuffer(data, { contentType: 'video/mp4' });
    const range = async (start?: number, end?: number) => readAll(await f.storage.open(key, { start, end }));
    expect((await range(10, 19)).equals(data.subarray(10, 20))).toBe(true);
    expect((await range(990)).equals(data.subarray(990))).toBe(true);
    expect((await range(undefined, 4)).equals(data.subarray(0, 5))).toBe(true);
    expect((await range(995, 5000)).equals(data.subarray(995))).toBe(true);
    expect((await range(999, 999)).equals(data.subarray(999))).toBe(true);
    await expect(f.storage.open(key, { start: 1000 })).rejects.toBeInstanceOf(RangeError);
    await expect(f.storage.open(key, { start: 5, end: 2 })).rejects.toBeInstanceOf(RangeError);
    await expect(f.storage.open(key, { start: -1 })).rejects.toBeInstanceOf(RangeError);
  });

  it('answers null / not found for a missing or malformed key', async () => {
    const missing = blobKey(sha256(Buffer.from('never stored')));
    expect(await f.storage.stat(missing)).toBeNull();
    expect(await f.storage.stat('sha256/../../etc/passwd')).toBeNull();
    expect(await f.storage.stat(`sha256/00/${'f'.repeat(64)}`)).toBeNull();
    const err = await f.storage.open(missing).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BlobNotFoundError);
    expect((err as BlobNotFoundError).status).toBe(404);
    await expect(f.storage.open('../qudi.db')).rejects.toBeInstanceOf(BlobNotFoundError);
  });

  it('removes an object no record names (qudi evidence prune), and nothing outside the store', async () => {
    const data = randomBytes(1000);
    const stored = await f.storage.putBuffer(data, { contentType: 'image/jpeg' });
    await f.storage.removeUnreferenced(stored.key);
    expect(await f.storage.stat(stored.key)).toBeNull();
    await f.storage.removeUnreferenced(stored.key); // already gone: no error
    await expect(f.storage.removeUnreferenced('../qudi.db')).rejects.toBeInstanceOf(BlobNotFoundError);
  });

  it('stores a small buffer (a thumbnail) and an empty one', async () => {
    const thumb = randomBytes(20_000);
    const stored = await f.storage.putBuffer(thumb, { contentType: 'image/webp' });
    expect(stored).toEqual({ key: blobKey(sha256(thumb)), sha256: sha256(thumb), size: thumb.length, existed: false });
    expect((await readAll(await f.storage.open(stored.key))).equals(thumb)).toBe(true);
    const empty = await f.storage.putBuffer(new Uint8Array(0), { contentType: 'application/octet-stream' });
    expect(empty.size).toBe(0);
    expect((await readAll(await f.storage.open(empty.key))).length).toBe(0);
  });

  it('stores a finished upload file, with or without its hash, leaving the file to the caller', async () => {
    const a = randomBytes(2 * MB);
    const fileA = path.join(f.stagingDir, 'a.mp4');
    fs.writeFileSync(fileA, a);
    const inode = fs.statSync(fileA).ino;
    const storedA = await f.storage.putFile(fileA, { contentType: 'video/mp4', sha256: sha256(a).toUpperCase() });
    expect(storedA).toEqual({ key: blobKey(sha256(a)), sha256: sha256(a), size: a.length, existed: false });
    expect(fs.readFileSync(fileA).equals(a)).toBe(true);
    expect((await readAll(await f.storage.open(storedA.key))).equals(a)).toBe(true);
    if (f.storage instanceof LocalStorage) {
      // Same filesystem: the upload itself became the object (no copy), and it is read-only.
      const st = fs.statSync(path.join(f.storage.root, storedA.key));
      expect(st.ino).toBe(inode);
      expect(st.mode & 0o222).toBe(0);
    }

    const b = randomBytes(100_000);
    const fileB = path.join(f.stagingDir, 'b.jpg');
    fs.writeFileSync(fileB, b);
    const storedB = await f.storage.putFile(fileB, { contentType: 'image/jpeg' });
    expect(storedB).toEqual({ key: blobKey(sha256(b)), sha256: sha256(b), size: b.length, existed: false });
    expect(fs.existsSync(fileB)).toBe(true);
  });

  // /dev/shm is a RAM disk on Linux: another filesystem than the temporary directory, mostly.
  const otherFs = fs.existsSync('/dev/shm') && fs.statSync('/dev/shm').dev !== fs.statSync(os.tmpdir()).dev ? '/dev/shm' : undefined;
  it.runIf(impl.name === 'local disk' && otherFs)('copies a file from another filesystem, checking its hash', async () => {
    const dir = fs.mkdtempSync(path.join(otherFs!, 'qudi-staging-'));
    try {
      const data = randomBytes(MB);
      const file = path.join(dir, 'c.mp4');
      fs.writeFileSync(file, data);
      const stored = await f.storage.putFile(file, { contentType: 'video/mp4', sha256: sha256(data) });
      expect(stored).toEqual({ key: blobKey(sha256(data)), sha256: sha256(data), size: data.length, existed: false });
      expect(fs.existsSync(file)).toBe(true);
      expect((await readAll(await f.storage.open(stored.key))).equals(data)).toBe(true);

      const before = await snapshot();
      const lying = path.join(dir, 'd.mp4');
      fs.writeFileSync(lying, randomBytes(1000));
      await expect(f.storage.putFile(lying, { contentType: 'video/mp4', sha256: sha256(Buffer.from('other bytes')) })).rejects.toBeInstanceOf(BlobWriteError);
      expect(fs.existsSync(lying)).toBe(true);
      expect(await snapshot()).toEqual(before);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves the file in place when putFile fails', async () => {
    await expect(f.storage.putFile(path.join(f.stagingDir, 'nope'), { contentType: 'image/jpeg' })).rejects.toBeInstanceOf(BlobWriteError);
    const file = path.join(f.stagingDir, 'bad-hash.jpg');
    fs.writeFileSync(file, 'x');
    await expect(f.storage.putFile(file, { contentType: 'image/jpeg', sha256: 'abc' })).rejects.toBeInstanceOf(TypeError);
    expect(fs.existsSync(file)).toBe(true);
  });

  it('sweeps temporary objects left by a crash, and only those', async () => {
    const keys = await snapshot();
    await f.plantTemp();
    const sweep = (f.storage as LocalStorage | S3Storage).sweepTemp.bind(f.storage);
    expect(await sweep()).toBe(0); // young: could be an upload in progress
    expect(await sweep(-60_000)).toBe(1);
    expect(await snapshot()).toEqual(keys);
  });

  it('lists every stored object with its size and time, and no temporary', async () => {
    const a = await f.storage.putBuffer(Buffer.from('清单甲'), { contentType: 'image/jpeg' });
    const b = await f.storage.putBuffer(Buffer.from('清单乙乙'), { contentType: 'image/jpeg' });
    await f.plantTemp();
    const listed = new Map<string, { size: number; modifiedAt: Date }>();
    for await (const o of f.storage.list()) listed.set(o.key, o);
    expect(listed.get(a.key)?.size).toBe(a.size);
    expect(listed.get(b.key)?.size).toBe(b.size);
    expect(Date.now() - listed.get(a.key)!.modifiedAt.getTime()).toBeLessThan(10 * 60_000);
    const stored = (await snapshot()).filter((k) => k.startsWith('sha256/'));
    expect([...listed.keys()].sort()).toEqual(stored.sort());
    await (f.storage as LocalStorage | S3Storage).sweepTemp(-60_000);
  });

  it('streams 128 MB in bounded memory', async () => {
    // Memory that does not grow with the size: a buffered stream would hold all 128 MB; the S3
    // path holds its upload parts in flight (and s3rver runs in this process too).
    const size = 128 * MB;
    const chunk = 64 * 1024;
    const expected = createHash('sha256');
    async function* generated() {
      const seed = randomBytes(chunk);
      for (let i = 0; i < size / chunk; i++) {
        const part = Buffer.allocUnsafe(chunk);
        seed.copy(part);
        part.writeUInt32BE(i, 0); // every chunk differs
        expected.update(part);
        yield part;
      }
    }
    // Live memory only: collect garbage before each sample, or dead chunks would count.
    const used = () => {
      gc();
      gc(); // the second one finishes the first one's (concurrent) freeing of array buffers
      const m = process.memoryUsage();
      return m.heapUsed + m.arrayBuffers;
    };
    const baseline = used();
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, used())), 100);
    try {
      const stored = await f.storage.putStream(Readable.from(generated()), { contentType: 'video/mp4', maxBytes: size });
      expect(stored.size).toBe(size);
      expect(stored.sha256).toBe(expected.digest('hex'));
    } finally {
      clearInterval(sampler);
    }
    // Measured: local disk under 1 MB; S3 about 21 MB (three 5 MB parts in flight, and s3rver).
    expect(peak - baseline).toBeLessThan(size / 4);
  }, 120_000);
});

describe('STORAGE_URL', () => {
  const env = (STORAGE_URL?: string) => ({ DATA_DIR: '/srv/qudi', ...(STORAGE_URL !== undefined ? { STORAGE_URL } : {}) });

  it('is optional: unset or empty means local disk under DATA_DIR/files', async () => {
    expect(loadConfig(env()).storageUrl).toBeUndefined();
    expect(loadConfig(env('')).storageUrl).toBeUndefined();
    const storage = await openStorage({ dataDir: '/srv/qudi' });
    expect(storage.describe).toBe('本地磁盘 /srv/qudi/files');
  });

  it('reads bucket, endpoint, region, path style and test credentials', () => {
    const url = 's3://qudi-evidence?endpoint=http://127.0.0.1:9000&region=cn-hangzhou&accessKeyId=minio&secretAccessKey=mini%2Bo%2Fsecret';
    expect(loadConfig(env(url)).storageUrl).toBe(url);
    expect(parseStorageUrl(url)).toEqual({
      bucket: 'qudi-evidence',
      prefix: '',
      endpoint: 'http://127.0.0.1:9000',
      region: 'cn-hangzhou',
      forcePathStyle: true,
      credentials: { accessKeyId: 'minio', secretAccessKey: 'mini+o/secret' },
    });
    expect(parseStorageUrl('s3://bucket.with.dots/qudi/evidence/?endpoint=https://oss-cn-hangzhou.aliyuncs.com&region=oss-cn-hangzhou&forcePathStyle=false')).toEqual({
      bucket: 'bucket.with.dots',
      prefix: 'qudi/evidence/',
      endpoint: 'https://oss-cn-hangzhou.aliyuncs.com',
      region: 'oss-cn-hangzhou',
      forcePathStyle: false,
      credentials: undefined,
    });
    expect(parseStorageUrl('s3://plain-bucket')).toMatchObject({ endpoint: undefined, region: 'us-east-1', forcePathStyle: true, credentials: undefined });
  });

  it('never shows the credentials in the description', async () => {
    const storage = await openStorage({ dataDir: '', storageUrl: 's3://qudi?endpoint=http://127.0.0.1:9000&accessKeyId=AKID&secretAccessKey=TOPSECRET' });
    expect(storage.describe).toBe('S3 qudi/ @ http://127.0.0.1:9000（us-east-1）');
    await storage.close();
  });

  it.each([
    ['not a URL', 'qudi-evidence', '不是有效的地址'],
    ['another scheme', 'https://s3.amazonaws.com/bucket', '只支持 s3://'],
    ['a bad bucket name', 's3://Qudi_Evidence?endpoint=http://h:9000', '存储桶名称'],
    ['a port on the bucket', 's3://qudi:9000', '端口应写在 endpoint'],
    ['credentials in the user part', 's3://key:secret@qudi', 'accessKeyId'],
    ['a misspelt parameter', 's3://qudi?endpiont=http://h:9000', '未知参数 endpiont'],
    ['an endpoint without scheme', 's3://qudi?endpoint=127.0.0.1:9000', 'endpoint'],
    ['a bad forcePathStyle', 's3://qudi?forcePathStyle=yes', 'forcePathStyle'],
    ['half the credentials', 's3://qudi?accessKeyId=AKID', 'accessKeyId 与 secretAccessKey'],
  ])('refuses %s with a Chinese / English message', (_label, url, zh) => {
    expect(() => loadConfig(env(url))).toThrow(zh);
    expect(() => loadConfig(env(url))).toThrow(/^环境变量 STORAGE_URL 有误：.+ \/ STORAGE_URL is malformed: /);
  });
});
