// 联合执法 in the browser: a town applies for two of its workshops (desk); the office approves it with
// a team, a date and machinery and starts it; the team shuts both down through their items (here
// through the API, as the shutdown flow test does in the browser), the town marks each cleared on a
// phone, the office ends the operation, and the operation sheet downloads as a Word document.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { apiRegisterWorkshop, apiSignIn, artifact, launchBrowser, login, startServer, type Server } from './harness.js';
import { photo } from './evidenceFiles.js';
import { tusMetadata } from '../server/test/factories/evidence.js';

const TOWN = '桑村镇';
const PASSWORD = 'e2e-password-1';
const NAMES = ['联合执法演练甲塑料厂', '联合执法演练乙石材厂'];

const signIn = (server: Server, username: string) => apiSignIn(server, username, PASSWORD);

describe('joint operations in the browser', () => {
  let server: Server;
  let browser: Browser;
  let townCookie = '';
  const ids: number[] = [];

  beforeAll(async () => {
    server = await startServer();
    await server.qudi('user', 'add', '--username', 'e2e_town', '--role', 'town', '--scope', TOWN, '--name', '桑村镇 孙干事', '--password', PASSWORD);
    await server.qudi('user', 'add', '--username', 'e2e_office', '--role', 'office', '--name', '办公室 吴主任', '--password', PASSWORD);
    townCookie = await signIn(server, 'e2e_town');
    for (const [k, name] of NAMES.entries()) ids.push(await apiRegisterWorkshop(server, townCookie, TOWN, { name, contactPerson: `业主${k + 1}`, phone: `1390000200${k}` }));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** The team's work on a workshop: a photo and a record for every standard item (as the shutdown flow does in the browser). */
  async function shutDownThroughApi(id: number) {
    const items = ((await (await fetch(`${server.url}/api/campaigns/current`, { headers: { cookie: townCookie } })).json()) as { standardItems: { code: string }[] }).standardItems;
    for (const [k, item] of items.entries()) {
      const file = await photo({ name: `${item.code}.jpg`, colour: ['#3f6600', '#10239e', '#614700', '#820014', '#006d75'][k % 5], taken: '2024:05:13 10:00:00' });
      const up = await fetch(`${server.url}/api/uploads`, {
        method: 'POST',
        headers: {
          cookie: townCookie,
          'tus-resumable': '1.0.0',
          'upload-length': String(file.buffer.length),
          'upload-metadata': tusMetadata({ recordType: 'item', recordId: id, itemCode: item.code, filename: file.name }),
          'content-type': 'application/offset+octet-stream',
        },
        body: new Uint8Array(file.buffer),
      });
      expect(up.status, await up.clone().text()).toBe(201);
      const rec = await fetch(`${server.url}/api/enterprises/${id}/items/${item.code}`, {
        method: 'PUT',
        headers: { cookie: townCookie, 'content-type': 'application/json' },
        body: JSON.stringify({ state: 'done', unit: '联合执法组', person: '孙干事', date: '2016-05-13', note: '' }),
      });
      expect(rec.status, await rec.clone().text()).toBe(200);
    }
  }

  async function pickWorkshop(page: Page, name: string) {
    await page.locator('#op-workshops').fill(name.slice(0, 6));
    await page.locator(`.ant-select-dropdown:visible .ant-select-item-option:has-text("${name}")`).click();
  }

  it('takes an operation from the application to its end, two workshops cleared', async () => {
    const errors: string[] = [];
    const desk = await browser.newContext({ viewport: { width: 1366, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await desk.newPage();
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await login(page, server, 'e2e_town', PASSWORD);
    await page.goto(`${server.url}/joint-operations`);
    await page.locator('#op-apply').click();
    await pickWorkshop(page, NAMES[0]);
    await pickWorkshop(page, NAMES[1]);
    await page.locator('#op-apply_reason').fill('两家相邻，设备大型，镇街无力单独拆除');
    await page.locator('#op-apply_proposedOn').click();
    await page.locator('.ant-picker-dropdown:visible .ant-picker-cell-today').click();
    await page.screenshot({ path: artifact('ops-01-apply.png') });
    await page.locator('#op-apply-submit').click();
    await expect.poll(() => page.locator('#op-status').innerText()).toContain('待审批');
    const url = page.url();

    // The office approves with a team and machinery, and starts it.
    const officeCtx = await browser.newContext({ viewport: { width: 1366, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const office = await officeCtx.newPage();
    office.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await login(office, server, 'e2e_office', PASSWORD);
    await office.goto(url);
    await office.locator('#op-approve').click();
    await office.locator('#op-approve_team_0_unit').fill('区环保局');
    await office.locator('#op-approve_team_0_people').fill('李四、周五');
    await office.locator('#op-team-add').click();
    await office.locator('#op-approve_team_1_unit').fill('区公安分局');
    await office.locator('#op-approve_team_1_people').fill('钱七');
    await office.locator('#op-approve_loader').fill('2');
    await office.locator('#op-approve_excavator').fill('1');
    await office.locator('#op-approve_truck').fill('3');
    await office.screenshot({ path: artifact('ops-02-approve.png') });
    await office.locator('#op-approve-submit').click();
    await expect.poll(() => office.locator('#op-status').innerText()).toContain('已批准');
    expect(await office.locator('#op-facts').innerText()).toContain('挖掘机 1 台');
    await office.locator('#op-start').click();
    await expect.poll(() => office.locator('#op-status').innerText()).toContain('行动中');

    // The team shuts both down; the town marks each cleared, on a phone.
    for (const id of ids) await shutDownThroughApi(id);
    const phoneCtx = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const phone = await phoneCtx.newPage();
    phone.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await login(phone, server, 'e2e_town', PASSWORD);
    await phone.goto(url);
    for (const id of ids) {
      await phone.locator(`#op-clear-${id}`).click();
      await phone.locator('#op-result-submit').click();
      await expect.poll(() => phone.locator('.ant-modal:visible').count()).toBe(0);
    }
    await expect.poll(() => phone.locator('#op-workshops-table .op-result').allInnerTexts()).toEqual(['已清理', '已清理']);
    await phone.screenshot({ path: artifact('ops-03-cleared-390.png'), fullPage: true });
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    await office.reload();
    await office.locator('#op-complete').click();
    await expect.poll(() => office.locator('#op-status').innerText()).toContain('已结束');
    await office.screenshot({ path: artifact('ops-04-completed.png'), fullPage: true });

    const sheet = await fetch(`${server.url}${new URL(url).pathname.replace('/joint-operations/', '/api/joint-operations/')}/sheet.docx`, { headers: { cookie: townCookie } });
    expect(sheet.status).toBe(200);
    expect(sheet.headers.get('content-type')).toContain('wordprocessingml');
    expect(errors.filter((e) => !e.includes('401'))).toEqual([]);
  });
});
