// Per-request cost of the list endpoint against its reference, without HTTP sockets or a load
// generator competing for the CPU: app.inject, one request at a time, alternating blocks. Also
// times two floors — GET /api/health (public: Fastify, plugins, hooks, `select 1`) and
// GET /api/auth/me (adds the session lookup and actor loading) — and, with --cpu, samples a CPU
// profile of the list requests and prints where their time goes.
//
//   npx tsx bench/profile.ts --n 100000 [--requests 3000] [--analyze] [--cpu] [--queue]
//
// Works on the kept benchmark database (see bench/generate.ts). Like run.ts it removes SQLite
// planner statistics unless --analyze.
import { Session } from 'node:inspector/promises';
import { parseArgs } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../server/app.js';
import {
  benchTarget,
  BENCH_PASSWORD,
  ensureBenchUsers,
  intArg,
  listCombos,
  OFFICE_USER,
  openTarget,
  querySequence,
  REF_BARE_QUEUE_PATH,
  REF_LIST_PATH,
  setPlannerStats,
} from './lib.js';
import { buildReference } from './reference.js';
import { DEPARTMENT_USER } from './requests.js';

interface Kind {
  name: string;
  app: FastifyInstance;
  url: (i: number) => string;
  cookie?: string;
  totalMs: number;
  count: number;
}

async function block(k: Kind, from: number, size: number): Promise<void> {
  const t0 = performance.now();
  for (let i = from; i < from + size; i++) {
    const res = await k.app.inject({ method: 'GET', url: k.url(i), headers: k.cookie ? { cookie: k.cookie } : {} });
    if (res.statusCode !== 200) throw new Error(`${k.name}: HTTP ${res.statusCode} ${res.body.slice(0, 200)}`);
  }
  k.totalMs += performance.now() - t0;
  k.count += size;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

/** Self time by function and by area (package or source folder), from a V8 CPU profile. */
function summarizeProfile(profile: { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] }, top = 25): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const fn = new Map<string, number>();
  const area = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let total = 0;
  for (let i = 0; i < samples.length; i++) {
    const node = byId.get(samples[i]);
    if (!node) continue;
    const us = deltas[i] ?? 0;
    total += us;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url.replace(/^file:\/\//, '').replace(process.cwd() + '/', '');
    const key = `${functionName || '(anonymous)'}  ${where ? `${where}:${lineNumber + 1}` : ''}`.trim();
    fn.set(key, (fn.get(key) ?? 0) + us);
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(where)?.[1];
    const a = pkg ? `node_modules/${pkg}` : where.startsWith('node:') ? 'node internals' : where ? where.split('/').slice(0, 2).join('/') : functionName || '(native)';
    area.set(a, (area.get(a) ?? 0) + us);
  }
  const fmt = (m: Map<string, number>, limit: number) =>
    [...m.entries()]
      .sort((x, y) => y[1] - x[1])
      .slice(0, limit)
      .map(([k, us]) => `  ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`);
  return ['self time by area:', ...fmt(area, 15), '', 'self time by function:', ...fmt(fn, top)];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { n: { type: 'string' }, requests: { type: 'string' }, analyze: { type: 'boolean', default: false }, cpu: { type: 'boolean', default: false }, queue: { type: 'boolean', default: false } },
  });
  const n = intArg(values.n, 'n', 100_000);
  const requests = intArg(values.requests, 'requests', 3000);
  const target = benchTarget(n, true);
  if (!(await target.exists())) throw new Error(`no kept database at ${target.label}; run: npx tsx bench/generate.ts --n ${n}`);
  const ctx = await openTarget(target);
  const app = await buildApp(ctx, { logger: false, serveWeb: false });
  try {
    const stats = await setPlannerStats(ctx, values.analyze ?? false);
    await ensureBenchUsers(ctx);
    const ref = await buildReference(ctx);
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: OFFICE_USER, password: BENCH_PASSWORD } });
    const cookie = login.cookies.find((c) => c.name === 'qudi_session');
    if (!cookie) throw new Error(`login failed: HTTP ${login.statusCode}`);
    const cookieHeader = `qudi_session=${cookie.value}`;
    const queries = querySequence(await listCombos(ctx), 2016);
    // --queue: the department queue (a department user, open requests, pages 1–10) against its bare SQL route.
    const queuePages = Array.from({ length: 10 }, (_, i) => `?status=open&page=${i + 1}&pageSize=50`);
    const departmentLogin = values.queue ? await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: DEPARTMENT_USER, password: BENCH_PASSWORD } }) : undefined;
    const departmentCookie = departmentLogin?.cookies.find((c) => c.name === 'qudi_session');
    if (values.queue && !departmentCookie) throw new Error('department login failed: run npm run bench once on this data (it loads the requests)');
    const measured: Kind[] = values.queue
      ? [
          { name: 'reference: bare queue route, same SQL', app: ref, url: (i) => `${REF_BARE_QUEUE_PATH}${queuePages[i % 10]}`, totalMs: 0, count: 0 },
          { name: 'GET /api/department-requests (department)', app, url: (i) => `/api/department-requests${queuePages[i % 10]}`, cookie: `qudi_session=${departmentCookie!.value}`, totalMs: 0, count: 0 },
        ]
      : [
          { name: 'reference: bare route, same listEnterprises', app: ref, url: (i) => `${REF_LIST_PATH}${queries[i % queries.length]}`, totalMs: 0, count: 0 },
          { name: 'GET /api/enterprises (office)', app, url: (i) => `/api/enterprises${queries[i % queries.length]}`, cookie: cookieHeader, totalMs: 0, count: 0 },
        ];
    const kinds: Kind[] = [
      ...measured,
      { name: 'GET /api/auth/me (session + actor only)', app, url: () => '/api/auth/me', cookie: cookieHeader, totalMs: 0, count: 0 },
      { name: 'GET /api/health (public, select 1)', app, url: () => '/api/health', totalMs: 0, count: 0 },
    ];
    // Warm-up, then alternating blocks so that background load on the machine hits all alike.
    for (const k of kinds) await block(k, 0, Math.min(300, requests));
    for (const k of kinds) {
      k.totalMs = 0;
      k.count = 0;
    }
    const size = 250;
    for (let from = 0; from < requests; from += size) {
      const order = (from / size) % 2 === 0 ? kinds : [...kinds].reverse();
      for (const k of order) await block(k, from, Math.min(size, requests - from));
    }
    console.log(`${ctx.describe}: ${n} workshops, planner statistics: ${stats}; ${requests} sequential app.inject requests each\n`);
    const refUs = (kinds[0].totalMs / kinds[0].count) * 1000;
    for (const k of kinds) {
      const us = (k.totalMs / k.count) * 1000;
      console.log(`  ${us.toFixed(0).padStart(7)} µs/request  ${(1e6 / us).toFixed(0).padStart(6)} req/s (one at a time)  ${k.name}`);
    }
    const listUs = (kinds[1].totalMs / kinds[1].count) * 1000;
    console.log(`\n  list / reference throughput = ${(refUs / listUs).toFixed(2)}×; the app adds ${(listUs - refUs).toFixed(0)} µs per list request`);

    if (values.cpu) {
      const session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 100 });
      await session.post('Profiler.start');
      await block(kinds[1], 0, requests);
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      console.log(`\nCPU profile of ${requests} ${kinds[1].name} requests:`);
      for (const line of summarizeProfile(profile as unknown as { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] })) console.log(line);
    }
  } finally {
    await app.close();
    await ctx.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
