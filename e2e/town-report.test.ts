// The town reports its task table and its principal signs it; the office sees it reported.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { artifact, confirmDialog, launchBrowser, startServer, type Server, login as signIn } from './harness.js';

const TOWN = '西集镇';
const PASSWORD = 'e2e-password-1';

describe('town report with the principal’s signature', () => {
  let server: Server;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    await server.qudi('user', 'add', '--username', 'r_clerk', '--role', 'town', '--scope', TOWN, '--name', '西集镇 钱干事', '--password', PASSWORD);
    await server.qudi('user', 'add', '--username', 'r_head', '--role', 'town_head', '--scope', TOWN, '--name', '梁镇长', '--password', PASSWORD);
    await server.qudi('user', 'add', '--username', 'r_office', '--role', 'office', '--name', '办公室 王主任', '--password', PASSWORD);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const login = (page: Page, username: string) => signIn(page, server, username, PASSWORD);

  async function api(page: Page, method: string, path: string, body?: unknown) {
    return page.evaluate(
      async ({ method, path, body }) => {
        const res = await fetch(path, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
        return { status: res.status, json: (await res.json()) as unknown };
      },
      { method, path, body },
    );
  }

  it('submits, signs after checking the rows, and shows the town as reported', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 800 }, locale: 'zh-CN' });
    const page = await ctx.newPage();
    await login(page, 'r_clerk');
    const towns = (await api(page, 'GET', '/api/org-units?kind=town')).json as { id: number }[];
    for (const [name, phone] of [['李庄宏达塑料颗粒加工厂', '13206328899'], ['王庄鑫源洗选厂', '0632-8812345']])
      expect((await api(page, 'POST', '/api/enterprises', { name, kind: 'pellet', townId: towns[0].id, phone })).status).toBe(201);

    await page.goto(`${server.url}/reports`);
    await page.waitForURL(/\/reports\/towns\/\d+/);
    await page.click('#report-submit');
    await confirmDialog(page);
    await expect.poll(() => page.locator('#report-versions').innerText()).toContain('待签字');
    await page.screenshot({ path: artifact('20-report-submitted.png'), fullPage: true });
    // Submitted after the date: the page says the signature is late, not that nothing was reported.
    await expect.poll(() => page.locator('body').innerText()).toContain('逾期未签字');
    expect(await page.locator('body').innerText()).not.toContain('逾期未报');
    expect(await page.locator('.report-sign-button').count()).toBe(0);
    await page.click('#logout');
    await page.waitForURL(/\/login/);

    await login(page, 'r_head');
    await page.goto(`${server.url}/reports`);
    await page.waitForURL(/\/reports\/towns\/\d+/);
    await page.locator('.report-sign-button').first().click();
    await expect.poll(() => page.locator('.ant-modal').innerText()).toContain('李庄宏达塑料颗粒加工厂');
    // Signing without ticking the confirmation is refused.
    await page.click('#report-sign-submit');
    await expect.poll(() => page.locator('#report-sign-confirm-required').count()).toBe(1);
    await page.click('#report-sign-confirm');
    // Ticked: the reminder goes, and no stale toast stays beside the success.
    await expect.poll(() => page.locator('#report-sign-confirm-required').count()).toBe(0);
    await page.screenshot({ path: artifact('21-report-sign.png') });
    await page.click('#report-sign-submit');
    await expect.poll(() => page.locator('#report-versions').innerText()).toContain('已签字');
    expect(await page.locator('.ant-message').innerText().catch(() => '')).not.toContain('请先勾选确认');
    await page.click('#logout');
    await page.waitForURL(/\/login/);

    await login(page, 'r_office');
    await page.goto(`${server.url}/reports`);
    const row = page.locator('#reports-table tr', { hasText: TOWN });
    // The default campaign's report date (2016-05-10) is long past, so the signature counts as late.
    await expect.poll(() => row.innerText()).toContain('逾期签字');
    expect(await page.locator('#reports-table').innerText()).toContain('逾期未报');
    // The summary counts in the rows' own words.
    const summary = await page.locator('#reports-summary').innerText();
    expect(summary).toContain('逾期签字 1 个');
    expect(summary).toContain('逾期未报');
    expect(summary).not.toContain('未报送');
    await page.screenshot({ path: artifact('22-report-office.png'), fullPage: true });
    await ctx.close();
  });
});
