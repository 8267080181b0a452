// 约谈与问责 (issue 17 §6), on both databases: the accountability list (问责清单) counts a small
// constructed register under the persons named on it — pending items past the items-due day, a
// rejected verdict, an unanswered 督办 — and a town's supervisor gets the town's totals; the office
// summons a village head to a 约谈 from the overdue 督办 and records it held; discipline records a
// 问责; every write is audited; a town's principal reads only their town's records, a department is
// refused (403), another town's record is 404; bad input is a Chinese 400 that writes nothing; two
// transitions at once give one 409.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountabilityDto, AccountabilityListDto, BoardDto, BoardPersonDto } from '../../../domain/accountability.js';
import type { MeDto } from '../../../domain/api.js';
import { addDays, todayInChina } from '../../../domain/time.js';
import { dbUnavailable, setupTestApp, TEST_DB, type Agent, type TestApp } from '../setup/app.js';

const CHINESE = /[\u4e00-\u9fff]/;

describe.skipIf(dbUnavailable())(`accountability: 约谈 and 问责 after 督办 (${TEST_DB})`, () => {
  let t: TestApp;
  let townA: { id: number; name: string; path: string };
  let townB: { id: number; name: string; path: string };
  let office: Agent;
  let director: Agent;
  let discipline: Agent;
  let headA: Agent;
  let headB: Agent;
  let department: Agent;
  let villageId: number;
  let open: { id: number };
  let rejected: { id: number };
  let escalationId: number;
  let interview: AccountabilityDto;
  let measure: AccountabilityDto;
  let interviewB: AccountabilityDto;
  const today = todayInChina();

  const count = async () => ({
    actions: Number((await t.ctx.db.selectFrom('accountability_actions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    audit: Number((await t.ctx.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
  });
  const board = async (agent: Agent, query = '') => {
    const res = await agent.get(`/api/accountability${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as BoardDto;
  };
  const auditOf = (id: number) => t.ctx.db.selectFrom('audit_log').select(['action', 'actor_name', 'after']).where('entity_type', '=', 'accountability').where('entity_id', '=', String(id)).orderBy('id').execute();

  beforeAll(async () => {
    t = await setupTestApp();
    [townA, townB] = [t.towns[0]!, t.towns[1]!];
    office = await t.login('office');
    director = await t.login('office', undefined, { director: true });
    discipline = await t.login('discipline');
    headA = await t.login('town_head', townA.name);
    headB = await t.login('town_head', townB.name);
    department = await t.login('department', 'power_office');
    villageId = await t.village(townA.name, '问责测试村');
    const persons = { villageHead: '张村长', townHead: '李镇长', departmentHead: '王科长' };
    open = await t.createWorkshop({ townName: townA.name, villageId, name: '问责测试塑料颗粒厂', phone: '13900009001', ...persons });
    rejected = await t.shutDown((await t.createWorkshop({ townName: townA.name, villageId, name: '问责测试洗选点', phone: '13900009002', ...persons })).id);
    const inspector = await t.login('inspector');
    const verdict = await inspector.post(`/api/enterprises/${rejected.id}/verdict`, { verdict: 'rejected', reasons: ['incomplete'], findings: '断电不彻底' });
    expect(verdict.statusCode, verdict.body).toBe(200);
    // A shut and accepted workshop counts for nothing; a workshop of town B under another village head.
    await t.createWorkshop({ townName: townB.name, name: '问责测试石材作坊', phone: '13900009003', villageHead: '赵村长' });
    const e = await office.post(`/api/enterprises/${open.id}/remarks`, { kind: 'escalation', text: '请限期断电', dueOn: today });
    expect(e.statusCode, e.body).toBe(201);
    escalationId = (e.json() as { id: number }).id;
    // The 督办 falls overdue: its due day moves into the past (a test cannot wait a day).
    await t.ctx.db.updateTable('workshop_remarks').set({ due_on: addDays(today, -3) }).where('id', '=', escalationId).execute();
    const s = await office.put(`/api/supervision/towns/${townA.id}/supervisors/supervisor`, { name: '孙监管', position: '副镇长', phone: '', replaces: null });
    expect(s.statusCode, s.body).toBe(200);
  });
  afterAll(() => t.close());

  it('offers the page by ability: the office, discipline and a town principal; not a department', async () => {
    for (const [agent, can] of [[office, true], [discipline, true], [headA, true], [department, false]] as const)
      expect(((await agent.get('/api/auth/me')).json() as MeDto).abilities.viewAccountability).toBe(can);
  });

  it('counts the overdue item, the rejected verdict and the unanswered 督办 under each person named on the workshops', async () => {
    const list = await board(discipline, `?town=${townA.id}&pageSize=100`);
    const items = t.campaign.definition.standardItems.length;
    const byKind = (kind: string) => list.items.find((r) => r.kind === kind)!;
    for (const [kind, name] of [['village_head', '张村长'], ['town_head', '李镇长'], ['department_head', '王科长']] as const) {
      const row = byKind(kind);
      expect(row, kind).toMatchObject({ name, town: { id: townA.id, name: townA.name } });
      expect(row.counts.rejected).toBe(1);
      expect(row.counts.recurred).toBe(0);
      expect(row.counts.escalationsOpen).toBe(1);
      expect(row.counts.escalationsOverdue).toBe(1);
      // The open workshop's items are all pending past the items-due day; the rejected one's are done.
      expect(row.counts.itemsOverdue).toBe(items);
      expect(row.overdue).toBe(items + 1 + 1);
    }
    expect(byKind('town_supervisor')).toMatchObject({ name: '孙监管', counts: { rejected: 1, escalationsOverdue: 1, itemsOverdue: items } });
    expect(list.items.some((r) => r.name === '赵村长')).toBe(false);
    expect(list.itemsDue).toBe(t.campaign.definition.phases.find((p) => p.itemsDue)!.itemsDue);
    expect(list.abilities).toEqual({ interview: false, decide: true, board: true });
    const all = await board(office, '?kind=village_head&pageSize=100');
    expect(all.items.map((r) => r.name).sort()).toEqual(['张村长', '赵村长'].sort());
    expect(all.items[0]!.name).toBe('张村长'); // most overdue first
    expect(all.abilities).toEqual({ interview: true, decide: false, board: true });
  });

  it('exports the list as .xlsx with the same rows, to the office and discipline only', async () => {
    const res = await discipline.get(`/api/accountability.xlsx?town=${townA.id}&kind=village_head`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('问责清单')!;
    const cells = ws.getSheetValues().flatMap((r) => (Array.isArray(r) ? r.map(String) : []));
    expect(cells).toContain('张村长');
    expect(cells).toContain('村居责任人');
    expect(cells).not.toContain('赵村长');
    expect((await headA.get('/api/accountability.xlsx')).statusCode).toBe(403);
  });

  it('expands a person into the workshops behind the counts', async () => {
    const res = await office.get(`/api/accountability/person?kind=village_head&town=${townA.id}&name=${encodeURIComponent('张村长')}`);
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json() as BoardPersonDto;
    expect(p.workshopsTotal).toBe(2);
    expect(p.workshops.map((w) => w.id).sort()).toEqual([open.id, rejected.id].sort());
    // Its village comes with it: the 约谈 form names the village head's unit from it.
    expect(p.workshops.find((w) => w.id === open.id)).toMatchObject({ escalationsOverdue: 1, openEscalationId: escalationId, villageId, villageName: '问责测试村' });
  });

  it('lets the office summon the village head to a 约谈 from the overdue 督办, audited', async () => {
    const remark = async (agent: Agent) => ((await agent.get(`/api/enterprises/${open.id}/remarks`)).json() as { items: { id: number; abilities: { interview: boolean } }[] }).items.find((r) => r.id === escalationId)!;
    expect((await remark(office)).abilities.interview).toBe(true);
    expect((await remark(headA)).abilities.interview).toBe(false);
    const before = await count();
    const res = await office.post('/api/accountability/actions', {
      level: 'interview',
      personName: '张村长',
      personPosition: '村支部书记',
      unitKind: 'village',
      unitId: villageId,
      remarkId: escalationId,
      reason: '督办逾期未答复，断电未落实',
      scheduledOn: addDays(today, 1),
      conductedBy: '领导小组办公室主任',
    });
    expect(res.statusCode, res.body).toBe(201);
    interview = res.json() as AccountabilityDto;
    expect(interview).toMatchObject({
      level: 'interview',
      state: 'scheduled',
      person: { name: '张村长', unitKind: 'village', unitName: '问责测试村' },
      town: { id: townA.id },
      enterprise: { id: open.id },
      remarkId: escalationId,
      abilities: { hold: true, withdraw: true },
    });
    expect(await count()).toEqual({ actions: before.actions + 1, audit: before.audit + 1 });
    expect((await auditOf(interview.id)).map((a) => a.action)).toEqual(['accountability.create']);
    // Discipline may not summon (约谈 is the office's), and the office may not decide a 问责.
    expect((await discipline.post('/api/accountability/actions', { ...interviewBody(), remarkId: escalationId })).statusCode).toBe(403);
    expect((await office.post('/api/accountability/actions', { level: 'accountability', personName: '张村长', unitKind: 'village', unitId: villageId, townId: townA.id, reason: '失职', measure: 'admonition' })).statusCode).toBe(403);
  });

  it('reminds the town principal and the office the day before the 约谈', async () => {
    const { sendReminders } = await import('../../commands/sendReminders.js');
    await sendReminders(t.ctx, new Date(`${today}T12:00:00+08:00`));
    const inbox = async (agent: Agent) => ((await agent.get('/api/notifications')).json() as { items: { kind: string; body: string }[] }).items.filter((n) => n.kind === 'interview_due');
    expect((await inbox(headA))[0]?.body).toContain('张村长');
    expect(await inbox(office)).toHaveLength(1);
    expect(await inbox(headB)).toEqual([]);
    const again = await sendReminders(t.ctx, new Date(`${today}T13:00:00+08:00`));
    expect(again.added).toBe(0);
  });

  it('records the 约谈 held; two at once give one success and one 409', async () => {
    const [a, b] = await Promise.all([
      office.post(`/api/accountability/actions/${interview.id}/hold`, { version: interview.version, outcome: '已约谈，当场表态三日内断电' }),
      director.post(`/api/accountability/actions/${interview.id}/hold`, { version: interview.version, outcome: '另一份记录' }),
    ]);
    expect([a.statusCode, b.statusCode].sort(), `${a.body} ${b.body}`).toEqual([200, 409]);
    const lost = a.statusCode === 409 ? a : b;
    expect((lost.json() as { detail: string }).detail).toMatch(CHINESE);
    const held = (a.statusCode === 200 ? a : b).json() as AccountabilityDto;
    expect(held).toMatchObject({ state: 'held', version: interview.version + 1, abilities: { hold: false, withdraw: false } });
    expect(held.decidedAt).not.toBeNull();
    const again = await office.post(`/api/accountability/actions/${interview.id}/hold`, { version: held.version, outcome: '再记一次' });
    expect(again.statusCode).toBe(409);
    expect((again.json() as { code: string }).code).toBe('invalid_transition');
    expect((await auditOf(interview.id)).map((x) => x.action)).toEqual(['accountability.create', 'accountability.hold']);
  });

  it('lets discipline record a 问责 following the 约谈, audited, and counts both under the person', async () => {
    const res = await discipline.post('/api/accountability/actions', {
      level: 'accountability',
      personName: '张村长',
      personPosition: '村支部书记',
      unitKind: 'village',
      unitId: villageId,
      previousId: interview.id,
      enterpriseId: open.id,
      reason: '约谈后仍未断电，措施不力',
      measure: 'circulated_criticism',
    });
    expect(res.statusCode, res.body).toBe(201);
    measure = res.json() as AccountabilityDto;
    expect(measure).toMatchObject({ level: 'accountability', state: 'decided', measure: 'circulated_criticism', previousId: interview.id, abilities: { hold: false, withdraw: true } });
    expect(measure.decidedBy).toBeTruthy();
    expect((await auditOf(measure.id))[0]).toMatchObject({ action: 'accountability.create' });
    const row = (await board(office, `?town=${townA.id}&kind=village_head`)).items[0]!;
    expect(row.counts).toMatchObject({ interviews: 1, accountabilities: 1 });
    // The office director records 问责 too.
    const d = await director.post('/api/accountability/actions', { level: 'accountability', personName: '李镇长', unitKind: 'town', unitId: townA.id, townId: townA.id, reason: '行动不力', measure: 'admonition' });
    expect(d.statusCode, d.body).toBe(201);
  });

  it('keeps records to their readers: a town principal sees their town’s only, another town’s is 404; a department 403', async () => {
    const b = await office.post('/api/accountability/actions', { ...interviewBody(), personName: '赵村长', unitKind: 'town', unitId: townB.id, townId: townB.id });
    expect(b.statusCode, b.body).toBe(201);
    interviewB = b.json() as AccountabilityDto;
    const mine = (await headA.get('/api/accountability/actions')).json() as AccountabilityListDto;
    expect(mine.items.every((a) => a.town.id === townA.id)).toBe(true);
    expect(mine.items.map((a) => a.id)).toEqual(expect.arrayContaining([interview.id, measure.id]));
    expect(mine.abilities).toEqual({ interview: false, decide: false, board: false });
    expect(mine.items.every((a) => !a.abilities.hold && !a.abilities.withdraw)).toBe(true);
    expect((await headA.get(`/api/accountability/actions/${interviewB.id}`)).statusCode).toBe(404);
    expect((await headB.get(`/api/accountability/actions/${interviewB.id}`)).statusCode).toBe(200);
    const before = await count();
    expect((await headA.post(`/api/accountability/actions/${interviewB.id}/withdraw`, { version: interviewB.version, outcome: '越权撤销' })).statusCode).toBe(404);
    expect((await headB.post(`/api/accountability/actions/${interviewB.id}/withdraw`, { version: interviewB.version, outcome: '无权撤销' })).statusCode).toBe(403);
    expect((await headA.get('/api/accountability')).statusCode).toBe(403);
    for (const url of ['/api/accountability', '/api/accountability/actions', `/api/accountability/actions/${interview.id}`]) expect((await department.get(url)).statusCode, url).toBe(url.endsWith(String(interview.id)) ? 404 : 403);
    expect((await department.post('/api/accountability/actions', interviewBody())).statusCode).toBe(403);
    expect(await count()).toEqual(before);
    const all = (await discipline.get('/api/accountability/actions?pageSize=100')).json() as AccountabilityListDto;
    expect(all.total).toBe(4);
    const withdrawn = await office.post(`/api/accountability/actions/${interviewB.id}/withdraw`, { version: interviewB.version, outcome: '人员调整，改期另行安排' });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({ state: 'withdrawn', outcome: '人员调整，改期另行安排' });
  });

  it('refuses bad input with a Chinese 400 naming the field, and writes nothing', async () => {
    const before = await count();
    const cases: [unknown, string][] = [
      [{ ...interviewBody(), scheduledOn: null }, 'scheduledOn'],
      [{ ...interviewBody(), scheduledOn: addDays(today, -1) }, 'scheduledOn'],
      [{ ...interviewBody(), conductedBy: '' }, 'conductedBy'],
      [{ ...interviewBody(), personName: '  ' }, 'personName'],
      [{ ...interviewBody(), townId: null }, 'townId'],
      [{ ...interviewBody(), level: 'warning' }, 'level'],
      [{ ...interviewBody(), unitId: '3' }, 'unitId'],
      [{ ...interviewBody(), unitId: 999999 }, 'unitId'],
      [{ ...interviewBody(), remarkId: 999999 }, 'remarkId'],
      [{ ...interviewBody(), measure: 'admonition' }, 'measure'],
      [{ ...interviewBody(), extra: 1 }, ''],
    ];
    for (const [body, field] of cases) {
      const res = await office.post('/api/accountability/actions', body);
      expect(res.statusCode, `${field}: ${res.body}`).toBe(400);
      const p = res.json() as { detail: string; errors?: { path: string; message: string }[] };
      expect(p.detail).toMatch(CHINESE);
      if (field) expect(p.errors?.some((e) => e.path.endsWith(field) && CHINESE.test(e.message)), `${field}: ${res.body}`).toBe(true);
    }
    const noMeasure = await discipline.post('/api/accountability/actions', { level: 'accountability', personName: '张村长', unitKind: 'village', unitId: villageId, townId: townA.id, reason: '失职' });
    expect(noMeasure.statusCode).toBe(400);
    const hold = await office.post(`/api/accountability/actions/${interview.id}/hold`, { version: 1, outcome: '' });
    expect(hold.statusCode).toBe(400);
    expect((await office.get('/api/accountability?kind=mayor')).statusCode).toBe(400);
    expect(await count()).toEqual(before);
  });

  function interviewBody() {
    return { level: 'interview', personName: '张村长', unitKind: 'village', unitId: villageId, townId: townA.id, reason: '督办逾期未答复', scheduledOn: addDays(today, 2), conductedBy: '办公室主任' };
  }
});
