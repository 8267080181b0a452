// Memory under steady load (issue 18): the built server, with the heap cap `npm start` gives it,
// under a 20-connection mixed load for 30 minutes — lists, the dashboard, a workshop, /api/auth/me,
// search, new workshops and photo uploads — while its resident memory (RSS) is sampled every 10 s.
// Prints RSS per minute and the trend of the second half (MiB per 10 minutes): flat means memory
// levelled off; a steady climb means something grows.
//
//   npx tsx bench/soak.ts                      # 30 minutes, 20 connections, 20,000 workshops (SQLite)
//   npx tsx bench/soak.ts --minutes 5 --n 5000
//
// Reference in the same run: the RSS reached after the first 2 minutes (warm caches, JIT, pools).
// The run's end is compared with it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import sharp from 'sharp';
import { STATUSES } from '../domain/status.js';
import { currentCampaign } from '../server/repositories/campaigns.js';
import { prepareData } from './generate.js';
import { ensureBenchUsers, intArg, isMain, OFFICE_USER } from './lib.js';
import { benchLogin, builtServer, forkBenchServer, procStatusMb, stopBenchServer } from './process.js';

interface Args {
  minutes: number;
  connections: number;
  n: number;
  seed: number;
}

function parse(argv: string[]): Args {
  const arg = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return { minutes: intArg(arg('minutes'), 'minutes', 30), connections: intArg(arg('connections'), 'connections', 20), n: intArg(arg('n'), 'n', 20_000), seed: intArg(arg('seed'), 'seed', 2016) };
}

/** Least-squares slope of y over x. */
function slope(points: [number, number][]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((a, p) => a + p[0], 0) / n;
  const my = points.reduce((a, p) => a + p[1], 0) / n;
  const num = points.reduce((a, p) => a + (p[0] - mx) * (p[1] - my), 0);
  const den = points.reduce((a, p) => a + (p[0] - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

async function photos(count: number): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for (let s = 0; s < count; s++) {
    const pixels = Buffer.alloc(160 * 90 * 3);
    let x = s * 2654435761 + 3;
    for (let i = 0; i < pixels.length; i++) {
      x = (x * 1103515245 + 12345) >>> 0;
      pixels[i] = x >>> 24;
    }
    out.push(await sharp(pixels, { raw: { width: 160, height: 90, channels: 3 } }).jpeg({ quality: 85 }).toBuffer());
  }
  return out;
}

async function main(): Promise<void> {
  const args = parse(process.argv.slice(2));
  const log = (s: string) => console.log(s);
  log(`soak: ${args.minutes} min, ${args.connections} connections, ${args.n} workshops, ${os.cpus().length} cores`);
  const { target, ctx } = await prepareData({ n: args.n, keep: false, seed: args.seed, log });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'qudi-soak-'));
  let server: Awaited<ReturnType<typeof forkBenchServer>> | undefined;
  try {
    await ensureBenchUsers(ctx);
    const towns = await ctx.db.selectFrom('org_units').select(['id', 'name']).where('kind', '=', 'town').execute();
    const maxId = Number((await ctx.db.selectFrom('enterprises').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow()).m);
    // An item the office itself documents (not one of a department's duties).
    const itemCode = (await currentCampaign(ctx.db)).definition.standardItems.find((i) => i.departments.length === 0)!.code;
    await ctx.close();
    server = await forkBenchServer(target.env, builtServer(work));
    const base = `http://127.0.0.1:${server.appPort}`;
    const cookie = await benchLogin(base, OFFICE_USER);
    const images = await photos(64);
    const statuses = STATUSES;
    const words = ['塑料', '颗粒', '洗选', '加工', '东村', '西村'];
    let seq = 0;
    const r = (n: number) => Math.floor(Math.random() * n);
    const mix = (): { method: string; path: string; body?: string | Buffer; headers?: Record<string, string> } => {
      const p = Math.random();
      if (p < 0.35) return { method: 'GET', path: `/api/enterprises?town=${encodeURIComponent(towns[r(towns.length)].name)}&status=${statuses[r(statuses.length)]}&page=${1 + r(5)}` };
      if (p < 0.5) return { method: 'GET', path: '/api/dashboard' };
      if (p < 0.7) return { method: 'GET', path: `/api/enterprises/${1 + r(maxId)}` };
      if (p < 0.8) return { method: 'GET', path: '/api/auth/me' };
      if (p < 0.9) return { method: 'GET', path: `/api/enterprises?q=${encodeURIComponent(words[r(words.length)])}` };
      if (p < 0.98)
        return {
          method: 'POST',
          path: '/api/enterprises',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: `浸泡测试${process.pid}号${++seq}作坊`, kind: 'pellet', townId: towns[r(towns.length)].id }),
        };
      const img = images[r(images.length)];
      const meta = { recordType: 'item', recordId: String(1 + r(maxId)), itemCode, filename: 'soak.jpg' };
      return {
        method: 'POST',
        path: '/api/uploads',
        headers: {
          'tus-resumable': '1.0.0',
          'upload-length': String(img.length),
          'upload-metadata': Object.entries(meta).map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`).join(','),
          'content-type': 'application/offset+octet-stream',
        },
        body: img,
      };
    };

    const samples: [number, number][] = [];
    const started = Date.now();
    const pid = server.pid;
    samples.push([0, procStatusMb(pid, 'VmRSS')]);
    const timer = setInterval(() => samples.push([(Date.now() - started) / 60_000, procStatusMb(pid, 'VmRSS')]), 10_000);
    const statusCounts = new Map<number, number>();
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url: base,
          connections: args.connections,
          duration: args.minutes * 60,
          timeout: 60,
          headers: { cookie },
          requests: [
            {
              setupRequest: (req) => {
                const m = mix();
                return { ...req, method: m.method as autocannon.Request['method'], path: m.path, body: m.body, headers: { ...m.headers, cookie } };
              },
            },
          ],
        },
        (err: unknown, res: autocannon.Result) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(res)),
      );
      instance.on('response', (_c, status) => statusCounts.set(status, (statusCounts.get(status) ?? 0) + 1));
    });
    clearInterval(timer);
    samples.push([(Date.now() - started) / 60_000, procStatusMb(pid, 'VmRSS')]);
    const hwm = procStatusMb(pid, 'VmHWM');

    log('');
    log('minute   RSS MiB');
    for (let m = 0; m <= args.minutes; m++) {
      const s = samples.filter((p) => p[0] <= m).at(-1);
      if (s) log(`${String(m).padStart(6)}   ${s[1].toFixed(1)}`);
    }
    const reference = samples.filter((p) => p[0] <= Math.min(2, args.minutes / 4)).at(-1)![1];
    const end = samples.at(-1)![1];
    const secondHalf = samples.filter((p) => p[0] >= args.minutes / 2);
    const trend = slope(secondHalf) * 10;
    log('');
    log(`requests: ${result.requests.total} (${(result.requests.total / (args.minutes * 60)).toFixed(0)}/s), statuses ${JSON.stringify(Object.fromEntries(statusCounts))}, errors ${result.errors}, timeouts ${result.timeouts}`);
    log(`RSS: ${samples[0][1].toFixed(0)} MiB at start, ${reference.toFixed(0)} MiB after warm-up (reference), ${end.toFixed(0)} MiB at the end (${(end / reference).toFixed(2)}× the reference), peak ${hwm.toFixed(0)} MiB`);
    log(`trend over the second half: ${trend >= 0 ? '+' : ''}${trend.toFixed(1)} MiB per 10 minutes → ${Math.abs(trend) < 3 ? 'FLAT' : 'GROWING'}`);
    fs.mkdirSync(path.join(import.meta.dirname, 'out'), { recursive: true });
    fs.writeFileSync(path.join(import.meta.dirname, 'out', `soak-${Date.now()}.json`), JSON.stringify({ args, samples, reference, end, hwm, trend, requests: result.requests.total }, null, 2));
  } finally {
    if (server) await stopBenchServer(server.child);
    await target.remove();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) await main();
