// `npm run bench -- --n 100000 --duration 10 --connections 10 [--keep] [--analyze]`
//
// Loads N synthetic workshops (or reuses a kept database with --keep), creates an office user and a
// town user, forks bench/server.ts (the real app via buildApp, plus a bare reference route running
// the same listEnterprises query), logs in over HTTP and drives, with autocannon, on 127.0.0.1:
//   a.  GET /api/enterprises?town=&status=&page=&pageSize=50   as the office user (varied per request)
//   b.  the same listEnterprises query behind a bare Fastify route (no auth, validation or presenter)
//   bb. the same rows and total by the shortest SQL, straight on the driver (bench/reference.ts)
//   s.  GET /api/enterprises?q=&page=&pageSize=50   2- and 3-character fragments of workshop names
//   sb. the same search by the shortest SQL from the same index, straight on the driver
//   c.  GET /api/dashboard                          as the office user, then as the town user
//   m.  a mixed load — list, search and registering workshops at once — while the server's main
//       thread measures its event-loop delay (monitorEventLoopDelay): p99 and max
// The endpoints compared run in alternating slices (A B B A …) so that background load on a shared machine hits
// all alike; each run is preceded by a warm-up and followed by a drain of the server's backlog.
// An endpoint too slow for a timed run is measured with a fixed number of requests instead.
// Prints req/s, p50/p99 and the ratio a/b against the target (≥ 0.7); results go to bench/out/.
// It is a measurement: the exit code does not depend on the ratio.
//
// Options: --n (100000) --duration s per endpoint (10) --warmup s (2) --connections (10) --seed
//          --keep     keep the loaded database (temp dir qudi-bench-n<N>) and reuse it next time
//          --analyze  run a full ANALYZE first (default: statistics as the server keeps them)
// SQLite in a temp data directory by default; PostgreSQL in a database of its own when
// DATABASE_URL=postgres://… (the role needs CREATEDB).
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { STATUSES } from '../domain/status.js';
import { currentCampaign } from '../server/repositories/campaigns.js';
import { listEnterprises } from '../server/repositories/enterprises.js';
import { findUserByUsername, loadActor } from '../server/repositories/users.js';
import { prepareData } from './generate.js';
import {
  capture,
  ensureBenchUsers,
  intArg,
  listCombos,
  MAX_PAGE,
  OFFICE_USER,
  PAGE_SIZE,
  plan,
  querySequence,
  REF_BARE_LIST_PATH,
  REF_BARE_QUEUE_PATH,
  REF_BARE_SEARCH_PATH,
  REF_LIST_PATH,
  searchSequence,
  setPlannerStats,
  TOWN_USER,
} from './lib.js';
import { DEPARTMENT_USER, ensureBenchRequests } from './requests.js';
import { benchLogin, forkBenchServer, readEventLoopDelay, resetEventLoopDelay, stopBenchServer } from './process.js';

const TARGET_RATIO = 0.7;
/** Issue 13's ceilings for the main thread's event-loop delay under the mixed load, in ms. */
const DELAY_TARGET = { p99: 20, max: 100 };
const benchDir = path.dirname(fileURLToPath(import.meta.url));

interface Args {
  n: number;
  duration: number;
  warmup: number;
  connections: number;
  keep: boolean;
  analyze: boolean;
  seed: number;
}

function readArgs(): Args {
  const { values } = parseArgs({
    options: {
      n: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      seed: { type: 'string' },
      keep: { type: 'boolean', default: false },
      analyze: { type: 'boolean', default: false },
    },
  });
  return {
    n: intArg(values.n, 'n', 100_000),
    duration: intArg(values.duration, 'duration', 10),
    warmup: values.warmup === '0' ? 0 : intArg(values.warmup, 'warmup', 2),
    connections: intArg(values.connections, 'connections', 10),
    keep: values.keep ?? false,
    analyze: values.analyze ?? false,
    seed: intArg(values.seed, 'seed', 2016),
  };
}




async function getJson(url: string, cookie?: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, { headers: cookie ? { cookie } : {} });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
}

interface Endpoint {
  key: string;
  label: string;
  base: string;
  /** Either one path, or a sequence cycled through request by request. */
  paths: string[];
  cookie?: string;
  /** A POST with a JSON body made per request (the n-th request gets body(n)) instead of a GET. */
  body?: (n: number) => unknown;
}

interface Measured {
  key: string;
  label: string;
  /** Completed requests / measured seconds. */
  reqPerSec: number;
  requests: number;
  /** Percentiles over every response of the measured slices (nearest rank). */
  latencyMs: { avg: number; p50: number; p90: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  durationSec: number;
  slices: number;
  /** 'amount' when the endpoint was too slow for a timed run (see measureInterleaved). */
  mode: 'duration' | 'amount';
  /** 1-minute load average of the machine when measuring started (others share it). */
  loadavg1Before: number;
}

interface Sample {
  latencies: number[];
  seconds: number;
  slices: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

const newSample = (): Sample => ({ latencies: [], seconds: 0, slices: 0, non2xx: 0, errors: 0, timeouts: 0 });

/**
 * Drives `ep` for `duration` seconds, or until `amount` requests have all been answered; with
 * `sample`, records every response into it.
 */
async function fire(ep: Endpoint, length: { duration: number } | { amount: number }, connections: number, sample?: Sample): Promise<void> {
  let i = 0;
  const next = () => ep.paths[i++ % ep.paths.length];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: ep.base,
        connections,
        ...length,
        // autocannon notices its deadline only when it samples: every 100 ms instead of every
        // second, so that a 2.5 s slice lasts 2.5 s, not 3.
        sampleInt: 100,
        timeout: 30,
        headers: { ...(ep.cookie ? { cookie: ep.cookie } : {}), ...(ep.body ? { 'content-type': 'application/json' } : {}) },
        requests: [
          ep.body
            ? { method: 'POST', setupRequest: (req) => ({ ...req, path: next(), body: JSON.stringify(ep.body!(i)) }) }
            : { method: 'GET', setupRequest: (req) => ({ ...req, path: next() }) },
        ],
      },
      (err: unknown, res: autocannon.Result) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(res)),
    );
    if (sample) instance.on('response', (_client, status, _bytes, ms) => {
      sample.latencies.push(ms);
      if (status < 200 || status > 299) sample.non2xx++;
    });
  });
  if (sample) {
    sample.seconds += result.duration;
    sample.slices++;
    sample.errors += result.errors;
    sample.timeouts += result.timeouts;
  }
  // autocannon stops at the deadline, but the server still works off the requests it has accepted
  // (a SQLite query cannot be interrupted). One more request of the same kind queues behind them,
  // so awaiting it keeps that backlog out of the next slice.
  if (!ep.body) await getJson(`${ep.base}${ep.paths[0]}`, ep.cookie);
}

function summarize(ep: Endpoint, s: Sample, mode: Measured['mode'], loadavg1Before: number): Measured {
  const sorted = Float64Array.from(s.latencies).sort();
  const pct = (p: number) => (sorted.length ? sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);
  const avg = sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : NaN;
  return {
    key: ep.key,
    label: ep.label,
    reqPerSec: sorted.length / s.seconds,
    requests: sorted.length,
    latencyMs: { avg: +avg.toFixed(2), p50: +pct(50).toFixed(2), p90: +pct(90).toFixed(2), p99: +pct(99).toFixed(2), max: +pct(100).toFixed(2) },
    non2xx: s.non2xx,
    errors: s.errors,
    timeouts: s.timeouts,
    durationSec: +s.seconds.toFixed(2),
    slices: s.slices,
    mode,
    loadavg1Before,
  };
}

/**
 * Measures endpoints that are to be compared against each other in alternating slices (A B B A
 * A B …, `duration` seconds each in total), so that a build started by someone else on this
 * shared machine slows both sides alike instead of whichever happened to run then.
 */
async function measureInterleaved(eps: Endpoint[], args: Args, log: (s: string) => void): Promise<Measured[]> {
  const slices = eps.length > 1 ? Math.max(2, Math.round(args.duration / 2.5)) : 1;
  const sliceSec = args.duration / slices;
  if (args.warmup > 0) for (const ep of eps) await fire(ep, { duration: args.warmup }, args.connections);
  const loadavg = os.loadavg()[0];
  const samples = eps.map(newSample);
  const modes = eps.map((): Measured['mode'] => 'duration');
  log(`  ${eps.map((e) => e.key).join(' + ')}: ${args.duration} s each${slices > 1 ? ` in ${slices} alternating slices of ${sliceSec.toFixed(1)} s` : ''}, ${args.connections} connections …`);
  for (let r = 0; r < slices; r++) {
    const order = eps.map((_, k) => k);
    if (r % 2 === 1) order.reverse();
    for (const k of order) await fire(eps[k], { duration: sliceSec }, args.connections, samples[k]);
  }
  // A timed run only counts the responses that beat the deadline. When an endpoint is so slow that
  // fewer than two rounds per connection came back (and requests served together all finish late),
  // those few are not a measurement: send a fixed 2 × connections requests and wait for all.
  for (const [k, ep] of eps.entries()) {
    const amount = 2 * args.connections;
    if (samples[k].latencies.length >= amount) continue;
    log(`  ${ep.key}: only ${samples[k].latencies.length} responses in ${args.duration} s; measuring ${amount} complete requests instead …`);
    samples[k] = newSample();
    modes[k] = 'amount';
    await fire(ep, { amount }, args.connections, samples[k]);
  }
  return eps.map((ep, k) => summarize(ep, samples[k], modes[k], loadavg));
}

/** The app and a reference must answer the same query with the same rows and total. */
async function checkSameAnswers(appUrl: string, refUrl: string, cookie: string, queries: string[], opts: { allowEmpty?: boolean } = {}): Promise<void> {
  for (const q of queries) {
    const a = await getJson(`${appUrl}${q}`, cookie);
    const b = await getJson(`${refUrl}${q}`);
    if (a.status !== 200 || b.status !== 200) throw new Error(`${q}: app HTTP ${a.status}, reference HTTP ${b.status}`);
    const ab = a.body as { total: number; items: { id: number }[] };
    const bb = b.body as { total: number; items: { id: number }[] };
    const same = ab.total === bb.total && ab.items.map((x) => x.id).join() === bb.items.map((x) => x.id).join();
    if (!same) throw new Error(`${q}: app and reference ${refUrl} disagree (total ${ab.total} vs ${bb.total})`);
    if (ab.items.length === 0 && !opts.allowEmpty) throw new Error(`${q}: empty page — the request mix is wrong`);
  }
}

/**
 * Runs `eps` together for `duration` seconds (each with its own connections) while the server
 * measures its main thread's event-loop delay: the mixed load of issue 13.
 */
async function measureMixed(eps: { ep: Endpoint; connections: number }[], child: ChildProcess, duration: number, log: (s: string) => void) {
  log(`  mixed load: ${eps.map((e) => `${e.ep.key} × ${e.connections}`).join(' + ')} connections for ${duration} s …`);
  const loadavg = os.loadavg()[0];
  const samples = eps.map(newSample);
  resetEventLoopDelay(child);
  await Promise.all(eps.map((e, k) => fire(e.ep, { duration }, e.connections, samples[k])));
  const delay = await readEventLoopDelay(child);
  return { results: eps.map((e, k) => summarize(e.ep, samples[k], 'duration', loadavg)), delay };
}

const fmt = (x: number, digits = Number.isInteger(x) || x >= 100 ? 0 : 1) => Number.isNaN(x) ? '-' : x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function printTable(rows: Measured[], connections: number, log: (s: string) => void): void {
  const head = ['', 'endpoint', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'non-2xx/err'];
  const body = rows.map((m) => [
    m.key,
    m.label,
    fmt(m.reqPerSec) + (m.mode === 'amount' ? '*' : ''),
    fmt(m.latencyMs.p50),
    fmt(m.latencyMs.p99),
    fmt(m.requests),
    `${m.non2xx}/${m.errors}`,
  ]);
  const widths = head.map((h, c) => Math.max(h.length, ...body.map((r) => r[c].length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c <= 1 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  log(line(head));
  log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of body) log(line(r));
  if (rows.some((m) => m.mode === 'amount')) log(`* too slow for a timed run: ${2 * connections} requests sent and all answered; req/s = answered / elapsed`);
}

async function main(): Promise<void> {
  const args = readArgs();
  const log = (s: string) => console.log(s);
  const startedAt = new Date();
  log(`Qudi benchmark: N=${args.n}, ${args.duration} s per endpoint (+${args.warmup} s warm-up), ${args.connections} connections, ${os.cpus().length} CPUs, Node ${process.version}`);

  const prepared = await prepareData({ n: args.n, keep: args.keep, seed: args.seed, log });
  const { target, load } = prepared;
  let ctxOpen = true;
  let server: ChildProcess | undefined;
  const cleanup = () => server?.kill();
  process.on('exit', cleanup);
  try {
    const ctx = prepared.ctx;
    const campaign = await currentCampaign(ctx.db);
    const townName = await ensureBenchUsers(ctx);
    const requestCount = await ensureBenchRequests(ctx, log);
    // The queue's pages a department pages through (open requests, oldest first).
    const queuePages = Array.from({ length: 512 }, (_, i) => `?status=open&page=${1 + (i % MAX_PAGE)}&pageSize=${PAGE_SIZE}`);
    const combos = await listCombos(ctx);
    const missing = STATUSES.filter((s) => !combos.some((c) => c.status === s));
    if (combos.length === 0 || missing.length > 0) throw new Error(`data lacks statuses: ${missing.join(', ')}`);
    const plannerStats = await setPlannerStats(ctx, args.analyze);
    const version = await sql<{ v: string }>`SELECT ${sql.raw(ctx.dialect === 'sqlite' ? 'sqlite_version()' : 'version()')} AS v`.execute(ctx.db);
    const dbVersion = `${target.kind} ${version.rows[0]?.v ?? '?'}`;
    // How the database runs the list for the office user (the same query the app and the reference send).
    const office = await findUserByUsername(ctx.db, OFFICE_USER);
    const officeActor = await loadActor(ctx.db, office!, campaign);
    const listQueries = await capture(ctx.db, (db) =>
      listEnterprises(db, officeActor, { campaignId: campaign.id, rootPath: campaign.rootPath, townId: combos[0].townId, status: combos[0].status }, { page: 1, pageSize: PAGE_SIZE, sort: 'id', order: 'desc' }),
    );
    const listPlans = await Promise.all(listQueries.map((q) => plan(ctx, q)));
    log(`${dbVersion}, planner statistics: ${plannerStats}; list plan (rows | count):`);
    for (const p of listPlans) log(`  ${p.map((l) => l.trim()).join(' / ')}`);
    const searches = await searchSequence(ctx, args.seed);
    const searchQueries = await capture(ctx.db, (db) =>
      listEnterprises(db, officeActor, { campaignId: campaign.id, rootPath: campaign.rootPath, q: decodeURIComponent(searches[1].slice(3).split('&')[0]) }, { page: 1, pageSize: PAGE_SIZE, sort: 'id', order: 'desc' }),
    );
    const searchPlans = await Promise.all(searchQueries.map((q) => plan(ctx, q)));
    log(`search plan (matches | page rows):`);
    for (const p of searchPlans) log(`  ${p.map((l) => l.trim()).join(' / ').replace(/\{[0-9,]{80,}\}/g, (ids) => `{${ids.split(',').length} ids}`)}`);
    await ctx.close();
    ctxOpen = false;

    const started = await forkBenchServer(target.env);
    server = started.child;
    const appBase = `http://127.0.0.1:${started.appPort}`;
    const refBase = `http://127.0.0.1:${started.refPort}`;
    const officeCookie = await benchLogin(appBase, OFFICE_USER);
    const townCookie = await benchLogin(appBase, TOWN_USER);
    const departmentCookie = await benchLogin(appBase, DEPARTMENT_USER);

    const queries = querySequence(combos, args.seed);
    await checkSameAnswers(`${appBase}/api/enterprises`, `${refBase}${REF_LIST_PATH}`, officeCookie, queries.slice(0, 20));
    await checkSameAnswers(`${appBase}/api/enterprises`, `${refBase}${REF_BARE_LIST_PATH}`, officeCookie, queries.slice(0, 20));
    await checkSameAnswers(`${appBase}/api/enterprises`, `${refBase}${REF_BARE_SEARCH_PATH}`, officeCookie, searches.slice(0, 40), { allowEmpty: true });
    await checkSameAnswers(`${appBase}/api/department-requests`, `${refBase}${REF_BARE_QUEUE_PATH}`, departmentCookie, queuePages.slice(0, MAX_PAGE));
    for (const cookie of [officeCookie, townCookie]) {
      const d = await getJson(`${appBase}/api/dashboard`, cookie);
      if (d.status !== 200) throw new Error(`GET /api/dashboard: HTTP ${d.status}`);
    }
    log(`server pid ${started.child.pid}: app ${appBase}, reference ${refBase}; ${combos.length} town×status filters, pages 1–${MAX_PAGE}, ${PAGE_SIZE} per page`);

    const endpoints: Endpoint[] = [
      { key: 'a', label: 'GET /api/enterprises?town&status&page (office)', base: appBase, paths: queries.map((q) => `/api/enterprises${q}`), cookie: officeCookie },
      { key: 'b', label: 'reference: bare route, same listEnterprises', base: refBase, paths: queries.map((q) => `${REF_LIST_PATH}${q}`) },
      { key: 'bb', label: 'reference: bare route, shortest SQL on the driver', base: refBase, paths: queries.map((q) => `${REF_BARE_LIST_PATH}${q}`) },
      { key: 's', label: 'GET /api/enterprises?q=(2–3 chars)&page (office)', base: appBase, paths: searches.map((q) => `/api/enterprises${q}`), cookie: officeCookie },
      { key: 'sb', label: 'reference: bare search route, same index', base: refBase, paths: searches.map((q) => `${REF_BARE_SEARCH_PATH}${q}`) },
      { key: 'q', label: 'GET /api/department-requests?page (a department, all towns)', base: appBase, paths: queuePages.map((q) => `/api/department-requests${q}`), cookie: departmentCookie },
      { key: 'qb', label: 'reference: bare queue route, same SQL on the driver', base: refBase, paths: queuePages.map((q) => `${REF_BARE_QUEUE_PATH}${q}`) },
      { key: 'c1', label: 'GET /api/dashboard (office, all towns)', base: appBase, paths: ['/api/dashboard'], cookie: officeCookie },
      { key: 'c2', label: `GET /api/dashboard (town user, one town)`, base: appBase, paths: ['/api/dashboard'], cookie: townCookie },
    ];
    const byKey = (k: string) => endpoints.find((e) => e.key === k)!;
    const results: Measured[] = [
      ...(await measureInterleaved([byKey('a'), byKey('b'), byKey('bb')], args, log)),
      ...(await measureInterleaved([byKey('s'), byKey('sb')], args, log)),
      ...(await measureInterleaved([byKey('q'), byKey('qb')], args, log)),
      ...(await measureInterleaved([byKey('c1')], args, log)),
      ...(await measureInterleaved([byKey('c2')], args, log)),
    ];
    // Registering workshops (insert, search index, items, counts, audit) while others list and search.
    const kind = campaign.definition.workshopKinds[0].code;
    const writes: Endpoint = {
      key: 'w',
      label: 'POST /api/enterprises (office registers)',
      base: appBase,
      paths: ['/api/enterprises'],
      cookie: officeCookie,
      body: (n) => ({ name: `基准写入测试作坊${process.pid}-${n}`, kind, townId: combos[n % combos.length].townId, address: `测试路${n}号` }),
    };
    const mixedConnections = Math.max(2, Math.floor(args.connections / 2));
    const mixed = await measureMixed(
      [
        { ep: { ...byKey('a'), key: 'm.a' }, connections: mixedConnections },
        { ep: { ...byKey('s'), key: 'm.s' }, connections: mixedConnections },
        { ep: { ...writes, key: 'm.w' }, connections: 2 },
      ],
      started.child,
      args.duration,
      log,
    );
    results.push(...mixed.results);

    await stopBenchServer(started.child);
    server = undefined;

    const get = (k: string) => results.find((m) => m.key === k)!;
    const a = get('a');
    const b = get('b');
    const ratio = a.reqPerSec / b.reqPerSec;
    const verdict = ratio >= TARGET_RATIO ? 'PASS' : 'BELOW TARGET';
    const bareRatio = a.reqPerSec / get('bb').reqPerSec;
    const searchRatio = get('s').reqPerSec / get('sb').reqPerSec;
    const queueRatio = get('q').reqPerSec / get('qb').reqPerSec;
    const passOrNot = (x: number) => (x >= TARGET_RATIO ? 'PASS' : 'BELOW TARGET');
    const delayVerdict = mixed.delay.p99 <= DELAY_TARGET.p99 && mixed.delay.max <= DELAY_TARGET.max ? 'PASS' : 'ABOVE TARGET';
    log('');
    log(`N=${args.n} workshops (${args.n * campaign.definition.standardItems.length} items), ${target.kind} (planner statistics: ${plannerStats}), ${args.connections} connections, ${args.duration} s each`);
    printTable(results, args.connections, log);
    log('');
    log(`list / bare route (same listEnterprises) = ${fmt(a.reqPerSec)} / ${fmt(b.reqPerSec)} = ${ratio.toFixed(2)}×   (the app's overhead)`);
    log(`list / bare SQL route = ${fmt(a.reqPerSec)} / ${fmt(get('bb').reqPerSec)} = ${bareRatio.toFixed(2)}×   target ≥ ${TARGET_RATIO}×   ${passOrNot(bareRatio)}`);
    log(`search / bare SQL route = ${fmt(get('s').reqPerSec)} / ${fmt(get('sb').reqPerSec)} = ${searchRatio.toFixed(2)}×   target ≥ ${TARGET_RATIO}×   ${passOrNot(searchRatio)}`);
    log(`department queue / bare SQL route = ${fmt(get('q').reqPerSec)} / ${fmt(get('qb').reqPerSec)} = ${queueRatio.toFixed(2)}×   target ≥ ${TARGET_RATIO}×   ${passOrNot(queueRatio)}   (${requestCount} requests)`);
    log(`main-thread event-loop delay under the mixed load: p50 ${mixed.delay.p50} ms, p99 ${mixed.delay.p99} ms, max ${mixed.delay.max} ms   target p99 ≤ ${DELAY_TARGET.p99}, max ≤ ${DELAY_TARGET.max}   ${delayVerdict}`);
    log(`machine load (1-min average) when measuring began: ${results.map((m) => `${m.key} ${m.loadavg1Before.toFixed(1)}`).join(', ')} on ${os.cpus().length} CPUs`);
    if (results.some((m) => m.non2xx > 0 || m.errors > 0)) log('WARNING: some responses were not 2xx or failed; the figures above are suspect.');

    const outDir = path.join(benchDir, 'out');
    fs.mkdirSync(outDir, { recursive: true });
    const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
    const file = path.join(outDir, `bench-${target.kind}-n${args.n}-${stamp}.json`);
    const report = {
      startedAt: startedAt.toISOString(),
      args,
      database: { kind: target.kind, version: dbVersion, location: target.label, reused: !load, plannerStats, listPlans, searchPlans },
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '', memGiB: +(os.totalmem() / 2 ** 30).toFixed(1), node: process.version, platform: `${os.platform()} ${os.release()}` },
      users: { office: OFFICE_USER, town: { username: TOWN_USER, town: townName } },
      load: load ?? null,
      requestMix: { filters: combos.length, maxPage: MAX_PAGE, pageSize: PAGE_SIZE, sequenceLength: queries.length, seed: args.seed },
      results,
      ratio: { list: a.reqPerSec, reference: b.reqPerSec, value: +ratio.toFixed(3), target: TARGET_RATIO, verdict },
      ratios: { listToBareSql: +bareRatio.toFixed(3), searchToBareSql: +searchRatio.toFixed(3), queueToBareSql: +queueRatio.toFixed(3), target: TARGET_RATIO },
      departmentRequests: requestCount,
      eventLoopDelay: { ...mixed.delay, target: DELAY_TARGET, verdict: delayVerdict },
    };
    fs.writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
    log(`results: ${path.relative(process.cwd(), file)}`);
  } finally {
    if (ctxOpen) await prepared.ctx.close();
    if (server) await stopBenchServer(server);
    process.off('exit', cleanup);
    if (!target.persistent) await target.remove();
    else console.log(`data kept at ${target.label} (reuse with --keep)`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
