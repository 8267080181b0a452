import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { EnterpriseDto } from '../../../domain/api.js';
import { districtActor } from '../../exports/forms.js';
import { exportEnterpriseChunks } from '../../repositories/enterprises.js';
import { dbUnavailable, setupTestApp, TEST_DB, type Agent, type TestApp } from '../setup/app.js';
import { runQudi } from '../setup/cli.js';
import { openSheet as open } from '../fixtures/workbook.js';

const values = (ws: ExcelJS.Worksheet, row: number, cols: number) => Array.from({ length: cols }, (_, i) => ws.getRow(row).getCell(i + 1).text);

/** The data rows of a workshop form: those between the header (row 3) and the first row without a 序号. */
function dataRows(ws: ExcelJS.Worksheet, cols: number): string[][] {
  const out: string[][] = [];
  for (let r = 4; r <= ws.rowCount; r++) {
    const row = values(ws, r, cols);
    if (!/^\d+$/.test(row[0])) break;
    out.push(row);
  }
  return out;
}

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
    expect(values(ws, 3, 5)).toEqual(form.columns);
    const rows = dataRows(ws, 5);
    expect(rows).toHaveLength(4);
    expect(rows.map((r) => r[0])).toEqual(['1', '2', '3', '4']);
    const row = rows.find((r) => r[1] === shut.name)!;
    expect(row).toEqual([row[0], shut.name, '东庄村村东300米', '13206328899', '夜间生产']);
    expect(rows.find((r) => r[1] === partial.name)![2]).toBe('东庄村北河滩');
    // Sorted by town: the other town's workshop after this town's.
    expect(rows.map((r) => r[1]).indexOf(elsewhere.name)).toBe(t.towns[2].id > t.towns[1].id ? 3 : 0);
    // A blank row, then the signature line.
    const sig = 4 + rows.length + 1;
    expect(ws.getRow(sig - 1).getCell(1).text).toBe('');
    expect(ws.getCell(`A${sig}`).text).toBe('主要负责人签字：');
    expect(ws.getCell(`D${sig}`).text).toContain('年');
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.orientation).toBe('portrait');
    expect(ws.pageSetup.printTitlesRow).toBe('1:3');
    expect(ws.headerFooter.oddFooter).toContain('第 &P 页 共 &N 页');
    expect(ws.getColumn(2).width).toBeGreaterThan(ws.getColumn(1).width!);
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

  it("cuts a town user's export to their town and names it in the file", async () => {
    const res = await townAgent.get('/api/exports/task-table.xlsx');
    const ws = await open(res);
    const names = dataRows(ws, 5).map((r) => r[1]);
    expect(names.sort()).toEqual([shut.name, partial.name, fresh.name].sort());
    expect(names).not.toContain(elsewhere.name);
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
    expect(dataRows(byStatus, 7).map((r) => r[1])).toEqual([shut.name]);
    const bySearch = await open(await office.get(`/api/exports/task-table.xlsx?q=${encodeURIComponent('洗选')}`));
    expect(dataRows(bySearch, 5).map((r) => r[1])).toEqual([partial.name]);
    const pending = t.campaign.definition.standardItems[0].code;
    const byPending = await open(await office.get(`/api/exports/task-table.xlsx?pendingItem=${pending}`));
    expect(dataRows(byPending, 5).map((r) => r[1]).sort()).toEqual([fresh.name, elsewhere.name].sort());
    expect((await office.get('/api/exports/task-table.xlsx?status=nonsense')).statusCode).toBe(400);
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
      expect(fs.readdirSync(dir).some((f) => new RegExp(`^${district}-任务表-\\d{4}-\\d{2}-\\d{2}\\.xlsx$`).test(f))).toBe(true);
      const wrong = await cli('nonsense');
      expect(wrong.code).not.toBe(0);
      expect(wrong.err).toContain('task-table');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses anonymous downloads', async () => {
    for (const form of ['task-table', 'registration-table', 'leading-group'])
      expect((await t.anonymous.get(`/api/exports/${form}.xlsx`)).statusCode).toBe(401);
  });
});
