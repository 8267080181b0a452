// 违法案件 in the browser: the environmental bureau's officer, on a phone in the village, records the
// violation at a workshop with the penalty decision, transfers the case to the police and, for the
// cadre who helped the workshop, to discipline; the police sign for theirs at a desk; the town sees the
// case and the police transfer, never the one to discipline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { apiRegisterWorkshop, apiSignIn, artifact, chooseOption, launchBrowser, login, startServer, type Server } from './harness.js';

const TOWN = '西集镇';
const PASSWORD = 'e2e-password-1';
const WORKSHOP = '案件演练再生塑料厂';

describe('cases and transfers in the browser', () => {
  let server: Server;
  let browser: Browser;
  let workshopId = 0;

  beforeAll(async () => {
    server = await startServer();
    await server.qudi('user', 'add', '--username', 'e2e_town', '--role', 'town', '--scope', TOWN, '--name', '西集镇 钱干事', '--password', PASSWORD);
    await server.qudi('user', 'add', '--username', 'e2e_epb', '--role', 'department', '--scope', 'epb', '--name', '环保 孙科长', '--password', PASSWORD);
    await server.qudi('user', 'add', '--username', 'e2e_police', '--role', 'department', '--scope', 'police', '--name', '公安 郑警官', '--password', PASSWORD);
    workshopId = await apiRegisterWorkshop(server, await apiSignIn(server, 'e2e_town', PASSWORD), TOWN, { name: WORKSHOP });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lets a department record a case with its penalty and transfer it, on a phone; the police sign for it; the town sees no discipline transfer', async () => {
    const errors: string[] = [];
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await phone.newPage();
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await login(page, server, 'e2e_epb', PASSWORD);
    await page.goto(`${server.url}/enterprises/${workshopId}`);
    const panel = page.locator('#enterprise-cases');
    await expect.poll(() => panel.innerText()).toContain('暂无违法案件');
    await panel.locator('#case-new').click();
    let dialog = page.locator('.ant-modal:visible');
    // Nothing written yet: the form says what is missing, in Chinese.
    await dialog.locator('#case-submit').click();
    await expect.poll(() => dialog.innerText()).toContain('请写明查实的违法事实');
    await dialog.locator('#case_violation').fill('未办理环评手续擅自生产，废水直排村东沟渠');
    await dialog.locator('#case-decided').check();
    await dialog.locator('#case_penalty_decisionNumber').fill('环罚〔2026〕17号');
    await dialog.locator('#case_penalty_amount').fill('50000');
    await dialog.locator('#case-submit').click();
    await expect.poll(() => panel.innerText()).toContain('废水直排村东沟渠');
    expect(await panel.innerText()).toContain('环罚〔2026〕17号 · 罚款 50,000 元');
    expect(await panel.innerText()).toContain('已作出');

    // To the police: the only receiving unit is chosen already.
    await panel.locator('[id^="case-transfer-"]').click();
    dialog = page.locator('.ant-modal:visible');
    await dialog.locator('#case-transfer_reason').fill('废水直排，涉嫌污染环境罪');
    await dialog.locator('#case-transfer-submit').click();
    await expect.poll(() => panel.innerText()).toContain('待签收');

    // To discipline: the clue's content stays with discipline; the department sees its number.
    await panel.locator('[id^="case-transfer-"]').click();
    dialog = page.locator('.ant-modal:visible');
    await expect.poll(() => dialog.innerText()).toContain('线索内容只有纪检监察部门');
    await dialog.locator('#case-transfer_person').fill('李某');
    await dialog.locator('#case-transfer_post').fill('某村党支部委员');
    await chooseOption(page, '#case-conduct', '提供便利条件');
    await dialog.locator('#case-transfer_description').fill('为该厂私接电源提供便利');
    await dialog.locator('#case-transfer-submit').click();
    await expect.poll(() => panel.innerText()).toContain('线索编号');
    await expect.poll(() => panel.locator('[id^="case-transfer-"]').count()).toBe(0);
    await page.screenshot({ path: artifact('cases-01-epb-390.png'), fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    // The police, at a desk, sign for theirs on 违法案件.
    const desk = await browser.newContext({ viewport: { width: 1366, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const police = await desk.newPage();
    police.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await login(police, server, 'e2e_police', PASSWORD);
    await police.locator('.ant-menu-item:has-text("违法案件")').first().click();
    const list = police.locator('#case-list');
    await expect.poll(() => list.innerText()).toContain(WORKSHOP);
    expect(await list.innerText()).not.toContain('移交纪检');
    await list.locator('[id^="case-ack-"]').click();
    dialog = police.locator('.ant-modal:visible');
    await dialog.locator('#case-ack_reference').fill('公环立〔2026〕5号');
    await dialog.locator('#case-ack-submit').click();
    await expect.poll(() => list.innerText()).toContain('公环立〔2026〕5号');
    await police.screenshot({ path: artifact('cases-02-police-desk.png') });

    // The town sees the case and the police transfer, not the one to discipline.
    const town = await (await browser.newContext({ viewport: { width: 1366, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })).newPage();
    await login(town, server, 'e2e_town', PASSWORD);
    await town.goto(`${server.url}/enterprises/${workshopId}`);
    const seen = town.locator('#enterprise-cases');
    await expect.poll(() => seen.innerText()).toContain('已签收');
    expect(await seen.innerText()).not.toContain('纪检');
    expect(await seen.innerText()).not.toContain('李某');
    expect(errors.filter((e) => !e.includes('401'))).toEqual([]);
  });
});
