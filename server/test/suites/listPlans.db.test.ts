// The workshop list without a search term answers from indexes whatever page it shows: on a
// generated register, with the planner statistics the app keeps, the plan of the rows query and of
// the total (exactly the queries GET /api/enterprises runs, built by the repository) neither scans
// the register nor sorts all matching workshops. EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL.
import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../auth/actor.js';
import { refreshPlannerStats } from '../../db/dialect.js';
import { ensureVillages, insertSyntheticEnterprises } from '../../demo/synthetic.js';
import { fragmentGrams } from '../../../domain/search.js';
import { filterWalkQuery, listRowsQuery, listTotalQuery, matchingRowsQuery, type ListFilter } from '../../repositories/enterprises.js';
import { gramEntriesQuery, gramsPostingsQuery } from '../../repositories/search.js';
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

  // Searches (issue 13): the matches come from the search index, walked in workshop order, or from
  // the filter's rows when they are fewer (at most SCOPE_WALK_MAX, so their sort is bounded); the
  // page rows by id. Neither scans the register nor sorts its matches.
  const searches: [string, () => { actor: Actor; f: ListFilter }, ('entries' | 'filter')[]][] = [
    ['office, 2-character fragment', () => ({ actor: district, f: { ...base, q: '颗粒' } }), ['entries']],
    ['office, 1-character fragment', () => ({ actor: district, f: { ...base, q: '村' } }), ['entries']],
    ['office, town + status', () => ({ actor: district, f: { ...base, townId, status: 'shut_down', q: '颗粒' } }), ['entries', 'filter']],
    ['town user', () => ({ actor: townActor, f: { ...base, q: '宏达' } }), ['entries', 'filter']],
    ['village head', () => ({ actor: villageActor, f: { ...base, q: '村' } }), ['entries', 'filter']],
    ['village filter', () => ({ actor: district, f: { ...base, townId, villageId, q: '村东' } }), ['entries', 'filter']],
    ['liaison over two towns', () => ({ actor: liaisonActor, f: { ...base, q: '洗选' } }), ['entries', 'filter']],
  ];
  const checkSearchPlans = (name: string, shape: (typeof searches)[number][1], vias: (typeof searches)[number][2]) =>
    it(`search, ${name}: matches through the index, no scan of the register`, async () => {
      const { actor, f } = shape();
      const q = { ...f, q: f.q! };
      const gram = fragmentGrams(q.q)[0];
      const noScan = (plan: Plan) => plan.filter((d) => /^SCAN (enterprises|workshop_search_grams)\b/.test(d) || /Seq Scan on (enterprises|workshop_search_grams)\b/.test(d));
      if (vias.includes('entries')) {
        // A step of the fragment's entries, newest first: one index range, no sort.
        for (const before of [null, 1_000_000]) {
          const entries = await planOf(t, gramEntriesQuery(t.ctx.db, f.campaignId, gram, before, 1024));
          expect([...noScan(entries), ...problems(entries)], entries.join('\n')).toEqual([]);
          expect(entries.join('\n')).toMatch(TEST_DB === 'sqlite' ? /SEARCH workshop_search_grams USING (COVERING INDEX|PRIMARY KEY)/ : /Index (Only )?Scan on workshop_search_grams/);
        }
        // The step's rows by id, checked against the filter, the scope and LIKE.
        const ids = Array.from({ length: 1024 }, (_, i) => 12_000 - i);
        const rows = await planOf(t, matchingRowsQuery(t.ctx.db, actor, q, ids));
        expect([...noScan(rows), ...problems(rows)], rows.join('\n')).toEqual([]);
      }
      if (vias.includes('filter')) {
        // The filter's own rows through an index; their sort is bounded by SCOPE_WALK_MAX.
        const walk = await planOf(t, filterWalkQuery(t.ctx.db, actor, q, gram));
        expect(noScan(walk), walk.join('\n')).toEqual([]);
      }
      const weigh = await planOf(t, { compile: () => gramsPostingsQuery(f.campaignId, [gram, `${gram}厂`], 20_000).compile(t.ctx.db) });
      expect(noScan(weigh), weigh.join('\n')).toEqual([]);
    });

  describe('with the planner statistics the app keeps', () => {
    for (const [name, shape] of shapes) checkPlans(name, shape);
    for (const [name, shape, vias] of searches) checkSearchPlans(name, shape, vias);
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
    for (const [name, shape, vias] of searches) checkSearchPlans(name, shape, vias);
  });
});
