// 群机器人 in the browser, after `qudi demo`: the office, at a desk, adds a 企业微信 robot for a town by
// pasting its address; the table shows it with the key masked, never the address; on a phone the
// page fits the screen. (Delivery itself is tested against a local receiver in webhooks.db.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { artifact, chooseOption, launchBrowser, login, startServer, type Server } from './harness.js';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };
const DESK = { viewport: { width: 1366, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };
const KEY = 'a1b2c3d4-5678-90ab-cdef-SECRETKEY0001';

describe('group robots in the browser', () => {
  let server: Server;
  let browser: Browser;
  let passwords: Map<string, string>;

  beforeAll(async () => {
    server = await startServer();
    const out = await server.qudi('demo', '--count', '20');
    passwords = new Map([...out.matchAll(/^ {2}(demo_\S+) +(\S+)/gm)].map((m) => [m[1], m[2]]));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lets the office add a town’s 企业微信 robot; the key never shows again', async () => {
    const context = await browser.newContext(DESK);
    const page = await context.newPage();
    await login(page, server, 'demo_office', passwords.get('demo_office')!);
    await page.locator('.ant-menu').getByText('群机器人').click();
    await page.waitForURL(/\/webhooks/);
    await page.locator('#webhook-add').click();
    await chooseOption(page, '#webhook_unit', '西集镇');
    await chooseOption(page, '#webhook_platform', '企业微信');
    await page.locator('#webhook_name').fill('西集镇取缔工作群');
    await page.locator('#webhook_url').fill(`https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${KEY}`);
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    const row = page.locator('#webhook-table').getByText('西集镇取缔工作群');
    await row.waitFor();
    expect(await page.content()).not.toContain(KEY);
    expect(await page.locator('#webhook-table').textContent()).toContain('****');
    await page.screenshot({ path: artifact('webhooks-01-desk.png') });
    await context.close();

    const phone = await browser.newContext(PHONE);
    const small = await phone.newPage();
    await login(small, server, 'demo_office', passwords.get('demo_office')!);
    await small.goto(`${server.url}/webhooks`);
    await small.getByText('西集镇取缔工作群').waitFor();
    expect(await small.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await small.screenshot({ path: artifact('webhooks-02-phone.png'), fullPage: true });
    await phone.close();
  });
});
