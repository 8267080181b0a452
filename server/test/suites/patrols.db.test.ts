// Patrols (巡查, issue 16 §2): a town's keeper or the village head patrols a shut site with photos taken
// there; the schedule moves; a site past its due day is on the town's and the office's lists and
// agendas; a patrol that finds production again recurs the site, reopens its items and alerts the
// office and the liaison department. Bad input changes nothing; out of scope is 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgendaDto } from '../../../domain/agenda.js';
import type { EnterpriseDto } from '../../../domain/api.js';
import type { PatrolDto, PatrolDueListDto, PatrolListDto } from '../../../domain/patrols.js';
import { addDays, todayInChina } from '../../../domain/time.js';
import { dbUnavailable, setupTestApp, TEST_DB, type Agent, type TestApp } from '../setup/app.js';

const CHINESE = /[\u4e00-\u9fff]/;

describe.skipIf(dbUnavailable())(`patrols (${TEST_DB})`, () => {
  let t: TestApp;
  let townA: { id: number; name: string };
  let townB: { id: number; name: string };
  let clerkA: Agent;
  let clerkB: Agent;
  let villageHead: Agent;
  let otherVillageHead: Agent;
  let office: Agent;
  let liaison: Agent;
  let power: Agent;
  let site: EnterpriseDto;
  let lateSite: EnterpriseDto;
  let surveyed: EnterpriseDto;
  const today = todayInChina();
  const items = () => t.campaign.definition.standardItems.map((i) => ({ code: i.code, held: true }));

  const count = async () => Number((await t.ctx.db.selectFrom('patrols').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const agenda = async (agent: Agent) => ((await agent.get('/api/agenda')).json() as AgendaDto).entries;
  const photo = (agent: Agent, id: number, n: number) => t.addEvidence(id, undefined, { agent, n });

  beforeAll(async () => {
    t = await setupTestApp();
    const def = t.campaign.definition;
    const pair = def.liaisonPairs[0];
    townA = t.towns.find((x) => x.name === pair.towns[0])!;
    townB = t.towns.find((x) => !pair.towns.includes(x.name))!;
    liaison = await t.login('liaison', pair.department);
    clerkA = await t.login('town', townA.name);
    clerkB = await t.login('town', townB.name);
    office = await t.login('office');
    power = await t.login('department', 'power_office');
    const villageId = await t.village(townA.name, '巡查测试村');
    await t.village(townA.name, '巡查外村');
    villageHead = await t.login('village', `${townA.name}/巡查测试村`);
    otherVillageHead = await t.login('village', `${townA.name}/巡查外村`);
    site = await t.shutDown((await t.createWorkshop({ townName: townA.name, villageId, name: '巡查测试塑料厂', phone: '13900004001' })).id);
    lateSite = await t.shutDown((await t.createWorkshop({ townName: townA.name, villageId, name: '巡查逾期造纸作坊', phone: '13900004002' })).id);
    surveyed = await t.createWorkshop({ townName: townA.name, villageId, name: '巡查未取缔作坊', phone: '13900004003' });
  });
  afterAll(() => t.close());

  it('puts a site on the schedule when it is shut down: due in the campaign’s interval (30 days)', async () => {
    const list = (await (await clerkA.get(`/api/enterprises/${site.id}/patrols`)).json()) as PatrolListDto;
    expect(list).toMatchObject({ items: [], total: 0, canRecord: true, schedule: { underPatrol: true, everyDays: 30, lastPatrolOn: null, dueOn: addDays(today, 30), overdue: false } });
    const notYet = (await (await clerkA.get(`/api/enterprises/${surveyed.id}/patrols`)).json()) as PatrolListDto;
    expect(notYet).toMatchObject({ canRecord: false, schedule: { underPatrol: false, dueOn: null } });
  });

  it('refuses bad input in Chinese and writes nothing', async () => {
    const p = await photo(clerkA, site.id, 1);
    const ok = { patrolledOn: today, items: items(), verdict: 'holding', findings: '', evidenceIds: [p] };
    const bad = [
      { ...ok, extra: 1 },
      { ...ok, evidenceIds: [] },
      { ...ok, patrolledOn: addDays(today, 1) },
      { ...ok, verdict: 'fine' },
      { ...ok, items: [{ code: 'power_cut', held: false }, ...items().slice(1)] },
      { ...ok, verdict: 'producing', findings: '' },
      { ...ok, items: items().slice(1) },
      { ...ok, items: [...items(), { code: 'power_cut', held: true }] },
    ];
    for (const body of bad) {
      const res = await clerkA.post(`/api/enterprises/${site.id}/patrols`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().title + JSON.stringify(res.json().errors ?? '')).toMatch(CHINESE);
    }
    // Another workshop's photo, and an old photo, are not this patrol's.
    const foreign = await photo(clerkA, lateSite.id, 2);
    expect((await clerkA.post(`/api/enterprises/${site.id}/patrols`, { ...ok, evidenceIds: [foreign] })).statusCode).toBe(400);
    await t.ctx.db.updateTable('attachments').set({ uploaded_at: `${addDays(today, -3)}T02:00:00.000Z` }).where('id', '=', foreign).execute();
    expect((await clerkA.post(`/api/enterprises/${lateSite.id}/patrols`, { ...ok, evidenceIds: [foreign] })).json().errors[0].message).toContain('本次巡查');
    expect(await count()).toBe(0);
  });

  it('records a patrol that finds the shutdown holding, moves the due day, and leaves the register’s version alone', async () => {
    const before = (await (await clerkA.get(`/api/enterprises/${site.id}`)).json()) as EnterpriseDto;
    const p = await photo(villageHead, site.id, 3);
    const patrolledOn = addDays(today, -2);
    const res = await villageHead.post(`/api/enterprises/${site.id}/patrols`, { patrolledOn, items: items(), verdict: 'holding', evidenceIds: [p] });
    expect(res.statusCode, res.body).toBe(201);
    const patrol = res.json() as PatrolDto;
    expect(patrol).toMatchObject({ verdict: 'holding', recurred: false, evidenceIds: [p], enterprise: { id: site.id, townName: townA.name } });
    const list = (await (await clerkA.get(`/api/enterprises/${site.id}/patrols`)).json()) as PatrolListDto;
    expect(list.total).toBe(1);
    expect(list.schedule).toMatchObject({ lastPatrolOn: patrolledOn, dueOn: addDays(patrolledOn, 30) });
    const after = (await (await clerkA.get(`/api/enterprises/${site.id}`)).json()) as EnterpriseDto;
    expect(after.version).toBe(before.version);
    expect(after.status).toBe('shut_down');
    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'patrol.create').execute();
    expect(audit).toHaveLength(1);
    // A village head of another village, another town, a department: not theirs.
    const q = await photo(clerkA, site.id, 4);
    const body = { patrolledOn: today, items: items(), verdict: 'holding', evidenceIds: [q] };
    expect((await otherVillageHead.post(`/api/enterprises/${site.id}/patrols`, body)).statusCode).toBe(404);
    expect((await clerkB.post(`/api/enterprises/${site.id}/patrols`, body)).statusCode).toBe(404);
    expect((await clerkB.get(`/api/enterprises/${site.id}/patrols`)).statusCode).toBe(404);
    expect((await power.post(`/api/enterprises/${site.id}/patrols`, body)).statusCode).toBe(403);
    // A site not shut down is not patrolled.
    const s = await photo(clerkA, surveyed.id, 5);
    const notShut = await clerkA.post(`/api/enterprises/${surveyed.id}/patrols`, { ...body, evidenceIds: [s] });
    expect(notShut.statusCode).toBe(409);
    expect(notShut.json().detail).toContain('不在巡查范围内');
    expect(await count()).toBe(1);
  });

  it('lists a site past its due day as overdue for its town and the office, on their agendas, and for nobody else', async () => {
    const p = await photo(clerkA, lateSite.id, 6);
    // A patrol entered 40 days late: the next one was due 10 days ago.
    const res = await clerkA.post(`/api/enterprises/${lateSite.id}/patrols`, { patrolledOn: addDays(today, -40), items: items(), verdict: 'concern', findings: '厂房内堆放少量废塑料', evidenceIds: [p] });
    expect(res.statusCode, res.body).toBe(201);
    const due = (await (await clerkA.get('/api/patrols/due?overdue=true')).json()) as PatrolDueListDto;
    expect(due).toMatchObject({ total: 1, overdue: 1 });
    expect(due.items[0]).toMatchObject({ enterprise: { id: lateSite.id, status: 'shut_down' }, dueOn: addDays(today, -10), daysLeft: -10 });
    const all = (await (await office.get(`/api/patrols/due?town=${townA.id}`)).json()) as PatrolDueListDto;
    expect(all.items.map((i) => i.enterprise.id)).toEqual([lateSite.id, site.id]);
    expect(all.overdue).toBe(1);
    expect(await agenda(clerkA)).toContainEqual(expect.objectContaining({ kind: 'patrols_overdue', count: 1, urgent: true }));
    expect(await agenda(office)).toContainEqual(expect.objectContaining({ kind: 'patrols_overdue', count: 1 }));
    expect(((await (await clerkB.get('/api/patrols/due')).json()) as PatrolDueListDto).total).toBe(0);
    expect((await agenda(clerkB)).map((e) => e.kind)).not.toContain('patrols_overdue');
    expect((await power.get('/api/patrols/due')).statusCode).toBe(403);
    const bad = await office.get('/api/patrols/due?overdue=yes');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().title).toMatch(CHINESE);
    // The patrols in scope, newest first.
    const patrols = (await (await office.get('/api/patrols')).json()) as PatrolListDto;
    expect(patrols.total).toBe(2);
    expect(((await (await clerkB.get('/api/patrols')).json()) as PatrolListDto).total).toBe(0);
  });

  it('recurs a site found producing: items reopened, off the schedule, the office and the liaison alerted', async () => {
    const p = await photo(clerkA, site.id, 7);
    const res = await clerkA.post(`/api/enterprises/${site.id}/patrols`, {
      patrolledOn: today,
      items: items().map((i) => (i.code === 'power_cut' ? { ...i, held: false, note: '私接电线' } : i)),
      verdict: 'producing',
      findings: '夜间恢复生产，私接电线',
      evidenceIds: [p],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect((res.json() as PatrolDto).recurred).toBe(true);
    const w = (await (await clerkA.get(`/api/enterprises/${site.id}`)).json()) as EnterpriseDto;
    expect(w.status).toBe('recurred');
    expect(w.items.every((i) => i.state === 'pending')).toBe(true);
    const recur = await t.ctx.db.selectFrom('audit_log').select(['action', 'after']).where('action', '=', 'status.recur').where('entity_id', '=', String(site.id)).executeTakeFirstOrThrow();
    expect(JSON.parse(recur.after!)).toMatchObject({ status: 'recurred', itemsReset: true });
    const list = (await (await clerkA.get(`/api/enterprises/${site.id}/patrols`)).json()) as PatrolListDto;
    expect(list).toMatchObject({ canRecord: false, schedule: { underPatrol: false, dueOn: null } });
    for (const agent of [office, liaison, clerkA]) expect(await agenda(agent)).toContainEqual(expect.objectContaining({ kind: 'recurred', count: 1, urgent: true }));
    // Not a patrolled site any more: a second patrol is refused; shut down again, it is back on the schedule.
    const q = await photo(clerkA, site.id, 8);
    expect((await clerkA.post(`/api/enterprises/${site.id}/patrols`, { patrolledOn: today, items: items(), verdict: 'holding', evidenceIds: [q] })).statusCode).toBe(409);
    // (Done again as not applicable, which needs a reason and no photos of the new round.)
    for (const item of t.campaign.definition.standardItems)
      expect((await clerkA.put(`/api/enterprises/${site.id}/items/${item.code}`, { state: 'not_applicable', unit: '某镇', person: '张三', reason: '复查确认已拆除' })).statusCode).toBe(200);
    const again = (await (await clerkA.get(`/api/enterprises/${site.id}/patrols`)).json()) as PatrolListDto;
    expect(again.schedule).toMatchObject({ underPatrol: true, dueOn: addDays(today, 30) });
  });
});
