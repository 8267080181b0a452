// A village's weak link and a dropped signal (issue 12, items 1 and 2): assets arrive
// precompressed and cached for good, index.html revalidated; a page whose code cannot be fetched
// offline says so inside the app in Chinese and comes back on retry, instead of the browser's
// own error page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { artifact, launchBrowser, login, startServer, type Server } from './harness.js';

describe('on a weak link and offline', () => {
  let server: Server;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('serves hashed assets precompressed and immutable, and index.html revalidated', async () => {
    const index = await fetch(`${server.url}/login`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(index.headers.get('content-encoding')).toBe('br');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const html = await index.text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1];
    for (const [accept, encoding] of [
      ['br, gzip', 'br'],
      ['gzip', 'gzip'],
    ]) {
      const res = await fetch(`${server.url}${script}`, { headers: { 'accept-encoding': accept } });
      expect(res.headers.get('content-encoding')).toBe(encoding);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('vary')?.toLowerCase()).toContain('accept-encoding');
    }
  });

  it('says 网络不可用 inside the app when a page cannot be fetched offline, and loads it on retry once back online', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const page = await ctx.newPage();
    await login(page, server, 'admin', server.adminPassword);
    await page.waitForSelector('.ant-layout');
    // The signal drops; the user opens a page whose code has not been loaded yet.
    await ctx.setOffline(true);
    await page.evaluate(() => {
      window.history.pushState({}, '', '/users');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    await expect.poll(() => page.locator('body').innerText()).toContain('网络不可用');
    expect(page.url()).toContain('/users');
    await page.screenshot({ path: artifact('60-offline-page.png') });
    // Retrying while still offline keeps the app and says so.
    await page.click('#offline-retry');
    await expect.poll(() => page.locator('body').innerText()).toContain('仍然连不上服务器');
    // Back online: retry loads the page.
    await ctx.setOffline(false);
    await page.click('#offline-retry');
    await expect.poll(() => page.locator('body').innerText()).toContain('admin');
    await expect.poll(() => page.locator('body').innerText()).not.toContain('网络不可用');
    await ctx.close();
  });
});
