// 约谈与问责 in the browser, after `qudi demo` (its campaign's items-due day has passed, so pending
// items are overdue): the office, at a desk, finds the responsible person with the most overdue work
// on the 问责清单, opens what is behind the count, and schedules a 约谈; discipline (监察局), on a
// phone, sees the record and records a 问责 for the same person.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { artifact, chooseOption, launchBrowser, login, startServer, type Server } from './harness.js';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };
const DESK = { viewport: { width: 1366, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };

describe('interviews and accountability in the browser', () => {
  let server: Server;
  let browser: Browser;
  let passwords: Map<string, string>;

  beforeAll(async () => {
    server = await startServer();
    const out = await server.qudi('demo', '--count', '80');
    passwords = new Map([...out.matchAll(/^ {2}(demo_\S+) +(\S+)/gm)].map((m) => [m[1], m[2]]));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('takes the office from the 问责清单 to a 约谈, and discipline to a 问责', async () => {
    const desk = await browser.newContext(DESK);
    const page = await desk.newPage();
    await login(page, server, 'demo_office', passwords.get('demo_office')!);
    await page.locator('.ant-menu').getByText('约谈问责').click();
    await page.waitForURL(/\/accountability/);
    // A town's responsible person (镇街责任人): the form knows their town.
    const firstRow = page.locator('#accountability-board .ant-table-row').filter({ hasText: '镇街责任人' }).first();
    await firstRow.waitFor();
    const person = ((await firstRow.locator('td').first().textContent()) ?? '').trim();
    expect(person.length).toBeGreaterThan(0);
    await page.screenshot({ path: artifact('accountability-01-board-desk.png') });

    // What is behind the counts.
    await firstRow.getByRole('button', { name: /详/ }).click();
    await page.locator('#accountability-workshops .ant-table-row, #accountability-workshops .ant-empty').first().waitFor();
    await page.screenshot({ path: artifact('accountability-02-person-desk.png') });
    await page.locator('.ant-drawer-close').click();

    await firstRow.getByRole('button', { name: /^约\s*谈$/ }).click();
    await page.locator('#accountability-action_conductedBy').fill('区领导小组办公室 张主任');
    await page.locator('#accountability-action_reason').fill('辖区内取缔标准项逾期未完成，督办后仍未整改到位');
    await page.locator('#accountability-submit').click();
    await page.locator('.ant-modal').waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: '约谈问责记录' }).click();
    await expect.poll(() => page.locator('#accountability-records').textContent()).toContain(person);
    await page.screenshot({ path: artifact('accountability-03-records-desk.png') });
    await desk.close();

    const phone = await browser.newContext(PHONE);
    const small = await phone.newPage();
    await login(small, server, 'demo_discipline', passwords.get('demo_discipline')!);
    await small.goto(`${server.url}/accountability`);
    const row = small.locator('#accountability-board').getByText(person).first();
    await row.waitFor();
    expect(await small.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await small.screenshot({ path: artifact('accountability-04-board-phone.png'), fullPage: true });
    const card = small.locator('#accountability-board .ant-card, #accountability-board .ant-table-row, #accountability-board .ant-list-item').filter({ hasText: person }).filter({ hasText: '镇街责任人' }).first();
    await card.getByRole('button', { name: /^问\s*责$/ }).click();
    await chooseOption(small, '#accountability-action_measure', '诫勉谈话');
    await small.locator('#accountability-action_reason').fill('取缔工作推进不力，经约谈仍未整改');
    await small.locator('#accountability-submit').click();
    await small.locator('.ant-modal').waitFor({ state: 'detached' });
    await small.getByRole('tab', { name: '约谈问责记录' }).click();
    await expect.poll(() => small.locator('#accountability-records').textContent()).toContain('诫勉谈话');
    await small.screenshot({ path: artifact('accountability-05-records-phone.png'), fullPage: true });
    await phone.close();
  });
});
