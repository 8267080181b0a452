import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backfillReopenedAt } from '../../db/migrations/014_reopened_at.js';
import type { DashboardDto, EnterpriseDto, HistoryEntryDto, ListResponse, EnterpriseSummaryDto } from '../../../domain/api.js';
import { dbUnavailable, setupTestApp, TEST_DB, type Agent, type TestApp } from '../setup/app.js';

describe.skipIf(dbUnavailable())(`workshop register and shutdown workflow (${TEST_DB})`, () => {
  let t: TestApp;
  let town: Agent;
  let townName: string;
  let townId: number;
  let itemCodes: string[];

  beforeAll(async () => {
    t = await setupTestApp();
    townName = t.towns[1].name;
    townId = t.towns[1].id;
    town = await t.login('town', townName);
    itemCodes = t.campaign.definition.standardItems.map((i) => i.code);
  });
  afterAll(() => t.close());

  const count = async () => Number((await t.ctx.db.selectFrom('enterprises').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('registers a workshop with every register field and normalises the phone', async () => {
    const villageId = await t.village(townName, '李庄村');
    const res = await town.post('/api/enterprises', {
      name: '李庄宏达塑料颗粒加工厂',
      kind: t.campaign.definition.workshopKinds[0].code,
      townId,
      villageId,
      address: `${townName}李庄村村东300米`,
      lng: 117.4601,
      lat: 35.0751,
      contactPerson: '王建国',
      phone: '１３２ ０６３２ ８８９９',
      powerSource: '李庄村2号变压器',
      powerAccount: '0312345678',
      waterSource: '自备井',
      landType: '集体建设用地',
      landOwner: '李庄村村委会',
      landLease: '租赁，年租金 8000 元',
      licenceBusiness: 'absent',
      licenceEia: 'absent',
      licenceLand: 'unknown',
      productionStatus: 'producing',
      rawMaterials: '废旧塑料',
      notes: '夜间生产',
      discoverySource: 'survey',
    });
    expect(res.statusCode).toBe(201);
    const e = res.json() as EnterpriseDto;
    expect(e.phone).toBe('13206328899');
    expect(e.status).toBe('surveyed');
    expect(e.townName).toBe(townName);
    expect(e.villageName).toBe('李庄村');
    expect(e.items.map((i) => i.code)).toEqual(itemCodes);
    expect(e.items.every((i) => i.state === 'pending' && i.canRecord)).toBe(true);
    expect(e.abilities).toMatchObject({ update: true, recordItems: true, verdict: false });
    expect(e.version).toBe(1);
  });

  it('refuses bad input with Chinese field messages and writes nothing', async () => {
    const before = await count();
    const res = await town.post('/api/enterprises', { name: '', kind: 'pellet', townId, phone: '1234', lng: 200, extra: 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = res.json() as { title: string; detail: string; errors: { path: string; message: string }[] };
    expect(body.title).toBe('提交的内容有误');
    const paths = body.errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'phone', 'lng']));
    expect(body.detail).toContain('请填写企业名称');
    expect(body.errors.some((e) => e.message.includes('extra'))).toBe(true);
    expect(await count()).toBe(before);
  });

  it('accepts landlines with an area code and refuses a lone latitude', async () => {
    const ok = await town.post('/api/enterprises', { name: '固话测试洗选厂', kind: 'washing', townId, phone: '0632 8812345' });
    expect(ok.statusCode).toBe(201);
    expect((ok.json() as EnterpriseDto).phone).toBe('0632-8812345');
    const bad = await town.post('/api/enterprises', { name: '坐标测试厂', kind: 'washing', townId, lat: 35.1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('lng');
  });

  it('rejects a village of another town and an unknown kind', async () => {
    const otherVillage = await t.village(t.towns[2].name, '别镇村');
    const res = await town.post('/api/enterprises', { name: '错位厂', kind: 'pellet', townId, villageId: otherVillage });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('villageId');
    const kind = await town.post('/api/enterprises', { name: '类型厂', kind: 'nuclear', townId });
    expect(kind.statusCode).toBe(400);
    expect(kind.json().errors[0].path).toBe('kind');
  });

  it('lists with filters, Chinese substring search, paging and sorting', async () => {
    for (let i = 0; i < 3; i++) await t.createWorkshop({ name: `分页测试作坊${i}`, townName, contactPerson: '赵六' });
    const all = (await town.get('/api/enterprises?pageSize=100')).json() as ListResponse<EnterpriseSummaryDto>;
    expect(all.total).toBeGreaterThanOrEqual(5);
    const search = (await town.get(`/api/enterprises?q=${encodeURIComponent('宏达')}`)).json() as ListResponse<EnterpriseSummaryDto>;
    expect(search.items.map((e) => e.name)).toEqual(['李庄宏达塑料颗粒加工厂']);
    const byContact = (await town.get(`/api/enterprises?q=${encodeURIComponent('赵六')}`)).json() as ListResponse<EnterpriseSummaryDto>;
    expect(byContact.total).toBe(3);
    const likeIsLiteral = (await town.get(`/api/enterprises?q=${encodeURIComponent('%')}`)).json() as ListResponse<EnterpriseSummaryDto>;
    expect(likeIsLiteral.total).toBe(0);
    const page2 = (await town.get('/api/enterprises?pageSize=2&page=2&sort=id&order=asc')).json() as ListResponse<EnterpriseSummaryDto>;
    expect(page2.items).toHaveLength(2);
    expect(page2.items[0].id).toBeLessThan(page2.items[1].id);
    expect(page2.total).toBe(all.total);
    const byName = (await town.get(`/api/enterprises?town=${encodeURIComponent(townName)}&village=${encodeURIComponent('李庄村')}`)).json() as ListResponse<EnterpriseSummaryDto>;
    expect(byName.items.map((e) => e.villageName)).toEqual(['李庄村']);
    const byStatus = (await town.get('/api/enterprises?status=shut_down')).json() as ListResponse<EnterpriseSummaryDto>;
    expect(byStatus.total).toBe(0);
    const badStatus = await town.get('/api/enterprises?status=closed');
    expect(badStatus.statusCode).toBe(400);
    expect(badStatus.json().detail).toContain('状态取值不正确');
  });

  it('counts a change on the dashboard at once, cache or not', async () => {
    const office = await t.login('office');
    const e = await t.createWorkshop({ townName });
    const before = (await office.get('/api/dashboard')).json() as DashboardDto;
    const row = (d: DashboardDto) => d.towns.find((r) => r.townId === townId)!;
    await t.addEvidence(e.id, itemCodes[0]);
    await town.put(`/api/enterprises/${e.id}/items/${itemCodes[0]}`, { state: 'done', unit: '供电部', person: '李四', date: '2016-05-12' });
    const after = (await office.get('/api/dashboard')).json() as DashboardDto;
    expect(row(after).byStatus.in_progress).toBe(row(before).byStatus.in_progress + 1);
    expect(row(after).items[itemCodes[0]].done).toBe(row(before).items[itemCodes[0]].done + 1);
    expect(after.totals.total).toBe(before.totals.total);
  });

  it('gives a department its queue: workshops whose item of its duty is still pending', async () => {
    const [first, second] = itemCodes;
    const a = await t.createWorkshop({ townName, name: '队列测试甲厂' });
    const b = await t.createWorkshop({ townName, name: '队列测试乙厂' });
    await t.addEvidence(a.id, first);
    await town.put(`/api/enterprises/${a.id}/items/${first}`, { state: 'done', unit: '供电部', person: '李四', date: '2016-05-12' });
    await town.put(`/api/enterprises/${b.id}/items/${second}`, { state: 'not_applicable', reason: '无供水设施' });
    const q = encodeURIComponent('队列测试');
    const pendingFirst = (await town.get(`/api/enterprises?q=${q}&pendingItem=${first}`)).json() as ListResponse<EnterpriseSummaryDto>;
    expect(pendingFirst.items.map((e) => e.name)).toEqual(['队列测试乙厂']);
    const pendingSecond = (await town.get(`/api/enterprises?q=${q}&pendingItem=${second}`)).json() as ListResponse<EnterpriseSummaryDto>;
    expect(pendingSecond.items.map((e) => e.name)).toEqual(['队列测试甲厂']);
    expect((await town.get('/api/enterprises?pendingItem=DROP')).statusCode).toBe(400);
    // An excluded site is in nobody's queue.
    const c = await t.createWorkshop({ townName, name: '队列测试丙厂' });
    const office = await t.login('office');
    expect((await office.post(`/api/enterprises/${c.id}/exclude`, { reason: '经核实为合法企业' })).statusCode).toBe(200);
    const afterExclusion = (await town.get(`/api/enterprises?q=${q}&pendingItem=${first}`)).json() as ListResponse<EnterpriseSummaryDto>;
    expect(afterExclusion.items.map((e) => e.name)).toEqual(['队列测试乙厂']);
  });

  it('edits with optimistic locking: a stale edit answers 409 and overwrites nothing', async () => {
    const e = await t.createWorkshop({ townName, notes: '原始备注', productionStatus: 'intermittent', villageId: await t.village(townName, '王庄村') });
    const first = await town.patch(`/api/enterprises/${e.id}`, { version: 1, notes: '第一次修改' });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(2);
    const stale = await town.patch(`/api/enterprises/${e.id}`, { version: 1, notes: '过期的修改' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('stale_version');
    expect(stale.json().detail).toContain('已被他人修改');
    const now = (await town.get(`/api/enterprises/${e.id}`)).json() as EnterpriseDto;
    expect(now.notes).toBe('第一次修改');
    // Fields the PATCH did not mention keep their values.
    expect(now.name).toBe(e.name);
    expect(now.productionStatus).toBe(e.productionStatus);
    expect(now.version).toBe(2);
    expect(now.villageName).toBe('王庄村');
    const noVersion = await town.patch(`/api/enterprises/${e.id}`, { notes: 'x' });
    expect(noVersion.statusCode).toBe(400);
  });

  it('walks a workshop from survey to acceptance through the five items', async () => {
    const e = await t.createWorkshop({ townName });
    await t.addEvidence(e.id, itemCodes[0], { agent: town });
    const first = await town.put(`/api/enterprises/${e.id}/items/${itemCodes[0]}`, { state: 'done', unit: '区电力执法办公室', person: '李四', date: '2016-05-12', note: '远距离永久性断电' });
    expect(first.statusCode).toBe(200);
    expect(first.json().status).toBe('in_progress');

    const naWithoutReason = await town.put(`/api/enterprises/${e.id}/items/${itemCodes[1]}`, { state: 'not_applicable', reason: '' });
    expect(naWithoutReason.statusCode).toBe(400);
    expect(naWithoutReason.json().detail).toContain('须说明理由');
    const na = await town.put(`/api/enterprises/${e.id}/items/${itemCodes[1]}`, { state: 'not_applicable', reason: '该点无供水设施，使用桶装水' });
    expect(na.json().status).toBe('in_progress');

    let last: EnterpriseDto | undefined;
    for (const code of itemCodes.slice(2)) {
      await t.addEvidence(e.id, code, { agent: town });
      const res = await town.put(`/api/enterprises/${e.id}/items/${code}`, { state: 'done', unit: '西集镇取缔工作组', person: '王五', date: '2016-05-13' });
      expect(res.statusCode).toBe(200);
      last = res.json() as EnterpriseDto;
    }
    expect(last!.status).toBe('shut_down');
    expect(last!.itemsDone).toBe(itemCodes.length);
    expect(last!.abilities.recordItems).toBe(false);

    // The town cannot accept its own work; the inspector can.
    const selfAccept = await town.post(`/api/enterprises/${e.id}/verdict`, { verdict: 'accepted' });
    expect(selfAccept.statusCode).toBe(403);
    const inspector = await t.login('inspector');
    const seen = (await inspector.get(`/api/enterprises/${e.id}`)).json() as EnterpriseDto;
    expect(seen.abilities.verdict).toBe(true);
    const accepted = await inspector.post(`/api/enterprises/${e.id}/verdict`, { verdict: 'accepted', findings: '现场核查到位' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().status).toBe('accepted');
    const again = await inspector.post(`/api/enterprises/${e.id}/verdict`, { verdict: 'accepted' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('invalid_transition');

    const history = (await town.get(`/api/enterprises/${e.id}/history`)).json() as ListResponse<HistoryEntryDto>;
    const actions = history.items.map((h) => h.action);
    expect(actions).toEqual(expect.arrayContaining(['enterprise.create', 'item.record', 'status.start_shutdown', 'status.complete_shutdown', 'status.accept']));
    expect(history.items.filter((h) => h.action === 'item.record')).toHaveLength(itemCodes.length + 0 + 0);
  });

  it('sends a rejected workshop back for rectification and shuts it down again', async () => {
    const e = await t.createWorkshop({ townName });
    await t.shutDown(e.id);
    const inspector = await t.login('inspector');
    const noReason = await inspector.post(`/api/enterprises/${e.id}/verdict`, { verdict: 'rejected', reasons: [], findings: '' });
    expect(noReason.statusCode).toBe(400);
    const rejected = await inspector.post(`/api/enterprises/${e.id}/verdict`, { verdict: 'rejected', reasons: ['incomplete', 'ineffective'], findings: '原料未清理干净' });
    expect(rejected.json().status).toBe('rejected');
    expect(rejected.json().statusReason).toBe('原料未清理干净');
    // The town sees why, not only the findings: the verdict's reasons, when and by whom. The items keep their records.
    const seen = (await town.get(`/api/enterprises/${e.id}`)).json() as EnterpriseDto;
    expect(seen.rejection).toEqual({ reasons: ['incomplete', 'ineffective'], findings: '原料未清理干净', at: expect.any(String), inspector: expect.any(String) });
    expect(seen.rejection!.inspector).not.toBe('');
    expect(seen.itemsDone).toBe(itemCodes.length);
    expect(seen.items.every((i) => i.canRecord)).toBe(true);
    const fix = await town.put(`/api/enterprises/${e.id}/items/${itemCodes[3]}`, { state: 'done', unit: '西集镇', person: '王五', date: '2016-05-18', note: '二次清理' });
    // Rectifying one item of a complete set restarts and completes the shutdown at once.
    expect(fix.json().status).toBe('shut_down');
    // No longer rejected: the rejection is history, not the workshop's state.
    expect(fix.json().rejection).toBeNull();
  });

  it('excludes a surveyed site only with the office and a reason; recurrence reopens the shutdown', async () => {
    const e = await t.createWorkshop({ townName });
    const byTown = await town.post(`/api/enterprises/${e.id}/exclude`, { reason: '合法企业' });
    expect(byTown.statusCode).toBe(403);
    const office = await t.login('office');
    expect((await office.post(`/api/enterprises/${e.id}/exclude`, { reason: '' })).statusCode).toBe(400);
    const ex = await office.post(`/api/enterprises/${e.id}/exclude`, { reason: '经核实为已备案的合法企业' });
    expect(ex.json().status).toBe('excluded');
    const edit = await town.patch(`/api/enterprises/${e.id}`, { version: ex.json().version, notes: 'x' });
    expect(edit.statusCode).toBe(403);

    const s = await t.createWorkshop({ townName });
    await t.shutDown(s.id);
    const inspector = await t.login('inspector');
    await inspector.post(`/api/enterprises/${s.id}/verdict`, { verdict: 'accepted' });
    const recur = await town.post(`/api/enterprises/${s.id}/recur`, { reason: '巡查发现夜间恢复生产' });
    expect(recur.statusCode).toBe(200);
    const r = recur.json() as EnterpriseDto;
    expect(r.status).toBe('recurred');
    expect(r.items.every((i) => i.state === 'pending')).toBe(true);
    // A workshop that recurred before migration 014 gets its reopening time from the audit log.
    const recurredAt = (await t.ctx.db.selectFrom('audit_log').select('at').where('action', '=', 'status.recur').where('entity_id', '=', String(s.id)).executeTakeFirstOrThrow()).at;
    expect((await t.ctx.db.selectFrom('enterprises').select('reopened_at').where('id', '=', s.id).executeTakeFirstOrThrow()).reopened_at).not.toBeNull();
    await t.ctx.db.updateTable('enterprises').set({ reopened_at: null }).execute();
    await backfillReopenedAt(t.ctx.db);
    expect((await t.ctx.db.selectFrom('enterprises').select('reopened_at').where('id', '=', s.id).executeTakeFirstOrThrow()).reopened_at).toBe(recurredAt);
    expect((await t.ctx.db.selectFrom('enterprises').select('reopened_at').where('id', '=', e.id).executeTakeFirstOrThrow()).reopened_at).toBeNull();
    // The photos of the first shutdown do not prove the second one.
    const unproven = await town.put(`/api/enterprises/${s.id}/items/${itemCodes[0]}`, { state: 'done', unit: '供电部', person: '李四', date: '2016-06-01' });
    expect(unproven.statusCode).toBe(409);
    await t.addEvidence(s.id, itemCodes[0], { agent: town, n: 5 });
    const redo = await town.put(`/api/enterprises/${s.id}/items/${itemCodes[0]}`, { state: 'done', unit: '供电部', person: '李四', date: '2016-06-01' });
    expect(redo.json().status).toBe('in_progress');
  });

  it('answers 404 for an unknown workshop or item and 400 for a malformed id', async () => {
    expect((await town.get('/api/enterprises/999999')).statusCode).toBe(404);
    const e = await t.createWorkshop({ townName });
    const item = await town.put(`/api/enterprises/${e.id}/items/nonexistent`, { state: 'done', unit: 'a', person: 'b', date: '2016-05-12' });
    expect(item.statusCode).toBe(404);
    const bad = await town.get('/api/enterprises/abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().title).toBe('提交的内容有误');
  });

  it('writes the audit record in the same transaction as the change', async () => {
    const before = Number((await t.ctx.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const e = await t.createWorkshop({ townName });
    await town.patch(`/api/enterprises/${e.id}`, { version: 1, contactPerson: '新联系人' });
    const rows = await t.ctx.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'enterprise').where('entity_id', '=', String(e.id)).orderBy('id').execute();
    expect(rows.map((r) => r.action)).toEqual(['enterprise.create', 'enterprise.update']);
    expect(JSON.parse(rows[1].before!)).toEqual({ contactPerson: '' });
    expect(JSON.parse(rows[1].after!)).toEqual({ contactPerson: '新联系人' });
    const after = Number((await t.ctx.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(after).toBeGreaterThan(before);
  });
});
