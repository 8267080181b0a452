// `npx tsx bench/map.ts [--n 1000000] [--views 1000] [--db sqlite|postgres] [--keep]`
//
// 一张图 at scale (issue 17 §4): GET /api/map/workshops through the real app (buildApp, in-process
// with app.inject and a logged-in session), over --n workshops in a district-sized area
// (0.6° × 0.8°, villages of about 100 workshops each, 5 % without a position), as the district
// office (every town) and as a town. The views are what a browser 1280 × 800 px asks for: a random
// centre in the district at a random zoom from 8 (the whole district) to 17 (a few streets). The
// workshops are loaded in bulk with the count triggers off, then counted once (`qudi dashboard
// rebuild`, which the kept map cells share). Printed: p50/p95/p99 per reader and per mode, against
// the target (p95 ≤ 50 ms), and against a reference measured in the same run: GET /api/auth/me
// (the same session, plugins and serialisation, no map).
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { nowIso } from '../domain/time.js';
import { buildApp } from '../server/app.js';
import { rng } from '../server/demo/synthetic.js';
import { currentCampaign } from '../server/repositories/campaigns.js';
import { rebuildDashboardCounts, setBulkCounting } from '../server/repositories/dashboard.js';
import { BENCH_PASSWORD, benchTarget, ensureBenchUsers, freshTarget, intArg, OFFICE_USER, openTarget, TOWN_USER } from './lib.js';

const TARGET_P95_MS = 50;
const AREA = { south: 34.6, west: 116.9, height: 0.6, width: 0.8 };
const SCREEN = { width: 1280, height: 800 };
const STATUSES = ['surveyed', 'in_progress', 'shut_down', 'accepted', 'recurred', 'excluded'] as const;

function readArgs() {
  const { values } = parseArgs({ options: { n: { type: 'string' }, views: { type: 'string' }, db: { type: 'string' }, keep: { type: 'boolean' } } });
  const db = values.db ?? 'sqlite';
  if (db !== 'sqlite' && db !== 'postgres') throw new Error('--db is sqlite or postgres');
  return { n: intArg(values.n, 'n', 1_000_000), views: intArg(values.views, 'views', 1000), db: db as 'sqlite' | 'postgres', keep: values.keep ?? false };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const fmt = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `p50 ${percentile(s, 50).toFixed(2)} ms · p95 ${percentile(s, 95).toFixed(2)} ms · p99 ${percentile(s, 99).toFixed(2)} ms (${s.length})`;
};

/** The bounds a 1280 × 800 px map shows around `centre` at `zoom` (Web Mercator, 256-px tiles). */
function boundsAt(centre: { lat: number; lng: number }, zoom: number) {
  const degPerPx = 360 / (256 * 2 ** zoom);
  const halfW = (SCREEN.width / 2) * degPerPx;
  const halfH = (SCREEN.height / 2) * degPerPx * Math.cos((centre.lat * Math.PI) / 180);
  return { south: centre.lat - halfH, west: centre.lng - halfW, north: centre.lat + halfH, east: centre.lng + halfW };
}

async function main(): Promise<void> {
  const args = readArgs();
  if (args.keep && args.db === 'postgres') process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
  const target = args.keep ? benchTarget(args.n + 11, true) : freshTarget(args.db);
  if (!(args.keep && (await target.exists()))) {
    await target.remove();
    await target.create();
  }
  const ctx = await openTarget(target);
  try {
    const townName = await ensureBenchUsers(ctx);
    const campaign = await currentCampaign(ctx.db);
    const towns = await ctx.db.selectFrom('org_units').select(['id', 'path']).where('parent_id', '=', campaign.rootId).where('kind', '=', 'town').orderBy('id').execute();
    const kind = campaign.definition.workshopKinds[0]!.code;
    const have = Number((await ctx.db.selectFrom('enterprises').select(sql<number | string>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    if (have < args.n) {
      const started = performance.now();
      const villages = Math.max(1, Math.round(args.n / 100));
      const now = nowIso();
      const BATCH = args.db === 'postgres' ? 1000 : 500;
      for (let from = have; from < args.n; from += 50_000) {
        await ctx.db.transaction().execute(async (trx) => {
          await setBulkCounting(trx, true);
          for (let b = from; b < Math.min(args.n, from + 50_000); b += BATCH) {
            const rows = [];
            for (let i = b; i < Math.min(args.n, from + 50_000, b + BATCH); i++) {
              const v = i % villages;
              const rv = rng(v + 1);
              const centre = { lat: AREA.south + rv() * AREA.height, lng: AREA.west + rv() * AREA.width };
              const r = rng(3_000_017 + i);
              const located = r() >= 0.05;
              // A village's towns are its stripe of the district, west to east.
              const town = towns[Math.min(towns.length - 1, Math.floor(((centre.lng - AREA.west) / AREA.width) * towns.length))]!;
              rows.push({
                campaign_id: campaign.id, name: `地图测试作坊${i}`, name_key: `地图测试作坊${i}`, kind, town_id: town.id, village_id: null, org_path: town.path,
                address: '', lng: located ? centre.lng + (r() - 0.5) * 0.012 : null, lat: located ? centre.lat + (r() - 0.5) * 0.01 : null, contact_person: '', phone: '',
                power_source: '', power_account: '', water_source: '', land_type: '', land_owner: '', land_lease: '', licence_business: 'unknown', licence_eia: 'unknown',
                licence_land: 'unknown', production_status: 'stopped', raw_materials: '', notes: '', discovery_source: 'survey', village_head: '', town_head: '',
                department_head: '', status: STATUSES[Math.floor(r() * STATUSES.length)]!, status_reason: '', items_done: 0, version: 1, created_by: null, created_at: now, updated_at: now,
              });
            }
            await trx.insertInto('enterprises').values(rows).execute();
          }
        });
        process.stdout.write(`\rloaded ${Math.min(args.n, from + 50_000).toLocaleString()} workshops`);
      }
      process.stdout.write(' · counting');
      await rebuildDashboardCounts(ctx.db);
      if (args.db === 'postgres') await sql`analyze`.execute(ctx.db);
      else await sql`analyze`.execute(ctx.db);
      console.log(` in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
    const kept = Number((await ctx.db.selectFrom('map_cell_counts').select(sql<number | string>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);

    const app = await buildApp(ctx, { serveWeb: false, logger: false });
    const login = async (username: string) => {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: BENCH_PASSWORD } });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
      return String(res.headers['set-cookie']).split(';')[0]!;
    };
    const readers = { office: await login(OFFICE_USER), [`town ${townName}`]: await login(TOWN_USER) };
    const r = rng(99);
    const views = Array.from({ length: args.views }, () => {
      const zoom = 8 + Math.floor(r() * 10);
      const b = boundsAt({ lat: AREA.south + r() * AREA.height, lng: AREA.west + r() * AREA.width }, zoom);
      return { zoom, query: new URLSearchParams({ south: b.south.toFixed(6), west: b.west.toFixed(6), north: b.north.toFixed(6), east: b.east.toFixed(6), zoom: String(zoom) }).toString() };
    });

    console.log(`map: ${args.n.toLocaleString()} workshops, ${kept.toLocaleString()} kept cell rows, ${args.views} views per reader, ${target.kind}`);
    for (const [reader, cookie] of Object.entries(readers)) {
      for (const v of views.slice(0, 50)) await app.inject({ method: 'GET', url: `/api/map/workshops?${v.query}`, headers: { cookie } });
      const times: number[] = [];
      const refTimes: number[] = [];
      const byMode: Record<string, number[]> = {};
      let largest = 0;
      for (const v of views) {
        let t0 = performance.now();
        const res = await app.inject({ method: 'GET', url: `/api/map/workshops?${v.query}`, headers: { cookie } });
        const ms = performance.now() - t0;
        if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
        const body = res.json() as { mode: string; clusters: unknown[]; points: unknown[] };
        times.push(ms);
        (byMode[`${body.mode}${body.mode === 'clusters' && v.zoom >= 15 ? ' (too many to list)' : ''}`] ??= []).push(ms);
        largest = Math.max(largest, body.clusters.length + body.points.length);
        t0 = performance.now();
        await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
        refTimes.push(performance.now() - t0);
      }
      const p95 = percentile([...times].sort((a, b) => a - b), 95);
      console.log(`  ${reader}: ${fmt(times)}   (target p95 ≤ ${TARGET_P95_MS} ms: ${p95 <= TARGET_P95_MS ? 'PASS' : 'BELOW'})`);
      for (const [mode, xs] of Object.entries(byMode)) console.log(`    ${mode}: ${fmt(xs)}`);
      console.log(`    reference GET /api/auth/me: ${fmt(refTimes)}   ratio p95 ${(p95 / percentile([...refTimes].sort((a, b) => a - b), 95)).toFixed(1)}×   largest answer ${largest} markers`);
    }
    await app.close();
  } finally {
    await ctx.close();
    if (!args.keep) await target.remove();
  }
}

await main();
