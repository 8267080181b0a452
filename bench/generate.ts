// Loads N synthetic workshops (5 standard items each) into a fresh benchmark database, through the
// same openContext / ensureVillages / insertSyntheticEnterprises the demo uses, and times the load.
//
//   npx tsx bench/generate.ts --n 100000      # into the kept target that `npm run bench -- --keep` reuses
//
// SQLite by default (a data directory under the temp folder); PostgreSQL when DATABASE_URL is set.
import { parseArgs } from 'node:util';
import type { Status } from '../domain/status.js';
import { currentCampaign } from '../server/repositories/campaigns.js';
import { ensureVillages, insertSyntheticEnterprises } from '../server/demo/synthetic.js';
import { benchTarget, ensureBenchUsers, intArg, isMain, openTarget, sqliteBytes, type BenchContext, type DataTarget } from './lib.js';

/**
 * A mid-campaign skew (20 slots, every status present): most workshops are being shut down or
 * already accepted, a few are rejected, recurred or excluded. Each town gets the same mix.
 */
export const BENCH_STATUS_MIX: readonly Status[] = [
  'surveyed', 'surveyed', 'surveyed',
  'in_progress', 'in_progress', 'in_progress', 'in_progress',
  'shut_down', 'shut_down', 'shut_down', 'shut_down', 'shut_down',
  'accepted', 'accepted', 'accepted', 'accepted', 'accepted',
  'rejected', 'recurred', 'excluded',
];

export const VILLAGES_PER_TOWN = 7;

export interface LoadStats {
  workshops: number;
  items: number;
  seconds: number;
  workshopsPerSec: number;
  /** Workshops plus their item rows, per second. */
  rowsPerSec: number;
  towns: number;
  bytesOnDisk: number | null;
}

/** The workshops of the current campaign; with `syntheticOnly`, those the generator loaded (no registering user). */
export async function countWorkshops(ctx: BenchContext, syntheticOnly = false): Promise<number> {
  const campaign = await currentCampaign(ctx.db);
  const row = await ctx.db
    .selectFrom('enterprises')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('campaign_id', '=', campaign.id)
    .$if(syntheticOnly, (q) => q.where('created_by', 'is', null))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Loads `n` workshops into the (empty, migrated) database behind `ctx`. */
export async function loadWorkshops(ctx: BenchContext, n: number, seed: number, log: (s: string) => void): Promise<Omit<LoadStats, 'bytesOnDisk'>> {
  const campaign = await currentCampaign(ctx.db);
  const towns = await ctx.db
    .selectFrom('org_units')
    .selectAll()
    .where('parent_id', '=', campaign.rootId)
    .where('kind', '=', 'town')
    .orderBy('id')
    .execute();
  const villages = await ensureVillages(ctx.db, towns, VILLAGES_PER_TOWN);
  const itemsPer = campaign.definition.standardItems.length;
  const started = performance.now();
  let nextReport = 0.1;
  const inserted = await insertSyntheticEnterprises(ctx.db, campaign, villages, towns, { count: n, seed, createdBy: null, statuses: BENCH_STATUS_MIX }, (done) => {
    if (done / n >= nextReport) {
      const s = (performance.now() - started) / 1000;
      log(`  ${String(done).padStart(String(n).length)} / ${n} workshops  ${(done / s).toFixed(0)} workshops/s`);
      while (done / n >= nextReport) nextReport += 0.1;
    }
  });
  const seconds = (performance.now() - started) / 1000;
  const items = inserted * itemsPer;
  return {
    workshops: inserted,
    items,
    seconds,
    workshopsPerSec: inserted / seconds,
    rowsPerSec: (inserted + items) / seconds,
    towns: towns.length,
  };
}

export interface Prepared {
  target: DataTarget;
  ctx: BenchContext;
  /** Undefined when a kept, already loaded target was reused. */
  load?: LoadStats;
}

/**
 * A database holding exactly `n` workshops. With `keep`, reuses the kept target when it already
 * holds `n` generated ones (plus those earlier runs' mixed loads registered); otherwise (re)creates it. Without `keep`, always a fresh target (the caller removes it).
 */
export async function prepareData(opts: { n: number; keep: boolean; seed: number; log: (s: string) => void }): Promise<Prepared> {
  const target = benchTarget(opts.n, opts.keep);
  if (opts.keep && (await target.exists())) {
    const ctx = await openTarget(target);
    // The mixed load registers a few workshops each run; those do not make the data another size.
    const have = await countWorkshops(ctx, true);
    if (have === opts.n) {
      opts.log(`reusing ${target.label} (${have} workshops already loaded)`);
      return { target, ctx };
    }
    opts.log(`${target.label} holds ${have} workshops, not ${opts.n}: reloading`);
    await ctx.close();
    await target.remove();
  } else if (!opts.keep) {
    await target.remove();
  }
  await target.create();
  const ctx = await openTarget(target);
  try {
    if ((await countWorkshops(ctx)) !== 0) throw new Error(`${target.label} is not empty`);
    opts.log(`loading ${opts.n} synthetic workshops into ${target.label}`);
    const stats = await loadWorkshops(ctx, opts.n, opts.seed, opts.log);
    const load: LoadStats = { ...stats, bytesOnDisk: sqliteBytes(target) };
    opts.log(
      `loaded ${load.workshops} workshops + ${load.items} items in ${load.seconds.toFixed(1)} s: ` +
        `${load.workshopsPerSec.toFixed(0)} workshops/s, ${load.rowsPerSec.toFixed(0)} rows/s` +
        (load.bytesOnDisk ? ` (${(load.bytesOnDisk / 1048576).toFixed(0)} MiB on disk)` : ''),
    );
    return { target, ctx, load };
  } catch (err) {
    await ctx.close();
    throw err;
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { n: { type: 'string' }, seed: { type: 'string' } } });
  const n = intArg(values.n, 'n', 100_000);
  const seed = intArg(values.seed, 'seed', 2016);
  // Standalone, always a fresh load into the kept target, so that `npm run bench -- --keep` finds it.
  const target = benchTarget(n, true);
  await target.remove();
  const { ctx } = await prepareData({ n, keep: true, seed, log: console.log });
  await ensureBenchUsers(ctx);
  await ctx.close();
  console.log(`kept at ${target.label}; run the benchmark on it with: npm run bench -- --n ${n} --keep`);
}

if (isMain(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
