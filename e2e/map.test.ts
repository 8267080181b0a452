// 一张图 and the command view in the browser, after `qudi demo`: the office at a desk sees every
// workshop of the district on the map (no tile server here: the plain grid with the towns), clustered
// with their counts; a click on a cluster zooms in until single workshops show, and one opens its page;
// the list's filters carry over from the list to the map; the tips layer shows. A town's staff on a
// phone see only their town, the map fitting the screen. The dashboard with the 日报 card, on both, and
// the report downloaded as Excel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { MapAnswerDto } from '../domain/map.js';
import { apiSignIn, artifact, launchBrowser, login, startServer, type Server } from './harness.js';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };
const DESK = { viewport: { width: 1366, height: 860 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true };
const DISTRICT = 'south=-89&west=-179&north=89&east=179&zoom=3';

/** The workshops the map's markers stand for: the clusters' counts, or one per point. */
async function shownOnMap(page: Page): Promise<number> {
  return page.evaluate(() => {
    const clusters = [...document.querySelectorAll<HTMLElement>('.map-cluster')].reduce((n, el) => n + Number(el.dataset.n), 0);
    return clusters + document.querySelectorAll('.map-point').length;
  });
}

const totalShown = async (page: Page) => Number(((await page.locator('#map-total').textContent()) ?? '').replace(/\D/g, ''));

describe('the map (一张图) in the browser', () => {
  let server: Server;
  let browser: Browser;
  let passwords: Map<string, string>;
  let officeCookie: string;

  beforeAll(async () => {
    server = await startServer();
    const out = await server.qudi('demo', '--count', '150');
    passwords = new Map([...out.matchAll(/^ {2}(demo_\S+) +(\S+)/gm)].map((m) => [m[1], m[2]]));
    officeCookie = await apiSignIn(server, 'demo_office', passwords.get('demo_office')!);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const located = async (cookie: string, filter = '') =>
    ((await (await fetch(`${server.url}/api/map/workshops?${DISTRICT}${filter}`, { headers: { cookie } })).json()) as MapAnswerDto).total;

  it('shows the office the whole district in clusters on a plain grid; a cluster zooms in to single workshops, and one opens', async () => {
    const errors: string[] = [];
    const context = await browser.newContext(DESK);
    const page = await context.newPage();
    await login(page, server, 'demo_office', passwords.get('demo_office')!);
    // After signing in (the login page's session check answers 401 before).
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.locator('.ant-menu').getByText('一张图').click();
    await page.waitForURL(/\/map/);
    await page.locator('#map-plain-note').waitFor();
    await expect.poll(() => page.locator('.map-cluster, .map-point').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    // Every located workshop of the district is in view at first, and the markers add up to it.
    const all = await located(officeCookie);
    expect(all).toBeGreaterThan(100);
    await expect.poll(() => totalShown(page)).toBe(all);
    expect(await shownOnMap(page)).toBe(all);
    expect(await page.locator('.map-town-label').count()).toBeGreaterThan(1);
    await page.screenshot({ path: artifact('map-01-office-desk.png') });

    // Into the biggest cluster, until the workshops show one by one.
    for (let i = 0; i < 6 && (await page.locator('.map-point').count()) === 0; i++) {
      const biggest = await page.evaluate(() => {
        const els = [...document.querySelectorAll<HTMLElement>('.map-cluster')];
        els.sort((a, b) => Number(b.dataset.n) - Number(a.dataset.n));
        return els[0] ? Number(els[0].dataset.n) : 0;
      });
      if (!biggest) break;
      await page.locator(`.map-cluster[data-n="${biggest}"]`).first().click();
      await page.waitForTimeout(800);
    }
    await expect.poll(() => page.locator('.map-point').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: artifact('map-02-office-points.png') });
    await page.locator('.map-point').first().click({ force: true });
    await page.waitForURL(/\/enterprises\/\d+$/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('carries the list’s filters to the map, and shows the tips layer', async () => {
    const context = await browser.newContext(DESK);
    const page = await context.newPage();
    await login(page, server, 'demo_office', passwords.get('demo_office')!);
    await page.goto(`${server.url}/map?status=shut_down`);
    const shut = await located(officeCookie, '&status=shut_down');
    await expect.poll(() => totalShown(page), { timeout: 15_000 }).toBe(shut);
    expect(await shownOnMap(page)).toBe(shut);
    // Back to the list with the same filter.
    await page.locator('#map-to-list').click();
    await page.waitForURL(/\/enterprises\?status=shut_down/);
    await page.goto(`${server.url}/map`);
    await page.locator('.map-layers').getByText('群众举报').click();
    await page.waitForTimeout(1000);
    await page.screenshot({ path: artifact('map-03-office-tips-layer.png') });
    await context.close();
  });

  it('shows a town’s staff on a phone only their town, the map within the screen', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await login(page, server, 'demo_town', passwords.get('demo_town')!);
    await page.goto(`${server.url}/map`);
    const townCookie = await apiSignIn(server, 'demo_town', passwords.get('demo_town')!);
    const own = await located(townCookie);
    expect(own).toBeLessThan(await located(officeCookie));
    await expect.poll(() => totalShown(page), { timeout: 15_000 }).toBe(own);
    expect(await shownOnMap(page)).toBe(own);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const box = await page.locator('#district-map').boundingBox();
    expect(box!.width).toBeLessThanOrEqual(390);
    expect(box!.height).toBeGreaterThanOrEqual(300);
    await page.screenshot({ path: artifact('map-04-town-phone.png'), fullPage: true });
    await context.close();
  });

  it('puts the 日报 on the dashboard, on a desk and a phone, and downloads it as Excel', async () => {
    const desk = await browser.newContext(DESK);
    const page = await desk.newPage();
    await login(page, server, 'demo_office', passwords.get('demo_office')!);
    await page.goto(`${server.url}/dashboard`);
    await page.locator('#daily-report-xlsx').waitFor();
    await page.screenshot({ path: artifact('dashboard-01-desk.png'), fullPage: true });
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#daily-report-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(/^日报_\d{8}\.xlsx$/);
    await desk.close();

    const phone = await browser.newContext(PHONE);
    const small = await phone.newPage();
    await login(small, server, 'demo_office', passwords.get('demo_office')!);
    await small.goto(`${server.url}/dashboard`);
    await small.locator('#daily-report-xlsx').waitFor();
    expect(await small.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await small.screenshot({ path: artifact('dashboard-02-phone.png'), fullPage: true });
    await phone.close();
  });
});
