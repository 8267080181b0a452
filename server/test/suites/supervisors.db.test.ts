// 监管责任人 on file (issue 16 §1): a town's keepers name its 主管领导 and 监管责任人, the register's keepers (a
// village head in their own village) a site's 村居监管责任人; each change names the row it replaces, closes it
// and keeps it as history, audited; everyone who reads the town or the workshop reads them; the gaps list
// the towns and the sites under supervision with nobody named. Bad input changes nothing; out of scope is 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnterpriseDto } from '../../../domain/api.js';
import type { SiteSupervisorDto, SupervisionGapsDto, TownSupervisorListDto, TownSupervisorsDto } from '../../../domain/supervisors.js';
import { insertSupervisor } from '../../repositories/supervisors.js';
import { dbUnavailable, setupTestApp, TEST_DB, type Agent, type TestApp } from '../setup/app.js';

const CHINESE = /[\u4e00-\u9fff]/;

describe.skipIf(dbUnavailable())(`supervisors on file (${TEST_DB})`, () => {
  let t: TestApp;
  let townA: { id: number; name: string; path: string };
  let townB: { id: number; name: string; path: string };
  let clerkA: Agent;
  let headA: Agent;
  let clerkB: Agent;
  let office: Agent;
  let leader: Agent;
  let police: Agent;
  let liaison: Agent;
  let villageHead: Agent;
  let shut: EnterpriseDto; // townA, the village head's village, shut down
  let otherVillage: EnterpriseDto; // townA, another village, surveyed
  let shutB: EnterpriseDto; // townB, shut down
  let excluded: EnterpriseDto;

  const count = async () => Number((await t.ctx.db.selectFrom('supervisors').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const townUrl = (id: number) => `/api/supervision/towns/${id}/supervisors`;
  const siteUrl = (id: number) => `/api/enterprises/${id}/supervisor`;
  const town = async (agent: Agent, id = townA.id) => {
    const res = await agent.get(townUrl(id));
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as TownSupervisorsDto;
  };
  const site = async (agent: Agent, id = shut.id) => {
    const res = await agent.get(siteUrl(id));
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as SiteSupervisorDto;
  };
  const gaps = async (agent: Agent, query = '') => {
    const res = await agent.get(`/api/supervision/gaps${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as SupervisionGapsDto;
  };

  beforeAll(async () => {
    t = await setupTestApp();
    const pair = t.campaign.definition.liaisonPairs[0];
    townA = t.towns.find((x) => x.name === pair.towns[0])!;
    townB = t.towns.find((x) => !pair.towns.includes(x.name))!;
    clerkA = await t.login('town', townA.name);
    headA = await t.login('town_head', townA.name);
    clerkB = await t.login('town', townB.name);
    office = await t.login('office');
    leader = await t.login('leader');
    police = await t.login('department', 'police');
    liaison = await t.login('liaison', pair.department);
    const villageId = await t.village(townA.name, '监管测试村');
    const otherVillageId = await t.village(townA.name, '监管外村');
    villageHead = await t.login('village', `${townA.name}/监管测试村`);
    shut = await t.createWorkshop({ townName: townA.name, villageId, name: '监管测试塑料颗粒厂', phone: '13900004001' });
    otherVillage = await t.createWorkshop({ townName: townA.name, villageId: otherVillageId, name: '监管外村石材作坊', phone: '13900004002' });
    shutB = await t.createWorkshop({ townName: townB.name, name: '监管外镇塑料厂', phone: '13900004003' });
    excluded = await t.createWorkshop({ townName: townA.name, villageId, name: '监管排除合法企业', phone: '13900004004' });
    await t.shutDown(shut.id);
    await t.shutDown(shutB.id);
    expect((await office.post(`/api/enterprises/${excluded.id}/exclude`, { reason: '经核实为合法企业' })).statusCode).toBe(200);
  });
  afterAll(() => t.close());

  it('lists the towns missing people and the shut-down sites without a contact, in the reader’s scope', async () => {
    const all = await gaps(office);
    expect(all.towns.map((x) => x.townId)).toEqual(expect.arrayContaining([townA.id, townB.id]));
    expect(all.towns.find((x) => x.townId === townA.id)!.missing).toEqual(['leader', 'supervisor']);
    expect(all.sites.items.map((s) => s.id)).toEqual([shutB.id, shut.id]); // newest first; the surveyed and the excluded are not under supervision
    expect(all.sites.total).toBe(2);
    expect(all.sites.items[1]).toMatchObject({ name: shut.name, status: 'shut_down', townName: townA.name, villageName: '监管测试村' });
    const paged = await gaps(office, '?page=2&pageSize=1');
    expect(paged.sites).toMatchObject({ items: [{ id: shut.id }], total: 2 });
    expect((await gaps(office, `?town=${townB.id}`)).towns.map((x) => x.townId)).toEqual([townB.id]);
    expect((await gaps(office, `?town=${townB.id}`)).sites.items.map((s) => s.id)).toEqual([shutB.id]);
    const own = await gaps(clerkB);
    expect(own.towns.map((x) => x.townId)).toEqual([townB.id]);
    expect(own.sites.items.map((s) => s.id)).toEqual([shutB.id]);
    const village = await gaps(villageHead);
    expect(village.towns).toEqual([]); // a village head does not read the town
    expect(village.sites.items.map((s) => s.id)).toEqual([shut.id]);
    const bad = await office.get('/api/supervision/gaps?pageSize=1000&extra=1');
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as { detail: string }).detail).toMatch(CHINESE);
  });

  it('lets the town’s keepers name its 主管领导 and 监管责任人', async () => {
    expect(await town(clerkA)).toMatchObject({ townId: townA.id, townName: townA.name, current: [], missing: ['leader', 'supervisor'], history: [], canAssign: true });
    const res = await clerkA.put(`${townUrl(townA.id)}/leader`, { name: ' 张建国 ', position: '党委副书记', phone: '139 0000 5001', replaces: null });
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json() as TownSupervisorsDto;
    expect(after.current).toEqual([expect.objectContaining({ role: 'leader', name: '张建国', position: '党委副书记', phone: '13900005001', endedAt: null, endedBy: null })]);
    expect(after.current[0].assignedBy).toBeTruthy();
    expect(after.missing).toEqual(['supervisor']);
    const second = await headA.put(`${townUrl(townA.id)}/supervisor`, { name: '李卫东', replaces: null });
    expect(second.statusCode, second.body).toBe(200);
    expect((second.json() as TownSupervisorsDto).current.map((c) => [c.role, c.name, c.position, c.phone])).toEqual([
      ['leader', '张建国', '党委副书记', '13900005001'],
      ['supervisor', '李卫东', '', ''],
    ]);
    const list = (await (await office.get('/api/supervision/towns')).json()) as TownSupervisorListDto;
    expect(list.items.length).toBe(t.towns.length);
    expect(list.items.find((x) => x.townId === townA.id)).toMatchObject({ missing: [], canAssign: true });
    expect(list.items.find((x) => x.townId === townA.id)!.current.map((c) => c.name)).toEqual(['张建国', '李卫东']);
    const own = (await (await clerkA.get('/api/supervision/towns')).json()) as TownSupervisorListDto;
    expect(own.items.map((x) => x.townId)).toEqual([townA.id]);
  });

  it('keeps the replaced person as history, newest first, and refuses the same person again (409)', async () => {
    const before = await town(office);
    const leaderRow = before.current.find((c) => c.role === 'leader')!;
    const res = await office.put(`${townUrl(townA.id)}/leader`, { name: '王志强', position: '副镇长', phone: '0632-8812345', replaces: leaderRow.id });
    expect(res.statusCode, res.body).toBe(200);
    const changed = res.json() as TownSupervisorsDto;
    expect(changed.current.find((c) => c.role === 'leader')).toMatchObject({ name: '王志强', phone: '0632-8812345' });
    expect(changed.history).toEqual([expect.objectContaining({ id: leaderRow.id, name: '张建国', endedBy: expect.any(String) })]);
    expect(changed.history[0].endedAt).toBeTruthy();
    const current = changed.current.find((c) => c.role === 'leader')!;
    const again = await clerkA.put(`${townUrl(townA.id)}/leader`, { name: '王志强', position: '副镇长', phone: '0632 8812345', replaces: current.id });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'conflict', detail: '与现任人员相同，无需变更' });
    // A new phone for the same person is a change.
    const phone = await clerkA.put(`${townUrl(townA.id)}/leader`, { name: '王志强', position: '副镇长', phone: '13900005002', replaces: current.id });
    expect(phone.statusCode, phone.body).toBe(200);
    expect((phone.json() as TownSupervisorsDto).history.map((h) => h.name)).toEqual(['王志强', '张建国']);
  });

  it('answers 409 stale_version when `replaces` is not the current row', async () => {
    const now = await town(clerkA);
    const rows = await count();
    const old = now.history[0].id;
    const current = now.current.find((c) => c.role === 'leader')!.id;
    for (const [url, replaces] of [
      [`${townUrl(townA.id)}/leader`, old], // replaced already
      [`${townUrl(townA.id)}/leader`, null], // someone holds it
      [`${townUrl(townA.id)}/supervisor`, current], // another role's row
      [`${townUrl(townB.id)}/leader`, current], // nobody holds it there
    ] as const) {
      const res = await office.put(url, { name: '赵某', replaces });
      expect(res.statusCode, `${url} ${replaces} ${res.body}`).toBe(409);
      expect(res.json()).toMatchObject({ code: 'stale_version' });
      expect((res.json() as { detail: string }).detail).toMatch(CHINESE);
    }
    expect(await count()).toBe(rows);
  });

  it('gives two people naming the same role at once one success and one 409, never a 500', async () => {
    const [a, b] = await Promise.all([
      office.put(`${townUrl(townB.id)}/leader`, { name: '甲', replaces: null }),
      clerkB.put(`${townUrl(townB.id)}/leader`, { name: '乙', replaces: null }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect((await town(clerkB, townB.id)).current).toHaveLength(1);
    // The partial unique index itself: a second current row for the role is not inserted.
    const dup = await insertSupervisor(t.ctx.db, {
      campaignId: t.campaign.id,
      kind: 'town',
      subjectId: townB.id,
      townId: townB.id,
      orgPath: townB.path,
      role: 'leader',
      name: '丙',
      position: '',
      phone: '',
      by: clerkB.userId,
      at: new Date().toISOString(),
    });
    expect(dup).toBeNull();
  });

  it('refuses a role that is not a town’s, and bad input, with a Chinese 400, writing nothing', async () => {
    const rows = await count();
    for (const role of ['village_contact', 'boss']) {
      const res = await clerkA.put(`${townUrl(townA.id)}/${role}`, { name: '某人', replaces: null });
      expect(res.statusCode, res.body).toBe(400);
      expect((res.json() as { detail: string }).detail).toMatch(CHINESE);
    }
    const good = { name: '孙某', position: '', phone: '', replaces: null };
    for (const body of [
      { ...good, extra: 1 },
      { ...good, name: '' },
      { ...good, name: '   ' },
      { ...good, name: '长'.repeat(51) },
      { ...good, position: '职'.repeat(51) },
      { ...good, phone: '12345' },
      { name: '孙某' }, // no replaces
      { ...good, replaces: '3' },
      { ...good, replaces: 0 },
    ]) {
      for (const url of [`${townUrl(townB.id)}/supervisor`, siteUrl(shut.id)]) {
        const res = await office.put(url, body);
        expect(res.statusCode, `${url} ${JSON.stringify(body)} ${res.body}`).toBe(400);
        expect(res.json()).toMatchObject({ code: 'validation_failed' });
        expect((res.json() as { detail: string }).detail).toMatch(CHINESE);
      }
    }
    expect(await count()).toBe(rows);
  });

  it('answers 404 for a town outside the reader’s scope or no town at all, and 403 to readers who may not name', async () => {
    for (const [agent, id] of [
      [clerkB, townA.id],
      [villageHead, townA.id],
      [office, 999999],
      [office, shut.id], // a workshop's id, not a town's
    ] as const) {
      expect((await agent.get(townUrl(id))).statusCode).toBe(404);
      expect((await agent.put(`${townUrl(id)}/supervisor`, { name: '越权', replaces: null })).statusCode).toBe(404);
    }
    for (const agent of [police, liaison, leader]) {
      const view = await town(agent);
      expect(view.canAssign).toBe(false);
      expect(view.current).toHaveLength(2);
      const res = await agent.put(`${townUrl(townA.id)}/supervisor`, { name: '越权', replaces: view.current.find((c) => c.role === 'supervisor')!.id });
      expect(res.statusCode, res.body).toBe(403);
    }
  });

  it('lets a village head name the contact of a site in their own village, and nowhere else', async () => {
    expect(await site(villageHead)).toMatchObject({ enterpriseId: shut.id, status: 'shut_down', current: null, history: [], canAssign: true });
    const res = await villageHead.put(siteUrl(shut.id), { name: '刘村干', position: '村委委员', phone: '13900006001', replaces: null });
    expect(res.statusCode, res.body).toBe(200);
    const named = res.json() as SiteSupervisorDto;
    expect(named.current).toMatchObject({ role: 'village_contact', name: '刘村干', position: '村委委员', phone: '13900006001' });
    // Another village's site, another town's: out of scope.
    for (const [agent, id] of [
      [villageHead, otherVillage.id],
      [villageHead, shutB.id],
      [clerkB, shut.id],
    ] as const) {
      expect((await agent.get(siteUrl(id))).statusCode).toBe(404);
      expect((await agent.put(siteUrl(id), { name: '越权', replaces: null })).statusCode).toBe(404);
    }
    expect((await office.get(siteUrl(999999))).statusCode).toBe(404);
    // Readers who may not name: 403.
    for (const agent of [police, liaison, leader]) {
      expect((await site(agent)).canAssign).toBe(false);
      expect((await agent.put(siteUrl(shut.id), { name: '越权', replaces: named.current!.id })).statusCode).toBe(403);
    }
    // The town changes the contact, naming the one it replaces.
    const stale = await clerkA.put(siteUrl(shut.id), { name: '陈某', replaces: null });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'stale_version' });
    const changed = await clerkA.put(siteUrl(shut.id), { name: '陈某', replaces: named.current!.id });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ current: { name: '陈某' }, history: [{ name: '刘村干' }] });
    // Any status but excluded.
    expect((await clerkA.put(siteUrl(otherVillage.id), { name: '外村联络员', replaces: null })).statusCode).toBe(200);
    expect((await site(office, excluded.id)).canAssign).toBe(false);
    const refused = await office.put(siteUrl(excluded.id), { name: '某人', replaces: null });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'invalid_transition' });
  });

  it('drops the town and the site from the gaps once named', async () => {
    const after = await gaps(office);
    expect(after.towns.map((x) => x.townId)).not.toContain(townA.id);
    expect(after.towns.find((x) => x.townId === townB.id)!.missing).toEqual(['supervisor']);
    expect(after.sites.items.map((s) => s.id)).toEqual([shutB.id]);
    expect(after.sites.total).toBe(1);
    expect((await gaps(villageHead)).sites).toEqual({ items: [], total: 0 });
  });

  it('audits every change with the person before and after, on the town and on the workshop', async () => {
    const rows = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'supervisor.assign').orderBy('id').execute();
    const onTownA = rows.filter((r) => r.entity_type === 'org_unit' && r.entity_id === String(townA.id));
    expect(onTownA).toHaveLength(4);
    expect(JSON.parse(onTownA[0].after!)).toMatchObject({ role: 'leader', name: '张建国', position: '党委副书记', phone: '13900005001' });
    expect(onTownA[0].before).toBeNull();
    expect(JSON.parse(onTownA[2].before!)).toMatchObject({ role: 'leader', name: '张建国' });
    expect(JSON.parse(onTownA[2].after!)).toMatchObject({ role: 'leader', name: '王志强' });
    expect(onTownA.every((r) => r.scope_path === townA.path)).toBe(true);
    const history = (await (await clerkA.get(`/api/enterprises/${shut.id}/history`)).json()) as { items: { action: string; before: unknown; after: unknown }[] };
    const entries = history.items.filter((h) => h.action === 'supervisor.assign');
    expect(entries).toHaveLength(2);
    expect(entries.map((e) => (e.after as { name: string }).name).sort()).toEqual(['刘村干', '陈某'].sort());
  });
});
