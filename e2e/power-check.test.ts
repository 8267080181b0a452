// 用电核查 in the browser, after `qudi demo`: the office, at a desk, imports a power supply office's
// account list for 西集镇 (the fixture, as power offices hand it over), reads the preview and confirms
// it; the town's staff, on a phone, go through the flagged accounts — a shut site whose use rose again
// is confirmed recurred, a heavy account on no list is registered as a workshop (discovery source
// 用电核查), another is dismissed with a reason.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { EnterpriseDto } from '../domain/api.js';
import { apiSignIn, artifact, chooseOption, confirmDialog, launchBrowser, login, startServer, type Server } from './harness.js';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };
const DESK = { viewport: { width: 1366, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };
const LIST = path.resolve(import.meta.dirname, '../../shared/fixtures/西集供电所-用电户清单.xlsx');
/** The list's account of a pellet workshop cut in May whose use came back in July. */
const RESUMED_ACCOUNT = '3704060101';

describe('the power-data check in the browser', () => {
  let server: Server;
  let browser: Browser;
  let passwords: Map<string, string>;
  let site: EnterpriseDto;

  beforeAll(async () => {
    server = await startServer();
    const out = await server.qudi('demo', '--count', '120');
    passwords = new Map([...out.matchAll(/^ {2}(demo_\S+) +(\S+)/gm)].map((m) => [m[1], m[2]]));
    // A shut site of the demo town (西集镇) carries the list's account number on the register.
    const cookie = await apiSignIn(server, 'demo_town', passwords.get('demo_town')!);
    const list = (await (await fetch(`${server.url}/api/enterprises?status=shut_down&pageSize=5`, { headers: { cookie } })).json()) as { items: { id: number }[] };
    const shut = (await (await fetch(`${server.url}/api/enterprises/${list.items[0]!.id}`, { headers: { cookie } })).json()) as EnterpriseDto;
    const res = await fetch(`${server.url}/api/enterprises/${shut.id}`, {
      method: 'PATCH',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ powerAccount: RESUMED_ACCOUNT, version: shut.version }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    site = (await res.json()) as EnterpriseDto;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('imports a town’s account list, flags a shut site using power again and heavy accounts on no list, and the town works through them', async () => {
    expect(site.townName).toBe('西集镇');
    const errors: string[] = [];
    const desk = await browser.newContext(DESK);
    const office = await desk.newPage();
    await login(office, server, 'demo_office', passwords.get('demo_office')!);
    office.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await office.goto(`${server.url}/supervision?tab=power`);
    await chooseOption(office, '#power-town', '西集镇');
    await office.locator('#power-upload input[type="file"]').setInputFiles(LIST);
    const preview = office.locator('#power-preview');
    await expect.poll(() => preview.locator('#power-counts').innerText(), { timeout: 30_000 }).toContain('共 100 户');
    const counts = await preview.locator('#power-counts').innerText();
    expect(counts).toContain('用电回升 1 户');
    expect(counts).toMatch(/清单外大户 [1-9]\d* 户/);
    expect(await preview.locator('#power-columns').innerText()).toContain('2016-08');
    await office.screenshot({ path: artifact('power-01-preview-desk.png'), fullPage: true });
    await office.locator('#power-confirm').click();
    await confirmDialog(office);
    await expect.poll(() => office.locator('#power-flags').innerText()).toContain(site.name);

    // The town's staff on a phone: the flags of their town.
    const phone = await browser.newContext(PHONE);
    const page = await phone.newPage();
    await login(page, server, 'demo_town', passwords.get('demo_town')!);
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${server.url}/supervision?tab=power`);
    const flags = page.locator('#power-flags');
    await expect.poll(() => flags.innerText()).toContain(site.name);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: artifact('power-02-review-phone.png'), fullPage: true });

    // The shut site whose use came back: confirmed recurred.
    await flags.getByRole('button', { name: '确认反弹' }).first().click();
    await page.locator('.ant-modal:visible .ant-btn-dangerous').click();
    await expect.poll(async () => ((await (await page.request.get(`${server.url}/api/enterprises/${site.id}`)).json()) as EnterpriseDto).status).toBe('recurred');

    // A heavy account on no list: dismissed with a reason (none: refused in Chinese first).
    await flags.getByRole('button', { name: /^排\s?除$/ }).first().click();
    const dismiss = page.locator('.ant-modal:visible');
    await dismiss.locator('.ant-btn-primary').click();
    await expect.poll(() => dismiss.innerText()).toMatch(/理由/);
    await dismiss.locator('#power-dismiss-reason').fill('现场核实为冷库，正常用电');
    await dismiss.locator('.ant-btn-primary').click();
    await dismiss.waitFor({ state: 'detached' });

    // Another: registered as a workshop, its name and account prefilled from the list.
    await flags.getByRole('button', { name: '登记为企业' }).first().click();
    const register = page.locator('.ant-modal:visible');
    const holder = await register.locator('input').first().inputValue();
    expect(holder.length).toBeGreaterThan(0);
    await chooseOption(page, '#power-reg-kind', '小颗粒加工');
    await page.screenshot({ path: artifact('power-03-register-phone.png') });
    await register.locator('.ant-modal-footer .ant-btn-primary').click();
    // A name or phone like a registered one asks once more.
    await page.locator('.ant-modal-confirm .ant-btn-primary').click({ timeout: 3_000 }).catch(() => undefined);
    await expect.poll(() => page.locator('.ant-modal:visible').count(), { timeout: 15_000 }).toBe(0);
    const registered = (await (await page.request.get(`${server.url}/api/enterprises?q=${encodeURIComponent(holder)}`)).json()) as { items: { id: number; name: string }[] };
    expect(registered.items.some((w) => w.name === holder)).toBe(true);
    const created = (await (await page.request.get(`${server.url}/api/enterprises/${registered.items.find((w) => w.name === holder)!.id}`)).json()) as EnterpriseDto;
    expect(created.discoverySource).toBe('power');

    // What is left open, and what was done.
    await page.locator('#power-review .ant-radio-button-wrapper', { hasText: '全部状态' }).click();
    for (const state of ['已确认反弹', '已排除', '已登记为企业']) await expect.poll(() => flags.innerText()).toContain(state);
    expect(await flags.innerText()).toContain('现场核实为冷库');
    await page.screenshot({ path: artifact('power-04-reviewed-phone.png'), fullPage: true });
    expect(errors).toEqual([]);
  });
});
