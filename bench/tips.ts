// `npx tsx bench/tips.ts [--tippers 200] [--connections 20] [--flood 100] [--pow-bits 12] [--db sqlite|postgres]`
//
// The public tip portal under a crowd and a flood (issue 16 §7). A fresh database (SQLite in a temp
// data directory, or with --db postgres a database of its own next to DATABASE_URL); the app forked
// as bench/server.ts behind TRUST_PROXY, so that X-Forwarded-For stands for the many addresses of the
// public. At once, --connections requests at a time:
//   L  --tippers legitimate neighbours, each from an address and a device of their own: a challenge,
//      its proof of work (solved here, --pow-bits), the tip, then one photo (a distinct JPEG of ~60 KB);
//   F  a flooder from one address sending --flood tips, each with a valid proof of work;
//   D  a flooder with one device id hopping over --flood addresses;
//   R  one solved challenge replayed --flood times at once.
// Afterwards it counts, in the database, the tips and the tips' files, and looks every legitimate
// receipt up. It prints the answers per group (201 / 429 / 400), the throughput, and the server's
// RSS: before, peak while loaded (sampled every 50 ms), after — against the targets: every
// legitimate tip stored exactly once with its photo, at most the configured limits let through from
// the flooders and exactly one replay, RSS growth ≤ 64 MB. The exit code does not depend on the figures.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { leadingZeroBits, powInput } from '../domain/pow.js';
import { ensureBenchUsers, freshTarget, intArg, openTarget } from './lib.js';
import { forkBenchServer, procStatusMb, stopBenchServer } from './process.js';

const LIMITS = { addressHour: 5, addressDay: 20, deviceHour: 3 };
const RSS_TARGET_MB = 64;

interface Args {
  tippers: number;
  connections: number;
  flood: number;
  powBits: number;
  db: 'sqlite' | 'postgres';
}

function readArgs(): Args {
  const { values } = parseArgs({
    options: { tippers: { type: 'string' }, connections: { type: 'string' }, flood: { type: 'string' }, 'pow-bits': { type: 'string' }, db: { type: 'string' } },
  });
  const db = values.db ?? 'sqlite';
  if (db !== 'sqlite' && db !== 'postgres') throw new Error('--db is sqlite or postgres');
  return {
    tippers: intArg(values.tippers, 'tippers', 200),
    connections: intArg(values.connections, 'connections', 20),
    flood: intArg(values.flood, 'flood', 100),
    powBits: intArg(values['pow-bits'], 'pow-bits', 12),
    db,
  };
}

/** Runs `jobs` with at most `n` at a time. */
async function pool<T>(n: number, jobs: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, jobs.length) }, async () => {
      while (next < jobs.length) {
        const i = next++;
        out[i] = await jobs[i]();
      }
    }),
  );
  return out;
}

function solve(challenge: string, bits: number): string {
  for (let n = 0; ; n++) if (leadingZeroBits(createHash('sha256').update(powInput(challenge, String(n))).digest('hex'), bits)) return String(n);
}

const tipBody = (i: number) => ({ kind: 'workshop', description: `压测举报 ${i}：夜间有人熬废塑料`, address: `某村 ${i} 号附近`, lat: 34.98 + (i % 100) / 1000, lng: 117.45 + (i % 97) / 1000, anonymous: true });

async function main(): Promise<void> {
  const args = readArgs();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qudi-bench-tips-'));
  const target = freshTarget(args.db);
  const dataDir = target.kind === 'sqlite' ? target.env.DATA_DIR : path.join(tmp, 'data');
  const serverEnv: Record<string, string> & { DATA_DIR: string } = {
    DATA_DIR: dataDir,
    ...(target.env.DATABASE_URL ? { DATABASE_URL: target.env.DATABASE_URL } : {}),
    TIP_POW_BITS: String(args.powBits),
    TIP_LIMIT_ADDRESS_HOUR: String(LIMITS.addressHour),
    TIP_LIMIT_ADDRESS_DAY: String(LIMITS.addressDay),
    TIP_LIMIT_DEVICE_HOUR: String(LIMITS.deviceHour),
    TIP_LIMIT_LOOKUPS_HOUR: '100000',
  };
  // The app reads TRUST_PROXY from its own environment: the forked server inherits it.
  process.env.TRUST_PROXY = 'true';
  await target.remove();
  await target.create();
  fs.mkdirSync(dataDir, { recursive: true });
  const setup = await openTarget({ env: serverEnv });
  await ensureBenchUsers(setup);
  await setup.close();
  const server = await forkBenchServer(serverEnv);
  const base = `http://127.0.0.1:${server.appPort}`;
  console.log(`tip portal under load: ${args.tippers} neighbours, floods of ${args.flood}, ${args.connections} at a time, proof of work ${args.powBits} bits, ${target.kind}, ${os.cpus().length} cores`);

  const from = (address: string, device?: string) => ({ 'x-forwarded-for': address, ...(device ? { 'qudi-device': device } : {}) });
  /** A challenge, or the status that refused it (the challenges too are limited per address). */
  const challenge = async (address: string): Promise<{ challenge: string; difficulty: number } | number> => {
    const res = await fetch(`${base}/api/public/tips/challenge`, { headers: from(address) });
    return res.status === 200 ? ((await res.json()) as { challenge: string; difficulty: number }) : res.status;
  };
  const post = (body: object, headers: Record<string, string>) =>
    fetch(`${base}/api/public/tips`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const photo = async (i: number) =>
    sharp({ create: { width: 480, height: 360, channels: 3, background: { r: (i * 37) % 256, g: (i * 91) % 256, b: (i * 53) % 256 } } })
      .composite([{ input: Buffer.from(`<svg width="480" height="360"><text x="20" y="200" font-size="64">${i}</text></svg>`), top: 0, left: 0 }])
      .jpeg({ quality: 90 })
      .toBuffer();

  // RSS sampled while loaded.
  const rssBefore = procStatusMb(server.pid, 'VmRSS');
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, procStatusMb(server.pid, 'VmRSS'))), 50);

  const receipts: string[] = [];
  const count = (xs: number[]) => xs.reduce<Record<number, number>>((m, s) => ({ ...m, [s]: (m[s] ?? 0) + 1 }), {});
  const legit = Array.from({ length: args.tippers }, (_, i) => async () => {
    const address = `10.${Math.floor(i / 250) % 250}.${i % 250}.7`;
    const c = await challenge(address);
    if (typeof c === 'number') return { tip: c, file: 0 };
    const res = await post({ ...tipBody(i), challenge: c.challenge, nonce: solve(c.challenge, c.difficulty) }, from(address, `device-legit-${i}`));
    if (res.status !== 201) return { tip: res.status, file: 0 };
    const { receipt } = (await res.json()) as { receipt: string };
    receipts.push(receipt);
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(await photo(i))], { type: 'image/jpeg' }), `IMG_${i}.jpg`);
    const f = await fetch(`${base}/api/public/tips/${receipt}/files`, { method: 'POST', headers: from(address), body: form });
    return { tip: res.status, file: f.status };
  });
  const flood = Array.from({ length: args.flood }, (_, i) => async () => {
    const c = await challenge('192.0.2.66');
    if (typeof c === 'number') return c;
    return (await post({ ...tipBody(10_000 + i), challenge: c.challenge, nonce: solve(c.challenge, c.difficulty) }, from('192.0.2.66'))).status;
  });
  const deviceFlood = Array.from({ length: args.flood }, (_, i) => async () => {
    const address = `198.51.${Math.floor(i / 250)}.${i % 250}`;
    const c = await challenge(address);
    if (typeof c === 'number') return c;
    return (await post({ ...tipBody(20_000 + i), challenge: c.challenge, nonce: solve(c.challenge, c.difficulty) }, from(address, 'device-hopper'))).status;
  });
  const replayedOrStatus = await challenge('203.0.113.9');
  if (typeof replayedOrStatus === 'number') throw new Error(`no challenge: HTTP ${replayedOrStatus}`);
  const replayed = replayedOrStatus;
  const replayNonce = solve(replayed.challenge, replayed.difficulty);
  const replay = Array.from({ length: args.flood }, (_, i) => async () =>
    (await post({ ...tipBody(30_000 + i), challenge: replayed.challenge, nonce: replayNonce }, from(`203.0.113.${i % 250}`))).status,
  );

  const t0 = performance.now();
  type Outcome = { tip: number; file: number } | number;
  const jobs: (() => Promise<Outcome>)[] = [];
  // Interleaved, so that the floods hit while the neighbours send.
  const queues: (() => Promise<Outcome>)[][] = [legit, flood, deviceFlood, replay];
  for (let i = 0; queues.some((q) => i < q.length); i++) for (const q of queues) if (i < q.length) jobs.push(q[i]);
  const results = await pool(args.connections, jobs);
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  await new Promise((r) => setTimeout(r, 1000));
  const rssAfter = procStatusMb(server.pid, 'VmRSS');

  const legitOut = results.filter((r): r is { tip: number; file: number } => typeof r === 'object');
  const statuses = { flood: [] as number[], device: [] as number[], replay: [] as number[] };
  let k = 0;
  for (let i = 0; queues.some((q) => i < q.length); i++)
    queues.forEach((q, qi) => {
      if (i >= q.length) return;
      const r = results[k++];
      if (qi === 1) statuses.flood.push(r as number);
      if (qi === 2) statuses.device.push(r as number);
      if (qi === 3) statuses.replay.push(r as number);
    });

  // What the database holds, and every receipt found again.
  const check = await openTarget({ env: serverEnv });
  const tips = Number((await check.db.selectFrom('tips').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const files = Number((await check.db.selectFrom('attachments').select((eb) => eb.fn.countAll().as('n')).where('record_type', '=', 'tip').executeTakeFirstOrThrow()).n);
  await check.close();
  const found = (await pool(args.connections, receipts.map((r) => async () => (await fetch(`${base}/api/public/tips/${r}`, { headers: from('10.250.0.1') })).status))).filter((s) => s === 200).length;
  await stopBenchServer(server.child);
  await target.remove();
  fs.rmSync(tmp, { recursive: true, force: true });

  const accepted = legitOut.filter((r) => r.tip === 201).length + statuses.flood.filter((s) => s === 201).length + statuses.device.filter((s) => s === 201).length + statuses.replay.filter((s) => s === 201).length;
  const ok = (b: boolean) => (b ? 'ok' : 'NOT MET');
  console.log(`\n${jobs.length} submissions in ${seconds.toFixed(1)} s (${(jobs.length / seconds).toFixed(1)}/s, proofs of work solved by the load generator included)`);
  console.log(`neighbours   tips ${JSON.stringify(count(legitOut.map((r) => r.tip)))}  photos ${JSON.stringify(count(legitOut.map((r) => r.file)))}`);
  console.log(`one address  ${JSON.stringify(count(statuses.flood))}   (limit ${LIMITS.addressHour}/hour: ${ok(statuses.flood.filter((s) => s === 201).length <= LIMITS.addressHour)})`);
  console.log(`one device   ${JSON.stringify(count(statuses.device))}   (limit ${LIMITS.deviceHour}/hour: ${ok(statuses.device.filter((s) => s === 201).length <= LIMITS.deviceHour)})`);
  console.log(`replays      ${JSON.stringify(count(statuses.replay))}   (exactly one: ${ok(statuses.replay.filter((s) => s === 201).length === 1)})`);
  console.log(`stored: ${tips} tips for ${accepted} accepted (${ok(tips === accepted)}), ${files} photos for ${legitOut.filter((r) => r.file === 201).length} sent (${ok(files === legitOut.filter((r) => r.file === 201).length)}); every neighbour's tip stored: ${ok(legitOut.every((r) => r.tip === 201 && r.file === 201))}; receipts found ${found}/${receipts.length}`);
  console.log(`server RSS: ${rssBefore.toFixed(0)} MB before, ${peak.toFixed(0)} MB peak, ${rssAfter.toFixed(0)} MB after — growth ${(peak - rssBefore).toFixed(0)} MB (target ≤ ${RSS_TARGET_MB} MB: ${ok(peak - rssBefore <= RSS_TARGET_MB)})`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
