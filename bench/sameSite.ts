// `npx tsx bench/sameSite.ts [--n 1000000] [--probes 2000] [--db sqlite|postgres] [--keep]`
//
// 改头换面 at scale (issue 16 §3): the candidate search for a new record — the shut sites within
// 300 m (grid cells, migration 035), with its phone, power account, operator or name key — and their
// scores, at --n sites. A fresh database (SQLite in a temp data directory, or with --db postgres a
// database of its own next to DATABASE_URL); the sites are loaded in bulk: villages of about 100
// sites each, spread over a province-sized area (3° × 4°), 60 % of them shut down or accepted, with
// phones, power accounts and operators drawn so that some are shared. Then --probes records, each
// near a random site (a comeback), half of them sharing its phone, power account or operator, are
// looked up with `likelySameSites` (what GET /api/enterprises/:id/same-site runs after the
// workshop's own row), as the district office (every town), one at a time. Printed: p50/p95/p99 and
// the candidates each read, against the target (p95 ≤ 20 ms), and against a reference measured in
// the same run: the same number of lookups of one workshop by its id (the cheapest indexed read).
// The answers are checked: every probe sharing an account or a phone with a shut site finds it.
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { workshopNameKey } from '../domain/duplicates.js';
import { SAME_SITE_STATUSES } from '../domain/sameSite.js';
import { nowIso } from '../domain/time.js';
import { rng } from '../server/demo/synthetic.js';
import { currentCampaign } from '../server/repositories/campaigns.js';
import { setBulkCounting } from '../server/repositories/dashboard.js';
import { likelySameSites, sameSiteCandidates } from '../server/repositories/sameSite.js';
import { findUserByUsername, loadActor } from '../server/repositories/users.js';
import { benchTarget, ensureBenchUsers, freshTarget, intArg, OFFICE_USER, openTarget, plan, capture } from './lib.js';

const TARGET_P95_MS = 20;
const SURNAMES = ['张', '王', '李', '赵', '刘', '陈', '杨', '黄', '孙', '周', '吴', '郑'];
const GIVEN = ['伟', '强', '磊', '军', '勇', '杰', '涛', '明', '超', '华', '建国', '志强', '德明', '海燕', '振华', '洪涛'];
const TRADES = ['塑料颗粒', '废塑料造粒', '洗选', '再生', '小电镀', '石材切割', '铸造', '酸洗', '印染', '砖瓦'];
const SUFFIXES = ['加工厂', '加工点', '作坊', '厂', ''];

function readArgs() {
  const { values } = parseArgs({ options: { n: { type: 'string' }, probes: { type: 'string' }, db: { type: 'string' }, keep: { type: 'boolean' } } });
  const db = values.db ?? 'sqlite';
  if (db !== 'sqlite' && db !== 'postgres') throw new Error('--db is sqlite or postgres');
  return { n: intArg(values.n, 'n', 1_000_000), probes: intArg(values.probes, 'probes', 2000), db: db as 'sqlite' | 'postgres', keep: values.keep ?? false };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface Site {
  lat: number;
  lng: number;
  phone: string;
  account: string;
  operator: string;
  shut: boolean;
}

/** The i-th site, the same for every run: its village's centre, a spot within ~500 m of it, and its keys. */
function siteAt(i: number, villages: number): Site {
  const v = i % villages;
  const rv = rng(v + 1);
  const centre = { lat: 34 + rv() * 3, lng: 115 + rv() * 4 };
  const r = rng(1_000_003 + i);
  const phone = r() < 0.8 ? `13${String(100_000_000 + Math.floor(r() * 800_000_000)).slice(0, 9)}` : '';
  const account = r() < 0.7 ? `3704${String(Math.floor(r() * 1_000_000)).padStart(6, '0')}` : '';
  const operator = r() < 0.6 ? SURNAMES[Math.floor(r() * SURNAMES.length)]! + GIVEN[Math.floor(r() * GIVEN.length)]! : '';
  return { lat: centre.lat + (r() - 0.5) * 0.01, lng: centre.lng + (r() - 0.5) * 0.012, phone, account, operator, shut: r() < 0.6 };
}

async function main(): Promise<void> {
  const args = readArgs();
  const target = args.keep ? benchTargetFor(args) : freshTarget(args.db);
  const fresh = !(args.keep && (await target.exists()));
  if (fresh) {
    await target.remove();
    await target.create();
  }
  const ctx = await openTarget(target);
  try {
    await ensureBenchUsers(ctx);
    const campaign = await currentCampaign(ctx.db);
    const towns = await ctx.db.selectFrom('org_units').select(['id', 'path']).where('parent_id', '=', campaign.rootId).where('kind', '=', 'town').orderBy('id').execute();
    const kind = campaign.definition.workshopKinds[0]!.code;
    const villages = Math.max(1, Math.round(args.n / 100));
    const have = Number((await ctx.db.selectFrom('enterprises').select(sql<number | string>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    if (have < args.n) {
      const started = performance.now();
      const now = nowIso();
      const BATCH = args.db === 'postgres' ? 1000 : 500;
      for (let from = have; from < args.n; from += 50_000) {
        await ctx.db.transaction().execute(async (trx) => {
          await setBulkCounting(trx, true);
          for (let b = from; b < Math.min(args.n, from + 50_000); b += BATCH) {
            const rows = [];
            for (let i = b; i < Math.min(args.n, from + 50_000, b + BATCH); i++) {
              const s = siteAt(i, villages);
              const town = towns[i % towns.length]!;
              const r = rng(7_000_001 + i);
              const name = `${TRADES[Math.floor(r() * TRADES.length)]}${i}${SUFFIXES[i % SUFFIXES.length]}`;
              rows.push({
                campaign_id: campaign.id, name, name_key: workshopNameKey(name), kind, town_id: town.id, village_id: null, org_path: town.path,
                address: `第${i % 97}村`, lng: s.lng, lat: s.lat, contact_person: s.operator, phone: s.phone, power_source: '', power_account: s.account,
                water_source: '', land_type: '', land_owner: '', land_lease: '', licence_business: 'unknown', licence_eia: 'unknown', licence_land: 'unknown',
                production_status: 'stopped', raw_materials: '', notes: '', discovery_source: 'survey', village_head: '', town_head: '', department_head: '',
                status: s.shut ? SAME_SITE_STATUSES[i % 2]! : 'in_progress', status_reason: '', items_done: 0, version: 1, created_by: null, created_at: now, updated_at: now,
              });
            }
            await trx.insertInto('enterprises').values(rows).execute();
          }
        });
        process.stdout.write(`\rloaded ${Math.min(args.n, from + 50_000).toLocaleString()} sites`);
      }
      if (args.db === 'postgres') await sql`analyze enterprises`.execute(ctx.db);
      else await sql`analyze`.execute(ctx.db);
      console.log(` in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }

    const user = await findUserByUsername(ctx.db, OFFICE_USER);
    const actor = await loadActor(ctx.db, user!, campaign);
    const r = rng(42);
    const probes = Array.from({ length: args.probes }, () => {
      const i = Math.floor(r() * args.n);
      const s = siteAt(i, villages);
      const shares = r();
      // A comeback within ~100 m, under a new name; half share one key with the site.
      return {
        of: i,
        site: s,
        shares: shares < 0.17 ? 'phone' : shares < 0.34 ? 'account' : shares < 0.5 ? 'operator' : 'none',
        record: {
          name: `新${TRADES[Math.floor(r() * TRADES.length)]}回收站`,
          phone: shares < 0.17 ? s.phone : '',
          powerAccount: shares >= 0.17 && shares < 0.34 ? s.account : '',
          contactPerson: shares >= 0.34 && shares < 0.5 ? s.operator : '',
          lat: s.lat + (r() - 0.5) * 0.0015,
          lng: s.lng + (r() - 0.5) * 0.0015,
        },
      };
    });

    console.log(`same-site candidate search: ${args.n.toLocaleString()} sites in ${villages.toLocaleString()} villages, ${args.probes} probes, ${target.kind}`);
    const sample = probes[0]!.record;
    for (const q of await capture(ctx.db, (db) => sameSiteCandidates(db, actor, campaign, { ...sample, phone: '13900000000', powerAccount: '3704000001', contactPerson: '张伟' }))) {
      console.log(`  ${q.sql.slice(q.sql.indexOf(' where ') + 1, q.sql.indexOf(' where ') + 140).replace(/\s+/g, ' ')}…`);
      for (const line of await plan(ctx, q)) console.log(`    ${line}`);
    }

    // Warm up, then the probes one at a time; the reference (one workshop by id) the same number of times, interleaved.
    for (const p of probes.slice(0, 50)) await likelySameSites(ctx.db, actor, campaign, p.record);
    const times: number[] = [];
    const refTimes: number[] = [];
    const read: number[] = [];
    let missed = 0;
    let expected = 0;
    for (const p of probes) {
      let t0 = performance.now();
      const found = await likelySameSites(ctx.db, actor, campaign, p.record);
      times.push(performance.now() - t0);
      t0 = performance.now();
      await ctx.db.selectFrom('enterprises').select(['id', 'name', 'status']).where('id', '=', 1 + p.of).executeTakeFirst();
      refTimes.push(performance.now() - t0);
      if (p.site.shut && ((p.shares === 'phone' && p.site.phone) || (p.shares === 'account' && p.site.account))) {
        expected++;
        if (!found.some((f) => f.site.id === 1 + p.of)) missed++;
      }
      if (read.length < 200) read.push((await sameSiteCandidates(ctx.db, actor, campaign, p.record)).length);
    }
    times.sort((a, b) => a - b);
    refTimes.sort((a, b) => a - b);
    read.sort((a, b) => a - b);
    const fmt = (xs: number[]) => `p50 ${percentile(xs, 50).toFixed(2)} ms · p95 ${percentile(xs, 95).toFixed(2)} ms · p99 ${percentile(xs, 99).toFixed(2)} ms`;
    console.log(`  likelySameSites: ${fmt(times)}   (target p95 ≤ ${TARGET_P95_MS} ms: ${percentile(times, 95) <= TARGET_P95_MS ? 'PASS' : 'BELOW'})`);
    console.log(`  reference, one workshop by id: ${fmt(refTimes)}   ratio p95 ${(percentile(times, 95) / percentile(refTimes, 95)).toFixed(1)}×`);
    console.log(`  candidates read per probe: p50 ${percentile(read, 50)} · p95 ${percentile(read, 95)} · max ${read[read.length - 1]}`);
    console.log(`  comebacks sharing a phone or an account with a shut site: ${expected - missed} of ${expected} found`);
  } finally {
    await ctx.close();
    if (!args.keep) await target.remove();
  }
}

function benchTargetFor(args: { n: number; db: 'sqlite' | 'postgres' }) {
  if (args.db === 'postgres') process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
  else delete process.env.DATABASE_URL;
  // Its own name: the list benchmark's kept database at the same N holds other data.
  return benchTarget(args.n + 7, true);
}

await main();
