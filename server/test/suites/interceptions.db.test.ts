// Truck interceptions (运输车辆查处, issue 14): the transport bureau records trucks bound for towns
// (and one for a workshop); the office sees them all and the weekly counts by destination town; a
// town sees those bound for it; other departments record none; bad input changes nothing. Photos of
// a stopped truck go through the evidence pipeline and are seen by whoever sees the interception.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnterpriseDto } from '../../../domain/api.js';
import { weekOf, type InterceptionDto, type InterceptionListDto, type WeeklyInterceptionsDto } from '../../../domain/interceptions.js';
import type { RecordAttachmentListDto } from '../../../domain/attachment.js';
import { addDays, todayInChina } from '../../../domain/time.js';
import { evidenceJpeg } from '../fixtures/images.js';
import { upload } from '../factories/evidence.js';
import { dbUnavailable, setupTestApp, TEST_DB, type Agent, type TestApp } from '../setup/app.js';

const CHINESE = /[\u4e00-\u9fff]/;

describe.skipIf(dbUnavailable())(`truck interceptions (${TEST_DB})`, () => {
  let t: TestApp;
  let townA: { id: number; name: string };
  let townB: { id: number; name: string };
  let transport: Agent;
  let office: Agent;
  let clerkA: Agent;
  let clerkB: Agent;
  let power: Agent;
  let workshop: EnterpriseDto;
  const today = todayInChina();
  const lastWeek = addDays(today, -7);

  const count = async () => Number((await t.ctx.db.selectFrom('interceptions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const list = async (agent: Agent) => (await agent.get('/api/interceptions')).json() as InterceptionListDto;

  beforeAll(async () => {
    t = await setupTestApp();
    [townA, townB] = t.towns;
    transport = await t.login('department', 'transport');
    office = await t.login('office');
    clerkA = await t.login('town', townA.name);
    clerkB = await t.login('town', townB.name);
    power = await t.login('department', 'power_office');
    workshop = await t.createWorkshop({ townName: townA.name, name: '查处目的地塑料厂', phone: '13900004001' });
  });
  afterAll(() => t.close());

  it('lets the transport bureau record trucks (201), the workshop naming its town', async () => {
    const base = { plate: '鲁D·A1234', vehicleType: '重型自卸货车', cargo: 'plastic', quantity: '12 吨', origin: '江苏邳州', action: '扣留车辆，责令原路返回' };
    const a = await transport.post('/api/interceptions', { ...base, interceptedOn: today, destinationEnterpriseId: workshop.id });
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json()).toMatchObject({ destinationTown: { id: townA.id, name: townA.name }, destinationEnterprise: { id: workshop.id }, cargo: 'plastic', recordedUnit: t.campaign.definition.departments.find((d) => d.code === 'transport')!.name });
    for (const body of [
      { ...base, plate: '鲁D·B5678', interceptedOn: today, destinationTownId: townA.id, cargo: 'pulp' },
      { ...base, plate: '鲁D·C9012', interceptedOn: lastWeek, destinationTownId: townB.id, cargo: 'garbage' },
      { ...base, plate: '鲁D·D3456', interceptedOn: today, cargo: 'other', cargoNote: '废旧轮胎', destinationPlace: '去向不明' },
    ])
      expect((await transport.post('/api/interceptions', body)).statusCode).toBe(201);
  });

  it('shows the office every interception and a town those bound for it', async () => {
    expect((await list(office)).total).toBe(4);
    expect((await list(transport)).canRecord).toBe(true);
    const a = await list(clerkA);
    expect(a.items.map((i: InterceptionDto) => i.plate).sort()).toEqual(['鲁D·A1234', '鲁D·B5678']);
    expect(a.canRecord).toBe(false);
    expect((await list(clerkB)).items.map((i) => i.plate)).toEqual(['鲁D·C9012']);
    expect((await list(power)).total).toBe(0);
  });

  it('counts interceptions by destination town and week', async () => {
    const res = await office.get('/api/interceptions/weekly?weeks=2');
    expect(res.statusCode, res.body).toBe(200);
    const w = res.json() as WeeklyInterceptionsDto;
    expect(w.weeks).toEqual([weekOf(lastWeek), weekOf(today)]);
    const row = (id: number | null) => w.rows.find((r) => r.townId === id);
    expect(row(townA.id)).toMatchObject({ counts: [0, 2], total: 2 });
    expect(row(townB.id)).toMatchObject({ counts: [1, 0], total: 1 });
    expect(row(null)).toMatchObject({ townName: '目的地不明', total: 1 });
    expect(w.rows[0].townId).toBe(townA.id); // most first
    expect(((await clerkB.get('/api/interceptions/weekly?weeks=2')).json() as WeeklyInterceptionsDto).rows.map((r) => r.townId)).toEqual([townB.id]);
    expect((await office.get('/api/interceptions/weekly?weeks=99')).statusCode).toBe(400);
  });

  it('refuses bad input with a Chinese problem, and other departments, writing nothing', async () => {
    const before = await count();
    const good = { interceptedOn: today, plate: '鲁D·E7890', cargo: 'plastic', action: '罚款' };
    for (const body of [
      { ...good, extra: 1 },
      { ...good, plate: '' },
      { ...good, cargo: 'coal' },
      { ...good, cargo: 'other' }, // no note
      { ...good, interceptedOn: addDays(today, 1) },
      { ...good, destinationTownId: 999999 },
      { ...good, destinationEnterpriseId: workshop.id, destinationTownId: townB.id }, // workshop not in that town
      { ...good, action: '' },
    ]) {
      const res = await transport.post('/api/interceptions', body);
      expect(res.statusCode, JSON.stringify(body) + res.body).toBe(400);
      expect((res.json() as { detail: string }).detail).toMatch(CHINESE);
    }
    expect((await power.post('/api/interceptions', good)).statusCode).toBe(403);
    expect((await clerkA.post('/api/interceptions', good)).statusCode).toBe(403);
    expect(await count()).toBe(before);
  });

  it('keeps photos of a stopped truck, seen by whoever sees the interception, added by its recorders', async () => {
    const all = (await list(office)).items;
    const bound = all.find((i) => i.plate === '鲁D·A1234')!; // bound for town A
    const unknown = all.find((i) => i.plate === '鲁D·D3456')!; // destination unknown
    const send = async (agent: Agent, id: number, extra: Record<string, string> = {}, n = 0) =>
      upload(t, agent, { enterpriseId: 0, bytes: await evidenceJpeg(n), metadata: { recordType: 'interception', recordId: id, filename: '车辆.jpg', ...extra } });
    const ok = await send(transport, bound.id);
    expect(ok.statusCode, ok.body).toBe(201);
    const fileId = Number(ok.headers['qudi-attachment-id']);
    expect((await send(office, unknown.id, {}, 1)).statusCode).toBe(201);
    // Refused: a shooting phase (Chinese, 400), a town (403 on its own, 404 on another's), another department (404).
    const phased = await send(transport, bound.id, { phase: 'before' }, 2);
    expect(phased.statusCode).toBe(400);
    expect((phased.json() as { detail: string }).detail).toMatch(CHINESE);
    expect((await send(clerkA, bound.id, {}, 3)).statusCode).toBe(403);
    expect((await send(clerkB, bound.id, {}, 3)).statusCode).toBe(404);
    expect((await send(power, bound.id, {}, 3)).statusCode).toBe(404);

    const files = async (agent: Agent, id: number) => agent.get(`/api/interceptions/${id}/attachments`);
    expect(((await files(transport, bound.id)).json() as RecordAttachmentListDto)).toMatchObject({ total: 1, abilities: { upload: true } });
    expect(((await files(clerkA, bound.id)).json() as RecordAttachmentListDto)).toMatchObject({ total: 1, abilities: { upload: false } });
    for (const agent of [clerkB, power]) expect((await files(agent, bound.id)).statusCode).toBe(404);
    expect((await files(clerkA, unknown.id)).statusCode).toBe(404);
    expect((await clerkA.get(`/api/attachments/${fileId}/file`)).statusCode).toBe(200);
    for (const agent of [clerkB, power]) expect((await agent.get(`/api/attachments/${fileId}/file`)).statusCode).toBe(404);
    expect((await list(office)).items.find((i) => i.id === bound.id)?.fileCount).toBe(1);
  });
});
