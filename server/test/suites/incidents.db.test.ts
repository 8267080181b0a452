// Obstruction incidents (阻碍执法事件, issue 14): the police record one at a workshop with the
// workshop's photos as evidence and add the case number later; the town concerned and the office see
// it; other towns, other departments and village heads do not (404); bad input changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnterpriseDto } from '../../../domain/api.js';
import type { IncidentDto, IncidentListDto } from '../../../domain/incidents.js';
import { addDays, todayInChina } from '../../../domain/time.js';
import { addEvidence } from '../factories/evidence.js';
import { dbUnavailable, setupTestApp, TEST_DB, type Agent, type TestApp } from '../setup/app.js';

const CHINESE = /[\u4e00-\u9fff]/;

describe.skipIf(dbUnavailable())(`obstruction incidents (${TEST_DB})`, () => {
  let t: TestApp;
  let clerkA: Agent;
  let clerkB: Agent;
  let villageHead: Agent;
  let office: Agent;
  let police: Agent;
  let power: Agent;
  let workshop: EnterpriseDto;
  let other: EnterpriseDto;
  let photoId: number;
  let otherPhotoId: number;
  let incident: IncidentDto;

  const count = async () => Number((await t.ctx.db.selectFrom('incidents').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const list = async (agent: Agent) => (await agent.get('/api/incidents')).json() as IncidentListDto;

  beforeAll(async () => {
    t = await setupTestApp();
    const [townA, townB] = t.towns;
    clerkA = await t.login('town', townA.name);
    clerkB = await t.login('town', townB.name);
    office = await t.login('office');
    police = await t.login('department', 'police');
    power = await t.login('department', 'power_office');
    const villageId = await t.village(townA.name, '事件测试村');
    villageHead = await t.login('village', `${townA.name}/事件测试村`);
    workshop = await t.createWorkshop({ townName: townA.name, villageId, name: '阻碍执法测试塑料厂', phone: '13900003001' });
    other = await t.createWorkshop({ townName: townB.name, name: '阻碍执法外镇作坊', phone: '13900003002' });
    photoId = await addEvidence(t, clerkA, workshop.id);
    otherPhotoId = await addEvidence(t, clerkB, other.id, undefined, 1);
  });
  afterAll(() => t.close());

  it('lets the police record an incident with the workshop’s photo (201)', async () => {
    const before = (await (await police.get(`/api/enterprises/${workshop.id}/incidents`)).json()) as IncidentListDto;
    expect(before).toMatchObject({ items: [], total: 0, canRecord: true });
    const res = await police.post(`/api/enterprises/${workshop.id}/incidents`, {
      occurredOn: todayInChina(),
      kind: 'violence',
      description: '业主纠集多人阻拦拆除，推搡执法人员',
      persons: '业主王某及其亲属三人',
      injuries: '执法人员一人手臂擦伤',
      damage: '执法车辆后视镜损坏',
      evidenceIds: [photoId],
    });
    expect(res.statusCode, res.body).toBe(201);
    incident = res.json() as IncidentDto;
    expect(incident).toMatchObject({ kind: 'violence', caseNumber: '', evidenceIds: [photoId], recordedUnit: t.campaign.definition.departments.find((d) => d.code === 'police')!.name, abilities: { update: true } });
  });

  it('shows it to the town concerned and the office, and to nobody else (404)', async () => {
    for (const agent of [clerkA, office]) expect((await list(agent)).items.map((i) => i.id)).toContain(incident.id);
    for (const agent of [clerkB, power, villageHead]) expect((await list(agent)).items).toEqual([]);
    expect((await clerkA.get(`/api/enterprises/${workshop.id}/incidents`)).json()).toMatchObject({ total: 1, canRecord: true });
    for (const agent of [power, villageHead, clerkB]) expect((await agent.get(`/api/enterprises/${workshop.id}/incidents`)).statusCode).toBe(404);
    // The power office sees the workshop (403: not its record to make), but not the incidents (404).
    expect((await power.post(`/api/enterprises/${workshop.id}/incidents`, { occurredOn: todayInChina(), kind: 'disturbance', description: '越权记录' })).statusCode).toBe(403);
    expect((await clerkA.patch(`/api/incidents/${incident.id}`, { version: incident.version, caseNumber: 'X' })).statusCode).toBe(403);
    expect((await power.patch(`/api/incidents/${incident.id}`, { version: incident.version, caseNumber: 'X' })).statusCode).toBe(404);
  });

  it('refuses bad input with a Chinese problem and writes nothing', async () => {
    const before = await count();
    const good = { occurredOn: todayInChina(), kind: 'disturbance', description: '围堵执法车辆' };
    for (const body of [
      { ...good, extra: 1 },
      { ...good, kind: 'riot' },
      { ...good, description: '' },
      { ...good, occurredOn: addDays(todayInChina(), 1) },
      { ...good, evidenceIds: [otherPhotoId] }, // another workshop's file
      { ...good, operationId: 999999 },
    ]) {
      const res = await clerkA.post(`/api/enterprises/${workshop.id}/incidents`, body);
      expect(res.statusCode, JSON.stringify(body) + res.body).toBe(400);
      expect((res.json() as { detail: string }).detail).toMatch(CHINESE);
    }
    expect(await count()).toBe(before);
  });

  it('lets the police add the case number and outcome at the version read (stale: 409)', async () => {
    const ok = await police.patch(`/api/incidents/${incident.id}`, { version: incident.version, caseNumber: '山公（治）立字〔2016〕0512 号', outcome: '行政拘留五日' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ caseNumber: '山公（治）立字〔2016〕0512 号', outcome: '行政拘留五日', version: incident.version + 1 });
    const stale = await police.patch(`/api/incidents/${incident.id}`, { version: incident.version, outcome: '改' });
    expect(stale.statusCode).toBe(409);
    const history = (await clerkA.get(`/api/enterprises/${workshop.id}/history`)).json() as { items: { action: string }[] };
    expect(history.items.map((h) => h.action)).toEqual(expect.arrayContaining(['incident.create', 'incident.update']));
  });
});
