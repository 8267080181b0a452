// Department requests (部门协办请求, issue 14): a town asks the power office to cut a workshop's
// power; the office's queue shows it (and only its own department's requests), the department
// accepts, schedules and confirms with its own photo, which records the item done in the
// department's name; returns with a reason; bad input and stale acts change nothing; out of scope is 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnterpriseDto, HistoryEntryDto, ListResponse } from '../../../domain/api.js';
import type { DepartmentRequestDto, RequestQueueDto, WorkshopRequestListDto } from '../../../domain/departmentRequests.js';
import { addDays, todayInChina } from '../../../domain/time.js';
import { checkRequestCounts } from '../../repositories/departmentRequests.js';
import { addEvidence } from '../factories/evidence.js';
import { openSheet } from '../fixtures/workbook.js';
import { dbUnavailable, setupTestApp, TEST_DB, type Agent, type TestApp } from '../setup/app.js';

const CHINESE = /[\u4e00-\u9fff]/;

describe.skipIf(dbUnavailable())(`department requests (${TEST_DB})`, () => {
  let t: TestApp;
  let townA: { id: number; name: string };
  let townB: { id: number; name: string };
  let clerkA: Agent;
  let clerkB: Agent;
  let villageHead: Agent;
  let office: Agent;
  let power: Agent;
  let powerSupply: Agent;
  let water: Agent;
  let liaison: Agent;
  let otherLiaison: Agent;
  let workshop: EnterpriseDto;
  let workshopB: EnterpriseDto;
  let powerRequest: DepartmentRequestDto;
  let powerName: string;

  const queue = async (agent: Agent, query = '') => {
    const res = await agent.get(`/api/department-requests${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as RequestQueueDto;
  };
  const count = async (table: 'department_requests' | 'audit_log') =>
    Number((await t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const workshopRequests = async (agent: Agent, id = workshop.id) => {
    const res = await agent.get(`/api/enterprises/${id}/requests`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as WorkshopRequestListDto;
  };

  beforeAll(async () => {
    t = await setupTestApp();
    const def = t.campaign.definition;
    const pair = def.liaisonPairs[0];
    const other = def.liaisonPairs.find((p) => p.department !== pair.department && !p.towns.includes(pair.towns[0]))!;
    townA = t.towns.find((x) => x.name === pair.towns[0])!;
    townB = t.towns.find((x) => !pair.towns.includes(x.name) && other.towns.includes(x.name)) ?? t.towns.find((x) => !pair.towns.includes(x.name))!;
    clerkA = await t.login('town', townA.name);
    clerkB = await t.login('town', townB.name);
    office = await t.login('office');
    power = await t.login('department', 'power_office');
    powerSupply = await t.login('department', 'power_supply');
    water = await t.login('department', 'water');
    liaison = await t.login('liaison', pair.department);
    otherLiaison = await t.login('liaison', other.department);
    powerName = def.departments.find((d) => d.code === 'power_office')!.name;
    const villageId = await t.village(townA.name, '协办测试村');
    villageHead = await t.login('village', `${townA.name}/协办测试村`);
    workshop = await t.createWorkshop({ townName: townA.name, villageId, name: '协办测试塑料颗粒厂', phone: '13900000901' });
    workshopB = await t.createWorkshop({ townName: townB.name, name: '协办测试石材作坊', phone: '13900000902' });
  });
  afterAll(() => t.close());

  it('lets the town request the power office for 断电 with what it knows (201), due at the default date', async () => {
    const before = await workshopRequests(clerkA);
    expect(before.items).toEqual([]);
    // The items of a department's duty, each with its departments; the town's own items are not requestable.
    expect(before.requestable.map((r) => r.itemCode)).toEqual(['power_cut', 'water_cut']);
    expect(before.requestable[0].departments.map((d) => d.code)).toEqual(['power_office', 'power_supply']);

    const res = await clerkA.post(`/api/enterprises/${workshop.id}/requests`, {
      itemCode: 'power_cut',
      departmentCode: 'power_office',
      details: { facility: '村东 3 号变压器，专线 10kV', account: '户号 0531-778899', access: '' },
    });
    expect(res.statusCode, res.body).toBe(201);
    powerRequest = res.json() as DepartmentRequestDto;
    expect(powerRequest).toMatchObject({
      status: 'requested',
      itemCode: 'power_cut',
      department: { code: 'power_office', name: powerName },
      enterprise: { id: workshop.id, townName: townA.name },
      requestingUnit: townA.name,
      dueOn: before.defaultDueOn,
      ageDays: 0,
      overdue: false,
      details: { facility: '村东 3 号变压器，专线 10kV', account: '户号 0531-778899', access: '' },
      // The town asks; only the department acts.
      abilities: { accept: false, return: false, schedule: false, confirm: false },
    });
    expect(powerRequest.dueOn >= todayInChina()).toBe(true);
    const after = await workshopRequests(clerkA);
    expect(after.requestable.map((r) => r.itemCode)).toEqual(['water_cut']);
  });

  it('puts the request in the power office queue — and in no other department’s — with counts', async () => {
    const mine = await queue(power);
    expect(mine.items.map((r) => r.id)).toContain(powerRequest.id);
    expect(mine.counts.requested).toBeGreaterThanOrEqual(1);
    expect(mine.items.find((r) => r.id === powerRequest.id)!.abilities).toEqual({ accept: true, return: true, schedule: false, confirm: false });
    // The queue's rows (one SQL template) and the workshop's (the query builder) present alike.
    expect(mine.items.find((r) => r.id === powerRequest.id)).toEqual((await workshopRequests(power)).items.find((r) => r.id === powerRequest.id));
    // The other power department may see the workshop, but not a request addressed to another department.
    expect((await queue(powerSupply)).items).toEqual([]);
    expect((await queue(water)).total).toBe(0);
    expect((await workshopRequests(water)).items).toEqual([]);
    // The requesting town, its liaison department and the office see it; another town and another liaison do not.
    for (const agent of [clerkA, liaison, office, villageHead]) expect((await queue(agent)).items.map((r) => r.id)).toContain(powerRequest.id);
    for (const agent of [clerkB, otherLiaison]) {
      const q = await queue(agent);
      expect(q.items.map((r) => r.id)).not.toContain(powerRequest.id);
      expect(q.counts.requested).toBe(0);
    }
    // Filtered by town: the counts follow the filter.
    const inB = await queue(office, `?town=${townB.id}`);
    expect(inB.items).toEqual([]);
    expect(inB.counts.requested).toBe(0);
    expect((await queue(office, `?town=${townA.id}&status=requested`)).total).toBe(1);
  });

  it('answers 404 for a workshop or request outside the scope, and writes nothing', async () => {
    const before = await count('department_requests');
    expect((await clerkB.get(`/api/enterprises/${workshop.id}/requests`)).statusCode).toBe(404);
    expect((await clerkB.post(`/api/enterprises/${workshop.id}/requests`, { itemCode: 'water_cut' })).statusCode).toBe(404);
    // Another department cannot even see the request: 404, not 403.
    const res = await water.post(`/api/department-requests/${powerRequest.id}/accept`, { version: powerRequest.version });
    expect(res.statusCode).toBe(404);
    expect((await powerSupply.post(`/api/department-requests/${powerRequest.id}/accept`, { version: powerRequest.version })).statusCode).toBe(404);
    expect((await power.post('/api/department-requests/99999/accept', { version: 1 })).statusCode).toBe(404);
    expect(await count('department_requests')).toBe(before);
  });

  it('refuses bad input with a Chinese problem and writes nothing', async () => {
    const before = { requests: await count('department_requests'), audit: await count('audit_log') };
    const bad: [unknown, number][] = [
      [{ itemCode: 'water_cut', extra: 1 }, 400],
      [{ itemCode: 'equipment_removed' }, 400], // the town's own item
      [{ itemCode: 'no_such_item' }, 400],
      [{ itemCode: 'water_cut', departmentCode: 'power_office' }, 400], // not the water bureau's duty
      [{ itemCode: 'water_cut', dueOn: addDays(todayInChina(), -1) }, 400],
      [{ itemCode: 'water_cut', dueOn: '2026/05/12' }, 400],
      [{ itemCode: 'water_cut', details: { facility: 'x'.repeat(201) } }, 400],
      [{ itemCode: 'power_cut' }, 400], // two departments: say which
      [{ itemCode: 'power_cut', departmentCode: 'power_office' }, 409], // one is still open
    ];
    for (const [body, status] of bad) {
      const res = await clerkA.post(`/api/enterprises/${workshop.id}/requests`, body);
      expect(res.statusCode, JSON.stringify(body) + res.body).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect((res.json() as { detail: string }).detail).toMatch(CHINESE);
    }
    const oversized = await clerkA.post(`/api/enterprises/${workshop.id}/requests`, { itemCode: 'water_cut', details: { access: '路'.repeat(300_000) } });
    expect([400, 413]).toContain(oversized.statusCode);
    // A village head reads but does not request.
    expect((await villageHead.post(`/api/enterprises/${workshop.id}/requests`, { itemCode: 'water_cut' })).statusCode).toBe(403);
    // The department acts with a version; a reason is needed to return.
    expect((await power.post(`/api/department-requests/${powerRequest.id}/accept`, {})).statusCode).toBe(400);
    expect((await power.post(`/api/department-requests/${powerRequest.id}/return`, { version: powerRequest.version, reason: '  ' })).statusCode).toBe(400);
    expect((await power.post(`/api/department-requests/${powerRequest.id}/schedule`, { version: powerRequest.version, scheduledOn: addDays(todayInChina(), -2) })).statusCode).toBe(400);
    // The town cannot accept its own request.
    expect((await clerkA.post(`/api/department-requests/${powerRequest.id}/accept`, { version: powerRequest.version })).statusCode).toBe(403);
    // Not yet accepted: nothing to schedule or confirm.
    const early = await power.post(`/api/department-requests/${powerRequest.id}/confirm`, { version: powerRequest.version, date: todayInChina() });
    expect(early.statusCode).toBe(409);
    expect((early.json() as { code: string }).code).toBe('invalid_transition');
    expect({ requests: await count('department_requests'), audit: await count('audit_log') }).toEqual(before);
  });

  it('ends two officers accepting at once in one success and one 409', async () => {
    const other = await t.login('department', 'power_office');
    const [a, b] = await Promise.all([
      power.post(`/api/department-requests/${powerRequest.id}/accept`, { version: powerRequest.version }),
      other.post(`/api/department-requests/${powerRequest.id}/accept`, { version: powerRequest.version }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    powerRequest = (a.statusCode === 200 ? a : b).json() as DepartmentRequestDto;
    expect(powerRequest).toMatchObject({ status: 'accepted', accepted: { name: expect.any(String) }, abilities: { accept: false, return: true, schedule: true, confirm: true } });
    // A stale version is refused too.
    const stale = await power.post(`/api/department-requests/${powerRequest.id}/schedule`, { version: powerRequest.version - 1, scheduledOn: todayInChina() });
    expect(stale.statusCode).toBe(409);
    expect((stale.json() as { code: string }).code).toBe('stale_version');
  });

  it('schedules, then confirms only with the department’s own evidence on the item, which records the item done', async () => {
    const day = addDays(todayInChina(), 1);
    const s = await power.post(`/api/department-requests/${powerRequest.id}/schedule`, { version: powerRequest.version, scheduledOn: day });
    expect(s.statusCode, s.body).toBe(200);
    powerRequest = s.json() as DepartmentRequestDto;
    expect(powerRequest).toMatchObject({ status: 'scheduled', scheduledOn: day });

    const without = await power.post(`/api/department-requests/${powerRequest.id}/confirm`, { version: powerRequest.version, date: todayInChina() });
    expect(without.statusCode).toBe(409);
    expect((without.json() as { code: string }).code).toBe('evidence_required');
    expect((await queue(power)).items.find((r) => r.id === powerRequest.id)!.status).toBe('scheduled');

    await addEvidence(t, power, workshop.id, 'power_cut');
    const ok = await power.post(`/api/department-requests/${powerRequest.id}/confirm`, { version: powerRequest.version, date: todayInChina(), note: '已拆除进户线' });
    expect(ok.statusCode, ok.body).toBe(200);
    powerRequest = ok.json() as DepartmentRequestDto;
    expect(powerRequest).toMatchObject({ status: 'confirmed', note: '已拆除进户线', confirmed: { name: expect.any(String) }, overdue: false });

    const w = (await clerkA.get(`/api/enterprises/${workshop.id}`)).json() as EnterpriseDto;
    const item = w.items.find((i) => i.code === 'power_cut')!;
    expect(item).toMatchObject({ state: 'done', unit: powerName, date: todayInChina(), note: '已拆除进户线' });
    expect(item.person).toBe(powerRequest.confirmed!.name);
    expect(w.status).toBe('in_progress');
    const dept = await t.ctx.db.selectFrom('enterprise_items').select('department_id').where('enterprise_id', '=', workshop.id).where('item_code', '=', 'power_cut').executeTakeFirstOrThrow();
    expect(dept.department_id).toBe(powerRequest.department.id);

    // The history says who did what.
    const history = (await clerkA.get(`/api/enterprises/${workshop.id}/history`)).json() as ListResponse<HistoryEntryDto>;
    const actions = history.items.map((h) => h.action);
    for (const a of ['request.create', 'request.accept', 'request.schedule', 'request.confirm', 'item.record']) expect(actions).toContain(a);
    // Done: no further act; the queue's open view no longer lists it.
    expect((await power.post(`/api/department-requests/${powerRequest.id}/return`, { version: powerRequest.version, reason: '撤回' })).statusCode).toBe(409);
    expect((await queue(power)).items.map((r) => r.id)).not.toContain(powerRequest.id);
    expect((await queue(power, '?status=confirmed')).items.map((r) => r.id)).toContain(powerRequest.id);
  });

  it('names the executing department in 附件3 and fills 责任部门负责人 from the confirmation', async () => {
    const ws = await openSheet(await clerkA.get('/api/exports/registration-table.xlsx'));
    let row: string[] | undefined;
    ws.eachRow((r) => {
      const cells = (r.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)));
      if (cells.includes(workshop.name)) row = cells;
    });
    expect(row, 'the workshop is on the form').toBeDefined();
    const doneLabel = t.campaign.definition.standardItems.find((i) => i.code === 'power_cut')!.doneLabel;
    expect(row!.some((c) => c.startsWith('取缔中：') && c.includes(`${doneLabel}（${powerName}）`))).toBe(true);
    expect(row).toContain(`${powerRequest.confirmed!.name}（${powerName}）`);
  });

  it('returns a request with a reason; the town may then ask again', async () => {
    const res = await office.post(`/api/enterprises/${workshopB.id}/requests`, { itemCode: 'water_cut', details: { facility: '院内自备井一口' } });
    expect(res.statusCode, res.body).toBe(201);
    const req = res.json() as DepartmentRequestDto;
    expect(req.requestingUnit).not.toBe('');
    const back = await water.post(`/api/department-requests/${req.id}/return`, { version: req.version, reason: '自备井位置不符，请镇街核实后重新提出' });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ status: 'returned', reason: '自备井位置不符，请镇街核实后重新提出' });
    expect((await queue(clerkB, '?status=returned')).items.map((r) => r.id)).toContain(req.id);
    const again = await clerkB.post(`/api/enterprises/${workshopB.id}/requests`, { itemCode: 'water_cut', details: { facility: '屋后自备井' } });
    expect(again.statusCode, again.body).toBe(201);
  });

  it('keeps the counts equal to the requests, also when a workshop moves to another town', async () => {
    expect(await checkRequestCounts(t.ctx.db)).toEqual([]);
    const moved = await office.patch(`/api/enterprises/${workshopB.id}`, { townId: townA.id, villageId: null, version: ((await office.get(`/api/enterprises/${workshopB.id}`)).json() as EnterpriseDto).version });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await checkRequestCounts(t.ctx.db)).toEqual([]);
    const inA = await queue(office, `?town=${townA.id}&status=all`);
    expect(inA.items.map((r) => r.enterprise.id)).toContain(workshopB.id);
    expect((await queue(clerkB, '?status=all')).items.map((r) => r.enterprise.id)).not.toContain(workshopB.id);
  });
});
