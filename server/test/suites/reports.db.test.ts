import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportOverviewDto, TownReportDetailDto, TownReportDto } from '../../../domain/reports.js';
import { redateCampaign } from '../../../domain/campaign.js';
import { installCampaign } from '../../commands/installCampaign.js';
import { chineseDate } from '../../exports/sheet.js';
import { chinaDateTime, todayInChina } from '../../../domain/time.js';
import { forgetCampaignCache } from '../../repositories/campaigns.js';
import { dbUnavailable, setupTestApp, TEST_DB, type Agent, type TestApp } from '../setup/app.js';
import { openSheet } from '../fixtures/workbook.js';

const rowText = (ws: ExcelJS.Worksheet, row: number) => Array.from({ length: 5 }, (_, i) => ws.getRow(row).getCell(i + 1).text);

/** Data rows from row 4 (after title, unit row and header) to the first row without a 序号. */
function dataRows(ws: ExcelJS.Worksheet): string[][] {
  const out: string[][] = [];
  for (let r = 4; r <= ws.rowCount; r++) {
    const row = rowText(ws, r);
    if (!/^\d+$/.test(row[0])) break;
    out.push(row);
  }
  return out;
}

describe.skipIf(dbUnavailable())(`town reports signed by the principal (${TEST_DB})`, () => {
  let t: TestApp;
  let townName: string;
  let townId: number;
  let clerk: Agent;
  let head: Agent;

  beforeAll(async () => {
    t = await setupTestApp();
    townName = t.towns[1].name;
    townId = t.towns[1].id;
    clerk = await t.login('town', townName);
    head = await t.login('town_head', townName);
  });
  afterAll(() => t.close());

  it('freezes the task table, lets only the principal sign it, and marks a signature after the deadline late', async () => {
    await t.createWorkshop({ townName, name: '报送测试甲厂', address: '李庄村村东300米', phone: '13206328899', notes: '夜间生产' });
    await t.createWorkshop({ townName, name: '报送测试乙厂' });

    const submitted = await clerk.post('/api/reports', { townId });
    expect(submitted.statusCode).toBe(201);
    const v1 = submitted.json() as TownReportDto;
    expect(v1).toMatchObject({ version: 1, status: 'submitted', rowCount: 2, late: false });
    expect(v1.contentSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(v1.abilities.sign).toBe(false);

    const content = (await clerk.get(`/api/reports/${v1.id}/content`)).json() as { content: { rows: { seq: number; name: string; location: string; phone: string; notes: string }[] } };
    expect(content.content.rows[0]).toMatchObject({ seq: 1, name: '报送测试甲厂', location: '李庄村村东300米', phone: '13206328899', notes: '夜间生产' });

    // The clerk cannot sign; the principal must confirm exactly what was submitted.
    expect((await clerk.post(`/api/reports/${v1.id}/sign`, { contentSha256: v1.contentSha256 })).statusCode).toBe(403);
    const wrongHash = await head.post(`/api/reports/${v1.id}/sign`, { contentSha256: '0'.repeat(64) });
    expect(wrongHash.statusCode).toBe(409);
    expect(wrongHash.json().detail).toContain('不一致');
    const signed = await head.post(`/api/reports/${v1.id}/sign`, { contentSha256: v1.contentSha256 });
    expect(signed.statusCode).toBe(200);
    // The default campaign's report was due on its own date, long past.
    expect(signed.json()).toMatchObject({ status: 'signed', late: true, signedBy: expect.any(String) });
    expect((await head.post(`/api/reports/${v1.id}/sign`, { contentSha256: v1.contentSha256 })).statusCode).toBe(409);

    // Unchanged register: nothing to report again. A change makes the next version.
    expect((await clerk.post('/api/reports', { townId })).statusCode).toBe(409);
    const e = await t.createWorkshop({ townName, name: '报送测试丙厂' });
    const detail = (await clerk.get(`/api/reports/towns/${townId}`)).json() as TownReportDetailDto;
    expect(detail.current).toMatchObject({ rowCount: 3, changedSinceLatest: true });
    const v2 = (await clerk.post('/api/reports', { townId })).json() as TownReportDto;
    expect(v2.version).toBe(2);
    // The signed version stays exactly as it was.
    const frozen = (await clerk.get(`/api/reports/${v1.id}/content`)).json() as { contentSha256: string; content: { rows: unknown[] } };
    expect(frozen.contentSha256).toBe(v1.contentSha256);
    expect(frozen.content.rows).toHaveLength(2);
    expect(e.id).toBeGreaterThan(0);

    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'after']).where('entity_type', '=', 'town_report').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['report.submit', 'report.sign', 'report.submit']);
    expect(JSON.parse(audit[1].after!)).toMatchObject({ sha256: v1.contentSha256, late: true });
  });

  it('shows the office who has reported, who has not, and who was late; a town sees only itself', async () => {
    const office = await t.login('office');
    const overview = (await office.get('/api/reports')).json() as ReportOverviewDto;
    expect(overview.phase?.reportDue).toBe(t.campaign.definition.phases.find((p) => p.reportDue)!.reportDue);
    expect(overview.towns).toHaveLength(t.towns.length);
    const mine = overview.towns.find((r) => r.townId === townId)!;
    expect(mine.state).toBe('signed_late');
    expect(mine.signed?.version).toBe(1);
    expect(mine.latest?.version).toBe(2);
    expect(overview.towns.filter((r) => r.townId !== townId).every((r) => r.state === 'overdue')).toBe(true);

    const own = (await clerk.get('/api/reports')).json() as ReportOverviewDto;
    expect(own.towns.map((r) => r.townName)).toEqual([townName]);
    const other = await t.login('town', t.towns[2].name);
    const v1 = mine.signed!;
    expect((await other.get(`/api/reports/${v1.id}/content`)).statusCode).toBe(404);
    expect((await other.get(`/api/reports/towns/${townId}`)).statusCode).toBe(404);
    expect((await other.post('/api/reports', { townId })).statusCode).toBe(400);
  });

  it('after the date, tells a town whose version waits for its principal (逾期未签字) from one that sent nothing (逾期未报)', async () => {
    const late = t.towns[3];
    await t.createWorkshop({ townName: late.name, name: '逾期报送测试厂' });
    const lateClerk = await t.login('town', late.name);
    const before = (await lateClerk.get(`/api/reports/towns/${late.id}`)).json() as TownReportDetailDto;
    expect(before.state).toBe('overdue');
    expect((await lateClerk.post('/api/reports', { townId: late.id })).statusCode).toBe(201);

    // The town's own page, right after submitting: no longer “not reported”.
    const after = (await lateClerk.get(`/api/reports/towns/${late.id}`)).json() as TownReportDetailDto;
    expect(after.state).toBe('overdue_unsigned');
    expect(after.versions[0]).toMatchObject({ status: 'submitted', signedAt: null });

    const overview = (await (await t.login('office')).get('/api/reports')).json() as ReportOverviewDto;
    const states = new Map(overview.towns.map((r) => [r.townId, r.state]));
    expect(states.get(late.id)).toBe('overdue_unsigned');
    expect(states.get(townId)).toBe('signed_late');
    expect(overview.towns.filter((r) => r.townId !== late.id && r.townId !== townId).every((r) => r.state === 'overdue' && r.latest === null)).toBe(true);
  });

  it('downloads a version as the notice\'s 附件2, from its frozen content, with the signer on the signature line', async () => {
    const overview = (await clerk.get('/api/reports')).json() as ReportOverviewDto;
    const v1 = overview.towns[0].signed!;
    const v2 = overview.towns[0].latest!;
    expect(v1.signedAt).not.toBeNull();
    // The register changes after both versions were frozen.
    await t.ctx.db.updateTable('enterprises').set({ phone: '13900000000', notes: '已改' }).where('name', '=', '报送测试甲厂').execute();
    await t.createWorkshop({ townName, name: '报送后新增丁厂' });

    const form = t.campaign.definition.forms.taskTable;
    const frozen = (await clerk.get(`/api/reports/${v1.id}/content`)).json() as { content: { rows: { seq: number; name: string; location: string; phone: string; notes: string }[] } };
    const res = await clerk.get(`/api/reports/${v1.id}/task-table.xlsx`);
    const ws = await openSheet(res);
    expect(ws.getCell('A1').text).toBe(form.title);
    expect(ws.getCell('E1').master.address).toBe('A1');
    expect(ws.getCell('A2').text).toBe(`填报单位：${townName}`);
    expect(ws.getCell('D2').text).toBe(`填报日期：${chineseDate(todayInChina(new Date(v1.submittedAt)))}`);
    expect(rowText(ws, 3)).toEqual(form.columns);
    const rows = dataRows(ws);
    expect(rows).toEqual(frozen.content.rows.map((r) => [String(r.seq), r.name, r.location, r.phone, r.notes]));
    expect(rows[0]).toEqual(['1', '报送测试甲厂', '李庄村村东300米', '13206328899', '夜间生产']);
    expect(rows.map((r) => r[1])).not.toContain('报送后新增丁厂');
    // Same layout as the live export: borders, print titles, page footer.
    expect(ws.getCell('B4').border?.top?.style).toBe('thin');
    expect(ws.pageSetup.printTitlesRow).toBe('1:3');
    expect(ws.headerFooter.oddFooter).toContain('第 &P 页 共 &N 页');
    // A blank row, the signature line with the principal's name and time, then the checksum.
    const sig = 4 + rows.length + 1;
    expect(ws.getRow(sig - 1).getCell(1).text).toBe('');
    expect(ws.getCell(`A${sig}`).text).toBe(`主要负责人签字：${v1.signedBy}（${chinaDateTime(v1.signedAt!, 'minutes')} 签字）`);
    expect(ws.getCell(`A${sig}`).text).toMatch(/（\d{4}-\d{2}-\d{2} \d{2}:\d{2} 签字）$/);
    expect(ws.getCell(`D${sig}`).text).toBe(`日期：${chineseDate(todayInChina(new Date(v1.signedAt!)))}`);
    expect(ws.getCell(`A${sig + 1}`).text).toContain(v1.contentSha256);
    expect(decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(String(res.headers['content-disposition']))![1])).toMatch(
      new RegExp(`^${t.campaign.definition.orgUnits.name}-${townName}-任务表-第1版-\\d{4}-\\d{2}-\\d{2}\\.xlsx$`),
    );

    // An unsigned version: its own frozen rows, and a blank signature line for the pen.
    const unsigned = await openSheet(await t.login('office').then((o) => o.get(`/api/reports/${v2.id}/task-table.xlsx`)));
    const rows2 = dataRows(unsigned);
    expect(rows2.map((r) => r[1])).toEqual(['报送测试甲厂', '报送测试乙厂', '报送测试丙厂']);
    expect(rows2[0][3]).toBe('13206328899');
    expect(unsigned.getCell(`A${4 + rows2.length + 1}`).text).toBe('主要负责人签字：');
    expect(unsigned.getCell(`A${4 + rows2.length + 2}`).text).toContain(v2.contentSha256);

    // Another town's user, or nobody: not found / not logged in.
    const other = await t.login('town', t.towns[2].name);
    expect((await other.get(`/api/reports/${v1.id}/task-table.xlsx`)).statusCode).toBe(404);
    expect((await t.anonymous.get(`/api/reports/${v1.id}/task-table.xlsx`)).statusCode).toBe(401);
    expect((await clerk.get('/api/reports/999999/task-table.xlsx')).statusCode).toBe(404);
  });

  it('counts a signature on or before the deadline as on time', async () => {
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    await installCampaign(t.ctx, null, { definition: { ...redateCampaign(t.campaign.definition, today), code: `report-test-${today}` }, makeCurrent: true });
    forgetCampaignCache(t.ctx.db);
    await t.createWorkshop({ townName, name: '新行动报送厂' });
    const v = (await clerk.post('/api/reports', { townId })).json() as TownReportDto;
    expect(v.version).toBe(1);
    const signed = (await head.post(`/api/reports/${v.id}/sign`, { contentSha256: v.contentSha256 })).json() as TownReportDto;
    expect(signed.late).toBe(false);
    const overview = (await head.get('/api/reports')).json() as ReportOverviewDto;
    expect(overview.towns[0].state).toBe('signed');
  });
});
