import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { EnterpriseDto } from '../../../domain/api.js';
import type { TownReportDto } from '../../../domain/reports.js';
import { districtActor } from '../../exports/forms.js';
import { exportEnterpriseChunks } from '../../repositories/enterprises.js';
import { dbUnavailable, setupTestApp, TEST_DB, type Agent, type TestApp } from '../setup/app.js';
import { runQudi } from '../setup/cli.js';
import { openSheet as open } from '../fixtures/workbook.js';

/** A test that runs `qudi`: each run starts a process of its own (tsx), slow on a busy machine. */
const CLI_TIMEOUT = 90_000;

const values = (ws: ExcelJS.Worksheet, row: number, cols: number) => Array.from({ length: cols }, (_, i) => ws.getRow(row).getCell(i + 1).text);

interface FormTable {
  /** The row of the column headers, and the headers. */
  header: number;
  columns: string[];
  /** The data rows: from the one after the header to the first without a number in 序号. */
  rows: string[][];
}

/** A workshop form's table, wherever its header row (the first whose first cell is 序号) is. */
function readForm(ws: ExcelJS.Worksheet, cols: number): FormTable {
  let header = 1;
  while (header <= ws.rowCount && ws.getRow(header).getCell(1).text.replace(/\s/g, '') !== '序号') header++;
  const rows: string[][] = [];
  for (let r = header + 1; r <= ws.rowCount; r++) {
    const row = values(ws, r, cols);
    if (!/^\d+$/.test(row[0])) break;
    rows.push(row);
  }
  return { header, columns: values(ws, header, cols), rows };
}

const dataRows = (ws: ExcelJS.Worksheet, cols: number) => readForm(ws, cols).rows;

function fileName(res: LightMyRequestResponse): string {
  const m = /filename\*=UTF-8''([^;]+)/.exec(String(res.headers['content-disposition']));
  return m ? decodeURIComponent(m[1]) : '';
}

describe.skipIf(dbUnavailable())(`the notice's forms as .xlsx (${TEST_DB})`, () => {
  let t: TestApp;
  let office: Agent;
  let townAgent: Agent;
  let townName: string;
  let otherTown: string;
  let district: string;
  let shut: EnterpriseDto;
  let partial: EnterpriseDto;
  let fresh: EnterpriseDto;
  let elsewhere: EnterpriseDto;

  beforeAll(async () => {
    t = await setupTestApp();
    district = t.campaign.definition.orgUnits.name;
    townName = t.towns[1].name;
    otherTown = t.towns[2].name;
    office = await t.login('office');
    townAgent = await t.login('town', townName);
    const villageId = await t.village(townName, '东庄村');
    shut = await t.createWorkshop({ name: '东庄宏达塑料颗粒厂', villageId, address: '村东300米', phone: '13206328899', notes: '夜间生产', villageHead: '张村长', townHead: '李镇长', departmentHead: '王局长' });
    await t.shutDown(shut.id);
    partial = await t.createWorkshop({ name: '东庄小洗选厂', villageId, address: '东庄村北河滩' });
    const items = t.campaign.definition.standardItems;
    await t.addEvidence(partial.id, items[0].code);
    expect((await office.put(`/api/enterprises/${partial.id}/items/${items[0].code}`, { state: 'done', unit: '区供电部', person: '赵六', date: '2016-05-11', note: '' })).statusCode).toBe(200);
    expect((await office.put(`/api/enterprises/${partial.id}/items/${items[1].code}`, { state: 'not_applicable', reason: '无自备井' })).statusCode).toBe(200);
    fresh = await t.createWorkshop({ name: '西岭土法炼油点' });
    elsewhere = await t.createWorkshop({ name: '外镇废旧轮胎炼油厂', townName: otherTown });
  });
  afterAll(() => t.close());

  it('keeps the three responsible persons on the register and lets them be edited', async () => {
    expect(shut).toMatchObject({ villageHead: '张村长', townHead: '李镇长', departmentHead: '王局长' });
    expect(fresh).toMatchObject({ villageHead: '', townHead: '', departmentHead: '' });
    const res = await townAgent.patch(`/api/enterprises/${fresh.id}`, { version: fresh.version, townHead: '孙镇长' });
    expect(res.statusCode).toBe(200);
    expect((res.json() as EnterpriseDto).townHead).toBe('孙镇长');
    const tooLong = await townAgent.patch(`/api/enterprises/${fresh.id}`, { version: fresh.version + 1, villageHead: '长'.repeat(51) });
    expect(tooLong.statusCode).toBe(400);
  });

  it('writes 附件2 (任务表) with title, unit row, header, rows and print setup', async () => {
    const res = await office.get('/api/exports/task-table.xlsx');
    const ws = await open(res);
    const form = t.campaign.definition.forms.taskTable;
    expect(ws.getCell('A1').text).toBe(form.title);
    expect(ws.getCell('A1').isMerged).toBe(true);
    expect(ws.getCell('E1').master.address).toBe('A1');
    expect(ws.getCell('A2').text).toBe(`填报单位：${district}`);
    expect(ws.getCell('D2').text).toMatch(/^填报日期：\d{4}年\d{1,2}月\d{1,2}日$/);
    // The district's form covers several towns: a 镇街 column after 序号 names each row's.
    expect(values(ws, 3, 6)).toEqual([form.columns[0], '镇街', ...form.columns.slice(1)]);
    expect(ws.getCell('F1').master.address).toBe('A1');
    const rows = dataRows(ws, 6);
    expect(rows).toHaveLength(4);
    expect(rows.map((r) => r[0])).toEqual(['1', '2', '3', '4']);
    const row = rows.find((r) => r[2] === shut.name)!;
    expect(row).toEqual([row[0], townName, shut.name, '东庄村村东300米', '13206328899', '夜间生产']);
    expect(rows.find((r) => r[2] === partial.name)!.slice(1, 4)).toEqual([townName, partial.name, '东庄村北河滩']);
    // Sorted by town: the other town's workshop after this town's.
    expect(rows.map((r) => r[2]).indexOf(elsewhere.name)).toBe(t.towns[2].id > t.towns[1].id ? 3 : 0);
    expect(rows.find((r) => r[2] === elsewhere.name)![1]).toBe(otherTown);
    // A blank row, then the signature line.
    const sig = 4 + rows.length + 1;
    expect(ws.getRow(sig - 1).getCell(1).text).toBe('');
    expect(ws.getCell(`A${sig}`).text).toBe('主要负责人签字：');
    expect(ws.getCell(`E${sig}`).text).toContain('年');
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.orientation).toBe('portrait');
    expect(ws.pageSetup.printTitlesRow).toBe('1:3');
    expect(ws.headerFooter.oddFooter).toContain('第 &P 页 共 &N 页');
    expect(ws.getColumn(3).width).toBeGreaterThan(ws.getColumn(2).width!);
    expect(ws.getCell('B4').border?.top?.style).toBe('thin');
    expect(fileName(res)).toMatch(new RegExp(`^${district}-任务表-\\d{4}-\\d{2}-\\d{2}\\.xlsx$`));
    expect(String(res.headers['content-disposition'])).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
  });

  it('writes 附件3 (登记表) with 取缔情况 in words and the responsible persons', async () => {
    const ws = await open(await office.get(`/api/exports/registration-table.xlsx?town=${encodeURIComponent(townName)}`));
    const form = t.campaign.definition.forms.registrationTable;
    expect(ws.getCell('A1').text).toBe(form.title);
    expect(ws.getCell('G1').master.address).toBe('A1');
    expect(values(ws, 3, 7)).toEqual(form.columns);
    const rows = dataRows(ws, 7);
    expect(rows.map((r) => r[1]).sort()).toEqual([shut.name, partial.name, fresh.name].sort());
    const items = t.campaign.definition.standardItems;
    const shutRow = rows.find((r) => r[1] === shut.name)!;
    expect(shutRow[2]).toBe(`${items.map((i) => i.doneLabel).join('、')}（5月12日）`);
    expect(shutRow.slice(3)).toEqual(['张村长', '李镇长', '王局长', '夜间生产']);
    expect(rows.find((r) => r[1] === partial.name)![2]).toBe(
      `取缔中：${items[0].doneLabel}（5月11日）；${items[1].name}项不适用：无自备井；尚未${items.slice(2).map((i) => i.name).join('、')}`,
    );
    expect(rows.find((r) => r[1] === fresh.name)![2]).toBe('未开始');
    expect(ws.getCell('A2').text).toBe(`填报单位：${townName}`);
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.printTitlesRow).toBe('1:3');
  });

  it('says which town each row of a district-wide 附件3 belongs to, in a 镇街 column', async () => {
    const ws = await open(await office.get('/api/exports/registration-table.xlsx'));
    const form = t.campaign.definition.forms.registrationTable;
    expect(ws.getCell('A2').text).toBe(`填报单位：${district}`);
    const table = readForm(ws, 8);
    expect(table.header).toBe(3);
    expect(table.columns).toEqual([form.columns[0], '镇街', ...form.columns.slice(1)]);
    expect(ws.getCell('H1').master.address).toBe('A1');
    const townOf = Object.fromEntries(table.rows.map((r) => [r[2], r[1]]));
    expect(townOf).toEqual({ [shut.name]: townName, [partial.name]: townName, [fresh.name]: townName, [elsewhere.name]: otherTown });
    expect(table.rows.find((r) => r[2] === shut.name)!.slice(4)).toEqual(['张村长', '李镇长', '王局长', '夜间生产']);
    expect(ws.getCell(`B${table.header + 1}`).border?.top?.style).toBe('thin');
    // One town's form keeps the notice's columns: 填报单位 names the town.
    const one = readForm(await open(await office.get(`/api/exports/registration-table.xlsx?town=${encodeURIComponent(otherTown)}`)), 8);
    expect(one.columns).toEqual([...form.columns, '']);
    expect(one.rows.map((r) => r.slice(0, 2))).toEqual([['1', elsewhere.name]]);
  });

  it("cuts a town user's export to their town and names it in the file", async () => {
    const res = await townAgent.get('/api/exports/task-table.xlsx');
    const ws = await open(res);
    const table = readForm(ws, 5);
    const names = table.rows.map((r) => r[1]);
    expect(names.sort()).toEqual([shut.name, partial.name, fresh.name].sort());
    expect(names).not.toContain(elsewhere.name);
    // One town: 填报单位 names it, the notice's columns without 镇街.
    expect(table.columns).toEqual(t.campaign.definition.forms.taskTable.columns);
    expect(ws.getCell('A2').text).toBe(`填报单位：${townName}`);
    expect(fileName(res)).toMatch(new RegExp(`^${district}-${townName}-任务表-`));
    // Another town asked for by name is outside their scope: an empty form, not that town's rows.
    const other = await open(await townAgent.get(`/api/exports/task-table.xlsx?town=${encodeURIComponent(otherTown)}`));
    expect(dataRows(other, 5)).toHaveLength(0);
  });

  it("honours the list's filters for the office", async () => {
    const byTown = await office.get(`/api/exports/task-table.xlsx?town=${encodeURIComponent(otherTown)}`);
    expect(dataRows(await open(byTown), 5).map((r) => r[1])).toEqual([elsewhere.name]);
    expect(fileName(byTown)).toMatch(new RegExp(`^${district}-${otherTown}-任务表-`));
    const byStatus = await open(await office.get('/api/exports/registration-table.xlsx?status=shut_down'));
    expect(dataRows(byStatus, 8).map((r) => r[2])).toEqual([shut.name]);
    const bySearch = await open(await office.get(`/api/exports/task-table.xlsx?q=${encodeURIComponent('洗选')}`));
    expect(dataRows(bySearch, 6).map((r) => r[2])).toEqual([partial.name]);
    const pending = t.campaign.definition.standardItems[0].code;
    const byPending = await open(await office.get(`/api/exports/task-table.xlsx?pendingItem=${pending}`));
    expect(dataRows(byPending, 6).map((r) => r[2]).sort()).toEqual([fresh.name, elsewhere.name].sort());
    expect((await office.get('/api/exports/task-table.xlsx?status=nonsense')).statusCode).toBe(400);
  });

  it('marks a filtered export as filtered, under its title and in its file name', async () => {
    const res = await office.get(`/api/exports/task-table.xlsx?town=${encodeURIComponent(townName)}&status=in_progress&q=${encodeURIComponent('洗选')}`);
    const ws = await open(res);
    expect(ws.getCell('A1').text).toBe(t.campaign.definition.forms.taskTable.title);
    expect(ws.getCell('A2').text).toBe('仅列出符合筛选条件的企业——状态：取缔中；关键词：洗选');
    expect(ws.getCell('E2').master.address).toBe('A2');
    expect(ws.getCell('A3').text).toBe(`填报单位：${townName}`);
    expect(values(ws, 4, 5)).toEqual(t.campaign.definition.forms.taskTable.columns);
    expect(dataRows(ws, 5).map((r) => r[1])).toEqual([partial.name]);
    // Every printed page repeats the line that says the form is filtered.
    expect(ws.pageSetup.printTitlesRow).toBe('1:4');
    expect(fileName(res)).toMatch(new RegExp(`^${district}-${townName}-任务表（筛选：取缔中，含“洗选”）-\\d{4}-\\d{2}-\\d{2}\\.xlsx$`));
    expect(String(res.headers['content-disposition'])).toMatch(/filename="qudi-task-table-filtered-\d{4}-\d{2}-\d{2}\.xlsx"/);

    const item = t.campaign.definition.standardItems[0];
    const pending = await office.get(`/api/exports/registration-table.xlsx?pendingItem=${item.code}`);
    const pendingWs = await open(pending);
    expect(pendingWs.getCell('A2').text).toBe(`仅列出符合筛选条件的企业——待完成事项：${item.name}`);
    expect(pendingWs.getCell('A3').text).toBe(`填报单位：${district}`);
    expect(fileName(pending)).toMatch(new RegExp(`^${district}-登记表（筛选：${item.name}未完成）-`));

    // A search word that a file name cannot hold is written safely.
    const odd = await office.get(`/api/exports/task-table.xlsx?q=${encodeURIComponent('a/b:c')}`);
    expect((await open(odd)).getCell('A2').text).toBe('仅列出符合筛选条件的企业——关键词：a/b:c');
    expect(fileName(odd)).toMatch(new RegExp(`^${district}-任务表（筛选：含“a_b_c”）-`));

    // A town (or village) is the unit, not a filter: that town's complete form, named as such.
    const whole = await office.get(`/api/exports/task-table.xlsx?town=${encodeURIComponent(townName)}`);
    expect((await open(whole)).getCell('A2').text).toBe(`填报单位：${townName}`);
    expect(fileName(whole)).toMatch(new RegExp(`^${district}-${townName}-任务表-\\d{4}-\\d{2}-\\d{2}\\.xlsx$`));
  });

  it('writes 附件1 (领导小组成员名单) from the campaign definition', async () => {
    const res = await townAgent.get('/api/exports/leading-group.xlsx');
    const ws = await open(res);
    const lg = t.campaign.definition.leadingGroup;
    expect(ws.getCell('A1').text).toBe(t.campaign.definition.forms.leadingGroupList.title);
    expect(ws.getCell('C1').master.address).toBe('A1');
    expect(values(ws, 2, 3)).toEqual(['职务', '姓名', '单位及职务']);
    const m = lg.members[0];
    expect(values(ws, 3, 3)).toEqual([m.position, m.name, m.title]);
    expect(values(ws, 2 + lg.members.length, 3)[1]).toBe(lg.members.at(-1)!.name);
    if (lg.officeNote) expect(ws.getCell(`A${2 + lg.members.length + 2}`).text).toBe(lg.officeNote);
    expect(ws.pageSetup.printTitlesRow).toBe('1:2');
    expect(fileName(res)).toMatch(new RegExp(`^${district}-领导小组成员名单-`));
  });

  it('walks the register in keyset chunks without skipping or repeating a row', async () => {
    const seen: { town: number; id: number }[] = [];
    let chunks = 0;
    const filter = { campaignId: t.campaign.id, rootPath: t.campaign.rootPath };
    for await (const chunk of exportEnterpriseChunks(t.ctx.db, districtActor(t.campaign), filter, { chunkSize: 2 })) {
      chunks++;
      expect(chunk.length).toBeLessThanOrEqual(2);
      for (const r of chunk) {
        expect(r.items).toHaveLength(t.campaign.definition.standardItems.length);
        seen.push({ town: r.town_id, id: r.id });
      }
    }
    expect(chunks).toBe(2);
    const sorted = [...seen].sort((a, b) => a.town - b.town || a.id - b.id);
    expect(seen).toEqual(sorted);
    expect(seen.map((s) => s.id).sort((a, b) => a - b)).toEqual([shut.id, partial.id, fresh.id, elsewhere.id].sort((a, b) => a - b));
  });

  it('writes the same workbook from the CLI, as the district', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qudi-export-'));
    const out = path.join(dir, 'reg.xlsx');
    const cli = (...args: string[]) => runQudi(['export', ...args], { dataDir: t.ctx.config.dataDir, databaseUrl: t.ctx.config.databaseUrl, cwd: dir });
    try {
      const r = await cli('registration-table', '--town', townName, '--out', out);
      expect(r.code).toBe(0);
      expect(r.out).toContain(out);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(out);
      const ws = wb.worksheets[0];
      expect(ws.getCell('A2').text).toBe(`填报单位：${townName}`);
      expect(dataRows(ws, 7).map((r) => r[1]).sort()).toEqual([shut.name, partial.name, fresh.name].sort());
      // Without --out the file is named after the scope, in the working directory.
      expect((await cli('task-table')).code).toBe(0);
      const districtFile = fs.readdirSync(dir).find((f) => new RegExp(`^${district}-任务表-\\d{4}-\\d{2}-\\d{2}\\.xlsx$`).test(f));
      expect(districtFile).toBeDefined();
      const districtWb = new ExcelJS.Workbook();
      await districtWb.xlsx.readFile(path.join(dir, districtFile!));
      expect(readForm(districtWb.worksheets[0], 6).rows.map((r) => r[1]).sort()).toEqual([townName, townName, townName, otherTown].sort());
      const wrong = await cli('nonsense');
      expect(wrong.code).not.toBe(0);
      expect(wrong.err).toContain('task-table');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, CLI_TIMEOUT);

  it("lists on 附件2 exactly the workshops the town's signed task table lists, from the route and the CLI alike", async () => {
    // A town of its own, so that the district-wide tests above keep their rows.
    const town = t.towns[3];
    const villageId = await t.village(town.name, '南庄村');
    const kept = await t.createWorkshop({ townName: town.name, name: '南庄铸造点', villageId, address: '村南50米', phone: '13300000001', notes: '无证' });
    const other = await t.createWorkshop({ townName: town.name, name: '南庄小电镀厂', address: '南庄村河边' });
    const excluded = await t.createWorkshop({ townName: town.name, name: '南庄合法家具厂' });
    expect((await office.post(`/api/enterprises/${excluded.id}/exclude`, { reason: '经核实为合法企业' })).statusCode).toBe(200);

    const clerk = await t.login('town', town.name);
    const head = await t.login('town_head', town.name);
    const submitted = await clerk.post('/api/reports', { townId: town.id });
    expect(submitted.statusCode).toBe(201);
    const version = submitted.json() as TownReportDto;
    expect((await head.post(`/api/reports/${version.id}/sign`, { contentSha256: version.contentSha256 })).statusCode).toBe(200);
    const signed = dataRows(await open(await clerk.get(`/api/reports/${version.id}/task-table.xlsx`)), 5);
    expect(signed.map((r) => r[1])).toEqual([kept.name, other.name]);

    // The town's live 附件2 prints the same rows, 序号 and all; the excluded workshop is on neither.
    const live = dataRows(await open(await clerk.get('/api/exports/task-table.xlsx')), 5);
    expect(live).toEqual(signed);
    expect(dataRows(await open(await office.get(`/api/exports/task-table.xlsx?town=${town.id}`)), 5)).toEqual(signed);
    // 附件3 records what became of every workshop registered, the excluded one included.
    const registration = dataRows(await open(await clerk.get('/api/exports/registration-table.xlsx')), 7);
    expect(registration.find((r) => r[1] === excluded.name)?.[2]).toBe('已排除：经核实为合法企业');

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qudi-export-'));
    try {
      const out = path.join(dir, 'task.xlsx');
      const r = await runQudi(['export', 'task-table', '--town', town.name, '--out', out], { dataDir: t.ctx.config.dataDir, databaseUrl: t.ctx.config.databaseUrl, cwd: dir });
      expect(r.code, r.err).toBe(0);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(out);
      expect(dataRows(wb.worksheets[0], 5)).toEqual(signed);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, CLI_TIMEOUT);

  it('refuses anonymous downloads', async () => {
    for (const form of ['task-table', 'registration-table', 'leading-group'])
      expect((await t.anonymous.get(`/api/exports/${form}.xlsx`)).statusCode).toBe(401);
  });
});
