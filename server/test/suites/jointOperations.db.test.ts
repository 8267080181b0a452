// Joint enforcement (联合执法, issue 14): a town applies for two of its workshops; the office returns
// it, the town corrects it, the office approves it with a team, a date and machinery, starts it; the
// team clears the workshops one by one (a workshop is cleared only once its items are done); the
// office ends it. Bad input, another town's workshops, stale decisions and out-of-scope reads change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnterpriseDto } from '../../../domain/api.js';
import type { JointOperationDetailDto, JointOperationListDto } from '../../../domain/jointOperations.js';
import { addDays, todayInChina } from '../../../domain/time.js';
import { readZipEntries } from '../fixtures/evidenceZip.js';
import { dbUnavailable, setupTestApp, TEST_DB, type Agent, type TestApp } from '../setup/app.js';

const CHINESE = /[\u4e00-\u9fff]/;

describe.skipIf(dbUnavailable())(`joint operations (${TEST_DB})`, () => {
  let t: TestApp;
  let townA: { id: number; name: string };
  let townB: { id: number; name: string };
  let clerkA: Agent;
  let clerkB: Agent;
  let office: Agent;
  let power: Agent;
  let w1: EnterpriseDto;
  let w2: EnterpriseDto;
  let w3: EnterpriseDto;
  let wB: EnterpriseDto;
  let op: JointOperationDetailDto;
  const soon = addDays(todayInChina(), 2);

  const count = async (table: 'joint_operations' | 'audit_log') =>
    Number((await t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const refreshed = async (agent: Agent) => {
    const res = await agent.get(`/api/joint-operations/${op.id}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as JointOperationDetailDto;
  };

  beforeAll(async () => {
    t = await setupTestApp();
    [townA, townB] = t.towns;
    clerkA = await t.login('town', townA.name);
    clerkB = await t.login('town', townB.name);
    office = await t.login('office');
    power = await t.login('department', 'power_office');
    w1 = await t.createWorkshop({ townName: townA.name, name: '联合执法甲塑料厂', address: '东村路 1 号', contactPerson: '王老板', phone: '13900001001' });
    w2 = await t.createWorkshop({ townName: townA.name, name: '联合执法乙石材作坊', phone: '13900001002' });
    w3 = await t.createWorkshop({ townName: townA.name, name: '联合执法丙洗砂点', phone: '13900001003' });
    wB = await t.createWorkshop({ townName: townB.name, name: '联合执法外镇作坊', phone: '13900001004' });
  });
  afterAll(() => t.close());

  it('refuses a bad application with a Chinese problem and writes nothing', async () => {
    const before = { ops: await count('joint_operations'), audit: await count('audit_log') };
    const good = { townId: townA.id, workshopIds: [w1.id, w2.id], reason: '厂房集中、设备大型，镇街无力单独拆除', proposedOn: soon };
    const bad: [unknown, number][] = [
      [{ ...good, extra: true }, 400],
      [{ ...good, workshopIds: [] }, 400],
      [{ ...good, workshopIds: [w1.id, w1.id] }, 400],
      [{ ...good, workshopIds: [w1.id, wB.id] }, 400], // another town's workshop
      [{ ...good, workshopIds: ['1'] }, 400],
      [{ ...good, reason: '' }, 400],
      [{ ...good, proposedOn: addDays(todayInChina(), -1) }, 400],
      [{ ...good, townId: 999999 }, 400],
    ];
    for (const [body, status] of bad) {
      const res = await clerkA.post('/api/joint-operations', body);
      expect(res.statusCode, JSON.stringify(body) + res.body).toBe(status);
      expect((res.json() as { detail: string }).detail).toMatch(CHINESE);
    }
    // Another town cannot apply for town A (its scope): 403 on the town it names; a department does not apply.
    expect((await clerkB.post('/api/joint-operations', good)).statusCode).toBe(403);
    expect((await power.post('/api/joint-operations', good)).statusCode).toBe(403);
    expect({ ops: await count('joint_operations'), audit: await count('audit_log') }).toEqual(before);
  });

  it('lets the town apply (201) and keeps it from other towns (404)', async () => {
    const res = await clerkA.post('/api/joint-operations', { townId: townA.id, workshopIds: [w1.id, w2.id], reason: '厂房集中、设备大型，镇街无力单独拆除', proposedOn: soon });
    expect(res.statusCode, res.body).toBe(201);
    op = res.json() as JointOperationDetailDto;
    expect(op).toMatchObject({ status: 'applied', townName: townA.name, proposedOn: soon, workshopCount: 2, decision: null, abilities: { approve: false, resubmit: false } });
    expect(op.workshops.map((w) => w.name)).toEqual([w1.name, w2.name]);
    expect(op.workshops[0]).toMatchObject({ contactPerson: '王老板', phone: '13900001001', result: 'pending', canRecord: false });
    expect(op.workshops[0].remaining.length).toBe(t.campaign.definition.standardItems.length);
    expect((await clerkB.get(`/api/joint-operations/${op.id}`)).statusCode).toBe(404);
    expect(((await clerkB.get('/api/joint-operations')).json() as JointOperationListDto).items.map((o) => o.id)).not.toContain(op.id);
    const officeList = (await office.get('/api/joint-operations')).json() as JointOperationListDto;
    expect(officeList.items.find((o) => o.id === op.id)?.abilities).toMatchObject({ approve: true, return: true, refuse: true });
    // A workshop is on one open operation at a time.
    const twice = await clerkA.post('/api/joint-operations', { townId: townA.id, workshopIds: [w2.id], reason: '再次申请同一家企业', proposedOn: soon });
    expect(twice.statusCode).toBe(409);
  });

  it('lets the office return it and the town correct and resubmit it', async () => {
    expect((await clerkA.post(`/api/joint-operations/${op.id}/approve`, { version: op.version, operationOn: soon, team: [{ unit: '区环保局', people: '李四' }] })).statusCode).toBe(403);
    const back = await office.post(`/api/joint-operations/${op.id}/return`, { version: op.version, reason: '请补充第三家同片区的洗砂点' });
    expect(back.statusCode, back.body).toBe(200);
    op = back.json() as JointOperationDetailDto;
    expect(op).toMatchObject({ status: 'returned', decision: { reason: '请补充第三家同片区的洗砂点' } });
    const again = await clerkA.post(`/api/joint-operations/${op.id}/resubmit`, { version: op.version, workshopIds: [w1.id, w2.id, w3.id], reason: '三家相邻，需挖掘机和铲车', proposedOn: soon });
    expect(again.statusCode, again.body).toBe(200);
    op = again.json() as JointOperationDetailDto;
    expect(op).toMatchObject({ status: 'applied', workshopCount: 3, reason: '三家相邻，需挖掘机和铲车' });
  });

  it('ends two approvals at once in one success and one 409, with the team, date and machinery', async () => {
    const body = {
      version: op.version,
      operationOn: soon,
      team: [
        { unit: '区环保局', people: '李四、周五' },
        { unit: '区电力执法办公室', people: '赵六' },
        { unit: '区公安分局', people: '钱七' },
      ],
      machinery: { loader: 2, excavator: 1, truck: 3 },
      note: '同意，由区环保局牵头',
    };
    const bad = await office.post(`/api/joint-operations/${op.id}/approve`, { ...body, machinery: { loader: -1 } });
    expect(bad.statusCode).toBe(400);
    const otherOffice = await t.login('office');
    const [a, b] = await Promise.all([office.post(`/api/joint-operations/${op.id}/approve`, body), otherOffice.post(`/api/joint-operations/${op.id}/approve`, body)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    op = (a.statusCode === 200 ? a : b).json() as JointOperationDetailDto;
    expect(op).toMatchObject({ status: 'approved', operationOn: soon, machinery: { loader: 2, excavator: 1, truck: 3 }, decision: { reason: '同意，由区环保局牵头' } });
    expect(op.team).toHaveLength(3);
  });

  it('prints the operation sheet with the team, machinery and workshops', async () => {
    const res = await clerkA.get(`/api/joint-operations/${op.id}/sheet.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const xml = (await readZipEntries(res.rawPayload)).get('word/document.xml')!.toString('utf8');
    for (const text of ['联合执法作业单', townA.name, '李四、周五', '挖掘机', w1.name, w3.name, '王老板', '东村路 1 号']) expect(xml).toContain(text);
    expect((await clerkB.get(`/api/joint-operations/${op.id}/sheet.docx`)).statusCode).toBe(404);
  });

  it('clears workshops one by one once their items are done, and ends only when each has a result', async () => {
    const early = await clerkA.post(`/api/joint-operations/${op.id}/workshops/${w1.id}`, { result: 'cleared' });
    expect(early.statusCode).toBe(409); // not started yet
    const started = await office.post(`/api/joint-operations/${op.id}/start`, { version: op.version });
    expect(started.statusCode, started.body).toBe(200);
    op = started.json() as JointOperationDetailDto;
    expect(op.status).toBe('in_progress');

    const notYet = await clerkA.post(`/api/joint-operations/${op.id}/workshops/${w1.id}`, { result: 'cleared' });
    expect(notYet.statusCode).toBe(409);
    expect((notYet.json() as { detail: string }).detail).toContain('尚未全部完成');
    await t.shutDown(w1.id);
    const cleared = await clerkA.post(`/api/joint-operations/${op.id}/workshops/${w1.id}`, { result: 'cleared', note: '设备已拆除运走' });
    expect(cleared.statusCode, cleared.body).toBe(200);
    await t.shutDown(w2.id);
    expect((await clerkA.post(`/api/joint-operations/${op.id}/workshops/${w2.id}`, { result: 'cleared' })).statusCode).toBe(200);
    expect((await clerkA.post(`/api/joint-operations/${op.id}/workshops/${wB.id}`, { result: 'cleared' })).statusCode).toBe(404);

    op = await refreshed(office);
    const ending = await office.post(`/api/joint-operations/${op.id}/complete`, { version: op.version });
    expect(ending.statusCode).toBe(409);
    expect((ending.json() as { detail: string }).detail).toContain(w3.name);
    expect((await clerkA.post(`/api/joint-operations/${op.id}/workshops/${w3.id}`, { result: 'not_cleared', note: '业主阻挠，已报公安' })).statusCode).toBe(200);
    op = await refreshed(office);
    expect(op).toMatchObject({ clearedCount: 2, workshopCount: 3 });
    const done = await office.post(`/api/joint-operations/${op.id}/complete`, { version: op.version });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'completed', completedAt: expect.any(String) });
    // The workshop's history shows the operation's result; the finished operation frees its workshop.
    const history = (await clerkA.get(`/api/enterprises/${w1.id}/history`)).json() as { items: { action: string }[] };
    expect(history.items.map((h) => h.action)).toContain('jointOperation.result');
    const next = await clerkA.post('/api/joint-operations', { townId: townA.id, workshopIds: [w3.id], reason: '再次组织联合执法', proposedOn: soon });
    expect(next.statusCode, next.body).toBe(201);
    const refused = await office.post(`/api/joint-operations/${(next.json() as JointOperationDetailDto).id}/refuse`, { version: 1, reason: '由镇街先行处理' });
    expect(refused.statusCode).toBe(200);
    expect(refused.json()).toMatchObject({ status: 'refused' });
  });
});
