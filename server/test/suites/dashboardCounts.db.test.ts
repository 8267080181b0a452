// The dashboard's maintained counts (migration 015) stay equal to a full count of the register
// through everything that changes it: registration, items, shutdown, verdicts, exclusion,
// recurrence, a workshop moved to another village, and an import (whose counts are added in bulk).
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardDto, EnterpriseDto } from '../../../domain/api.js';
import { checkDashboardCounts } from '../../repositories/dashboard.js';
import { dbUnavailable, setupTestApp, TEST_DB, type Agent, type TestApp } from '../setup/app.js';
import { multipart } from '../fixtures/multipart.js';
import { qudiIn } from '../setup/cli.js';


describe.skipIf(dbUnavailable())(`dashboard counts (${TEST_DB})`, () => {
  let t: TestApp;
  let office: Agent;
  let townName: string;
  beforeAll(async () => {
    t = await setupTestApp();
    office = await t.login('office');
    townName = t.towns[2].name;
  });
  afterAll(() => t.close());

  const consistent = async () => expect(await checkDashboardCounts(t.ctx.db)).toEqual({ mismatches: [], triggersOff: false });

  /** What the dashboard should say for one town, counted from the register itself. */
  async function scanTown(townId: number) {
    const status = await t.ctx.db.selectFrom('enterprises').select(['status', (eb) => eb.fn.countAll().as('n')]).where('town_id', '=', townId).groupBy('status').execute();
    const items = await t.ctx.db
      .selectFrom('enterprise_items as i')
      .innerJoin('enterprises as e', 'e.id', 'i.enterprise_id')
      .select(['i.item_code', 'i.state', (eb) => eb.fn.countAll().as('n')])
      .where('e.town_id', '=', townId)
      .where('e.status', '!=', 'excluded')
      .groupBy(['i.item_code', 'i.state'])
      .execute();
    return { status: Object.fromEntries(status.map((s) => [s.status, Number(s.n)])), items };
  }

  it('follows every change of a workshop and its items, and the dashboard shows them', async () => {
    const villageA = await t.village(townName, '计数甲村');
    const villageB = await t.village(townName, '计数乙村');
    const a = await t.createWorkshop({ townName, villageId: villageA });
    const b = await t.createWorkshop({ townName, villageId: villageA });
    const c = await t.createWorkshop({ townName, villageId: villageB });
    await consistent();

    await t.shutDown(a.id); // every item done with its evidence
    const town = await t.login('town', townName);
    const code = t.campaign.definition.standardItems[0].code;
    expect((await town.put(`/api/enterprises/${b.id}/items/${code}`, { state: 'not_applicable', reason: '无供电设施' })).statusCode).toBe(200);
    await consistent();

    const inspector = await t.login('inspector');
    expect((await inspector.post(`/api/enterprises/${a.id}/verdict`, { verdict: 'accepted' })).statusCode).toBe(200);
    expect((await office.post(`/api/enterprises/${c.id}/exclude`, { reason: '经核实为合法企业' })).statusCode).toBe(200);
    expect((await town.post(`/api/enterprises/${a.id}/recur`, { reason: '夜间恢复生产' })).statusCode).toBe(200);
    await consistent();

    // Moved to the other village: its status and its items are counted there now.
    const current = (await town.get(`/api/enterprises/${b.id}`)).json() as EnterpriseDto;
    expect((await town.patch(`/api/enterprises/${b.id}`, { version: current.version, villageId: villageB })).statusCode).toBe(200);
    await consistent();

    const townId = t.towns[2].id;
    const expected = await scanTown(townId);
    const dash = (await office.get('/api/dashboard')).json() as DashboardDto;
    const row = dash.towns.find((r) => r.townId === townId)!;
    for (const [status, n] of Object.entries(expected.status)) expect(row.byStatus[status as keyof typeof row.byStatus]).toBe(n);
    expect(row.total).toBe(Object.values(expected.status).reduce((x, y) => x + y, 0));
    for (const i of expected.items) {
      const cell = row.items[i.item_code];
      const n = i.state === 'done' ? cell.done : i.state === 'not_applicable' ? cell.notApplicable : cell.pending;
      expect(n, `${i.item_code} ${i.state}`).toBe(Number(i.n));
    }
    // The excluded workshop is counted as excluded, and its items nowhere.
    expect(row.byStatus.excluded).toBe(1);
    // A town user's dashboard is its own town only, from the same counts.
    const own = (await town.get('/api/dashboard')).json() as DashboardDto;
    expect(own.towns.map((r) => r.townId)).toEqual([townId]);
    expect(own.towns[0]).toEqual(row);
  });

  it('adds an import\'s workshops in bulk, with the same result as counting them one by one', async () => {
    const village = await t.village(townName, '导入计数村');
    const town = await t.login('town', townName);
    const csv = ['序号,企业名称,企业位置,联系电话,备注', ...Array.from({ length: 30 }, (_, i) => `${i + 1},计数导入加工点${i + 1},导入计数村${i + 1}号,1390000${String(1000 + i)},`)].join('\n');
    const body = multipart({ townId: String(t.towns[2].id) }, { name: '任务表.csv', content: Buffer.from(csv, 'utf8'), type: 'text/csv' });
    const preview = await t.app.inject({ method: 'POST', url: '/api/imports', headers: { cookie: town.cookie, 'content-type': body.contentType }, payload: body.payload });
    expect(preview.statusCode).toBe(201);
    const p = preview.json() as { id: number; errorCount: number };
    expect(p.errorCount).toBe(0);
    const confirmed = await town.post(`/api/imports/${p.id}/confirm`, { skipErrorRows: true });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const inVillage = await t.ctx.db.selectFrom('dashboard_status_counts').select('n').where('org_path', 'like', `%/${village}/`).where('status', '=', 'surveyed').executeTakeFirst();
    expect(Number(inVillage?.n)).toBe(30);
    await consistent();
    // The triggers are on again after the import: a workshop registered now is counted.
    await t.createWorkshop({ townName, villageId: village });
    await consistent();
  });

  it('`qudi dashboard check` finds counts changed behind the application\'s back; `rebuild` recounts them', async () => {
    await sql`update dashboard_status_counts set n = n + 5 where status = 'surveyed'`.execute(t.ctx.db);
    // SQLite: a bulk writer's switch left on by hand (it normally lives inside one transaction).
    if (TEST_DB === 'sqlite') await sql`update dashboard_counts_guard set bulk = 1`.execute(t.ctx.db);
    const bad = await qudiIn(t, 'dashboard', 'check');
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('不一致');
    if (TEST_DB === 'sqlite') expect(bad.out).toContain('统计触发器处于关闭状态');
    expect((await qudiIn(t, 'dashboard', 'rebuild')).code).toBe(0);
    const good = await qudiIn(t, 'dashboard', 'check');
    expect(good.code, good.out).toBe(0);
    expect(good.out).toContain('统计数与台账一致');
  });
});

describe.skipIf(TEST_DB !== 'postgres' || dbUnavailable())('dashboard counts under concurrent writes (postgres)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await setupTestApp();
  });
  afterAll(() => t.close());

  it('two edits in one village that touch its counts in opposite orders both complete, one after the other', async () => {
    const townName = t.towns[3].name;
    const village = await t.village(townName, '并发村');
    const x = await t.createWorkshop({ townName, villageId: village });
    const y = await t.createWorkshop({ townName, villageId: village });
    const code = t.campaign.definition.standardItems[0].code;
    const url = t.ctx.config.databaseUrl!;
    const a = new pg.Client({ connectionString: url });
    const b = new pg.Client({ connectionString: url });
    await Promise.all([a.connect(), b.connect()]);
    try {
      await a.query('begin');
      await b.query('begin');
      const pause = () => new Promise((resolve) => setTimeout(resolve, 300));
      // A touches the village's status count, then its pending-item count; B the item counts, then the status count.
      await a.query(`update enterprises set status = 'surveyed' where id = $1`, [y.id]);
      const bFirst = b.query(`update enterprise_items set state = 'done' where enterprise_id = $1 and item_code = $2`, [x.id, code]);
      await pause();
      const aSecond = a.query(`update enterprise_items set state = 'pending' where enterprise_id = $1 and item_code = $2`, [y.id, code]);
      await pause();
      const bDone = bFirst.then(() => b.query(`update enterprises set status = 'surveyed' where id = $1`, [x.id])).then(() => b.query('commit'));
      const aDone = aSecond.then(() => a.query('commit'));
      const results = await Promise.allSettled([aDone, bDone]);
      expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))).toEqual(['ok', 'ok']);
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
    expect(await checkDashboardCounts(t.ctx.db)).toEqual({ mismatches: [], triggersOff: false });
  });
});
