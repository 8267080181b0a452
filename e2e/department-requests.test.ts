// 部门协办 in the browser: a town asks the power office to cut a workshop's power on the workshop's
// page (desk); the power office's officer, on a phone, finds it first on the home page, accepts it in
// the queue, photographs the cut and confirms — and the item is done in the department's name, which
// the town sees on the workshop and 附件3 shows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { apiRegisterWorkshop, apiSignIn, artifact, chooseOption, launchBrowser, login, startServer, type Server } from './harness.js';
import { northOf, photo } from './evidenceFiles.js';

const TOWN = '西集镇';
const PASSWORD = 'e2e-password-1';
const WORKSHOP = '协办演练塑料颗粒厂';
const POWER = '区电力执法办公室';

describe('department requests in the browser', () => {
  let server: Server;
  let browser: Browser;
  let workshopId = 0;
  let townCookie = '';

  beforeAll(async () => {
    server = await startServer();
    await server.qudi('user', 'add', '--username', 'e2e_town', '--role', 'town', '--scope', TOWN, '--name', '西集镇 钱干事', '--password', PASSWORD);
    await server.qudi('user', 'add', '--username', 'e2e_transport', '--role', 'department', '--scope', 'transport', '--name', '交通 冯科长', '--password', PASSWORD);
    await server.qudi('user', 'add', '--username', 'e2e_police', '--role', 'department', '--scope', 'police', '--name', '公安 郑警官', '--password', PASSWORD);
    await server.qudi('user', 'add', '--username', 'e2e_power', '--role', 'department', '--scope', 'power_office', '--name', '电力执法 周队长', '--password', PASSWORD);
    townCookie = await apiSignIn(server, 'e2e_town', PASSWORD);
    workshopId = await apiRegisterWorkshop(server, townCookie, TOWN, { name: WORKSHOP });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lets a town request 断电 and the power office accept and confirm it with a photo, on a phone', async () => {
    const errors: string[] = [];
    // The town, at a desk.
    const desk = await browser.newContext({ viewport: { width: 1366, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await desk.newPage();
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await login(page, server, 'e2e_town', PASSWORD);
    await page.goto(`${server.url}/enterprises/${workshopId}`);
    const panel = page.locator('#enterprise-requests');
    await expect.poll(() => panel.innerText()).toContain('暂无协办请求');
    await panel.locator('#request-new').click();
    const dialog = page.locator('.ant-modal:visible');
    await expect.poll(() => dialog.innerText()).toContain('办理期限');
    // Two departments cut power: the town must say which.
    await dialog.locator('#request-submit').click();
    await expect.poll(() => dialog.innerText()).toContain('请选择承办部门');
    const department = dialog.locator('.ant-form-item:has(#request-department) .ant-select');
    await chooseOption(page, '#request-department', POWER);
    await expect.poll(() => department.innerText()).toContain(POWER);
    await dialog.locator('#department-request_facility').fill('村东 3 号变压器，10kV 专线');
    await dialog.locator('#department-request_account').fill('户号 0531-778899');
    await page.screenshot({ path: artifact('requests-01-new.png') });
    await dialog.locator('#request-submit').click();
    await expect.poll(() => panel.locator('.remark[data-status="requested"]').count()).toBe(1);
    expect(await panel.innerText()).toContain(POWER);
    expect(await panel.innerText()).toContain('村东 3 号变压器');
    await panel.screenshot({ path: artifact('requests-02-town-panel.png') });

    // The power office's officer, on a phone: the request is the first thing on the home page.
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', geolocation: { latitude: 34.9105, longitude: 117.47, accuracy: 12 }, permissions: ['geolocation'] });
    const mobile = await phone.newPage();
    mobile.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await login(mobile, server, 'e2e_power', PASSWORD);
    const card = mobile.locator('#todo-requests');
    await expect.poll(() => card.innerText()).toContain(WORKSHOP);
    await mobile.screenshot({ path: artifact('requests-03-power-home-390.png') });
    expect(await mobile.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    await mobile.locator('#todo-requests-all').click();
    await expect.poll(() => mobile.locator('#request-queue').innerText()).toContain(WORKSHOP);
    expect(await mobile.locator('#request-queue').innerText()).toContain('户号 0531-778899');
    const accept = mobile.locator('button[id^="request-accept-"]');
    await accept.click();
    await expect.poll(() => mobile.locator('button[id^="request-confirm-"]').count()).toBe(1);
    await mobile.screenshot({ path: artifact('requests-04-queue-accepted-390.png'), fullPage: true });
    expect(await mobile.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    // Confirm: photograph the cut in the dialog, then confirm.
    await mobile.locator('button[id^="request-confirm-"]').click();
    const confirm = mobile.locator('.ant-modal:visible');
    await expect.poll(() => confirm.innerText()).toContain('先上传本部门的现场照片或视频');
    const evidence = confirm.locator('#request-confirm-evidence');
    await evidence.locator('input.evidence-input').setInputFiles([await photo({ name: '断电-进户线拆除.jpg', colour: '#3f6600', taken: '2024:05:12 09:30:15', gps: northOf({ lat: 34.91, lng: 117.47 }, 80) })]);
    await evidence.locator('.evidence-start').click();
    await expect.poll(() => evidence.locator('.evidence-tile').count(), { timeout: 20_000 }).toBe(1);
    await confirm.locator('#confirm-1_note, textarea').last().fill('已拆除进户线，变压器已断开');
    await mobile.screenshot({ path: artifact('requests-05-confirm-390.png') });
    await confirm.locator('#request-confirm-submit').click();
    await expect.poll(() => mobile.locator('.ant-modal:visible').count()).toBe(0);
    await mobile.locator('#request-status-filter').getByText('已完成').click();
    await expect.poll(() => mobile.locator('#request-queue').innerText()).toContain('周队长确认完成');
    await mobile.screenshot({ path: artifact('requests-06-confirmed-390.png'), fullPage: true });

    // The town sees the item done by the department.
    await page.reload();
    await expect.poll(() => panel.locator('.remark[data-status="confirmed"]').count()).toBe(1);
    const items = await page.locator('#items-table').innerText();
    expect(items).toContain(POWER);
    await page.screenshot({ path: artifact('requests-07-town-done.png'), fullPage: true });

    // 附件3 names the department and fills 责任部门负责人.
    const res = await fetch(`${server.url}/api/exports/registration-table.xlsx`, { headers: { cookie: townCookie } });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const text: string[] = [];
    wb.worksheets[0].eachRow((r) => text.push((r.values as unknown[]).map((v) => (v == null ? '' : String(v))).join('|')));
    const row = text.find((l) => l.includes(WORKSHOP))!;
    expect(row).toContain(`已断电（${POWER}）`);
    expect(row).toContain(`电力执法 周队长（${POWER}）`);
    expect(errors.filter((e) => !e.includes('401'))).toEqual([]);
  });

  it('lets the police record an obstruction on the workshop page, on a phone, and the town see it', async () => {
    const errors: string[] = [];
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await phone.newPage();
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await login(page, server, 'e2e_police', PASSWORD);
    await page.goto(`${server.url}/enterprises/${workshopId}`);
    const panel = page.locator('#enterprise-incidents');
    await expect.poll(() => panel.innerText()).toContain('暂无阻碍执法事件');
    await panel.locator('#incident-new').click();
    const dialog = page.locator('.ant-modal:visible');
    await dialog.locator('label:has-text("暴力阻碍执法")').click();
    await dialog.locator('#incident_description').fill('业主纠集多人阻拦拆除，推搡执法人员');
    await dialog.locator('#incident_injuries').fill('执法人员一人手臂擦伤');
    await dialog.locator('#incident-submit').click();
    await expect.poll(() => panel.innerText()).toContain('推搡执法人员');
    expect(await panel.innerText()).toContain('暴力阻碍执法');
    await page.screenshot({ path: artifact('incidents-01-police-390.png'), fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    // The town sees it on the workshop and in 阻碍执法.
    const desk = await browser.newContext({ viewport: { width: 1366, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const town = await desk.newPage();
    town.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await login(town, server, 'e2e_town', PASSWORD);
    await town.goto(`${server.url}/incidents`);
    await expect.poll(() => town.locator('#incident-list').innerText()).toContain(WORKSHOP);
    await town.screenshot({ path: artifact('incidents-02-town-list.png') });
    expect(errors.filter((e) => !e.includes('401'))).toEqual([]);
  });

  it('lets the transport bureau record a truck bound for a town, on a phone, and count it by week', async () => {
    const errors: string[] = [];
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await phone.newPage();
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await login(page, server, 'e2e_transport', PASSWORD);
    await page.goto(`${server.url}/interceptions`);
    await page.locator('#ix-new').click();
    const dialog = page.locator('.ant-modal:visible');
    await dialog.locator('#ix_plate').fill('鲁D·A1234');
    await dialog.locator('label:has-text("纸浆")').click();
    await dialog.locator('#ix_quantity').fill('12 吨');
    await chooseOption(page, '#ix-town', TOWN);
    await dialog.locator('#ix_action').fill('扣留车辆，责令原路返回');
    await dialog.locator('#ix-submit').click();
    // Recorded: the photos dialog opens for it; the officer photographs the truck and its load.
    await page.waitForSelector('#ix-files');
    const chooser = page.waitForEvent('filechooser');
    await page.click('#ix-upload');
    const truck = await photo({ name: '车辆与货物.jpg', colour: '#5b6b3a', taken: '2016:05:12 09:30:00' });
    await (await chooser).setFiles([{ name: truck.name, mimeType: truck.mimeType, buffer: truck.buffer }]);
    await expect.poll(() => page.locator('#ix-files').innerText()).toContain('照片（1）');
    expect(await page.locator('#ix-files').innerText()).toContain('车辆与货物.jpg');
    await page.screenshot({ path: artifact('interceptions-00-photo-390.png') });
    await page.locator('.ant-modal:visible .ant-modal-close').click();
    await expect.poll(() => page.locator('#ix-list').innerText()).toContain('鲁D·A1234');
    await expect.poll(() => page.locator('#ix-list').innerText()).toContain('照片（1）');
    await expect.poll(() => page.locator('#ix-weekly').innerText()).toContain(TOWN);
    await page.screenshot({ path: artifact('interceptions-01-390.png'), fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(errors.filter((e) => !e.includes('401'))).toEqual([]);
  });
});
