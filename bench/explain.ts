// Where a list request spends its database time. On a kept benchmark database (run
// `npx tsx bench/generate.ts --n N` or `npm run bench -- --n N --keep` first), captures the exact SQL
// the app issues per request — session lookup, actor (role grants), unit filter, list rows, list
// count, and the dashboard's two aggregates — prints each query's plan, and times it in-process.
//
//   npx tsx bench/explain.ts --n 100000 [--repeat 200] [--analyze]
//
// Like run.ts it removes SQLite planner statistics unless --analyze, which gathers them first.
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import type { Database } from '../server/db/schema.js';
import { currentCampaign } from '../server/repositories/campaigns.js';
import { itemCountsByTown, statusCountsByTown } from '../server/repositories/dashboard.js';
import { listEnterprises } from '../server/repositories/enterprises.js';
import { findOrgUnit } from '../server/repositories/orgUnits.js';
import { createSession, findSessionActor } from '../server/repositories/sessions.js';
import { findUserByUsername, loadActor } from '../server/repositories/users.js';
import { benchTarget, capture, intArg, OFFICE_USER, openTarget, plan, setPlannerStats, TOWN_USER } from './lib.js';

async function timeMs(repeat: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(20, repeat); i++) await fn(i);
  const t0 = performance.now();
  for (let i = 0; i < repeat; i++) await fn(i);
  return (performance.now() - t0) / repeat;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { n: { type: 'string' }, repeat: { type: 'string' }, analyze: { type: 'boolean', default: false } } });
  const n = intArg(values.n, 'n', 100_000);
  const repeat = intArg(values.repeat, 'repeat', 200);
  const target = benchTarget(n, true);
  if (!(await target.exists())) throw new Error(`no kept database at ${target.label}; run: npx tsx bench/generate.ts --n ${n}`);
  const ctx = await openTarget(target);
  try {
    const stats = await setPlannerStats(ctx, values.analyze ?? false);
    const campaign = await currentCampaign(ctx.db);
    const office = await findUserByUsername(ctx.db, OFFICE_USER);
    const townUser = await findUserByUsername(ctx.db, TOWN_USER);
    if (!office || !townUser) throw new Error('bench users missing; run npm run bench -- --keep once');
    const token = await createSession(ctx.db, office.id, 1);
    const actor = await loadActor(ctx.db, office, campaign);
    const townActor = await loadActor(ctx.db, townUser, campaign);
    const combos = await ctx.db
      .selectFrom('enterprises')
      .select(['town_id', 'status'])
      .where('campaign_id', '=', campaign.id)
      .groupBy(['town_id', 'status'])
      .execute();
    const pick = (i: number) => combos[(i * 7919) % combos.length];
    const list = (db: Kysely<Database>, i: number) =>
      listEnterprises(db, actor, { campaignId: campaign.id, rootPath: campaign.rootPath, townId: pick(i).town_id, status: pick(i).status }, { page: 1 + (i % 10), pageSize: 20, sort: 'id', order: 'desc' });

    const steps: { name: string; run: (db: Kysely<Database>, i: number) => Promise<unknown> }[] = [
      { name: 'session and actor (findSessionActor)', run: (db) => findSessionActor(db, token, 120, campaign) },
      { name: 'unit filter (resolveUnitFilter → findOrgUnit)', run: (db, i) => findOrgUnit(db, pick(i).town_id) },
      { name: 'list rows + count (listEnterprises)', run: list },
      { name: 'dashboard status counts (office)', run: (db) => statusCountsByTown(db, actor, campaign.id, campaign.rootPath) },
      { name: 'dashboard item counts (office)', run: (db) => itemCountsByTown(db, actor, campaign.id, campaign.rootPath) },
      { name: 'dashboard item counts (town user)', run: (db) => itemCountsByTown(db, townActor, campaign.id, campaign.rootPath) },
    ];
    console.log(`${ctx.describe}: ${n} workshops, planner statistics: ${stats}; mean of ${repeat} runs each, in-process (no HTTP)\n`);
    for (const step of steps) {
      const queries = await capture(ctx.db, (db) => step.run(db, 0));
      const ms = await timeMs(step.name.startsWith('dashboard') ? Math.max(3, Math.ceil(repeat / 20)) : repeat, (i) => step.run(ctx.db, i));
      console.log(`== ${step.name}: ${ms.toFixed(3)} ms`);
      for (const q of queries) {
        const single = await timeMs(step.name.startsWith('dashboard') ? 3 : repeat, () => ctx.db.executeQuery(q));
        console.log(`  ${single.toFixed(3)} ms  ${q.sql}`);
        console.log(`           params ${JSON.stringify(q.parameters)}`);
        for (const line of await plan(ctx, q)) console.log(`           ${line}`);
      }
      console.log('');
    }
  } finally {
    await ctx.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
