// Remarks on a workshop (帮包意见与督办): a liaison department comments on and escalates a workshop
// of its paired towns (not another town's: 404), the town sees it, answers the escalation (once),
// the office sees it all, village heads only read; every write is audited on the workshop's record,
// and the open escalations form each scope's to-do list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryEntryDto, ListResponse } from '../../../domain/api.js';
import type { OpenEscalationListDto, RemarkDto, RemarkListDto } from '../../../domain/remarks.js';
import { todayInChina } from '../../../domain/time.js';
import { dbUnavailable, setupTestApp, TEST_DB, type Agent, type TestApp } from '../setup/app.js';

const CHINESE = /[\u4e00-\u9fff]/;
const DAY = 86_400_000;
const inDays = (n: number) => new Date(Date.parse(`${todayInChina()}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

describe.skipIf(dbUnavailable())(`remarks: liaison comments and escalations (${TEST_DB})`, () => {
  let t: TestApp;
  let townA: { id: number; name: string };
  let townB: { id: number; name: string };
  let liaisonUnit: string;
  let liaison: Agent;
  let otherLiaison: Agent;
  let clerkA: Agent;
  let clerkB: Agent;
  let headA: Agent;
  let office: Agent;
  let villageHead: Agent;
  let workshop: { id: number };
  let workshopB: { id: number };
  let escalation: RemarkDto;
  let comment: RemarkDto;

  const remarks = (agent: Agent, id = workshop.id) => agent.get(`/api/enterprises/${id}/remarks`);
  const open = async (agent: Agent) => (await agent.get('/api/remarks/open-escalations')).json() as OpenEscalationListDto;
  const count = async () => ({
    remarks: Number((await t.ctx.db.selectFrom('workshop_remarks').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    audit: Number((await t.ctx.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
  });

  beforeAll(async () => {
    t = await setupTestApp();
    const def = t.campaign.definition;
    // The first liaison department, its first paired town (A), and a town it is not paired with (B).
    const pair = def.liaisonPairs[0];
    const other = def.liaisonPairs.find((p) => p.department !== pair.department && !p.towns.includes(pair.towns[0]))!;
    townA = t.towns.find((x) => x.name === pair.towns[0])!;
    townB = t.towns.find((x) => !pair.towns.includes(x.name))!;
    liaisonUnit = def.departments.find((d) => d.code === pair.department)!.name;
    liaison = await t.login('liaison', pair.department);
    otherLiaison = await t.login('liaison', other.department);
    clerkA = await t.login('town', townA.name);
    headA = await t.login('town_head', townA.name);
    clerkB = await t.login('town', townB.name);
    office = await t.login('office');
    const villageId = await t.village(townA.name, '督办测试村');
    villageHead = await t.login('village', `${townA.name}/督办测试村`);
    workshop = await t.createWorkshop({ townName: townA.name, villageId, name: '督办测试塑料颗粒厂', phone: '13900000801' });
    workshopB = await t.createWorkshop({ townName: townB.name, name: '督办测试石材作坊', phone: '13900000802' });
  });
  afterAll(() => t.close());

  it('lets a liaison department comment on and escalate a workshop of its paired town (201), in its own name', async () => {
    const empty = (await remarks(liaison)).json() as RemarkListDto;
    expect(empty).toEqual({ items: [], total: 0, abilities: { comment: true, escalate: true } });

    const c = await liaison.post(`/api/enterprises/${workshop.id}/remarks`, { kind: 'comment', text: '  请尽快核实该点是否仍在夜间生产。 ' });
    expect(c.statusCode, c.body).toBe(201);
    comment = c.json() as RemarkDto;
    expect(comment).toMatchObject({ kind: 'comment', text: '请尽快核实该点是否仍在夜间生产。', authorUnit: liaisonUnit, status: null, dueOn: null, overdue: false, answer: null, abilities: { answer: false } });

    const due = inDays(3);
    const e = await liaison.post(`/api/enterprises/${workshop.id}/remarks`, { kind: 'escalation', text: '断电已逾一周未落实，请镇街说明原因并限期完成。', dueOn: due });
    expect(e.statusCode, e.body).toBe(201);
    escalation = e.json() as RemarkDto;
    expect(escalation).toMatchObject({ kind: 'escalation', authorUnit: liaisonUnit, status: 'open', dueOn: due, overdue: false, answer: null, abilities: { answer: false } });
  });

  it('answers 404 to a liaison department on a workshop of a town it is not paired with, and writes nothing', async () => {
    const before = await count();
    expect((await remarks(liaison, workshopB.id)).statusCode).toBe(404);
    expect((await liaison.post(`/api/enterprises/${workshopB.id}/remarks`, { kind: 'comment', text: '越界的意见' })).statusCode).toBe(404);
    expect((await liaison.post(`/api/enterprises/${workshopB.id}/remarks`, { kind: 'escalation', text: '越界的督办' })).statusCode).toBe(404);
    // Another liaison department, not paired with town A, does not see this workshop or its remarks.
    expect((await remarks(otherLiaison)).statusCode).toBe(404);
    expect((await otherLiaison.post(`/api/enterprises/${workshop.id}/remarks`, { kind: 'comment', text: '越界的意见' })).statusCode).toBe(404);
    expect((await otherLiaison.post(`/api/remarks/${escalation.id}/answer`, { text: '越界的答复' })).statusCode).toBe(404);
    expect((await liaison.post('/api/enterprises/99999999/remarks', { kind: 'comment', text: '不存在的企业' })).statusCode).toBe(404);
    expect(await count()).toEqual(before);
  });

  it('refuses bad input with a Chinese message on the field, and writes nothing', async () => {
    const before = await count();
    const url = `/api/enterprises/${workshop.id}/remarks`;
    const cases: [unknown, string, RegExp][] = [
      [{ kind: 'comment', text: '   ' }, 'text', /请填写意见内容/],
      [{ kind: 'comment' }, 'text', /请填写意见内容/],
      [{ kind: 'comment', text: '长'.repeat(1001) }, 'text', /不能超过 1000 个字/],
      [{ kind: 'praise', text: '好' }, 'kind', /意见.*督办/],
      [{ kind: 'comment', text: '意见不设期限', dueOn: inDays(2) }, 'dueOn', /意见不设办理期限/],
      [{ kind: 'escalation', text: '期限已过', dueOn: inDays(-1) }, 'dueOn', /不能早于今天/],
      [{ kind: 'escalation', text: '日期格式', dueOn: '2016/5/12' }, 'dueOn', /YYYY-MM-DD/],
      [{ kind: 'comment', text: '多余字段', urgent: true }, '', /./],
    ];
    for (const [body, field, message] of cases) {
      const res = await liaison.post(url, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      const p = res.json() as { code: string; detail: string; errors?: { path: string; message: string }[] };
      expect(p.code).toBe('validation_failed');
      expect(p.detail).toMatch(CHINESE);
      if (field) expect(p.errors?.find((x) => x.path === field)?.message, JSON.stringify(body)).toMatch(message);
    }
    const emptyAnswer = await clerkA.post(`/api/remarks/${escalation.id}/answer`, { text: '' });
    expect(emptyAnswer.statusCode).toBe(400);
    expect(emptyAnswer.json().detail).toContain('请填写答复内容');
    expect(await count()).toEqual(before);
  });

  it("puts the open escalation on the town's to-do list, and on nobody's outside the scope", async () => {
    const forTown = await open(clerkA);
    expect(forTown.total).toBe(1);
    expect(forTown.items[0]).toMatchObject({ id: escalation.id, enterprise: { id: workshop.id, name: '督办测试塑料颗粒厂', townName: townA.name, villageName: '督办测试村' }, authorUnit: liaisonUnit, overdue: false });
    expect((await open(office)).items.map((x) => x.id)).toContain(escalation.id);
    expect((await open(liaison)).items.map((x) => x.id)).toContain(escalation.id);
    expect((await open(villageHead)).total).toBe(1);
    // Another town and another liaison department do not see it.
    expect(await open(clerkB)).toEqual({ items: [], total: 0 });
    expect(await open(otherLiaison)).toEqual({ items: [], total: 0 });
    // The town's staff are told on /api/auth/me that they answer escalations; the liaison is not.
    expect(((await clerkA.get('/api/auth/me')).json() as { abilities: Record<string, boolean> }).abilities.answerEscalations).toBe(true);
    expect(((await liaison.get('/api/auth/me')).json() as { abilities: Record<string, boolean> }).abilities.answerEscalations).toBe(false);
  });

  it('shows the remarks to the town, the office and the village head, each with what they may do', async () => {
    const seen = (await remarks(clerkA)).json() as RemarkListDto;
    expect(seen.total).toBe(2);
    expect(seen.items.map((r) => r.id)).toEqual([comment.id, escalation.id]);
    expect(seen.abilities).toEqual({ comment: true, escalate: false });
    expect(seen.items.map((r) => r.abilities.answer)).toEqual([false, true]);

    const byOffice = (await remarks(office)).json() as RemarkListDto;
    expect(byOffice.items.map((r) => r.text)).toEqual([comment.text, escalation.text]);
    expect(byOffice.abilities).toEqual({ comment: true, escalate: true });
    expect(byOffice.items[1].abilities.answer).toBe(false);

    const byVillage = (await remarks(villageHead)).json() as RemarkListDto;
    expect(byVillage.total).toBe(2);
    expect(byVillage.abilities).toEqual({ comment: false, escalate: false });
    expect(byVillage.items.every((r) => !r.abilities.answer)).toBe(true);
  });

  it('refuses writes to those who only read (403) and answers to whoever is not the town (403; 404 beyond the scope)', async () => {
    // Signing in is audited too: before counting.
    const leader = await t.login('leader');
    const before = await count();
    expect((await villageHead.post(`/api/enterprises/${workshop.id}/remarks`, { kind: 'comment', text: '村里的意见' })).statusCode).toBe(403);
    expect((await villageHead.post(`/api/remarks/${escalation.id}/answer`, { text: '村里的答复' })).statusCode).toBe(403);
    expect((await clerkA.post(`/api/enterprises/${workshop.id}/remarks`, { kind: 'escalation', text: '镇街不能督办自己' })).statusCode).toBe(403);
    expect((await liaison.post(`/api/remarks/${escalation.id}/answer`, { text: '帮包部门不能代答' })).statusCode).toBe(403);
    expect((await office.post(`/api/remarks/${escalation.id}/answer`, { text: '办公室不能代答' })).statusCode).toBe(403);
    expect((await leader.post(`/api/enterprises/${workshop.id}/remarks`, { kind: 'escalation', text: '领导' })).statusCode).toBe(403);
    expect((await clerkB.post(`/api/remarks/${escalation.id}/answer`, { text: '别的镇街' })).statusCode).toBe(404);
    expect((await clerkB.get(`/api/enterprises/${workshop.id}/remarks`)).statusCode).toBe(404);
    // A comment is not answered.
    const onComment = await clerkA.post(`/api/remarks/${comment.id}/answer`, { text: '答复一条意见' });
    expect(onComment.statusCode).toBe(409);
    expect(onComment.json().code).toBe('invalid_transition');
    expect(await count()).toEqual(before);
  });

  it('lets the town answer the escalation, which closes it; a second answer is refused (409) and changes nothing', async () => {
    const res = await headA.post(`/api/remarks/${escalation.id}/answer`, { text: '已协调供电部门，本周五前完成断电。' });
    expect(res.statusCode, res.body).toBe(200);
    const answered = res.json() as RemarkDto;
    expect(answered).toMatchObject({ id: escalation.id, status: 'answered', overdue: false, answer: { text: '已协调供电部门，本周五前完成断电。', unit: townA.name }, abilities: { answer: false } });

    const before = await count();
    const again = await clerkA.post(`/api/remarks/${escalation.id}/answer`, { text: '再答复一次' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'invalid_transition', detail: '该督办已答复，不能重复答复' });
    expect(await count()).toEqual(before);

    // The liaison and the office see the answer; the to-do lists are empty again.
    const seen = (await remarks(liaison)).json() as RemarkListDto;
    expect(seen.items[1]).toMatchObject({ status: 'answered', answer: { text: '已协调供电部门，本周五前完成断电。', unit: townA.name } });
    expect((await remarks(office)).json().items[1].status).toBe('answered');
    expect(await open(clerkA)).toEqual({ items: [], total: 0 });
    expect((await open(office)).items.map((x) => x.id)).not.toContain(escalation.id);
  });

  it("lets the town comment in reply, in its own name", async () => {
    const res = await clerkA.post(`/api/enterprises/${workshop.id}/remarks`, { kind: 'comment', text: '已安排夜间巡查。' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'comment', authorUnit: townA.name, status: null });
    expect(((await remarks(liaison)).json() as RemarkListDto).items.map((r) => r.authorUnit)).toEqual([liaisonUnit, liaisonUnit, townA.name]);
  });

  it("audits every write on the workshop's record, in its history", async () => {
    const rows = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'entity_type', 'entity_id', 'actor_id', 'scope_path', 'after'])
      .where('action', 'like', 'remark.%')
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.action)).toEqual(['remark.comment', 'remark.escalate', 'remark.answer', 'remark.comment']);
    expect(rows.every((r) => r.entity_type === 'enterprise' && r.entity_id === String(workshop.id))).toBe(true);
    expect(rows.map((r) => r.actor_id)).toEqual([liaison.userId, liaison.userId, headA.userId, clerkA.userId]);
    expect(JSON.parse(rows[1].after!)).toMatchObject({ remarkId: escalation.id, unit: liaisonUnit, text: escalation.text, dueOn: escalation.dueOn });
    expect(JSON.parse(rows[2].after!)).toMatchObject({ remarkId: escalation.id, status: 'answered', unit: townA.name });
    const history = (await clerkA.get(`/api/enterprises/${workshop.id}/history`)).json() as ListResponse<HistoryEntryDto>;
    expect(history.items.filter((h) => h.action.startsWith('remark.')).length).toBe(4);
  });
});
