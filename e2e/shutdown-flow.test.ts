// A new user's walk, in Chinese, in Chromium: a town official registers a workshop, records its
// five standard items, sees it shut down and counted on the dashboard; an inspector accepts it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { artifact, launchBrowser, startServer, type Server, login as signIn } from './harness.js';

const TOWN = '西集镇';
const PASSWORD = 'e2e-password-1';
const WORKSHOP = '李庄宏达塑料颗粒加工厂';

describe('shutdown flow in the browser', () => {
  let server: Server;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    await server.qudi('user', 'add', '--username', 'e2e_town', '--role', 'town', '--scope', TOWN, '--name', '西集镇 赵干事', '--password', PASSWORD);
    await server.qudi('user', 'add', '--username', 'e2e_inspector', '--role', 'inspector', '--name', '验收组 孙督查', '--password', PASSWORD);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('serves the app at / and at deep links, and a 404 for a missing asset', async () => {
    for (const path of ['/', '/enterprises/123', '/dashboard']) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toContain('text/html');
    }
    expect((await fetch(`${server.url}/assets/missing-file.js`)).status).toBe(404);
  });

  const login = (page: Page, username: string) => signIn(page, server, username, PASSWORD);

  async function pickOption(page: Page, selectId: string, label: string) {
    await page.click(`#${selectId}`, { force: true });
    await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${label}"]`).click();
  }

  it('takes a workshop from registration to acceptance', async () => {
    const errors: string[] = [];
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 800 }, locale: 'zh-CN' });
    const page = await ctx.newPage();
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));

    // A wrong password is refused in Chinese.
    await page.goto(`${server.url}/login`);
    await page.fill('#username', 'e2e_town');
    await page.fill('#password', 'wrong-password');
    await page.click('button[type=submit]');
    await expect.poll(() => page.locator('body').innerText()).toContain('用户名或密码不正确');

    await login(page, 'e2e_town');
    await page.screenshot({ path: artifact('01-town-home.png') });

    // Register: a bad phone is caught on the form before anything is sent.
    await page.goto(`${server.url}/enterprises/new`);
    await page.fill('#enterprise_name', WORKSHOP);
    await pickOption(page, 'enterprise_kind', '小颗粒加工');
    await page.fill('#enterprise_contactPerson', '王建国');
    await page.fill('#enterprise_phone', '1234');
    await page.fill('#enterprise_address', '西集镇李庄村村东300米');
    await page.click('#enterprise-submit');
    await expect.poll(() => page.locator('#enterprise_phone_help').innerText()).toContain('电话号码格式不正确');
    await page.fill('#enterprise_phone', '132 0632 8899');
    await page.screenshot({ path: artifact('02-register-form.png'), fullPage: true });
    await page.click('#enterprise-submit');
    await page.waitForURL(/\/enterprises\/\d+$/);
    const detailUrl = page.url();
    await expect.poll(() => page.locator('#enterprise-status').innerText()).toContain('已摸排');
    expect(await page.locator('#enterprise-info').innerText()).toContain('13206328899');

    // The five standard items, one by one.
    const buttons = page.locator('.item-record-button');
    expect(await buttons.count()).toBe(5);
    for (let i = 0; i < 5; i++) {
      await page.locator('.item-record-button[data-state="pending"]').first().click();
      await page.fill('#itemRecord_person', '王五');
      if (i === 0) await page.screenshot({ path: artifact('03-record-item.png') });
      await page.click('#item-record-submit');
      await expect.poll(() => page.locator('.item-record-button[data-state="pending"]').count()).toBe(4 - i);
    }
    await expect.poll(() => page.locator('#enterprise-status').innerText()).toContain('已取缔');
    await page.screenshot({ path: artifact('04-shut-down.png'), fullPage: true });

    // Counted on the dashboard.
    await page.goto(`${server.url}/dashboard`);
    const row = page.locator('tr', { hasText: TOWN }).first();
    await expect.poll(() => row.innerText()).toMatch(/1/);
    await page.waitForTimeout(300);
    await page.screenshot({ path: artifact('05-dashboard.png'), fullPage: true });

    // The inspector accepts it.
    await page.click('#logout');
    await page.waitForURL(/\/login/);
    await login(page, 'e2e_inspector');
    await page.goto(detailUrl);
    await page.click('#action-verdict');
    await page.fill('#verdict_findings', '现场检查：设备已拆除，原料已清理，地貌已恢复。');
    await page.click('#verdict-submit');
    await expect.poll(() => page.locator('#enterprise-status').innerText()).toContain('验收通过');
    await page.screenshot({ path: artifact('06-accepted.png'), fullPage: true });

    expect(errors.filter((e) => !e.includes('401'))).toEqual([]);
    await ctx.close();
  });

  it('warns before registering a site that may already be on the register', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 800 }, locale: 'zh-CN' });
    const page = await ctx.newPage();
    await login(page, 'e2e_town');
    await page.goto(`${server.url}/enterprises/new`);
    // The same workshop as registered above, written as a 作坊 with a space.
    await page.fill('#enterprise_name', '李庄宏达 塑料颗粒作坊');
    await pickOption(page, 'enterprise_kind', '小颗粒加工');
    await page.click('#enterprise-submit');
    await expect.poll(() => page.locator('.ant-modal').innerText()).toContain(WORKSHOP);
    expect(await page.locator('.ant-modal').innerText()).toContain('名称相同');
    await page.screenshot({ path: artifact('09-duplicate-warning.png') });
    await page.click('#duplicate-different');
    await page.waitForURL(/\/enterprises\/\d+$/);
    await expect.poll(() => page.locator('#enterprise-info').innerText()).toContain('李庄宏达 塑料颗粒作坊');
    await ctx.close();
  });

  it('works at a phone width of 390 px', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    const page = await ctx.newPage();
    await login(page, 'e2e_town');
    await page.goto(`${server.url}/enterprises`);
    await expect.poll(() => page.locator('body').innerText()).toContain(WORKSHOP);
    // Nothing is wider than the screen.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: artifact('07-phone-list.png'), fullPage: true });
    await page.click('#open-menu');
    await page.waitForTimeout(300);
    await page.screenshot({ path: artifact('08-phone-menu.png') });
    await ctx.close();
  });
});
