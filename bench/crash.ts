// The crash test (issue 18): the built server (`node bin/qudi.js start`) is killed with SIGKILL
// while a driver creates and edits workshops, uploads photos (in one request and in several
// chunks), records items with them and confirms imports — at random moments, and at moments aimed
// at an upload's last PATCH and at an import's confirm. After each restart it checks:
//
// - the database's integrity (SQLite: PRAGMA integrity_check), `qudi audit verify`,
//   `qudi dashboard check` and `qudi evidence check`;
// - every write the server acknowledged is there (a workshop, its last acknowledged edit — or the
//   edit in flight at the kill —, an item marked done);
// - imports are all or nothing, and an acknowledged confirm is all;
// - every upload it created is recorded (with the bytes it sent) or resumable from at least the
//   offset the server acknowledged: it resumes each to the end and checks the file; an upload
//   whose every byte is on the server answers HEAD with its attachment id.
//
//   npm run build && npx tsx bench/crash.ts --kills 100                       # SQLite, local disk
//   npx tsx bench/crash.ts --kills 100 --db postgres --storage s3            # PostgreSQL, S3 (s3rver)
//
// Options: --kills N (100), --db sqlite|postgres, --storage local|s3, --seed, --workers (3),
// --verbose. PostgreSQL: a database of its own on DATABASE_URL's server (default
// postgres://postgres@127.0.0.1:5432/postgres), dropped at the end. A short run (5 kills on SQLite)
// is part of `npm test` (e2e/crash.test.ts).
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { noisyJpeg } from '../server/test/fixtures/images.js';
import { freePort } from '../server/test/fixtures/net.js';
import { startS3Peer, type S3Peer } from '../server/test/fixtures/s3peer.js';
import { intArg, isMain } from './lib.js';

const ROOT = path.join(import.meta.dirname, '..');
const run = promisify(execFile);

export interface CrashOptions {
  kills: number;
  db: 'sqlite' | 'postgres';
  storage: 'local' | 's3';
  seed?: number;
  workers?: number;
  log?: (line: string) => void;
  verbose?: boolean;
}

export interface CrashReport {
  kills: number;
  /** Kills aimed at an upload's last PATCH / an import's confirm (the rest at random moments). */
  aimed: { lastPatch: number; importConfirm: number };
  acknowledged: { workshops: number; edits: number; items: number; uploads: number; imports: number };
  /** Uploads cut by a kill and then found recorded (HEAD with the attachment id) or resumed from their acknowledged offset. */
  recovered: { recorded: number; resumed: number };
  failures: string[];
}

// ---- a small deterministic random source, so a failing run can be repeated with its seed

function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A noisy photo, different bytes per seed (tens of kilobytes: several chunks). */
const photo = (seed: number): Promise<Buffer> => noisyJpeg(seed, 200 + (seed % 5) * 40);

/** Bytes as a fetch body (a copy in an ArrayBuffer of its own). */
const bodyOf = (b: Buffer): BodyInit => new Uint8Array(b);

const tusMeta = (meta: Record<string, string | number>) =>
  Object.entries(meta)
    .map(([k, v]) => `${k} ${Buffer.from(String(v)).toString('base64')}`)
    .join(',');

// ---- what the driver was told (the ledger it checks after each restart)

interface WorkshopLedger {
  id: number;
  name: string;
  version: number;
  /** The address last acknowledged, and any sent since without an answer (one of them is stored). */
  address: string;
  inFlight: Set<string>;
  /** Items the server acknowledged as done. */
  doneItems: Set<string>;
}

interface UploadLedger {
  location: string | null;
  bytes: Buffer;
  /** The highest offset the server acknowledged. */
  acked: number;
  attachmentId: number | null;
  workshopId: number;
  itemCode: string;
}

interface ImportLedger {
  id: number;
  token: string;
  rows: number;
  confirmSent: boolean;
  confirmAcked: boolean;
}

class Killed extends Error {}

export async function runCrashTest(opts: CrashOptions): Promise<CrashReport> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const random = rng(opts.seed ?? 20160510);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const report: CrashReport = {
    kills: 0,
    aimed: { lastPatch: 0, importConfirm: 0 },
    acknowledged: { workshops: 0, edits: 0, items: 0, uploads: 0, imports: 0 },
    recovered: { recorded: 0, resumed: 0 },
    failures: [],
  };
  const fail = (what: string) => {
    report.failures.push(`[kill ${report.kills}] ${what}`);
    log(`  FAIL ${what}`);
  };
  if (!fs.existsSync(path.join(ROOT, 'dist', 'server', 'cli.js'))) throw new Error('the crash test runs the built server: run `npm run build` first');

  // ---- the data: a directory, a PostgreSQL database of its own, an S3 peer
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qudi-crash-'));
  let databaseUrl = '';
  let dropDatabase = async () => undefined as void;
  if (opts.db === 'postgres') {
    const adminUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
    const name = `qudi_crash_${process.pid}_${Date.now().toString(36)}`;
    const admin = async (q: string) => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(q);
      } finally {
        await c.end();
      }
    };
    await admin(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`);
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
    dropDatabase = () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  let s3: S3Peer | null = null;
  if (opts.storage === 's3') s3 = await startS3Peer();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: databaseUrl, STORAGE_URL: s3?.storageUrl ?? '', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'error' };

  // ---- the server
  let child: ChildProcess | null = null;
  let output = '';
  async function start(): Promise<void> {
    output = '';
    child = spawn(process.execPath, [path.join(ROOT, 'bin', 'qudi.js'), 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    for (let i = 0; i < 600; i++) {
      if (child.exitCode !== null) throw new Error(`the server exited on start: ${output}`);
      try {
        if ((await fetch(`${base}/api/health`)).ok) return;
      } catch {
        /* not up yet */
      }
      await sleep(50);
    }
    throw new Error(`the server did not come up: ${output}`);
  }
  let alive = false;
  async function kill(): Promise<void> {
    if (!alive || !child) return;
    alive = false;
    const c = child;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGKILL');
    await exited;
  }
  const qudi = async (...args: string[]) => {
    try {
      const { stdout } = await run(process.execPath, [path.join(ROOT, 'bin', 'qudi.js'), ...args], { env, maxBuffer: 16 << 20, timeout: 300_000 });
      return { code: 0, out: stdout };
    } catch (err) {
      const e = err as { code?: number; stdout?: string; stderr?: string };
      return { code: typeof e.code === 'number' ? e.code : 1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
    }
  };

  // ---- HTTP as the office user; a request the kill cuts throws Killed
  let cookie = '';
  async function call(method: string, url: string, init: { body?: BodyInit; json?: unknown; headers?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = { cookie, ...init.headers };
    let body = init.body;
    if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    }
    try {
      return await fetch(`${base}${url}`, { method, headers, body, signal: AbortSignal.timeout(60_000) });
    } catch (err) {
      throw new Killed(String(err));
    }
  }
  async function expectOk(res: Response, what: string): Promise<unknown> {
    const text = await res.text().catch(() => {
      throw new Killed('body cut');
    });
    if (!res.ok) throw new Error(`${what}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  }

  const workshops: WorkshopLedger[] = [];
  const uploads: UploadLedger[] = [];
  const imports: ImportLedger[] = [];
  let townId = 0;
  let itemCodes: string[] = [];
  let seq = 0;
  /** What the current cycle aims its kill at. */
  let aim: 'random' | 'lastPatch' | 'importConfirm' = 'random';

  /** Fires `request`, and when aimed, kills the server a few milliseconds after it went out. */
  async function aimed(kind: 'lastPatch' | 'importConfirm', request: () => Promise<Response>): Promise<Response> {
    if (aim !== kind || !alive) return request();
    aim = 'random';
    report.aimed[kind]++;
    const delay = Math.floor(random() * 25);
    const killing = sleep(delay).then(() => kill());
    try {
      return await request();
    } finally {
      await killing;
    }
  }

  // ---- the operations

  async function createWorkshop(): Promise<void> {
    const name = `崩溃测试${(++seq).toString(36)}号${randomBytes(3).toString('hex')}作坊`;
    const res = await call('POST', '/api/enterprises', { json: { name, kind: 'pellet', townId } });
    const w = (await expectOk(res, 'create workshop')) as { id: number; version: number; address: string };
    workshops.push({ id: w.id, name, version: w.version, address: w.address, inFlight: new Set(), doneItems: new Set() });
    report.acknowledged.workshops++;
  }

  async function editWorkshop(): Promise<void> {
    const w = workshops.length ? pick(workshops) : null;
    if (!w) return createWorkshop();
    const address = `第${++seq}次修改的地址`;
    w.inFlight.add(address);
    const res = await call('PATCH', `/api/enterprises/${w.id}`, { json: { address, version: w.version } });
    if (res.status === 409) {
      await res.text();
      return; // another worker's edit came first: nothing acknowledged
    }
    const after = (await expectOk(res, 'edit workshop')) as { version: number; address: string };
    w.inFlight.delete(address);
    w.address = after.address;
    w.version = after.version;
    report.acknowledged.edits++;
  }

  /** Creates an upload and sends it, in one request or in chunks; answers its ledger entry. */
  async function upload(w: WorkshopLedger, itemCode: string): Promise<UploadLedger> {
    const bytes = await photo(++seq + (opts.seed ?? 0) * 100_000);
    const u: UploadLedger = { location: null, bytes, acked: 0, attachmentId: null, workshopId: w.id, itemCode };
    uploads.push(u);
    const meta = tusMeta({ recordType: 'item', recordId: w.id, itemCode, filename: `现场照片${seq}.jpg` });
    const tusHeaders = { 'tus-resumable': '1.0.0', 'upload-length': String(bytes.length), 'upload-metadata': meta };
    if (random() < 0.3) {
      // One request: creation with the whole file.
      const res = await aimed('lastPatch', () => call('POST', '/api/uploads', { body: bodyOf(bytes), headers: { ...tusHeaders, 'content-type': 'application/offset+octet-stream' } }));
      u.location = res.headers.get('location');
      await expectOk(res, 'single-request upload');
      u.acked = bytes.length;
      u.attachmentId = Number(res.headers.get('qudi-attachment-id'));
    } else {
      const created = await call('POST', '/api/uploads', { headers: tusHeaders });
      u.location = created.headers.get('location');
      await expectOk(created, 'create upload');
      const chunk = 16_384 + Math.floor(random() * 16_384);
      for (let offset = 0; offset < bytes.length; ) {
        const end = Math.min(bytes.length, offset + chunk);
        const send = () =>
          call('PATCH', u.location!, { body: bodyOf(bytes.subarray(offset, end)), headers: { 'tus-resumable': '1.0.0', 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' } });
        const res = end === bytes.length ? await aimed('lastPatch', send) : await send();
        await expectOk(res, 'upload chunk');
        offset = Number(res.headers.get('upload-offset') ?? end);
        u.acked = offset;
        if (end === bytes.length) u.attachmentId = Number(res.headers.get('qudi-attachment-id'));
      }
    }
    if (!u.attachmentId) throw new Error(`a finished upload was answered without an attachment id (${u.location})`);
    report.acknowledged.uploads++;
    return u;
  }

  async function recordItem(): Promise<void> {
    const w = workshops.length ? pick(workshops) : null;
    if (!w) return createWorkshop();
    const itemCode = pick(itemCodes);
    await upload(w, itemCode);
    if (random() < 0.5) return;
    const res = await call('PUT', `/api/enterprises/${w.id}/items/${itemCode}`, { json: { state: 'done', unit: '镇街取缔工作组', person: '张三', date: '2016-05-12', note: '' } });
    if (res.status === 409 || res.status === 422) {
      await res.text();
      return; // the item needs more evidence, or the workshop moved on
    }
    const after = (await expectOk(res, 'record item')) as { version: number; address: string };
    w.version = after.version;
    w.doneItems.add(itemCode);
    report.acknowledged.items++;
  }

  async function importRows(): Promise<void> {
    const token = `批次${randomBytes(4).toString('hex')}`;
    const rows = 3 + Math.floor(random() * 5);
    const csv = ['序号,企业名称,企业位置', ...Array.from({ length: rows }, (_, i) => `${i + 1},${token}第${i + 1}家加工点,${token}村东${i + 1}号`)].join('\n');
    const form = new FormData();
    form.set('townId', String(townId));
    form.set('file', new Blob([csv], { type: 'text/csv' }), `${token}.csv`);
    const preview = (await expectOk(await call('POST', '/api/imports', { body: form }), 'import preview')) as { id: number };
    const entry: ImportLedger = { id: preview.id, token, rows, confirmSent: true, confirmAcked: false };
    imports.push(entry);
    const res = await aimed('importConfirm', () => call('POST', `/api/imports/${preview.id}/confirm`, { json: {} }));
    await expectOk(res, 'import confirm');
    entry.confirmAcked = true;
    report.acknowledged.imports++;
  }

  async function worker(): Promise<void> {
    while (alive) {
      const r = random();
      try {
        if (aim === 'importConfirm') await importRows();
        else if (aim === 'lastPatch') await recordItem();
        else if (r < 0.25) await createWorkshop();
        else if (r < 0.45) await editWorkshop();
        else if (r < 0.9) await recordItem();
        else await importRows();
      } catch (err) {
        if (opts.verbose && err instanceof Killed && alive) console.error(`a request failed while the server was meant to be up: ${err.message}\n${output.slice(-3000)}`);
        if (err instanceof Killed || !alive) return;
        fail(`while the server was up: ${err instanceof Error ? err.message : String(err)}`);
        return;
      }
    }
  }

  // ---- the checks after a restart

  async function checkAll(): Promise<void> {
    if (opts.db === 'sqlite') {
      const db = new Database(path.join(dataDir, 'qudi.db'), { readonly: true });
      const result = db.pragma('integrity_check', { simple: true });
      db.close();
      if (result !== 'ok') fail(`integrity_check: ${String(result)}`);
    }
    for (const [args, what] of [
      [['audit', 'verify'], 'qudi audit verify'],
      [['dashboard', 'check'], 'qudi dashboard check'],
      [['evidence', 'check'], 'qudi evidence check'],
    ] as const) {
      const r = await qudi(...args);
      if (r.code !== 0) fail(`${what} exited ${r.code}: ${r.out.slice(0, 2000)}`);
    }
    for (const w of workshops) {
      const res = await call('GET', `/api/enterprises/${w.id}`);
      if (res.status !== 200) {
        fail(`acknowledged workshop ${w.id} answers ${res.status}`);
        continue;
      }
      const got = (await res.json()) as { name: string; version: number; address: string; items: { code: string; state: string }[] };
      if (got.name !== w.name) fail(`workshop ${w.id} is named ${got.name}, not ${w.name}`);
      if (got.address !== w.address && !w.inFlight.has(got.address)) fail(`workshop ${w.id}: address ${got.address}, acknowledged ${w.address}`);
      for (const code of w.doneItems) if (got.items.find((i) => i.code === code)?.state !== 'done') fail(`workshop ${w.id}: item ${code} acknowledged done, now ${got.items.find((i) => i.code === code)?.state}`);
      w.address = got.address;
      w.inFlight.clear();
      w.version = got.version;
    }
    for (const im of imports) {
      const res = await call('GET', `/api/enterprises?q=${encodeURIComponent(im.token)}&pageSize=50`);
      const { total } = (await res.json()) as { total: number };
      if (total !== 0 && total !== im.rows) fail(`import ${im.id} is half done: ${total} of ${im.rows} rows`);
      if (im.confirmAcked && total !== im.rows) fail(`import ${im.id} was acknowledged but has ${total} of ${im.rows} rows`);
    }
    for (const u of uploads) {
      if (!u.location) continue; // its creation was never acknowledged
      if (u.attachmentId === null) {
        const head = await call('HEAD', u.location, { headers: { 'tus-resumable': '1.0.0' } });
        if (head.status !== 200) {
          fail(`upload ${u.location} (acknowledged ${u.acked} of ${u.bytes.length} bytes) answers HEAD ${head.status}`);
          continue;
        }
        const offset = Number(head.headers.get('upload-offset'));
        if (offset < u.acked) fail(`upload ${u.location} lost acknowledged bytes: HEAD ${offset} < ${u.acked}`);
        if (offset === u.bytes.length) {
          const id = Number(head.headers.get('qudi-attachment-id'));
          if (!id) fail(`upload ${u.location} is complete on the server but HEAD names no attachment`);
          u.attachmentId = id || null;
          report.recovered.recorded++;
        } else {
          const res = await call('PATCH', u.location, {
            body: bodyOf(u.bytes.subarray(offset)),
            headers: { 'tus-resumable': '1.0.0', 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' },
          });
          const text = await res.text();
          if (res.status !== 200) fail(`resuming upload ${u.location} from ${offset}: ${res.status} ${text}`);
          else {
            u.attachmentId = Number(res.headers.get('qudi-attachment-id'));
            report.recovered.resumed++;
          }
        }
        u.acked = u.bytes.length;
      }
      if (u.attachmentId) {
        const res = await call('GET', `/api/attachments/${u.attachmentId}`);
        const a = res.ok ? ((await res.json()) as { sha256: string; size: number }) : null;
        if (!a || a.sha256 !== sha(u.bytes)) fail(`upload ${u.location}: attachment ${u.attachmentId} ${a ? `holds ${a.sha256}` : `answers ${res.status}`}, sent ${sha(u.bytes)}`);
      }
    }
  }

  try {
    await start();
    alive = true;
    const password = /密码\s+password:\s*(\S+)/.exec(output)?.[1];
    if (!password) throw new Error(`no administrator password printed: ${output}`);
    const login = async (username: string, pw: string) => {
      const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: pw }) });
      if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
      return (res.headers.get('set-cookie') ?? '').split(';')[0];
    };
    cookie = await login('admin', password);
    await expectOk(await call('POST', '/api/users', { json: { username: 'crash_office', password: 'crash-office-2016', role: 'office', displayName: '领导小组办公室' } }), 'create office user');
    cookie = await login('crash_office', 'crash-office-2016');
    townId = ((await expectOk(await call('GET', '/api/org-units?kind=town'), 'towns')) as { id: number }[])[0].id;
    await createWorkshop();
    const first = (await expectOk(await call('GET', `/api/enterprises/${workshops[0].id}`), 'workshop')) as { items: { code: string }[] };
    itemCodes = first.items.map((i) => i.code);

    const started = Date.now();
    for (let k = 1; k <= opts.kills; k++) {
      const r = random();
      aim = r < 0.3 ? 'lastPatch' : r < 0.5 ? 'importConfirm' : 'random';
      const cycle = aim;
      const workers = Array.from({ length: opts.workers ?? 3 }, () => worker());
      if (aim === 'random') {
        // A random moment while work is in flight: from the first upload acknowledged in this cycle
        // (a slow machine after a restart would otherwise be killed before any upload got through,
        // and the run would say nothing about recorded uploads).
        const before = report.acknowledged.uploads;
        const deadline = Date.now() + 15_000;
        while (alive && report.acknowledged.uploads === before && Date.now() < deadline) await sleep(20);
        await sleep(150 + Math.floor(random() * 1200));
        await kill();
      } else {
        // Aimed: the worker that reaches the moment kills; a fallback if none gets there.
        const deadline = Date.now() + 15_000;
        while (alive && Date.now() < deadline) await sleep(20);
        await kill();
      }
      await Promise.all(workers);
      report.kills = k;
      await start();
      alive = true;
      await checkAll();
      if (opts.verbose || k % 10 === 0 || k === opts.kills)
        log(`kill ${k}/${opts.kills} (${cycle === 'random' ? 'at a random moment' : `aimed at ${cycle}`}): ${report.failures.length} failures; ${JSON.stringify(report.acknowledged)}; ${Math.round((Date.now() - started) / 1000)} s`);
    }
  } finally {
    await kill();
    if (child && (child as ChildProcess).exitCode === null) (child as ChildProcess).kill('SIGKILL');
    await s3?.close();
    await dropDatabase().catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return report;
}

if (isMain(import.meta.url)) {
  const args = process.argv.slice(2);
  const arg = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const db = (arg('db') ?? 'sqlite') as CrashOptions['db'];
  const storage = (arg('storage') ?? 'local') as CrashOptions['storage'];
  const kills = intArg(arg('kills'), 'kills', 100);
  const seed = intArg(arg('seed'), 'seed', 20160510);
  console.log(`crash test: ${kills} kills, ${db}, ${storage} storage, seed ${seed}`);
  const report = await runCrashTest({ kills, db, storage, seed, workers: intArg(arg('workers'), 'workers', 3), verbose: args.includes('--verbose') });
  console.log(JSON.stringify({ ...report, failures: report.failures.length }, null, 2));
  for (const f of report.failures.slice(0, 50)) console.log(f);
  console.log(report.failures.length === 0 ? 'PASS: nothing acknowledged was lost' : `FAIL: ${report.failures.length} problems`);
  process.exit(report.failures.length === 0 ? 0 : 1);
}
