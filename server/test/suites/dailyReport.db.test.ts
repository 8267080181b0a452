// The daily progress report (日报): its figures match a small register counted directly (by town,
// status and standard item), a town's report holds only its town, the workbook and the Word
// document carry them (the document with its chart), a bad date is refused in Chinese, and who may
// not read it is refused.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DailyFiguresDto } from '../../../domain/dailyReport.js';
import { addDays, todayInChina } from '../../../domain/time.js';
import { buildDailyReportMessage } from '../../reports/dailyReport.js';
import { readZipEntries } from '../fixtures/evidenceZip.js';
import { dbUnavailable, setupTestApp, TEST_DB, type Agent, type TestApp } from '../setup/app.js';

/** After the shutdown window of the default campaign (items due 2016-05-15), in its acceptance phase. */
const DATE = '2016-05-16';

describe.skipIf(dbUnavailable())(`daily report (${TEST_DB})`, () => {
  let t: TestApp;
  let office: Agent;
  let townA: { id: number; name: string };
  let townB: { id: number; name: string };

  beforeAll(async () => {
    t = await setupTestApp();
    office = await t.login('office');
    [townA, townB] = [t.towns[0], t.towns[1]];
    // Town A: one accepted then recurred, one shut down, one with an item marked not applicable (in progress).
    const a1 = await t.createWorkshop({ townName: townA.name });
    const a2 = await t.createWorkshop({ townName: townA.name });
    const a3 = await t.createWorkshop({ townName: townA.name });
    await t.shutDown(a1.id);
    await t.shutDown(a2.id);
    const inspector = await t.login('inspector');
    expect((await inspector.post(`/api/enterprises/${a1.id}/verdict`, { verdict: 'accepted' })).statusCode).toBe(200);
    const town = await t.login('town', townA.name);
    expect((await town.post(`/api/enterprises/${a1.id}/recur`, { reason: '夜间恢复生产' })).statusCode).toBe(200);
    const code = t.campaign.definition.standardItems[0].code;
    expect((await town.put(`/api/enterprises/${a3.id}/items/${code}`, { state: 'not_applicable', reason: '无供电设施' })).statusCode).toBe(200);
    // Town B: one excluded, one surveyed.
    const b1 = await t.createWorkshop({ townName: townB.name });
    const b2 = await t.createWorkshop({ townName: townB.name });
    expect((await office.post(`/api/enterprises/${b1.id}/exclude`, { reason: '经核实为合法企业' })).statusCode).toBe(200);
    // Town B asks the power office to cut b2's power; its deadline is set back to before the report's day.
    const asked = await office.post(`/api/enterprises/${b2.id}/requests`, { itemCode: 'power_cut', departmentCode: 'power_office', details: { facility: '村东变压器', account: '', access: '' } });
    expect(asked.statusCode, asked.body).toBe(201);
    await t.ctx.db.updateTable('department_requests').set({ due_on: '2016-05-14' }).where('enterprise_id', '=', b2.id).execute();
  });
  afterAll(() => t.close());

  /** The register counted directly, for one town: by status, and items by code and state (excluded workshops left out). */
  async function scanTown(townId: number) {
    const status = await t.ctx.db.selectFrom('enterprises').select(['status', (eb) => eb.fn.countAll().as('n')]).where('town_id', '=', townId).groupBy('status').execute();
    const items = await t.ctx.db
      .selectFrom('enterprise_items as i')
      .innerJoin('enterprises as e', 'e.id', 'i.enterprise_id')
      .select(['i.item_code', 'i.state', (eb) => eb.fn.countAll().as('n')])
      .where('e.town_id', '=', townId)
      .where('e.status', '!=', 'excluded')
      .groupBy(['i.item_code', 'i.state'])
      .execute();
    return { status: Object.fromEntries(status.map((s) => [s.status, Number(s.n)])) as Record<string, number>, items: items.map((i) => ({ code: i.item_code, state: i.state, n: Number(i.n) })) };
  }

  it('answers figures that match the register, by town, status and standard item', async () => {
    const res = await office.get(`/api/reports/daily/figures?date=${DATE}`);
    expect(res.statusCode).toBe(200);
    const f = res.json() as DailyFiguresDto;
    expect(f.date).toBe(DATE);
    expect(f.districtWide).toBe(true);
    expect(f.towns.map((r) => r.townId)).toEqual(t.towns.map((x) => x.id));
    expect(f.phase).toMatchObject({ code: 'acceptance', deadline: '2016-05-20', daysLeft: 4 });

    const a = await scanTown(townA.id);
    const rowA = f.towns.find((r) => r.townId === townA.id)!;
    expect(rowA.total).toBe(3);
    for (const [s, n] of Object.entries(a.status)) expect(rowA.byStatus[s as keyof typeof rowA.byStatus], s).toBe(n);
    expect(rowA.byStatus).toMatchObject({ shut_down: 1, recurred: 1, in_progress: 1, accepted: 0 }); // an item marked not applicable starts the shutdown
    expect(rowA.shut).toBe(1);
    expect(rowA.shutPercent).toBe(33.3);
    // Past the items' deadline every pending item is overdue.
    expect(rowA.overdueItems).toBe(a.items.filter((i) => i.state === 'pending').reduce((n, i) => n + i.n, 0));
    // The task table is not reported, and its day (2016-05-10) is past.
    expect(rowA.reportState).toBe('overdue');

    const b = await scanTown(townB.id);
    const rowB = f.towns.find((r) => r.townId === townB.id)!;
    expect(rowB).toMatchObject({ total: 2, shut: 0, shutPercent: 0 });
    expect(rowB.byStatus).toMatchObject({ excluded: b.status.excluded, surveyed: b.status.surveyed });

    expect(f.totals.total).toBe(5);
    expect(f.totals.byStatus.excluded).toBe(1);
    expect(f.totals.shutPercent).toBe(25); // 1 shut of 4 not excluded
    for (const item of f.items) {
      const of = (state: string) => [...a.items, ...b.items].filter((i) => i.code === item.code && i.state === state).reduce((n, i) => n + i.n, 0);
      expect(item, item.code).toMatchObject({ done: of('done'), notApplicable: of('not_applicable'), pending: of('pending'), required: 4 });
    }
    expect(f.items[0]).toMatchObject({ done: 1, notApplicable: 1, pending: 2, percent: 50 });
    expect(f.items.map((i) => i.name)).toEqual(t.campaign.definition.standardItems.map((i) => i.name));
    expect(f.requests).toMatchObject({ open: 1, overdue: 1, byStatus: { requested: 1, confirmed: 0 } });
    expect(f.tips).toMatchObject({ received: 0, overdue: 0 });
    // The recurrence was confirmed today, not in 2016's week.
    expect(f.recurrences).toEqual({ from: addDays(DATE, -6), to: DATE, count: 0 });
  });

  it("counts this week's recurrences, and defaults to today", async () => {
    const f = (await office.get('/api/reports/daily/figures')).json() as DailyFiguresDto;
    expect(f.date).toBe(todayInChina());
    expect(f.recurrences.count).toBe(1);
    expect(f.towns.find((r) => r.townId === townA.id)!.recurrencesThisWeek).toBe(1);
    // The last phase has no end: no deadline.
    expect(f.phase).toMatchObject({ code: 'supervision', deadline: null, daysLeft: null });
    const message = buildDailyReportMessage(f);
    expect(message.title).toContain('日报');
    expect(message.lines[0]).toContain(`全区共排查土小企业5家，已取缔1家（25%`);
    expect(message.link).toBe(`/api/reports/daily?date=${f.date}&format=docx`);
  });

  it("gives a town its own town's figures only", async () => {
    for (const role of ['town', 'town_head'] as const) {
      const town = await t.login(role, townA.name);
      const f = (await town.get(`/api/reports/daily/figures?date=${DATE}`)).json() as DailyFiguresDto;
      expect(f.districtWide).toBe(false);
      expect(f.scopeName).toBe(townA.name);
      expect(f.towns.map((r) => r.townId)).toEqual([townA.id]);
      expect(f.totals.total).toBe(3);
      expect(f.requests).toMatchObject({ open: 0, overdue: 0 }); // town B's request is not town A's
      const xlsx = await town.get(`/api/reports/daily?date=${DATE}&format=xlsx`);
      expect(xlsx.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const towns = wb.getWorksheet('分镇进度')!;
      expect(towns.getCell('A3').value).toBe(townA.name);
      expect(towns.getCell('A4').value).toBe('合计');
      expect(towns.getCell('A5').value).toBeNull();
    }
    const leader = await t.login('leader');
    expect(((await leader.get(`/api/reports/daily/figures?date=${DATE}`)).json() as DailyFiguresDto).towns).toHaveLength(t.towns.length);
  });

  it('writes the workbook: 汇总, 分镇进度 and 标准项 with the figures', async () => {
    const res = await office.get(`/api/reports/daily?date=${DATE}&format=xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('日报_20160516.xlsx')}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '分镇进度', '标准项']);
    const summary = wb.getWorksheet('汇总')!;
    expect(summary.getCell('A1').value).toBe('土小企业集中取缔行动日报（2016年5月16日）');
    const value = (label: string) => {
      let v: unknown;
      summary.eachRow((row) => {
        if (row.getCell(1).value === label) v = row.getCell(2).value;
      });
      return v;
    };
    expect(value('登记企业总数')).toBe(5);
    expect(value('取缔率（不含已排除）')).toBeCloseTo(0.25);
    const towns = wb.getWorksheet('分镇进度')!;
    expect(towns.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(towns.getRow(2).values).toContain('取缔率');
    const rowA = towns.getRow(3);
    expect(rowA.getCell(1).value).toBe(townA.name);
    expect(rowA.getCell(2).value).toBe(3);
    expect(rowA.getCell(3).value).toBe(1); // shut down
    expect(rowA.getCell(10).value).toBeCloseTo(0.333);
    expect(rowA.getCell(10).numFmt).toBe('0.0%');
    expect(rowA.getCell(11).value).toBe('逾期未报送');
    const items = wb.getWorksheet('标准项')!;
    expect(items.getRow(3).values).toEqual([undefined, t.campaign.definition.standardItems[0].name, 4, 1, 1, 2, 0.5]);
  });

  it('writes the Word document with the figures in sentences and the chart', async () => {
    const res = await office.get(`/api/reports/daily?date=${DATE}&format=docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('日报_20160516.docx'));
    const entries = await readZipEntries(res.rawPayload);
    const media = [...entries.keys()].filter((k) => /^word\/media\/.+\.png$/.test(k));
    expect(media).toHaveLength(1);
    expect(entries.get(media[0])!.subarray(1, 4).toString()).toBe('PNG');
    const xml = entries.get('word/document.xml')!.toString('utf8');
    expect(xml).toContain('截至5月16日，全区共排查土小企业5家，已取缔1家（25%');
    expect(xml).toContain('土小企业集中取缔行动日报（2016年5月16日）');
    expect(xml).toContain(townA.name);
  });

  it('refuses a bad date or format in Chinese (400)', async () => {
    const cases: [string, string][] = [
      ['date=2016-13-01', 'querystring.date'],
      ['date=20160516', 'querystring.date'],
      [`date=${addDays(todayInChina(), 1)}`, 'querystring.date'],
      ['date=2016-05-16&format=pdf', 'querystring.format'],
      ['date=2016-05-16&extra=1', 'querystring'],
    ];
    for (const [query, field] of cases) {
      const res = await office.get(`/api/reports/daily?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const p = res.json() as { title: string; errors?: { path: string; message: string }[] };
      expect(p.title).toMatch(/[\u4e00-\u9fff]/);
      if (field !== 'querystring') expect(p.errors?.find((e) => e.path === field)?.message, query).toMatch(/[\u4e00-\u9fff]/);
    }
    const future = (await office.get(`/api/reports/daily/figures?date=${addDays(todayInChina(), 1)}`)).json() as { errors: { message: string }[] };
    expect(future.errors[0].message).toBe('日报日期不能晚于今天');
  });

  it('refuses departments, inspectors, discipline and villages (403)', async () => {
    const department = t.campaign.definition.departments[0].code;
    const village = await t.village(townA.name, '日报村');
    expect(village).toBeGreaterThan(0);
    for (const agent of [await t.login('department', department), await t.login('inspector'), await t.login('discipline'), await t.login('village', `${townA.name}/日报村`)]) {
      expect((await agent.get(`/api/reports/daily/figures?date=${DATE}`)).statusCode).toBe(403);
      expect((await agent.get(`/api/reports/daily?date=${DATE}&format=docx`)).statusCode).toBe(403);
    }
    expect((await t.anonymous.get('/api/reports/daily')).statusCode).toBe(401);
    // The web shows the report's card by the ability /api/auth/me sends.
    const ability = async (agent: Agent) => ((await agent.get('/api/auth/me')).json() as { abilities: { downloadDailyReport: boolean } }).abilities.downloadDailyReport;
    expect(await ability(office)).toBe(true);
    expect(await ability(await t.login('town_head', townA.name))).toBe(true);
    expect(await ability(await t.login('department', department))).toBe(false);
  });
});
