// /api/docs as an integrator meets it: the interactive documentation loads without a Content
// Security Policy error (the Swagger UI logged one before), in Chinese, grouped by the campaign's
// stages, with each operation's problems and their real examples.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { TAGS } from '../domain/contract.js';
import { artifact, launchBrowser, startServer, type Server } from './harness.js';

describe('the API documentation at /api/docs', () => {
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

  it('opens without a console error, lists the stages in order and shows an operation’s problems with examples', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const page = await ctx.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await page.goto(`${server.url}/api/docs`, { waitUntil: 'networkidle' });
    await expect.poll(() => page.locator('.opblock-tag').count()).toBe(Object.keys(TAGS).length);
    expect(await page.title()).toContain('接口文档');
    const tags = await page.locator('.opblock-tag').evaluateAll((els) => els.map((e) => e.getAttribute('data-tag')));
    expect(tags).toEqual(Object.values(TAGS).map((t) => t.name));
    await page.screenshot({ path: artifact('50-api-docs.png') });

    await page.locator('.opblock-summary', { hasText: '记录一项取缔标准的完成情况' }).first().click();
    const open = page.locator('.opblock.is-open');
    await expect.poll(() => open.locator('.responses-wrapper').innerText()).toContain('evidence_required');
    const responses = await open.locator('.responses-wrapper').innerText();
    expect(responses).toContain('application/problem+json');
    expect(responses).toContain('标记“已完成”之前需先上传足够的现场照片或视频');
    expect(responses).toContain('"code": "stale_version"');
    await open.locator('.responses-wrapper').scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifact('51-api-docs-operation.png') });
    expect(problems).toEqual([]);
    await ctx.close();
  });
});
