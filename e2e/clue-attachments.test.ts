// Issue 3's confidential clues: a discipline officer attaches a PDF and a photo to a clue about a
// cadre, sees them listed with who, when and the SHA-256, on a desk and on a phone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { photo } from './evidenceFiles.js';
import { artifact, launchBrowser, startServer, type Server, login as signIn } from './harness.js';

const PASSWORD = 'e2e-password-1';
/** A minimal PDF, as a scanner's app would save it: enough for the server to know it by its bytes. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

describe('attachments on a disciplinary clue', () => {
  let server: Server;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    await server.qudi('user', 'add', '--username', 'c_discipline', '--role', 'discipline', '--name', '纪委 周干部', '--password', PASSWORD);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('uploads a PDF and a photo to a clue and lists them, on a desk and on a phone', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const page = await ctx.newPage();
    await signIn(page, server, 'c_discipline', PASSWORD);
    const created = await page.evaluate(async () => {
      const towns = (await (await fetch('/api/org-units?kind=town')).json()) as { id: number }[];
      const res = await fetch('/api/self-inspection/clues', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ townId: towns[0].id, person: '张某', post: '某村党支部书记', conduct: 'collected_fees', description: '向加工点收取“管理费”', source: 'public_report' }),
      });
      return res.status;
    });
    expect(created).toBe(201);

    await page.goto(`${server.url}/self-inspection`);
    await page.getByRole('tab', { name: '违纪线索' }).click();
    await page.locator('#si-clues').getByRole('button', { name: '张某' }).click();
    await page.waitForSelector('#si-clue-files');
    const chooser = page.waitForEvent('filechooser');
    await page.click('#si-clue-upload');
    const jpeg = await photo({ name: '收费收据.jpg', colour: '#8a6d3b', taken: '2016:05:08 10:12:00' });
    await (await chooser).setFiles([
      { name: '谈话笔录.pdf', mimeType: 'application/pdf', buffer: PDF },
      { name: jpeg.name, mimeType: jpeg.mimeType, buffer: jpeg.buffer },
    ]);
    // Both uploaded one after the other, then listed from the server.
    await expect.poll(() => page.locator('#si-clue-files').innerText()).toContain('线索附件（2）');
    const listed = await page.locator('#si-clue-files').innerText();
    expect(listed).toContain('谈话笔录.pdf');
    expect(listed).toContain('收费收据.jpg');
    expect(listed).toContain('纪委 周干部');
    await page.screenshot({ path: artifact('40-clue-files.png') });

    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await page.screenshot({ path: artifact('41-clue-files-phone.png') });
    await ctx.close();
  });
});
