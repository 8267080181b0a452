// 验收抽查 in the browser, after `qudi demo`: the inspection group draws a town's sample on a phone,
// sees the seed and the sample, publishes it; the town's staff, at a desk, saw nothing before and
// now see the same sample and seed, with the record to download and re-run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { AcceptanceOverviewDto } from '../domain/acceptance.js';
import { photo } from './evidenceFiles.js';
import { apiSignIn, artifact, confirmDialog, launchBrowser, login, startServer, type Server } from './harness.js';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };
const DESK = { viewport: { width: 1366, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };

describe('acceptance draws in the browser', () => {
  let server: Server;
  let browser: Browser;
  let passwords: Map<string, string>;
  let town: AcceptanceOverviewDto['towns'][number];

  beforeAll(async () => {
    server = await startServer();
    const out = await server.qudi('demo', '--count', '120');
    passwords = new Map([...out.matchAll(/^ {2}(demo_\S+) +(\S+)/gm)].map((m) => [m[1], m[2]]));
    const cookie = await apiSignIn(server, 'demo_town', passwords.get('demo_town')!);
    const res = await fetch(`${server.url}/api/acceptance`, { headers: { cookie } });
    town = ((await res.json()) as AcceptanceOverviewDto).towns[0]!;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lets the inspector draw and publish a town’s sample on a phone, and the town see it only then', async () => {
    expect(town.eligible.initial).toBeGreaterThan(0);
    const errors: string[] = [];
    // The town first: nothing drawn for it yet.
    const desk = await browser.newContext(DESK);
    const townPage = await desk.newPage();
    await login(townPage, server, 'demo_town', passwords.get('demo_town')!);
    // (Signed in first: the login page's own 401 for "who am I" is not an error.)
    townPage.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await townPage.goto(`${server.url}/acceptance`);
    await townPage.waitForURL(new RegExp(`/acceptance/towns/${town.townId}$`));
    await expect.poll(() => townPage.locator('body').innerText()).toContain('验收组尚未发布抽查结果');

    // The inspector, on a phone.
    const phone = await browser.newContext(PHONE);
    const page = await phone.newPage();
    await login(page, server, 'demo_inspector', passwords.get('demo_inspector')!);
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${server.url}/acceptance`);
    await expect.poll(() => page.locator('#acceptance-towns').innerText()).toContain(town.townName);
    await page.screenshot({ path: artifact('acceptance-01-towns-phone.png'), fullPage: true });
    await page.locator('#acceptance-towns a', { hasText: town.townName }).click();
    await page.locator('#draw-initial').click();
    const dialog = page.locator('.ant-modal:visible');
    await dialog.locator('#draw-share').fill('20');
    await dialog.locator('#draw-minimum').fill('2');
    await page.screenshot({ path: artifact('acceptance-02-draw-dialog-phone.png') });
    await dialog.locator('#draw-submit').click();
    const card = page.locator('.draw-card[data-status="drawn"]');
    await card.waitFor();
    const seed = (await card.locator('.draw-seed').innerText()).trim();
    expect(seed).toMatch(/^[0-9a-f]{32}$/);
    const expected = Math.min(town.eligible.initial, Math.max(2, Math.ceil((town.eligible.initial * 20) / 100)));
    await expect.poll(() => card.innerText()).toContain(`抽中的企业（${expected} 家）`);
    await page.screenshot({ path: artifact('acceptance-03-drawn-phone.png'), fullPage: true });
    // Nothing has been shown to the town yet.
    await townPage.reload();
    await expect.poll(() => townPage.locator('body').innerText()).toContain('验收组尚未发布抽查结果');

    await card.locator('.draw-publish').click();
    await confirmDialog(page);
    const published = page.locator('.draw-card[data-status="published"]');
    await published.waitFor();

    // On site: the first sampled workshop still draws power. The inspector photographs it in the dialog.
    await published.locator('.check-open').first().click();
    const check = page.locator('.ant-modal:visible');
    const power = check.locator('.check-item').first();
    await power.locator('.ant-radio-button-wrapper', { hasText: '不符合' }).click();
    await power.locator('input[type="text"], input:not([type])').last().fill('电表仍在计量，私接电源');
    await check.locator('input.evidence-input').setInputFiles(await photo({ name: '抽查现场.jpg', colour: '#8c8c8c', taken: '2024:05:17 10:00:00' }));
    await check.locator('.evidence-start').click();
    await expect.poll(() => check.locator('#check-evidence-count').innerText()).toContain('引用 1 个');
    await check.locator('.ant-checkbox-wrapper', { hasText: '未按要求完成' }).click();
    await check.locator('#check-findings').fill('断电不彻底，须重新断电并拆除线路');
    await page.screenshot({ path: artifact('acceptance-05-check-phone.png') });
    expect(await check.locator('input[type="file"]:visible').count()).toBe(0);
    await check.locator('#check-submit').click();
    await expect.poll(() => published.locator('.site-check[data-verdict="rejected"]').count()).toBe(1);
    expect(await published.locator('.site-check').first().innerText()).toContain('不符合');
    await page.screenshot({ path: artifact('acceptance-06-checked-phone.png'), fullPage: true });

    // The hearing of the town.
    await page.locator('#hearing-add').click();
    const hearing = page.locator('.ant-modal:visible');
    await hearing.locator('#hearing-reporter').fill('王镇长（镇长）');
    await hearing.locator('#hearing-summary').fill('全镇已取缔的企业均已断电断水、拆除设备。');
    await hearing.locator('#hearing-submit').click();
    await expect.poll(() => page.locator('#hearings').innerText()).toContain('王镇长（镇长）');

    // The town fails (a site failed its check), and is given a deadline.
    await page.locator('#town-fail').click();
    const decision = page.locator('.ant-modal:visible');
    await decision.locator('.ant-checkbox-wrapper', { hasText: '未按要求完成' }).click();
    await decision.locator('#town-findings').fill('抽查企业中有私自恢复供电的，断电不彻底');
    await decision.locator('#town-decision-submit').click();
    await expect.poll(() => page.locator('#town-verdict').getAttribute('data-status')).toBe('failed');
    await page.locator('#town-rectify').click();
    await page.locator('.ant-modal:visible #town-requirements').fill('7 日内对私自恢复供电的企业彻底断电，拆除线路');
    await page.locator('.ant-modal:visible #town-decision-submit').click();
    await expect.poll(() => page.locator('#town-verdict').getAttribute('data-status')).toBe('rectifying');
    await page.screenshot({ path: artifact('acceptance-07-verdict-phone.png') });

    // The town now sees the same draw: its seed, its sample, and the record to download.
    await townPage.reload();
    const seen = townPage.locator('.draw-card[data-status="published"]');
    await seen.waitFor();
    expect((await seen.locator('.draw-seed').innerText()).trim()).toBe(seed);
    expect(await seen.locator('.draw-publish').count()).toBe(0);
    expect(await seen.locator('.draw-download').getAttribute('href')).toMatch(/^\/api\/acceptance\/draws\/\d+$/);
    // And the check's verdict and the hearing, but cannot record either.
    expect(await seen.locator('.site-check[data-verdict="rejected"]').count()).toBe(1);
    expect(await seen.locator('.check-open').count()).toBe(0);
    expect(await townPage.locator('#hearings').innerText()).toContain('王镇长（镇长）');
    expect(await townPage.locator('#hearing-add').count()).toBe(0);
    await townPage.screenshot({ path: artifact('acceptance-04-town-desk.png'), fullPage: true });
    expect(await townPage.locator('#town-verdict').innerText()).toContain('限期整改中');
    expect(await townPage.locator('#town-explain').count()).toBe(0);

    // The town's principal writes the explanation.
    const headContext = await browser.newContext(DESK);
    const head = await headContext.newPage();
    await login(head, server, 'demo_town_head', passwords.get('demo_town_head')!);
    head.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await head.goto(`${server.url}/acceptance/towns/${town.townId}`);
    await head.locator('#town-explain').click();
    await head.locator('.ant-modal:visible #town-explanation-input').fill('我镇对个别企业断电后复查不到位，作为主要负责人负有领导责任，已责成相关村居立即整改。');
    await head.locator('.ant-modal:visible #town-decision-submit').click();
    await expect.poll(() => head.locator('#town-explanation').innerText()).toContain('负有领导责任');
    // And files the signed, stamped page as a PDF.
    const chooser = head.waitForEvent('filechooser');
    await head.click('#town-files-upload');
    const pdf = Buffer.from(['%PDF-1.4', '%âãÏÓ', '1 0 obj << /Type /Catalog >> endobj', `% ${'0123456789'.repeat(600)}`, 'trailer << /Root 1 0 R >>', '%%EOF', ''].join('\n'), 'latin1');
    await (await chooser).setFiles([{ name: '书面说明（签字盖章）.pdf', mimeType: 'application/pdf', buffer: pdf }]);
    await expect.poll(() => head.locator('#town-files').innerText()).toContain('书面说明（签字盖章）.pdf');
    await head.screenshot({ path: artifact('acceptance-08-explanation-desk.png'), fullPage: true });

    // 验收材料: the town's staff report the written report (drafted from the register) and the photos; the principal signs.
    await townPage.locator('#package-submit-open').click();
    await expect.poll(() => townPage.inputValue('#package-report')).toContain('共摸排登记土小企业');
    await townPage.locator('#package-submit').click();
    await townPage.locator('.package-version[data-status="submitted"]').waitFor();
    await head.reload();
    await head.locator('.package-sign-open').click();
    await expect.poll(() => head.locator('#package-report-text').innerText()).toContain('共摸排登记土小企业');
    await head.screenshot({ path: artifact('acceptance-08b-package-sign-desk.png') });
    await head.locator('#package-sign').click();
    await head.locator('.package-version[data-status="signed"]').waitFor();

    // The office drafts the 通报批评 from the records, edits it, and issues it.
    const officeContext = await browser.newContext(DESK);
    const office = await officeContext.newPage();
    await login(office, server, 'demo_office', passwords.get('demo_office')!);
    office.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await office.goto(`${server.url}/acceptance/towns/${town.townId}`);
    await office.locator('#notice-draft').click();
    await office.locator('#notice-draft-submit').click();
    await office.waitForURL(/\/acceptance\/notices\/\d+$/);
    await expect.poll(() => office.inputValue('#notice-body-input')).toContain('通报批评');
    expect(await office.inputValue('#notice-title')).toContain(town.townName);
    await office.fill('#notice-copyTo', '区委办公室');
    await office.screenshot({ path: artifact('acceptance-09-notice-draft-desk.png'), fullPage: true });
    await office.locator('#notice-issue').click();
    await confirmDialog(office);
    await expect.poll(() => office.locator('h1, h2, h3, h4').first().innerText()).toMatch(/〔\d{4}〕1号/);
    expect(await office.locator('#notice-body').innerText()).toContain('通报批评');
    await office.screenshot({ path: artifact('acceptance-10-notice-issued-desk.png'), fullPage: true });
    // The leading group's view: every town's verdict, sample and notices, and the workbook.
    await office.goto(`${server.url}/acceptance`);
    await expect.poll(() => office.locator('#acceptance-towns').innerText()).toMatch(/〔\d{4}〕1号/);
    expect(await office.locator('#acceptance-export').getAttribute('href')).toBe('/api/acceptance/results.xlsx');
    await office.screenshot({ path: artifact('acceptance-11-results-desk.png'), fullPage: true });
    // The town sees it on its page once issued.
    await townPage.reload();
    await expect.poll(() => townPage.locator('#notices').innerText()).toMatch(/〔\d{4}〕1号/);
    expect(errors).toEqual([]);
  });
});
