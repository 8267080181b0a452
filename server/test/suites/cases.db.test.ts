// Cases (违法案件, issue 14 deliverable 5): a department the campaign marks records the violation at a
// workshop with the workshop's photo as evidence, adds the penalty decision later (fine kept to the
// 分), transfers the case to the police, who sign for it, and to discipline, which files a clue that
// only discipline and the office director see; the town and the office see the case; other towns,
// village heads and unmarked departments do not (404); bad input changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnterpriseDto } from '../../../domain/api.js';
import type { CaseDto, CaseListDto } from '../../../domain/cases.js';
import type { ClueListDto } from '../../../domain/selfInspection.js';
import { addDays, todayInChina } from '../../../domain/time.js';
import { addEvidence } from '../factories/evidence.js';
import { dbUnavailable, setupTestApp, TEST_DB, type Agent, type TestApp } from '../setup/app.js';

const CHINESE = /[\u4e00-\u9fff]/;

describe.skipIf(dbUnavailable())(`cases and transfers (${TEST_DB})`, () => {
  let t: TestApp;
  let clerkA: Agent;
  let clerkB: Agent;
  let villageHead: Agent;
  let office: Agent;
  let director: Agent;
  let discipline: Agent;
  let epb: Agent;
  let market: Agent;
  let police: Agent;
  let water: Agent;
  let workshop: EnterpriseDto;
  let other: EnterpriseDto;
  let photoId: number;
  let otherPhotoId: number;
  let kase: CaseDto;

  const count = async (table: 'enforcement_cases' | 'case_transfers' | 'discipline_clues') =>
    Number((await t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const list = async (agent: Agent) => (await agent.get('/api/cases')).json() as CaseListDto;
  const deptName = (code: string) => t.campaign.definition.departments.find((d) => d.code === code)!.name;

  beforeAll(async () => {
    t = await setupTestApp();
    const [townA, townB] = t.towns;
    clerkA = await t.login('town', townA.name);
    clerkB = await t.login('town', townB.name);
    office = await t.login('office');
    director = await t.login('office', undefined, { director: true });
    discipline = await t.login('discipline');
    epb = await t.login('department', 'epb');
    market = await t.login('department', 'market');
    police = await t.login('department', 'police');
    water = await t.login('department', 'water');
    const villageId = await t.village(townA.name, '案件测试村');
    villageHead = await t.login('village', `${townA.name}/案件测试村`);
    workshop = await t.createWorkshop({ townName: townA.name, villageId, name: '案件测试再生塑料厂', phone: '13900004001' });
    other = await t.createWorkshop({ townName: townB.name, name: '案件外镇作坊', phone: '13900004002' });
    photoId = await addEvidence(t, clerkA, workshop.id);
    otherPhotoId = await addEvidence(t, clerkB, other.id, undefined, 1);
  });
  afterAll(() => t.close());

  it('lets a marked department record a case with the workshop’s photo (201)', async () => {
    expect((await epb.get(`/api/enterprises/${workshop.id}/cases`)).json()).toMatchObject({ items: [], total: 0, canRecord: true, policeUnits: [{ code: 'police', name: deptName('police') }] });
    const res = await epb.post(`/api/enterprises/${workshop.id}/cases`, {
      foundOn: todayInChina(),
      violation: '未办理环评手续擅自生产，废水直排村东沟渠',
      evidenceIds: [photoId],
    });
    expect(res.statusCode, res.body).toBe(201);
    kase = res.json() as CaseDto;
    expect(kase).toMatchObject({ department: { code: 'epb', name: deptName('epb') }, penalty: null, transfers: [], evidenceIds: [photoId], abilities: { update: true, transferPolice: true, transferDiscipline: true } });
    // The workshop's history names it; the workshop page offers the panel.
    const history = (await clerkA.get(`/api/enterprises/${workshop.id}/history`)).json() as { items: { action: string }[] };
    expect(history.items.map((h) => h.action)).toContain('case.create');
    expect(((await clerkA.get(`/api/enterprises/${workshop.id}`)).json() as EnterpriseDto).abilities.viewCases).toBe(true);
    expect(((await villageHead.get(`/api/enterprises/${workshop.id}`)).json() as EnterpriseDto).abilities.viewCases).toBe(false);
  });

  it('shows it to the town, the office, leaders’ roles and the case departments; others get 404', async () => {
    for (const agent of [clerkA, office, discipline, epb, market, police]) expect((await list(agent)).items.map((c) => c.id), 'reader').toContain(kase.id);
    for (const agent of [clerkB, water, villageHead]) expect((await list(agent)).items).toEqual([]);
    for (const agent of [water, villageHead, clerkB]) expect((await agent.get(`/api/enterprises/${workshop.id}/cases`)).statusCode).toBe(404);
    // Another case department reads it but may not change it (403); a town may not record one (403).
    const byMarket = ((await market.get(`/api/enterprises/${workshop.id}/cases`)).json() as CaseListDto).items[0];
    expect(byMarket.abilities).toEqual({ update: false, transferPolice: false, transferDiscipline: false });
    expect((await market.patch(`/api/cases/${kase.id}`, { version: kase.version, violation: '改写' })).statusCode).toBe(403);
    expect((await clerkA.post(`/api/enterprises/${workshop.id}/cases`, { foundOn: todayInChina(), violation: '镇街越权登记' })).statusCode).toBe(403);
    expect((await water.patch(`/api/cases/${kase.id}`, { version: kase.version, violation: '越权' })).statusCode).toBe(404);
    expect((await villageHead.post(`/api/cases/${kase.id}/transfers`, { kind: 'police', departmentCode: 'police', reason: '越权移交' })).statusCode).toBe(404);
  });

  it('refuses bad input with a Chinese problem and writes nothing', async () => {
    const before = await count('enforcement_cases');
    const good = { foundOn: todayInChina(), violation: '擅自生产' };
    const penalty = { decisionNumber: '环罚〔2026〕1号', amount: 50000, decidedOn: todayInChina(), status: 'issued' };
    for (const body of [
      { ...good, extra: 1 },
      { ...good, violation: '' },
      { ...good, foundOn: addDays(todayInChina(), 1) },
      { ...good, foundOn: '2026-13-01' },
      { ...good, penalty: { ...penalty, amount: -1 } },
      { ...good, penalty: { ...penalty, amount: 12.345 } },
      { ...good, penalty: { ...penalty, amount: '五万' } },
      { ...good, penalty: { ...penalty, status: 'paid_maybe' } },
      { ...good, penalty: { ...penalty, decisionNumber: '' } },
      { ...good, evidenceIds: [otherPhotoId] },
    ]) {
      const res = await epb.post(`/api/enterprises/${workshop.id}/cases`, body);
      expect(res.statusCode, JSON.stringify(body) + res.body).toBe(400);
      expect(res.json().detail, JSON.stringify(body)).toMatch(CHINESE);
    }
    expect(await count('enforcement_cases')).toBe(before);
    expect((await epb.post(`/api/enterprises/${other.id + 100000}/cases`, good)).statusCode).toBe(404);
  });

  it('records the penalty decision at a version, to the 分, and refuses a stale one (409)', async () => {
    const penalty = { decisionNumber: '环罚〔2026〕17号', amount: 123456.78, decidedOn: todayInChina(), status: 'served' };
    const res = await epb.patch(`/api/cases/${kase.id}`, { version: kase.version, penalty });
    expect(res.statusCode, res.body).toBe(200);
    const updated = res.json() as CaseDto;
    expect(updated.penalty).toEqual(penalty);
    expect(updated.version).toBe(kase.version + 1);
    expect((await epb.patch(`/api/cases/${kase.id}`, { version: kase.version, penalty: null })).statusCode).toBe(409);
    const row = await t.ctx.db.selectFrom('enforcement_cases').select('fine_fen').where('id', '=', kase.id).executeTakeFirstOrThrow();
    expect(Number(row.fine_fen)).toBe(12345678);
    // The office may correct it too.
    const byOffice = await office.patch(`/api/cases/${kase.id}`, { version: updated.version, penalty: { ...penalty, status: 'executed' } });
    expect(byOffice.statusCode, byOffice.body).toBe(200);
    kase = byOffice.json() as CaseDto;
    expect(kase.penalty?.status).toBe('executed');
  });

  it('transfers to the police once; only the receiving department signs for it, once', async () => {
    const before = await count('case_transfers');
    for (const body of [
      { kind: 'police', departmentCode: 'water', reason: '涉嫌污染环境罪' },
      { kind: 'police', departmentCode: 'police', reason: '' },
      { kind: 'court', reason: '涉嫌污染环境罪' },
      { kind: 'police', departmentCode: 'police', reason: '涉嫌污染环境罪', person: '多余字段' },
    ]) {
      const res = await epb.post(`/api/cases/${kase.id}/transfers`, body);
      expect(res.statusCode, JSON.stringify(body) + res.body).toBe(400);
      expect(res.json().detail).toMatch(CHINESE);
    }
    expect(await count('case_transfers')).toBe(before);
    const res = await epb.post(`/api/cases/${kase.id}/transfers`, { kind: 'police', departmentCode: 'police', reason: '废水直排，涉嫌污染环境罪' });
    expect(res.statusCode, res.body).toBe(201);
    const transfer = (res.json() as CaseDto).transfers.find((x) => x.kind === 'police')!;
    expect(transfer).toMatchObject({ to: deptName('police'), acknowledged: null, abilities: { acknowledge: false } });
    expect((await epb.post(`/api/cases/${kase.id}/transfers`, { kind: 'police', departmentCode: 'police', reason: '再次移交' })).statusCode).toBe(409);
    // The police see it to sign; the transferring department and the town may not sign (403).
    const seen = ((await police.get('/api/cases')).json() as CaseListDto).items.find((c) => c.id === kase.id)!;
    expect(seen.transfers[0].abilities.acknowledge).toBe(true);
    for (const agent of [epb, clerkA]) expect((await agent.post(`/api/case-transfers/${transfer.id}/acknowledge`, {})).statusCode).toBe(403);
    expect((await water.post(`/api/case-transfers/${transfer.id}/acknowledge`, {})).statusCode).toBe(404);
    const ack = await police.post(`/api/case-transfers/${transfer.id}/acknowledge`, { reference: '公环立〔2026〕5号' });
    expect(ack.statusCode, ack.body).toBe(200);
    expect((ack.json() as CaseDto).transfers[0].acknowledged).toMatchObject({ reference: '公环立〔2026〕5号' });
    expect((await police.post(`/api/case-transfers/${transfer.id}/acknowledge`, {})).statusCode).toBe(409);
    // The town sees that it went to the police and was signed for.
    const forTown = ((await clerkA.get(`/api/enterprises/${workshop.id}/cases`)).json() as CaseListDto).items[0];
    expect(forTown.transfers).toHaveLength(1);
    expect(forTown.transfers[0].acknowledged?.at).toBeTruthy();
  });

  it('transfers to discipline as a clue that only discipline and the office director see', async () => {
    const clues = await count('discipline_clues');
    const res = await epb.post(`/api/cases/${kase.id}/transfers`, { kind: 'discipline', person: '李某', post: '某村党支部委员', conduct: 'provided_convenience', description: '为该厂私接电源提供便利' });
    expect(res.statusCode, res.body).toBe(201);
    expect(await count('discipline_clues')).toBe(clues + 1);
    const mine = (res.json() as CaseDto).transfers.find((x) => x.kind === 'discipline')!;
    expect(mine).toMatchObject({ reason: '', acknowledged: null });
    expect(mine.clueId).toBeGreaterThan(0);
    // Nobody else learns of it: not the town, not the office staff, not another department, not the workshop's history.
    for (const agent of [clerkA, office, market, police]) {
      const seen = ((await agent.get(`/api/enterprises/${workshop.id}/cases`)).json() as CaseListDto).items[0];
      expect(seen.transfers.map((x) => x.kind), 'reader').toEqual(['police']);
    }
    const history = JSON.stringify((await clerkA.get(`/api/enterprises/${workshop.id}/history`)).json());
    expect(history).not.toContain('李某');
    expect(history).not.toContain('discipline');
    // The clue is there for discipline and the director, from a department transfer, linked to the workshop.
    for (const agent of [discipline, director]) {
      const found = ((await agent.get('/api/self-inspection/clues')).json() as ClueListDto).items.find((c) => c.id === mine.clueId)!;
      expect(found).toMatchObject({ person: '李某', source: 'department_transfer', enterprise: { id: workshop.id } });
    }
    expect((await office.post(`/api/case-transfers/${mine.id}/acknowledge`, {})).statusCode).toBe(404);
    expect((await epb.post(`/api/case-transfers/${mine.id}/acknowledge`, {})).statusCode).toBe(403);
    const ack = await discipline.post(`/api/case-transfers/${mine.id}/acknowledge`, { reference: '纪线〔2026〕3号' });
    expect(ack.statusCode, ack.body).toBe(200);
    const afterAck = ((await epb.get(`/api/enterprises/${workshop.id}/cases`)).json() as CaseListDto).items[0];
    expect(afterAck.transfers.find((x) => x.kind === 'discipline')?.acknowledged).toBeTruthy();
    expect(afterAck.abilities).toMatchObject({ transferPolice: false, transferDiscipline: false });
  });
});
