// The workshop list's total without a search term is read from the maintained status counts
// (migration 015) instead of counting the register: it must equal the exact count for every scope
// (district, town, village head, department, liaison over several towns), town, village and status
// filter, and stay equal through registration, a move to another village or town, shutdown,
// exclusion and an import.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnterpriseDto } from '../../../domain/api.js';
import { STATUSES } from '../../../domain/status.js';
import type { Actor } from '../../auth/actor.js';
import { ensureVillages, insertSyntheticEnterprises } from '../../demo/synthetic.js';
import { countEnterprises, countFromStatusCounts, countedByStatusCounts, type ListFilter } from '../../repositories/enterprises.js';
import { listChildUnits } from '../../repositories/orgUnits.js';
import { loadActor } from '../../repositories/users.js';
import type { OrgUnitRow } from '../../db/schema.js';
import { multipart } from '../fixtures/multipart.js';
import { dbUnavailable, setupTestApp, TEST_DB, type Agent, type TestApp } from '../setup/app.js';

describe.skipIf(dbUnavailable())(`list totals from the maintained counts (${TEST_DB})`, () => {
  let t: TestApp;
  let office: Agent;
  let towns: OrgUnitRow[];
  let villages: Map<number, OrgUnitRow[]>;
  /** The town a town user, a village head and the writes below work in, and a town paired with the liaison. */
  let home: OrgUnitRow;
  let paired: OrgUnitRow;
  const actors: { name: string; agent: Agent; actor: Actor }[] = [];

  beforeAll(async () => {
    t = await setupTestApp();
    office = await t.login('office');
    towns = await listChildUnits(t.ctx.db, t.campaign.rootId, 'town');
    villages = await ensureVillages(t.ctx.db, towns, 3);
    await insertSyntheticEnterprises(t.ctx.db, t.campaign, villages, towns, { count: 700, seed: 5, createdBy: null });
    const def = t.campaign.definition;
    const pair = def.liaisonPairs.find((p) => p.towns.length > 1) ?? def.liaisonPairs[0];
    paired = towns.find((x) => x.name === pair.towns[0])!;
    home = towns.find((x) => !pair.towns.includes(x.name))!;
    const department = def.standardItems.find((i) => i.departments.length > 0)!.departments[0];
    // A workshop placed in the town itself (no village): its count rows carry the town's path.
    await t.createWorkshop({ townName: home.name });
    const who: [string, Parameters<TestApp['login']>][] = [
      ['office', ['office']],
      ['town user', ['town', home.name]],
      ['town head', ['town_head', paired.name]],
      ['village head', ['village', `${home.name}/${villages.get(home.id)![1].name}`]],
      ['department', ['department', department]],
      [`liaison over ${pair.towns.length} towns`, ['liaison', pair.department]],
    ];
    for (const [name, args] of who) {
      const agent = await t.login(...args);
      const user = { id: agent.userId, username: name, display_name: name };
      actors.push({ name, agent, actor: await loadActor(t.ctx.db, user, t.campaign) });
    }
    expect(actors.find((a) => a.name.startsWith('liaison'))!.actor.grants[0].readPrefixes.length).toBe(pair.towns.length);
  }, 120_000);
  afterAll(() => t.close());

  /** Every combination of town, village (including one of another town) and status, as the list's filter. */
  function filters(): ListFilter[] {
    const base = { campaignId: t.campaign.id, rootPath: t.campaign.rootPath };
    const townIds = [undefined, home.id, paired.id, towns[towns.length - 1].id];
    const villageIds = [undefined, villages.get(home.id)![1].id, villages.get(home.id)![2].id, villages.get(paired.id)![0].id];
    const out: ListFilter[] = [];
    for (const townId of townIds) for (const villageId of villageIds) for (const status of [undefined, ...STATUSES]) out.push({ ...base, townId, villageId, status });
    return out;
  }

  /** The counted total equals the exact count for every actor and filter; answers how many filters matched something. */
  async function expectTotalsAgree(): Promise<number> {
    let nonEmpty = 0;
    for (const { name, actor } of actors) {
      for (const f of filters()) {
        expect(countedByStatusCounts(f)).toBe(true);
        const exact = await countEnterprises(t.ctx.db, actor, f);
        const counted = await countFromStatusCounts(t.ctx.db, actor, f);
        expect(counted, `${name} town=${f.townId} village=${f.villageId} status=${f.status}`).toBe(exact);
        if (exact > 0) nonEmpty++;
      }
    }
    return nonEmpty;
  }

  /** What the list answers the agent for `query`, and the exact count for the same filter. */
  async function listTotal(agent: Agent, query: string): Promise<number> {
    const res = await agent.get(`/api/enterprises?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { total: number }).total;
  }

  it('equals the exact count for every scope and filter on a generated register', async () => {
    // The comparison is not vacuous: most combinations select workshops.
    expect(await expectTotalsAgree()).toBeGreaterThan(200);
  });

  it('shows every user the same total as counting the register, and keeps counting when a search term is given', async () => {
    const village = villages.get(home.id)![1];
    for (const { name, agent, actor } of actors) {
      const base = { campaignId: t.campaign.id, rootPath: t.campaign.rootPath };
      for (const [query, f] of [
        ['', {}],
        [`town=${home.id}`, { townId: home.id }],
        [`town=${home.id}&status=surveyed`, { townId: home.id, status: 'surveyed' }],
        [`village=${village.id}`, { villageId: village.id }],
        ['status=excluded', { status: 'excluded' }],
        [`sort=updatedAt&order=asc&status=shut_down`, { status: 'shut_down' }],
      ] as const) {
        // (A unit outside the user's sight answers an empty page, as the scope counts nothing there.)
        expect(await listTotal(agent, query), `${name} ${query}`).toBe(await countEnterprises(t.ctx.db, actor, { ...base, ...f }));
      }
      // With a search term the total is counted from the register.
      const q = encodeURIComponent(village.name.replace(/村$/, ''));
      expect(await listTotal(agent, `q=${q}`), `${name} q`).toBe(await countEnterprises(t.ctx.db, actor, { ...base, q: decodeURIComponent(q) }));
    }
    expect(await listTotal(office, '')).toBe(701);
  });

  it('stays equal through registration, moves between villages and towns, shutdown, exclusion and an import', async () => {
    const [, v1, v2] = villages.get(home.id)!;
    const a = await t.createWorkshop({ townName: home.name, villageId: v1.id });
    const b = await t.createWorkshop({ townName: home.name, villageId: v1.id });
    const c = await t.createWorkshop({ townName: home.name, villageId: v2.id });
    await expectTotalsAgree();

    const townUser = actors.find((x) => x.name === 'town user')!.agent;
    const before = await listTotal(townUser, `village=${v2.id}`);
    let current = (await office.get(`/api/enterprises/${b.id}`)).json() as EnterpriseDto;
    expect((await office.patch(`/api/enterprises/${b.id}`, { version: current.version, villageId: v2.id })).statusCode).toBe(200);
    expect(await listTotal(townUser, `village=${v2.id}`)).toBe(before + 1);
    await expectTotalsAgree();

    // Into another town (and out of the town user's sight), then into one of its villages.
    const homeTotal = await listTotal(townUser, '');
    current = (await office.get(`/api/enterprises/${b.id}`)).json() as EnterpriseDto;
    expect((await office.patch(`/api/enterprises/${b.id}`, { version: current.version, townId: paired.id })).statusCode).toBe(200);
    expect(await listTotal(townUser, '')).toBe(homeTotal - 1);
    current = (await office.get(`/api/enterprises/${b.id}`)).json() as EnterpriseDto;
    expect((await office.patch(`/api/enterprises/${b.id}`, { version: current.version, villageId: villages.get(paired.id)![0].id })).statusCode).toBe(200);
    await expectTotalsAgree();

    const shutBefore = await listTotal(office, `town=${home.id}&status=shut_down`);
    await t.shutDown(a.id);
    expect(await listTotal(office, `town=${home.id}&status=shut_down`)).toBe(shutBefore + 1);
    await expectTotalsAgree();

    const excludedBefore = await listTotal(office, 'status=excluded');
    expect((await office.post(`/api/enterprises/${c.id}/exclude`, { reason: '经核实为合法企业' })).statusCode).toBe(200);
    expect(await listTotal(office, 'status=excluded')).toBe(excludedBefore + 1);
    await expectTotalsAgree();

    // An import adds its workshops' counts in bulk (triggers off): the totals include them.
    const importer = await t.login('town', home.name);
    const inTown = await listTotal(importer, '');
    const csv = ['序号,企业名称,企业位置,联系电话,备注', ...Array.from({ length: 12 }, (_, i) => `${i + 1},总数导入加工点${i + 1},${v1.name}${i + 1}号,1390000${String(2000 + i)},`)].join('\n');
    const body = multipart({ townId: String(home.id) }, { name: '任务表.csv', content: Buffer.from(csv, 'utf8'), type: 'text/csv' });
    const preview = await t.app.inject({ method: 'POST', url: '/api/imports', headers: { cookie: importer.cookie, 'content-type': body.contentType }, payload: body.payload });
    expect(preview.statusCode, preview.body).toBe(201);
    const confirmed = await importer.post(`/api/imports/${(preview.json() as { id: number }).id}/confirm`, { skipErrorRows: true });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(await listTotal(importer, '')).toBe(inTown + 12);
    await expectTotalsAgree();
  }, 120_000);
});
