// Issue 3's walk: a town official starts from the Excel sheet the town already keeps, fixes what
// the preview finds, imports it, downloads 附件2 in the notice's layout, and the principal signs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Download, Page } from 'playwright-core';
import { artifact, confirmDialog, launchBrowser, ROOT, startServer, type Server, login as signIn } from './harness.js';

const FIXTURE = path.join(ROOT, '..', 'shared', 'fixtures', '西集镇-任务表.xlsx');
const TOWN = '西集镇';
const VILLAGES = ['李庄村', '王庄村', '后峪村', '东洼村', '西集村', '南石村', '北岭村'];
const PASSWORD = 'e2e-password-1';

/** The fixture with its four mistakes corrected, as the official would in Excel. */
async function correctedCopy(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(FIXTURE);
  const ws = wb.worksheets[0];
  ws.eachRow((row) => {
    const seq = row.getCell(1).value;
    if (seq === 7) row.getCell(2).value = '李庄村钱某某颗粒加工点';
    if (seq === 10) row.getCell(4).value = '13912345678';
    if (seq === 16) {
      row.getCell(2).value = '陈某某洗选厂';
      row.getCell(4).value = '13611369968';
    }
    if (seq === 21) row.getCell(3).value = '西集镇北岭村村口';
  });
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'qudi-e2e-fix-')), '西集镇-任务表-已更正.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

/**
 * Opens a dropdown and clicks a download link in it. Once in a full CI run (not in seven reruns,
 * also under load) the click left no download within 30 s; a second try from the menu keeps that
 * from failing the suite, and still fails it if the link never downloads.
 */
async function downloadFromMenu(page: Page, menu: string, link: string): Promise<Download> {
  for (let attempt = 1; ; attempt++) {
    await page.click(menu);
    const download = page.waitForEvent('download', { timeout: 15_000 });
    await page.click(link);
    try {
      return await download;
    } catch (err) {
      if (attempt >= 2) throw err;
      await page.keyboard.press('Escape');
    }
  }
}

describe.skipIf(!fs.existsSync(FIXTURE))('import, export and sign the task table', () => {
  let server: Server;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    await server.qudi('user', 'add', '--username', 'i_clerk', '--role', 'town', '--scope', TOWN, '--name', '西集镇 孙干事', '--password', PASSWORD);
    await server.qudi('user', 'add', '--username', 'i_head', '--role', 'town_head', '--scope', TOWN, '--name', '梁镇长', '--password', PASSWORD);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const login = (page: Page, username: string) => signIn(page, server, username, PASSWORD);

  async function upload(page: Page, file: string) {
    const chooser = page.waitForEvent('filechooser');
    await page.click('#import-choose');
    await (await chooser).setFiles(file);
    await page.waitForSelector('#import-preview');
  }

  it('imports the town’s own sheet, exports 附件2 and has it signed', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 800 }, locale: 'zh-CN', acceptDownloads: true });
    const page = await ctx.newPage();
    await login(page, 'i_clerk');
    // The town sets up its villages first (村居管理), as it would before importing.
    const townId = await page.evaluate(async () => ((await (await fetch('/api/org-units?kind=town')).json()) as { id: number }[])[0].id);
    for (const name of VILLAGES)
      expect(await page.evaluate(async ({ townId, name }) => (await fetch('/api/org-units', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ townId, name }) })).status, { townId, name })).toBe(201);

    // The sheet as kept by hand: the preview finds exactly its four mistakes.
    await page.goto(`${server.url}/imports`);
    await upload(page, FIXTURE);
    await expect.poll(() => page.locator('#import-preview').innerText()).toContain('共 41 行，其中 4 行有错误');
    await page.click('#import-only-errors');
    await page.waitForTimeout(500);
    const errors = await page.locator('#import-rows').innerText();
    expect(errors).toContain('不存在村');
    expect(errors).toContain('电话号码格式不正确');
    // On a desk the 问题 column is in view whatever the sheet's width: right after the row number
    // (fixed at the right only from 1600 px, where the sheet keeps room beside it).
    const problems = (await page.locator('#import-rows th', { hasText: '问题' }).boundingBox())!;
    expect(problems.x + problems.width).toBeLessThanOrEqual(1366);
    await page.screenshot({ path: artifact('30-import-errors.png'), fullPage: true });
    expect(await page.locator('#import-confirm').isDisabled()).toBe(true);
    // On a narrower desk too.
    await page.setViewportSize({ width: 1024, height: 800 });
    await page.waitForTimeout(300);
    const narrow = (await page.locator('#import-rows th', { hasText: '问题' }).boundingBox())!;
    expect(narrow.x + narrow.width).toBeLessThanOrEqual(1024);
    await page.screenshot({ path: artifact('30a-import-errors-1024.png') });
    // On a phone the table scrolls inside its card; the page itself does not overflow.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await page.screenshot({ path: artifact('30b-import-errors-phone.png'), fullPage: true });
    await page.setViewportSize({ width: 1366, height: 800 });

    // Corrected in Excel and uploaded again: no errors, confirmed in one go.
    await page.getByRole('button', { name: '重新选择文件' }).click();
    await upload(page, await correctedCopy());
    await expect.poll(() => page.locator('#import-preview').innerText()).toContain('共 41 行，全部通过检查');
    await page.click('#import-confirm');
    await confirmDialog(page);
    await expect.poll(() => page.locator('#import-result').innerText()).toContain('已导入 41 家企业');
    await page.screenshot({ path: artifact('31-import-done.png'), fullPage: true });

    // 附件2 from the register, opened and checked like a file the office receives.
    await page.goto(`${server.url}/enterprises`);
    const download = await downloadFromMenu(page, '#export-menu', '#export-task-table');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'qudi-e2e-dl-')), download.suggestedFilename());
    await download.saveAs(file);
    expect(path.basename(file)).toContain(TOWN);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0];
    expect(String(ws.getCell('A1').value)).toContain('任务表');
    const header = (ws.getRow(3).values as unknown[]).slice(1).map(String);
    expect(header).toEqual(['序号', '企业名称', '企业位置', '联系电话', '备注']);
    const names: string[] = [];
    ws.eachRow((row, n) => {
      if (n > 3 && typeof row.getCell(1).value === 'number') names.push(String(row.getCell(2).value));
    });
    expect(names).toHaveLength(41);
    expect(names).toContain('李庄村钱某某颗粒加工点');

    // The clerk submits; the principal checks the rows and signs.
    await page.goto(`${server.url}/reports`);
    await page.waitForURL(/\/reports\/towns\/\d+/);
    await page.click('#report-submit');
    await confirmDialog(page);
    await expect.poll(() => page.locator('#report-versions').innerText()).toContain('待签字');
    await page.click('#logout');
    await page.waitForURL(/\/login/);
    await login(page, 'i_head');
    await page.goto(`${server.url}/reports`);
    await page.waitForURL(/\/reports\/towns\/\d+/);
    await page.locator('.report-sign-button').first().click();
    await expect.poll(() => page.locator('.ant-modal').innerText()).toContain('41 家企业');
    await page.click('#report-sign-confirm');
    await page.click('#report-sign-submit');
    await expect.poll(() => page.locator('#report-versions').innerText()).toContain('已签字');
    await page.screenshot({ path: artifact('32-report-signed.png'), fullPage: true });
    await ctx.close();
  });

  it('a row that is a workshop already on the register is linked as the same site, not imported twice', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 800 }, locale: 'zh-CN' });
    const page = await ctx.newPage();
    await login(page, 'i_clerk');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'qudi-e2e-dup-')), '西集镇-补报.csv');
    // Row 1 is 李某某塑料颗粒加工点 from the sheet above (same phone, 厂 for 加工点); row 2 is new.
    fs.writeFileSync(file, '序号,企业名称,企业位置,联系电话\n1,李某某塑料颗粒加工厂,西集镇李庄村村东,13696602106\n2,南石村新发现洗选点,西集镇南石村村口,13912340002\n');
    await page.goto(`${server.url}/imports`);
    await upload(page, file);
    await expect.poll(() => page.locator('#import-duplicates').innerText()).toContain('1 行与台账中已有的企业疑似重复，还有 1 行待选择');
    expect(await page.locator('#import-rows').innerText()).toContain('电话相同');
    expect(await page.locator('#import-confirm').isDisabled()).toBe(true);
    await page.screenshot({ path: artifact('33-import-duplicate.png'), fullPage: true });
    await page.locator('.import-decide-same').first().click();
    await expect.poll(() => page.locator('#import-duplicates').innerText()).toContain('均已选择');
    await expect.poll(() => page.locator('#import-rows').innerText()).toContain('同一场所，不导入');
    await page.click('#import-confirm');
    await confirmDialog(page);
    // The result, or (to say why not) whatever message the page shows instead.
    const outcome = () => page.evaluate(() => document.querySelector('#import-result')?.textContent ?? document.querySelector('.ant-message')?.textContent ?? '');
    await expect.poll(outcome, { timeout: 30_000 }).toContain('已导入 1 家企业');
    expect(await outcome()).toContain('1 行确认为台账中的同一场所');
    await page.screenshot({ path: artifact('34-import-linked.png'), fullPage: true });
    await ctx.close();
  });

  it('a 生产状况 the import cannot tell is mapped once, in the preview, for every row that says it', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 800 }, locale: 'zh-CN' });
    const page = await ctx.newPage();
    await login(page, 'i_clerk');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'qudi-e2e-map-')), '西集镇-补报-生产状况.csv');
    // 半停 is the town's own word: neither 停产 nor 间歇 as the register knows them.
    fs.writeFileSync(
      file,
      '序号,企业名称,企业位置,联系电话,生产状况\n' +
        '1,某甲塑料颗粒加工点,西集镇工业路东段,13912340011,半停\n' +
        '2,某乙洗选点,西集镇工业路西段,13912340012,半停\n' +
        '3,某丙颗粒加工厂,西集镇南环路,13912340013,停产\n',
    );
    await page.goto(`${server.url}/imports`);
    await upload(page, file);
    await expect.poll(() => page.locator('#import-preview').innerText()).toContain('共 3 行，其中 2 行有错误');
    expect(await page.locator('#import-rows').innerText()).toContain('生产状况“半停”无法识别');
    expect(await page.locator('#import-confirm').isDisabled()).toBe(true);
    // Each row with 半停 offers the same choice; one answer serves them all.
    const selectors = page.locator('[data-map-value="productionStatus:半停"]');
    expect(await selectors.count()).toBe(2);
    await page.screenshot({ path: artifact('35-import-map-value.png'), fullPage: true });
    await selectors.first().click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="间歇生产"]').click();
    await expect.poll(() => page.locator('.ant-message').innerText()).toContain('所有“半停”已算作“间歇生产”，2 行已重新检查');
    await expect.poll(() => page.locator('#import-preview').innerText()).toContain('共 3 行，全部通过检查');
    expect(await page.locator('#import-rows').innerText()).not.toContain('无法识别');
    expect(await page.locator('[data-map-value]').count()).toBe(0);
    await page.screenshot({ path: artifact('36-import-mapped.png'), fullPage: true });

    await page.click('#import-confirm');
    await confirmDialog(page);
    await expect.poll(() => page.locator('#import-result').innerText()).toContain('已导入 3 家企业');
    // On the register the two workshops are 间歇生产, the third stays 已停产.
    const status = (name: string) =>
      page.evaluate(async (name) => {
        const list = (await (await fetch(`/api/enterprises?q=${encodeURIComponent(name)}`)).json()) as { items: { id: number }[] };
        return ((await (await fetch(`/api/enterprises/${list.items[0].id}`)).json()) as { productionStatus: string }).productionStatus;
      }, name);
    expect(await status('某甲塑料颗粒加工点')).toBe('intermittent');
    expect(await status('某乙洗选点')).toBe('intermittent');
    expect(await status('某丙颗粒加工厂')).toBe('stopped');
    await ctx.close();
  });
});
