// 今日待办 (GET /api/agenda): each role's first screen says what is due, counted within its scope.
// The default campaign's dates lie in 2016, so its report and item deadlines have passed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgendaDto, AgendaEntryDto } from '../../../domain/agenda.js';
import type { EnterpriseSummaryDto } from '../../../domain/api.js';
import type { TownReportDto } from '../../../domain/reports.js';
import { dbUnavailable, setupTestApp, TEST_DB, type Agent, type TestApp } from '../setup/app.js';
import { openSheet } from '../fixtures/workbook.js';

const kinds = (a: AgendaDto) => a.entries.map((e) => e.kind);
const entry = (a: AgendaDto, kind: AgendaEntryDto['kind'], itemCode?: string) => a.entries.find((e) => e.kind === kind && (itemCode === undefined || e.itemCode === itemCode));

describe.skipIf(dbUnavailable())(`today's agenda by role (${TEST_DB})`, () => {
  let t: TestApp;
  let townA: { id: number; name: string };
  let townB: { id: number; name: string };
  let clerk: Agent;
  let head: Agent;
  const agenda = async (agent: Agent): Promise<AgendaDto> => {
    const res = await agent.get('/api/agenda');
    expect(res.statusCode).toBe(200);
    return res.json() as AgendaDto;
  };

  beforeAll(async () => {
    t = await setupTestApp();
    [townA, townB] = [t.towns[1], t.towns[2]];
    clerk = await t.login('town', townA.name);
    head = await t.login('town_head', townA.name);
    // Town A: two complete workshops, one without a phone, one without an address; town B: one without either.
    await t.createWorkshop({ townName: townA.name, name: '待办甲厂', address: '某村村东', phone: '13206328899' });
    const second = await t.createWorkshop({ townName: townA.name, name: '待办乙厂', address: '某村村西', phone: '13206328800' });
    await t.createWorkshop({ townName: townA.name, name: '待办丙厂', address: '某村村南' });
    await t.createWorkshop({ townName: townA.name, name: '待办丁厂', phone: '13206328811' });
    await t.createWorkshop({ townName: townB.name, name: '外镇戊厂' });
    await t.shutDown(second.id);
  });
  afterAll(() => t.close());

  it('asks for nothing without a session', async () => {
    expect((await t.anonymous.get('/api/agenda')).statusCode).toBe(401);
  });

  it("tells a town's staff that the task table is overdue, which workshops lack what 附件2 needs, and the items past their deadline", async () => {
    const a = await agenda(clerk);
    expect(a.entries[0]).toMatchObject({ kind: 'report_overdue', urgent: true, townId: townA.id, townName: townA.name });
    expect(entry(a, 'incomplete')).toMatchObject({ count: 2, urgent: false });
    // Three open workshops of town A, each with every item pending; town B's workshop is not theirs.
    for (const item of t.campaign.definition.standardItems) expect(entry(a, 'item_pending', item.code)).toMatchObject({ count: 3, urgent: true, due: expect.any(String) });
    expect(entry(a, 'item_pending')!.daysLeft).toBeLessThan(0);
    expect(kinds(a)).not.toContain('towns_late');
    expect(kinds(a)).not.toContain('clues_open');

    // The entry leads to exactly those workshops, and the export of that view says it is filtered.
    const list = (await clerk.get('/api/enterprises?incomplete=1')).json() as { items: EnterpriseSummaryDto[]; total: number };
    expect(list.total).toBe(2);
    expect(list.items.map((w) => w.name).sort()).toEqual(['待办丁厂', '待办丙厂']);
    const file = await clerk.get('/api/exports/task-table.xlsx?incomplete=1');
    expect(file.statusCode).toBe(200);
    expect(decodeURIComponent(file.headers['content-disposition'] as string)).toContain('信息不全');
    const ws = await openSheet(file);
    expect(JSON.stringify(ws.getSheetValues())).toContain('登记信息不全');
    // A wrong value is refused in Chinese and never read as "no filter".
    const bad = await clerk.get('/api/enterprises?incomplete=yes');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toMatch(/incomplete/);
  });

  it("puts 待您签字 first for the town's principal once the table is submitted, and tells the staff it waits for the signature", async () => {
    const v1 = (await clerk.post('/api/reports', { townId: townA.id })).json() as TownReportDto;
    const headAgenda = await agenda(head);
    expect(headAgenda.entries[0]).toMatchObject({ kind: 'report_to_sign', townId: townA.id, urgent: true });
    const clerkAgenda = await agenda(clerk);
    expect(entry(clerkAgenda, 'report_unsigned')).toMatchObject({ townId: townA.id, urgent: true });
    expect(kinds(clerkAgenda)).not.toContain('report_overdue');

    expect((await head.post(`/api/reports/${v1.id}/sign`, { contentSha256: v1.contentSha256 })).statusCode).toBe(200);
    expect(kinds(await agenda(head)).filter((k) => k.startsWith('report_'))).toEqual([]);
  });

  it('shows the office which towns are late and how many have reported, not each workshop', async () => {
    const office = await t.login('office');
    const a = await agenda(office);
    const late = entry(a, 'towns_late')!;
    expect(late).toMatchObject({ urgent: true, of: t.towns.length, count: t.towns.length - 1 });
    expect(late.names).toContain(townB.name);
    expect(late.names).not.toContain(townA.name);
    expect(entry(a, 'towns_reported')).toMatchObject({ count: 1, of: t.towns.length });
    expect(kinds(a)).not.toContain('incomplete');
    // District-wide: the items pending in every town (4 open workshops).
    expect(entry(a, 'item_pending', t.campaign.definition.standardItems[0].code)).toMatchObject({ count: 4, urgent: true });
  });

  it("gives a department only its own items, the inspectors what awaits acceptance, and discipline the open clues", async () => {
    const items = t.campaign.definition.standardItems;
    const departmentItem = items.find((i) => i.departments.length > 0)!;
    const department = await t.login('department', departmentItem.departments[0]);
    const d = await agenda(department);
    expect(d.entries.filter((e) => e.kind === 'item_pending').map((e) => e.itemCode)).toEqual(items.filter((i) => i.departments.includes(departmentItem.departments[0])).map((i) => i.code));
    expect(entry(d, 'item_pending')).toMatchObject({ count: 4 });
    expect(kinds(d)).not.toContain('report_overdue');

    const inspector = await t.login('inspector');
    expect(entry(await agenda(inspector), 'awaiting_acceptance')).toMatchObject({ count: 1 });

    const discipline = await t.login('discipline');
    expect(kinds(await agenda(discipline))).not.toContain('clues_open');
    const filed = await clerk.post('/api/self-inspection/clues', {
      townId: townA.id,
      person: '赵某',
      post: '某村党支部书记',
      conduct: 'provided_convenience',
      description: '为无证加工点私接电源',
      source: 'public_report',
    });
    expect(filed.statusCode).toBe(201);
    expect(entry(await agenda(discipline), 'clues_open')).toMatchObject({ count: 1 });
    // The clerk who filed it never sees clues, on the agenda either.
    expect(kinds(await agenda(clerk))).not.toContain('clues_open');
  });

  it("puts an escalation from the office on the town's agenda until the town answers it", async () => {
    const office = await t.login('office');
    const [workshop] = ((await clerk.get('/api/enterprises?pageSize=1')).json() as { items: EnterpriseSummaryDto[] }).items;
    const e = await office.post(`/api/enterprises/${workshop.id}/remarks`, { kind: 'escalation', text: '请说明断电未落实的原因并限期完成。' });
    expect(e.statusCode).toBe(201);
    expect(entry(await agenda(clerk), 'escalations_open')).toMatchObject({ count: 1, urgent: true });
    expect(kinds(await agenda(await t.login('town', townB.name)))).not.toContain('escalations_open');
    expect((await clerk.post(`/api/remarks/${(e.json() as { id: number }).id}/answer`, { text: '已联系供电部门，明日断电。' })).statusCode).toBe(200);
    expect(kinds(await agenda(clerk))).not.toContain('escalations_open');
  });

  it("keeps a village head's agenda to their village, without the town's report", async () => {
    const villageId = await t.village(townA.name, '待办村');
    await t.createWorkshop({ townName: townA.name, villageId, name: '本村己厂', address: '待办村北' });
    const villageHead = await t.login('village', `${townA.name}/待办村`);
    const a = await agenda(villageHead);
    expect(kinds(a).filter((k) => k.startsWith('report_') || k.startsWith('towns_'))).toEqual([]);
    expect(entry(a, 'incomplete')).toMatchObject({ count: 1 });
    expect(entry(a, 'item_pending')).toMatchObject({ count: 1 });
  });
});
