// Each role's first screen answers "what must I do today" (今日待办), after `qudi demo` as a new user
// runs it: the village head on a phone sees the to-do and 现场登记 without scrolling and registers a
// site from it; the town's principal sees 待您签字 first; the office sees which towns are late.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { artifact, launchBrowser, login, startServer, type Server } from './harness.js';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN' };
const DESK = { viewport: { width: 1366, height: 768 }, locale: 'zh-CN' };

describe('home pages: 今日待办 first', () => {
  let server: Server;
  let browser: Browser;
  let passwords: Map<string, string>;

  beforeAll(async () => {
    server = await startServer();
    const out = await server.qudi('demo', '--count', '60');
    passwords = new Map([...out.matchAll(/^ {2}(demo_\S+) +(\S+)/gm)].map((m) => [m[1], m[2]]));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const signIn = (page: Page, username: string) => login(page, server, username, passwords.get(username)!);
  const agendaTexts = (page: Page) => page.locator('#agenda .agenda-entry').allInnerTexts();

  it('puts the village head’s to-do and 现场登记 on the phone’s first screen, and 现场登记 ends at the photos', async () => {
    const ctx = await browser.newContext({
      ...PHONE,
      geolocation: { latitude: 34.9921, longitude: 117.4537, accuracy: 8 },
      permissions: ['geolocation'],
    });
    const page = await ctx.newPage();
    await signIn(page, 'demo_village');
    // The village's to-do, or the word that nothing is due (a small demo may leave a village without workshops).
    await page.locator('#agenda .agenda-entry, #agenda-empty').first().waitFor();
    await page.screenshot({ path: artifact('40-home-village-phone.png') });
    // Both inside the first 844 px, before the notice card (which now sits below the work).
    const register = await page.locator('#home-register').boundingBox();
    const agenda = await page.locator('#agenda').boundingBox();
    const notice = await page.locator('#campaign-card').boundingBox();
    expect(register!.y + register!.height).toBeLessThan(844);
    expect(agenda!.y).toBeLessThan(844);
    expect(notice!.y).toBeGreaterThan(agenda!.y);

    await page.click('#home-register');
    await page.waitForURL(/\/enterprises\/new\?onSite=1/);
    // Located at once: the coordinates are filled without pressing anything.
    await expect.poll(() => page.inputValue('#enterprise_lat').then(Number)).toBe(34.9921);
    await page.fill('#enterprise_name', '现场登记测试颗粒加工点');
    await page.click('#enterprise_kind', { force: true });
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await page.click('#enterprise-submit');
    await page.waitForURL(/\/enterprises\/\d+#enterprise-evidence$/);
    // The workshop's photo section, with its camera button, is in view.
    await expect
      .poll(async () => {
        const box = await page.locator('#enterprise-evidence').boundingBox();
        return box !== null && box.y >= -1 && box.y < 844 / 2;
      })
      .toBe(true);
    await page.screenshot({ path: artifact('41-on-site-photos.png') });
    await ctx.close();
  });

  it('shows the town principal 待您签字 first, leading to the version to sign', async () => {
    const ctx = await browser.newContext(DESK);
    const page = await ctx.newPage();
    await signIn(page, 'demo_town_head');
    await page.locator('#agenda .agenda-entry').first().waitFor();
    const first = page.locator('#agenda .agenda-entry').first();
    expect(await first.getAttribute('data-kind')).toBe('report_to_sign');
    expect(await first.innerText()).toContain('待您签字');
    await page.screenshot({ path: artifact('42-home-town-head.png') });
    await first.locator('a').click();
    await page.waitForURL(/\/reports\/towns\/\d+$/);
    await page.locator('.report-sign-button').first().waitFor();
    await ctx.close();
  });

  it('shows the office which towns are late and how many have signed, and no per-workshop gaps', async () => {
    const ctx = await browser.newContext(DESK);
    const page = await ctx.newPage();
    await signIn(page, 'demo_office');
    await page.locator('#agenda .agenda-entry').first().waitFor();
    const texts = (await agendaTexts(page)).join('\n');
    expect(texts).toMatch(/\d+ 个镇街逾期未报送或未签字/);
    expect(texts).toMatch(/任务表已签字报送的镇街：\d+ \/ \d+/);
    expect(texts).not.toContain('登记信息不全');
    await page.screenshot({ path: artifact('43-home-office.png'), fullPage: true });
    await ctx.close();
  });
});
