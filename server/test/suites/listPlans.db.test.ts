// The workshop list without a search term answers from indexes whatever page it shows: on a
// generated register, with the planner statistics the app keeps, the plan of the rows query and of
// the total (exactly the queries GET /api/enterprises runs, built by the repository) neither scans
// the register nor sorts all matching workshops. EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL.
import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../auth/actor.js';
import { refreshPlannerStats } from '../../db/dialect.js';
import { ensureVillages, insertSyntheticEnterprises } from '../../demo/synthetic.js';
import { listRowsQuery, listTotalQuery, type ListFilter } from '../../repositories/enterprises.js';
import { listChildUnits } from '../../repositories/orgUnits.js';
import { testActor, testGrant } from '../fixtures/actors.js';
import { dbUnavailable, setupTestApp, TEST_DB, type TestApp } from '../setup/app.js';

const WORKSHOPS = 12_000;

type Plan = string[];

interface PgNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PgNode[];
}

/** The plan as lines: SQLite's EXPLAIN QUERY PLAN details, PostgreSQL's nodes (depth-first) as "Node Type [on relation] [using index]". */
async function planOf(t: TestApp, query: { compile(): CompiledQuery }): Promise<Plan> {
  const c = query.compile();
  if (TEST_DB === 'sqlite') {
    const res = await t.ctx.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${c.sql}`, [...c.parameters]));
    return res.rows.map((r) => r.detail);
  }
  const res = await t.ctx.db.executeQuery<{ 'QUERY PLAN': [{ Plan: PgNode }] }>(CompiledQuery.raw(`explain (format json) ${c.sql}`, [...c.parameters]));
  const lines: string[] = [];
  const walk = (n: PgNode, depth: number) => {
    lines.push(`${'  '.repeat(depth)}${n['Node Type']}${n['Relation Name'] ? ` on ${n['Relation Name']}` : ''}${n['Index Name'] ? ` using ${n['Index Name']}` : ''}`);
    for (const child of n.Plans ?? []) walk(child, depth + 1);
  };
  walk(res.rows[0]['QUERY PLAN'][0].Plan, 0);
  return lines;
}

/** What makes a plan's cost grow with the register: a full scan of enterprises, or a sort of every match. */
function problems(plan: Plan): string[] {
  if (TEST_DB === 'sqlite') return plan.filter((d) => /^SCAN enterprises\b/.test(d) || /USE TEMP B-TREE/.test(d));
  // Every Sort here would be over all matches: the queries are single-table with LIMIT at the top.
  return plan.filter((d) => /Seq Scan on enterprises\b/.test(d) || /\bSort\b/.test(d));
}

describe.skipIf(dbUnavailable())(`list query plans (${TEST_DB})`, () => {
  let t: TestApp;
  let base: Pick<ListFilter, 'campaignId' | 'rootPath'>;
  let district: Actor;
  let townActor: Actor;
  let villageActor: Actor;
  let liaisonActor: Actor;
  let townId: number;
  let villageId: number;

  beforeAll(async () => {
    t = await setupTestApp();
    const towns = await listChildUnits(t.ctx.db, t.campaign.rootId, 'town');
    const villages = await ensureVillages(t.ctx.db, towns, 7);
    await insertSyntheticEnterprises(t.ctx.db, t.campaign, villages, towns, { count: WORKSHOPS, seed: 13, createdBy: null });
    await refreshPlannerStats(t.ctx.db, t.ctx.dialect);
    base = { campaignId: t.campaign.id, rootPath: t.campaign.rootPath };
    townId = towns[1].id;
    const village = villages.get(townId)![2];
    villageId = village.id;
    district = testActor(testGrant('office', [t.campaign.rootPath]));
    townActor = testActor(testGrant('town', [towns[1].path]));
    villageActor = testActor(testGrant('village', [village.path]));
    liaisonActor = testActor(testGrant('liaison', [towns[3].path, towns[4].path]));
  }, 240_000);
  afterAll(() => t.close());

  const page = { page: 1, pageSize: 50, sort: 'id', order: 'desc' } as const;
  const deep = { page: 9, pageSize: 50, sort: 'id', order: 'desc' } as const;

  const shapes: [string, () => { actor: Actor; f: ListFilter; p: { page: number; pageSize: number; sort: 'id' | 'name' | 'updatedAt' | 'status'; order: 'asc' | 'desc' } }][] = [
    ['district-wide, default sort', () => ({ actor: district, f: { ...base }, p: page })],
    ['district-wide, page 9', () => ({ actor: district, f: { ...base }, p: deep })],
    ['district-wide, by status', () => ({ actor: district, f: { ...base, status: 'in_progress' }, p: page })],
    ['town filter', () => ({ actor: district, f: { ...base, townId }, p: page })],
    ['town + status', () => ({ actor: district, f: { ...base, townId, status: 'shut_down' }, p: page })],
    ['village filter', () => ({ actor: district, f: { ...base, townId, villageId }, p: page })],
    ['sorted by updatedAt', () => ({ actor: district, f: { ...base }, p: { ...page, sort: 'updatedAt' } })],
    ['sorted by updatedAt, oldest first', () => ({ actor: district, f: { ...base }, p: { ...page, sort: 'updatedAt', order: 'asc' } })],
    ['sorted by status', () => ({ actor: district, f: { ...base }, p: { ...page, sort: 'status' } })],
    ['sorted by name', () => ({ actor: district, f: { ...base }, p: { ...page, sort: 'name', order: 'asc' } })],
    ['town filter, sorted by updatedAt', () => ({ actor: district, f: { ...base, townId }, p: { ...page, sort: 'updatedAt' } })],
    ['town user, default sort', () => ({ actor: townActor, f: { ...base }, p: page })],
    ['town user, status', () => ({ actor: townActor, f: { ...base, townId, status: 'surveyed' }, p: page })],
    ['village head, default sort', () => ({ actor: villageActor, f: { ...base }, p: page })],
    ['liaison over two towns, default sort', () => ({ actor: liaisonActor, f: { ...base }, p: page })],
  ];

  const checkPlans = (name: string, shape: (typeof shapes)[number][1]) =>
    it(`${name}: the rows and the total come from indexes, without sorting every match`, async () => {
      const { actor, f, p } = shape();
      const rows = await planOf(t, listRowsQuery(t.ctx.db, actor, f, p));
      const total = await planOf(t, listTotalQuery(t.ctx.db, actor, f));
      expect(problems(rows), rows.join('\n')).toEqual([]);
      expect(problems(total), total.join('\n')).toEqual([]);
      // The total is read from the maintained counts, never from the register; a town's by town.
      expect(total.join('\n')).not.toMatch(/enterprises/);
      if (TEST_DB === 'sqlite' && f.townId !== undefined && f.villageId === undefined) expect(total.join('\n')).toMatch(/town_id=\?/);
    });

  describe('with the planner statistics the app keeps', () => {
    for (const [name, shape] of shapes) checkPlans(name, shape);
  });

  // SQLite plans without statistics too (a database copied before its first refresh): the same plans.
  describe.skipIf(TEST_DB !== 'sqlite')('without planner statistics (SQLite)', () => {
    beforeAll(async () => {
      await sql`delete from sqlite_stat1`.execute(t.ctx.db);
      const stat4 = await sql<{ name: string }>`select name from sqlite_schema where name = 'sqlite_stat4'`.execute(t.ctx.db);
      if (stat4.rows.length > 0) await sql`delete from sqlite_stat4`.execute(t.ctx.db);
      await sql`analyze sqlite_schema`.execute(t.ctx.db); // reloads the (now empty) statistics
      expect((await sql<{ n: number }>`select count(*) as n from sqlite_stat1`.execute(t.ctx.db)).rows[0].n).toBe(0);
    });
    for (const [name, shape] of shapes) checkPlans(name, shape);
  });
});
