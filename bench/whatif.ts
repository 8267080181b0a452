// What-if, SQLite only: would planner statistics or other indexes speed up the list and dashboard
// queries? Copies the kept benchmark database to a scratch file (the kept one is not touched),
// captures the exact SQL the repositories send (listEnterprises for a spread of town/status/page
// filters, and the dashboard's two aggregates), then applies candidate changes one after another
// and times the same statements after each. Two probes drop the scope predicate (org_path range)
// from the list, as visibleTo could for an actor whose scope is the whole campaign.
//
//   npx tsx bench/whatif.ts --n 100000
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import SqliteDatabase from 'better-sqlite3';
import type { CompiledQuery } from 'kysely';
import { currentCampaign } from '../server/repositories/campaigns.js';
import { itemCountsByTown, statusCountsByTown } from '../server/repositories/dashboard.js';
import { listEnterprises } from '../server/repositories/enterprises.js';
import { findUserByUsername, loadActor } from '../server/repositories/users.js';
import { benchTarget, capture, intArg, OFFICE_USER, openTarget, setPlannerStats, TOWN_USER } from './lib.js';

interface Probe {
  name: string;
  queries: CompiledQuery[];
  repeat: number;
}

const STEPS: { name: string; sql: string }[] = [
  { name: 'as deployed (no planner statistics)', sql: '' },
  {
    name: '+ list index (campaign_id, town_id, status, id, org_path) replacing enterprises_town_status, no ANALYZE',
    sql: 'CREATE INDEX enterprises_town_status_path ON enterprises (campaign_id, town_id, status, id, org_path); DROP INDEX enterprises_town_status',
  },
  { name: '+ covering item index (enterprise_id, item_code, state), no ANALYZE', sql: 'CREATE INDEX enterprise_items_cover ON enterprise_items (enterprise_id, item_code, state)' },
  { name: '+ ANALYZE', sql: 'ANALYZE' },
];

/** The same statement without the scope predicate (what a district-wide actor could send). */
function withoutScope(q: CompiledQuery): CompiledQuery {
  const pred = ' and ("enterprises"."org_path" >= ? and "enterprises"."org_path" < ?)';
  if (!q.sql.includes(pred)) throw new Error(`scope predicate not found in: ${q.sql}`);
  const before = q.sql.slice(0, q.sql.indexOf(pred)).split('?').length - 1;
  return { ...q, sql: q.sql.replace(pred, ''), parameters: q.parameters.filter((_, i) => i !== before && i !== before + 1) };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { n: { type: 'string' }, repeat: { type: 'string' } } });
  const n = intArg(values.n, 'n', 100_000);
  const repeat = intArg(values.repeat, 'repeat', 100);
  const target = benchTarget(n, true);
  if (target.kind !== 'sqlite') throw new Error('whatif.ts works on the SQLite benchmark database only');
  if (!(await target.exists())) throw new Error(`no kept database at ${target.label}; run: npx tsx bench/generate.ts --n ${n}`);

  const ctx = await openTarget(target);
  const probes: Probe[] = [];
  try {
    await setPlannerStats(ctx, false);
    const campaign = await currentCampaign(ctx.db);
    const office = await findUserByUsername(ctx.db, OFFICE_USER);
    const townUser = await findUserByUsername(ctx.db, TOWN_USER);
    if (!office || !townUser) throw new Error('bench users missing; run npm run bench -- --keep once');
    const actor = await loadActor(ctx.db, office, campaign);
    const townActor = await loadActor(ctx.db, townUser, campaign);
    const combos = await ctx.db.selectFrom('enterprises').select(['town_id', 'status']).where('campaign_id', '=', campaign.id).groupBy(['town_id', 'status']).execute();
    const rows: CompiledQuery[] = [];
    const counts: CompiledQuery[] = [];
    for (let i = 0; i < 40; i++) {
      const c = combos[(i * 7919) % combos.length];
      const [r, k] = await capture(ctx.db, (db) =>
        listEnterprises(db, actor, { campaignId: campaign.id, rootPath: campaign.rootPath, townId: c.town_id, status: c.status }, { page: 1 + (i % 10), pageSize: 20, sort: 'id', order: 'desc' }),
      );
      rows.push(r);
      counts.push(k);
    }
    probes.push({ name: 'list rows (office, town+status, pages 1–10)', queries: rows, repeat });
    probes.push({ name: 'list count (office, town+status)', queries: counts, repeat });
    probes.push({ name: 'list rows without the scope predicate', queries: rows.map(withoutScope), repeat });
    probes.push({ name: 'list count without the scope predicate', queries: counts.map(withoutScope), repeat });
    probes.push({ name: 'dashboard status counts (office)', queries: await capture(ctx.db, (db) => statusCountsByTown(db, actor, campaign.id, campaign.rootPath)), repeat: 5 });
    probes.push({ name: 'dashboard item counts (office)', queries: await capture(ctx.db, (db) => itemCountsByTown(db, actor, campaign.id, campaign.rootPath)), repeat: 5 });
    probes.push({ name: 'dashboard item counts (town user)', queries: await capture(ctx.db, (db) => itemCountsByTown(db, townActor, campaign.id, campaign.rootPath)), repeat: 5 });
  } finally {
    await ctx.close();
  }

  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'qudi-whatif-'));
  const file = path.join(scratch, 'qudi.db');
  try {
    const source = new SqliteDatabase(target.label, { readonly: true });
    await source.backup(file);
    source.close();
    const db = new SqliteDatabase(file);
    db.pragma('journal_mode = WAL');
    db.pragma('cache_size = -65536'); // as server/db/connect.ts
    console.log(`what-if on a copy of ${target.label} (${n} workshops); mean ms per statement\n`);
    for (const step of STEPS) {
      if (step.sql) db.exec(step.sql);
      console.log(`== ${step.name}`);
      for (const probe of probes) {
        const stmts = probe.queries.map((q) => ({ stmt: db.prepare(q.sql), params: q.parameters as unknown[] }));
        const planOf = db.prepare(`EXPLAIN QUERY PLAN ${probe.queries[0].sql}`).all(...(probe.queries[0].parameters as unknown[])) as { detail: string }[];
        const run = (i: number) => {
          const s = stmts[i % stmts.length];
          s.stmt.all(...s.params);
        };
        for (let i = 0; i < Math.min(probe.repeat, 10); i++) run(i);
        const t0 = performance.now();
        for (let i = 0; i < probe.repeat; i++) run(i);
        const ms = (performance.now() - t0) / probe.repeat;
        console.log(`  ${ms.toFixed(3).padStart(9)} ms  ${probe.name}`);
        console.log(`               ${planOf.map((p) => p.detail).join(' / ')}`);
      }
      console.log('');
    }
    db.close();
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
