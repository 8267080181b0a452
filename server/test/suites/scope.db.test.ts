// Role × action × in/out of scope, through the HTTP API. Out of scope answers 404 (existence does
// not leak); in scope but not the role's job answers 403.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardDto, EnterpriseDto, ListResponse, EnterpriseSummaryDto, OrgUnitDto } from '../../../domain/api.js';
import type { Role } from '../../../domain/roles.js';
import { dbUnavailable, setupTestApp, TEST_DB, type Agent, type TestApp } from '../setup/app.js';

type Target = 'A' | 'B';
type Action = 'read' | 'history' | 'update' | 'itemTown' | 'itemPower' | 'verdict' | 'exclude';

// Scopes are written relative to the campaign: A is a town paired with the first liaison
// department, B a town that is not; V is a village in A.
interface Case {
  role: Role;
  scope?: 'A' | 'B' | 'V' | 'liaisonDept' | 'powerDept';
  expect: Record<Action, [number, number]>; // [status on A, status on B]
}

const CASES: Case[] = [
  { role: 'admin', expect: { read: [200, 200], history: [200, 200], update: [403, 403], itemTown: [403, 403], itemPower: [403, 403], verdict: [403, 403], exclude: [403, 403] } },
  { role: 'office', expect: { read: [200, 200], history: [200, 200], update: [200, 200], itemTown: [200, 200], itemPower: [200, 200], verdict: [403, 403], exclude: [200, 200] } },
  { role: 'leader', expect: { read: [200, 200], history: [200, 200], update: [403, 403], itemTown: [403, 403], itemPower: [403, 403], verdict: [403, 403], exclude: [403, 403] } },
  { role: 'town', scope: 'A', expect: { read: [200, 404], history: [200, 404], update: [200, 404], itemTown: [200, 404], itemPower: [200, 404], verdict: [403, 404], exclude: [403, 404] } },
  { role: 'town_head', scope: 'A', expect: { read: [200, 404], history: [200, 404], update: [200, 404], itemTown: [200, 404], itemPower: [200, 404], verdict: [403, 404], exclude: [403, 404] } },
  { role: 'village', scope: 'V', expect: { read: [200, 404], history: [200, 404], update: [200, 404], itemTown: [200, 404], itemPower: [200, 404], verdict: [403, 404], exclude: [403, 404] } },
  { role: 'liaison', scope: 'liaisonDept', expect: { read: [200, 404], history: [200, 404], update: [403, 404], itemTown: [403, 404], itemPower: [403, 404], verdict: [403, 404], exclude: [403, 404] } },
  { role: 'department', scope: 'powerDept', expect: { read: [200, 200], history: [200, 200], update: [403, 403], itemTown: [403, 403], itemPower: [200, 200], verdict: [403, 403], exclude: [403, 403] } },
  { role: 'inspector', expect: { read: [200, 200], history: [200, 200], update: [403, 403], itemTown: [403, 403], itemPower: [403, 403], verdict: [200, 200], exclude: [403, 403] } },
  { role: 'discipline', expect: { read: [200, 200], history: [200, 200], update: [403, 403], itemTown: [403, 403], itemPower: [403, 403], verdict: [403, 403], exclude: [403, 403] } },
];

describe.skipIf(dbUnavailable())(`jurisdiction scopes (${TEST_DB})`, () => {
  let t: TestApp;
  let townA: string;
  let townB: string;
  const villageName = '范围测试村';
  let scopes: Record<NonNullable<Case['scope']>, string>;
  let townItem: string;
  let powerItem: string;

  beforeAll(async () => {
    t = await setupTestApp();
    const def = t.campaign.definition;
    const paired = def.liaisonPairs[0];
    townA = paired.towns[0];
    townB = t.towns.find((x) => !paired.towns.includes(x.name))!.name;
    await t.village(townA, villageName);
    const power = def.standardItems.find((i) => i.departments.length > 0)!;
    powerItem = power.code;
    townItem = def.standardItems.find((i) => i.departments.length === 0)!.code;
    scopes = { A: townA, B: townB, V: `${townA}/${villageName}`, liaisonDept: paired.department, powerDept: power.departments[0] };
  });
  afterAll(() => t.close());

  async function workshopIn(target: Target, shutDown = false): Promise<EnterpriseDto> {
    const townName = target === 'A' ? townA : townB;
    const villageId = target === 'A' ? await t.village(townA, villageName) : null;
    const e = await t.createWorkshop({ townName, villageId });
    return shutDown ? t.shutDown(e.id) : e;
  }

  async function attempt(agent: Agent, action: Action, target: Target): Promise<number> {
    const e = await workshopIn(target, action === 'verdict');
    const item = { state: 'done', unit: '执行单位', person: '执行人', date: '2016-05-12' };
    switch (action) {
      case 'read':
        return (await agent.get(`/api/enterprises/${e.id}`)).statusCode;
      case 'history':
        return (await agent.get(`/api/enterprises/${e.id}/history`)).statusCode;
      case 'update':
        return (await agent.patch(`/api/enterprises/${e.id}`, { version: e.version, notes: '改' })).statusCode;
      case 'itemTown':
        await t.addEvidence(e.id, townItem);
        return (await agent.put(`/api/enterprises/${e.id}/items/${townItem}`, item)).statusCode;
      case 'itemPower':
        await t.addEvidence(e.id, powerItem);
        return (await agent.put(`/api/enterprises/${e.id}/items/${powerItem}`, item)).statusCode;
      case 'verdict':
        return (await agent.post(`/api/enterprises/${e.id}/verdict`, { verdict: 'accepted' })).statusCode;
      case 'exclude':
        return (await agent.post(`/api/enterprises/${e.id}/exclude`, { reason: '经核实不属于土小企业' })).statusCode;
    }
  }

  for (const c of CASES) {
    it(`${c.role}${c.scope ? ` (${c.scope})` : ''}: every action inside and outside its scope`, async () => {
      const agent = await t.login(c.role, c.scope ? scopes[c.scope] : undefined);
      const got: Record<string, [number, number]> = {};
      for (const action of Object.keys(c.expect) as Action[]) got[action] = [await attempt(agent, action, 'A'), await attempt(agent, action, 'B')];
      expect(got).toEqual(c.expect);
    });
  }

  it('cuts lists, counts, search, dashboards and org units to the scope', async () => {
    const a = await workshopIn('A');
    const b = await workshopIn('B');
    const town = await t.login('town', townA);
    const list = (await town.get('/api/enterprises?pageSize=100')).json() as ListResponse<EnterpriseSummaryDto>;
    expect(list.items.every((e) => e.townName === townA)).toBe(true);
    expect(list.items.some((e) => e.id === a.id)).toBe(true);
    expect(list.items.some((e) => e.id === b.id)).toBe(false);
    // Naming another town in the filter finds nothing rather than an error that confirms it exists.
    const other = (await town.get(`/api/enterprises?town=${encodeURIComponent(townB)}`)).json() as ListResponse<EnterpriseSummaryDto>;
    expect(other).toEqual({ items: [], total: 0, totalCapped: false });
    const search = (await town.get(`/api/enterprises?q=${encodeURIComponent(b.name)}`)).json() as ListResponse<EnterpriseSummaryDto>;
    expect(search.total).toBe(0);
    const dash = (await town.get('/api/dashboard')).json() as DashboardDto;
    expect(dash.towns.map((r) => r.townName)).toEqual([townA]);
    expect(dash.totals.total).toBe(list.total);
    const units = (await town.get('/api/org-units?kind=town')).json() as OrgUnitDto[];
    expect(units.map((u) => u.name)).toEqual([townA]);

    const village = await t.login('village', `${townA}/${villageName}`);
    // A village head sees its own town (read-only, for labels) and its village, nothing else.
    const vTowns = (await village.get('/api/org-units?kind=town')).json() as OrgUnitDto[];
    expect(vTowns.map((u) => u.name)).toEqual([townA]);
    const vVillages = (await village.get('/api/org-units?kind=village')).json() as OrgUnitDto[];
    expect(vVillages.map((u) => u.name)).toEqual([villageName]);
    const vList = (await village.get('/api/enterprises?pageSize=100')).json() as ListResponse<EnterpriseSummaryDto>;
    expect(vList.items.every((e) => e.villageName === villageName)).toBe(true);

    const liaison = await t.login('liaison', scopes.liaisonDept);
    const lDash = (await liaison.get('/api/dashboard')).json() as DashboardDto;
    expect(lDash.towns.map((r) => r.townName).sort()).toEqual([...t.campaign.definition.liaisonPairs[0].towns].sort());

    const office = await t.login('office');
    const all = (await office.get('/api/enterprises?pageSize=100')).json() as ListResponse<EnterpriseSummaryDto>;
    expect(all.items.some((e) => e.id === b.id) && all.items.some((e) => e.id === a.id)).toBe(true);
  });

  it('lets a town register and add villages only in its own town', async () => {
    const town = await t.login('town', townA);
    const idB = t.towns.find((x) => x.name === townB)!.id;
    const idA = t.towns.find((x) => x.name === townA)!.id;
    const create = await town.post('/api/enterprises', { name: '越界登记厂', kind: 'pellet', townId: idB });
    expect(create.statusCode).toBe(400);
    expect(create.json().errors[0].path).toBe('townId');
    const moved = await workshopIn('A');
    const move = await town.patch(`/api/enterprises/${moved.id}`, { version: moved.version, townId: idB });
    expect(move.statusCode).toBe(400);
    expect((await town.post('/api/org-units', { townId: idA, name: '新增测试村' })).statusCode).toBe(201);
    expect((await town.post('/api/org-units', { townId: idA, name: '新增测试村' })).statusCode).toBe(409);
    expect((await town.post('/api/org-units', { townId: idB, name: '越界村' })).statusCode).toBe(400);
    const village = await t.login('village', `${townA}/${villageName}`);
    const villageId = await t.village(townA, villageName);
    const inVillage = await village.post('/api/enterprises', { name: '村里登记厂', kind: 'pellet', townId: idA, villageId });
    expect(inVillage.statusCode).toBe(201);
    const noVillage = await village.post('/api/enterprises', { name: '村外登记厂', kind: 'pellet', townId: idA });
    expect(noVillage.statusCode).toBe(400);
    expect(noVillage.json().errors[0]).toEqual({ path: 'villageId', message: '请选择所属村居' });
    const otherVillage = await t.village(townA, '邻村');
    expect((await village.post('/api/enterprises', { name: '邻村登记厂', kind: 'pellet', townId: idA, villageId: otherVillage })).statusCode).toBe(400);
    const dept = await t.login('department', scopes.powerDept);
    expect((await dept.post('/api/org-units', { townId: idA, name: '部门建村' })).statusCode).toBe(403);
    expect((await dept.post('/api/enterprises', { name: '部门登记厂', kind: 'pellet', townId: idA })).statusCode).toBe(403);
  });
});
