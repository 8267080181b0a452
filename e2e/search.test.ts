// Finding a workshop by two characters of its name, as the office does on a desk and a village head
// on a phone, after `qudi demo --count 1100`: the search box finds it; a fragment common to more than
// 1,000 workshops says 超过 1000 家 and asks for a narrower search instead of counting them all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { artifact, launchBrowser, login, startServer, type Server } from './harness.js';

const DESK = { viewport: { width: 1366, height: 768 }, locale: 'zh-CN' };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN' };

describe('searching the register', () => {
  let server: Server;
  let browser: Browser;
  let passwords: Map<string, string>;

  beforeAll(async () => {
    server = await startServer();
    const out = await server.qudi('demo', '--count', '1100');
    passwords = new Map([...out.matchAll(/^ {2}(demo_\S+) +(\S+)/gm)].map((m) => [m[1], m[2]]));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('finds a workshop by two characters typed in the search box, and says 超过 1000 家 for a common one', async () => {
    const ctx = await browser.newContext(DESK);
    const page = await ctx.newPage();
    await login(page, server, 'demo_office', passwords.get('demo_office')!);
    await page.goto(`${server.url}/enterprises`);
    const firstName = (await page.locator('#enterprise-table tbody tr td').nth(1).innerText()).trim();
    // Two characters from the middle of a name: the index's 2-character entries.
    const fragment = Array.from(firstName).slice(2, 4).join('');
    await page.fill('#filter-q', fragment);
    await page.press('#filter-q', 'Enter');
    await page.waitForURL(new RegExp(`q=${encodeURIComponent(fragment)}`));
    await expect.poll(() => page.locator('#enterprise-table tbody').innerText()).toContain(firstName);
    await page.screenshot({ path: artifact('60-search-desk.png') });

    await page.goto(`${server.url}/enterprises?q=${encodeURIComponent('村')}`);
    await page.locator('#search-capped').waitFor();
    expect(await page.locator('#search-capped').innerText()).toContain('超过 1000 家');
    expect(await page.locator('.ant-pagination-total-text').innerText()).toBe('超过 1000 家');
    await page.screenshot({ path: artifact('61-search-capped-desk.png') });
    await ctx.close();
  });

  it('works the same on a phone: the cards, and the count that stops at 1000', async () => {
    const ctx = await browser.newContext(PHONE);
    const page = await ctx.newPage();
    await login(page, server, 'demo_office', passwords.get('demo_office')!);
    await page.goto(`${server.url}/enterprises?q=${encodeURIComponent('村')}`);
    await page.locator('#search-capped').waitFor();
    await expect.poll(() => page.locator('body').innerText()).toContain('超过 1000 家');
    await page.screenshot({ path: artifact('62-search-capped-phone.png') });
    // The page does not scroll sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await ctx.close();
  });
});
