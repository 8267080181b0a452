// 长效监管 and 群众举报 in the browser, after `qudi demo`: a neighbour reports a shut site from a phone
// without an account and gets a receipt code; the office, at a desk, sees the shut site beside the tip
// and gives it to the town; the town's staff, on a phone, find the sites due for a patrol, name the
// town's 主管领导, patrol the site with a photo and find it producing again — the workshop recurs with its
// items reopened — and answer the tip, linking the site; the office sees the recurrence on its home
// page and the patrol on the 长效监管 page; the neighbour's receipt code shows the answer. This server
// names a tile server (answered by the browser context itself), so the neighbour can also mark the
// place on the map, and the tiles must get past the Content-Security-Policy.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { EnterpriseDto } from '../domain/api.js';
import type { NotificationCountDto, NotificationListDto } from '../domain/notifications.js';
import type { PatrolDueListDto } from '../domain/patrols.js';
import { addDays, todayInChina } from '../domain/time.js';
import { photo } from './evidenceFiles.js';
import { apiRegisterWorkshop, apiSignIn, artifact, launchBrowser, login, startServer, type Server } from './harness.js';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };
// A tile server of the deployment's own (no internet here): each tile a pale field with a road.
const TILE_HOST = 'http://tiles.qudi.test';
const tile = sharp({ create: { width: 256, height: 256, channels: 3, background: '#eef3e6' } })
  .composite([{ input: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256"><path d="M0 128H256" stroke="#f5c26b" stroke-width="10"/></svg>') }])
  .png()
  .toBuffer();
const DESK = { viewport: { width: 1366, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };

describe('long-term supervision in the browser', () => {
  let server: Server;
  let browser: Browser;
  let passwords: Map<string, string>;
  let due: PatrolDueListDto;
  let cookie: string;

  beforeAll(async () => {
    server = await startServer({ MAP_TILE_URL: `${TILE_HOST}/{z}/{x}/{y}.png` });
    const out = await server.qudi('demo', '--count', '120');
    passwords = new Map([...out.matchAll(/^ {2}(demo_\S+) +(\S+)/gm)].map((m) => [m[1], m[2]]));
    cookie = await apiSignIn(server, 'demo_town', passwords.get('demo_town')!);
    due = (await (await fetch(`${server.url}/api/patrols/due`, { headers: { cookie } })).json()) as PatrolDueListDto;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('takes a neighbour’s tip near a shut site to the town, which patrols, confirms the recurrence and answers; the office and the neighbour see it', async () => {
    expect(due.total).toBeGreaterThan(0);
    const site = due.items[0]!.enterprise;
    const errors: string[] = [];
    const workshop = (await (await fetch(`${server.url}/api/enterprises/${site.id}`, { headers: { cookie } })).json()) as EnterpriseDto;
    expect(workshop.lat).not.toBeNull();

    // A neighbour, on a phone, standing by the site: no account.
    const public_ = await browser.newContext({ ...PHONE, geolocation: { latitude: workshop.lat!, longitude: workshop.lng! }, permissions: ['geolocation'] });
    const neighbour = await public_.newPage();
    neighbour.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await neighbour.goto(`${server.url}/report`);
    await neighbour.locator('#report-description').fill('这家厂晚上又开工了，冒黑烟，气味很大');
    await neighbour.locator('#report-locate').click();
    await expect.poll(() => neighbour.locator('#report-located').count()).toBe(1);
    // The phone's position is a little off: the neighbour opens the map there and taps the yard beside it.
    await public_.route(`${TILE_HOST}/**`, async (route) => route.fulfill({ contentType: 'image/png', body: await tile }));
    await neighbour.locator('#report-pick').click();
    const map = neighbour.locator('.report-map .leaflet-container');
    await map.waitFor();
    await expect.poll(() => neighbour.locator('.report-map img.leaflet-tile-loaded').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const box = (await map.boundingBox())!;
    await neighbour.mouse.click(box.x + box.width / 2 + 12, box.y + box.height / 2 + 8);
    await expect.poll(() => neighbour.locator('#report-located').innerText()).toContain('已在地图上标出');
    await expect.poll(() => neighbour.locator('.report-pin').count()).toBe(1);
    expect(await neighbour.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await neighbour.screenshot({ path: artifact('tips-00-pick-on-map-phone.png'), fullPage: true });
    await neighbour.locator('#report-pick-done').click();
    await expect.poll(() => neighbour.locator('.report-map').count()).toBe(0);
    await neighbour.locator('#report-files').setInputFiles(await photo({ name: '夜间冒烟.jpg', colour: '#434343', taken: '2024:06:20 22:10:00' }));
    await expect.poll(() => neighbour.locator('.report-file').count()).toBe(1);
    expect(await neighbour.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await neighbour.screenshot({ path: artifact('tips-01-report-phone.png'), fullPage: true });
    await neighbour.locator('#report-submit').click();
    const receiptBox = neighbour.locator('#report-receipt-code');
    await receiptBox.waitFor({ timeout: 30_000 });
    const receipt = (await receiptBox.innerText()).trim();
    expect(await neighbour.locator('#report-files-sent').innerText()).toContain('已附 1 个');
    expect(receipt).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    await neighbour.screenshot({ path: artifact('tips-02-receipt-phone.png'), fullPage: true });

    // The office, at a desk: the shut site is right there beside the tip; it goes to the town.
    const desk = await browser.newContext(DESK);
    const office = await desk.newPage();
    await login(office, server, 'demo_office', passwords.get('demo_office')!);
    office.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await expect.poll(() => office.locator('body').innerText()).toContain('条群众举报待交办');
    await office.goto(`${server.url}/tips?status=received`);
    await office.locator('#tip-list .tip-open').first().click();
    const tipDialog = office.locator('.ant-modal:visible');
    await expect.poll(() => tipDialog.locator('#tip-nearby').innerText()).toContain(site.name);
    await expect.poll(() => tipDialog.locator('#tip-files img').count()).toBe(1);
    await tipDialog.locator('#tip-actions .ant-radio-button-wrapper', { hasText: '交办镇街' }).click();
    await expect.poll(() => tipDialog.innerText()).toContain(`建议交办：${site.townName}`);
    await office.screenshot({ path: artifact('tips-03-triage-desk.png') });
    await tipDialog.locator('#tip-action-submit').click();
    await expect.poll(() => tipDialog.innerText()).toContain('核查中');
    await tipDialog.locator('.ant-modal-close').click();

    const phone = await browser.newContext(PHONE);
    const page = await phone.newPage();
    await login(page, server, 'demo_town', passwords.get('demo_town')!);
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));

    // The sites due, from the menu's page.
    await page.goto(`${server.url}/supervision`);
    await expect.poll(() => page.locator('#patrol-due-list').innerText()).toContain(site.name);
    expect(await page.locator('#patrol-due-summary').innerText()).toContain(`须巡查 ${due.total} 家`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: artifact('supervision-01-due-phone.png'), fullPage: true });

    // The town names its 主管领导.
    await page.locator('.ant-tabs-tab', { hasText: '监管责任人' }).click();
    const assign = page.locator('[id$="-assign-leader"]').first();
    await assign.click();
    const form = page.locator('.ant-modal:visible');
    await form.locator('#supervisor-name').fill('李明');
    await form.locator('#supervisor-position').fill('副镇长');
    await form.locator('#supervisor-phone').fill('13912345678');
    await form.locator('#supervisor-submit').click();
    await expect.poll(() => page.locator('#town-supervisors').innerText()).toContain('李明');
    await page.screenshot({ path: artifact('supervision-02-supervisors-phone.png'), fullPage: true });

    // At the site: power is back. The patrol, with a photo taken in the dialog.
    await page.goto(`${server.url}/enterprises/${site.id}`);
    await page.locator('#patrol-new').click();
    const dialog = page.locator('.ant-modal:visible');
    const power = dialog.locator('.patrol-item').first();
    await power.locator('.ant-radio-button-wrapper', { hasText: '未落实' }).click();
    await power.locator('input[type="text"], input:not([type])').last().fill('私接电线，夜间生产');
    await dialog.locator('input.evidence-input').setInputFiles(await photo({ name: '巡查现场.jpg', colour: '#595959', taken: '2024:06:20 21:30:00' }));
    await dialog.locator('.evidence-start').click();
    await expect.poll(() => dialog.locator('#patrol-evidence-count').innerText()).toContain('关联 1 个');
    await dialog.locator('.ant-radio-button-wrapper', { hasText: '恢复生产' }).click();
    await expect.poll(() => dialog.innerText()).toContain('企业将转为“反弹”');
    await dialog.locator('#patrol-findings').fill('夜间恢复生产，私接电线，设备已搬回');
    await page.screenshot({ path: artifact('supervision-03-patrol-phone.png') });
    await dialog.locator('#patrol-submit').click();
    await expect.poll(() => page.locator('#enterprise-patrols').innerText()).toContain('确认反弹');
    await expect.poll(() => page.locator('body').innerText()).toContain('反弹');
    expect(await page.locator('#patrol-new').count()).toBe(0);
    await page.screenshot({ path: artifact('supervision-04-recurred-phone.png'), fullPage: true });

    // The town answers the tip, linking the site (suggested: it is the one nearby).
    await page.goto(`${server.url}/tips?status=assigned`);
    await page.locator('#tip-list .tip-open').first().click();
    const answer = page.locator('.ant-modal:visible');
    await answer.locator('#tip-actions .ant-radio-button-wrapper', { hasText: '核查答复' }).click();
    await answer.locator('#tip-public-answer').fill('经核查，该点确有夜间恢复生产，已确认反弹并重新取缔。感谢您的举报。');
    await page.screenshot({ path: artifact('tips-04-answer-phone.png') });
    await answer.locator('#tip-action-submit').click();
    await expect.poll(() => answer.innerText()).toContain('已答复');
    expect(await answer.innerText()).toContain(site.name);

    // The office, at a desk: the recurrence on its home page, the patrol on the supervision page.
    await office.goto(`${server.url}/`);
    await expect.poll(() => office.locator('body').innerText()).toContain('家企业反弹，须重新取缔');
    await office.goto(`${server.url}/supervision`);
    await expect.poll(() => office.locator('#patrol-list').innerText()).toContain(site.name);
    expect(await office.locator('#patrol-list').innerText()).toContain('恢复生产');
    await office.screenshot({ path: artifact('supervision-05-office-desk.png'), fullPage: true });

    // The neighbour reads the answer with the receipt code.
    await neighbour.locator('#report-check').click();
    await expect.poll(() => neighbour.locator('#report-status').getAttribute('data-status')).toBe('answered');
    expect(await neighbour.locator('#report-answer').innerText()).toContain('已确认反弹');
    expect(await neighbour.locator('body').innerText()).not.toContain(site.name);
    await neighbour.screenshot({ path: artifact('tips-05-answer-public-phone.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('tells a phone that cannot reach the tile server to use its position or describe the place, and offers the map no more', async () => {
    const offline = await browser.newContext(PHONE);
    await offline.route(`${TILE_HOST}/**`, (route) => route.abort('internetdisconnected'));
    const page = await offline.newPage();
    await page.goto(`${server.url}/report`);
    await page.locator('#report-pick').click();
    await expect.poll(() => page.getByText('地图载入失败，请用当前位置或填写地点描述').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.locator('.report-map').count()).toBe(0);
    expect(await page.locator('#report-pick').count()).toBe(0);
    await expect.poll(() => page.locator('#report-locate').isVisible()).toBe(true);
    await offline.close();
  });

  it('shows a new workshop next to a shut site, under the same operator, as that site come back; the town confirms it and both histories say so', async () => {
    const errors: string[] = [];
    const shut = due.items[1]!.enterprise;
    const old = (await (await fetch(`${server.url}/api/enterprises/${shut.id}`, { headers: { cookie } })).json()) as EnterpriseDto;
    expect(old.lat).not.toBeNull();
    // Registered (over the API, as the survey's form would) some 20 m away under a new name, by the same operator.
    const fields = { name: '新兴环保再生资源回收站', contactPerson: old.contactPerson || '孙大勇', phone: '13900007001', lat: old.lat! + 0.00015, lng: old.lng! + 0.0001 };
    const town = (await (await fetch(`${server.url}/api/org-units?kind=town`, { headers: { cookie } })).json()) as { id: number; name: string }[];
    const dupes = (await (
      await fetch(`${server.url}/api/enterprises/duplicates`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ name: fields.name, phone: fields.phone, lat: fields.lat, lng: fields.lng, townId: town.find((x) => x.name === old.townName)!.id }),
      })
    ).json()) as { items: { id: number }[] };
    if (!old.contactPerson) {
      const res = await fetch(`${server.url}/api/enterprises/${shut.id}`, { method: 'PATCH', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ contactPerson: fields.contactPerson, version: old.version }) });
      expect(res.status).toBe(200);
    }
    const id = await apiRegisterWorkshop(server, cookie, old.townName, { ...fields, confirmedDistinctFrom: dupes.items.map((d) => d.id) });

    const phone = await browser.newContext(PHONE);
    const page = await phone.newPage();
    await login(page, server, 'demo_town', passwords.get('demo_town')!);
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${server.url}/enterprises/${id}`);
    const card = page.locator('#enterprise-same-site');
    await expect.poll(() => card.innerText()).toContain(shut.name);
    const match = card.locator('.same-site-match', { hasText: shut.name });
    expect(await match.innerText()).toContain('经营者相同');
    expect(await match.innerText()).toMatch(/相距 \d+ 米/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifact('supervision-06-same-site-phone.png') });
    await match.locator('.same-site-confirm').click();
    const dialog = page.locator('.ant-modal:visible');
    await dialog.locator('#same-site-note').fill('原厂换名后在原址复产，经营者相同');
    await dialog.locator('#same-site-submit').click();
    await expect.poll(() => match.innerText()).toContain('已认定为同一场所');
    await page.screenshot({ path: artifact('supervision-07-same-site-confirmed-phone.png') });

    // The office, at a desk, on the old site's page: the new record is named in its list and its history.
    const desk = await browser.newContext(DESK);
    const office = await desk.newPage();
    await login(office, server, 'demo_office', passwords.get('demo_office')!);
    office.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await office.goto(`${server.url}/enterprises/${shut.id}`);
    await expect.poll(() => office.locator('#enterprise-same-site').innerText()).toContain(fields.name);
    await office.locator('.ant-tabs-tab', { hasText: '变更记录' }).click();
    await expect.poll(() => office.locator('body').innerText()).toContain('认定为同一场所（改头换面）');
    await office.screenshot({ path: artifact('supervision-08-same-site-desk.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('switches the office to English from the header and back, on a desk and on a phone', async () => {
    const errors: string[] = [];
    for (const [name, options] of [['desk', DESK], ['phone', PHONE]] as const) {
      const context = await browser.newContext(options);
      const page = await context.newPage();
      await login(page, server, 'demo_office', passwords.get('demo_office')!);
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await page.locator('#language-switch').click();
      await expect.poll(() => page.locator('#language-switch').innerText()).toBe('中文');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      if (name === 'desk') await expect.poll(() => page.locator('.ant-layout-sider').innerText()).toContain('Workshop register');
      await page.goto(`${server.url}/supervision`);
      await expect.poll(() => page.locator('body').innerText()).toContain('Long-term supervision');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(options.viewport.width);
      await page.screenshot({ path: artifact(`english-${name}.png`) });
      // Kept in this browser across pages; back to Chinese the same way.
      await page.locator('#language-switch').click();
      await expect.poll(() => page.locator('#language-switch').innerText()).toBe('EN');
      await expect.poll(() => page.locator('body').innerText()).toContain('长效监管');
      await context.close();
    }
    expect(errors).toEqual([]);
  });

  it('reminds the power office on its phone the day before a request is due: the bell counts it, the inbox opens the workshop', async () => {
    const errors: string[] = [];
    const list = (await (await fetch(`${server.url}/api/enterprises?status=surveyed&pageSize=1`, { headers: { cookie } })).json()) as { items: { id: number; name: string }[] };
    const workshop = list.items[0]!;
    const res = await fetch(`${server.url}/api/enterprises/${workshop.id}/requests`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ itemCode: 'power_cut', departmentCode: 'power_office', dueOn: addDays(todayInChina(), 1) }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    // The job queue sweeps the deadlines every minute; the test's server runs none, and sweeps now.
    expect(await server.qudi('reminders')).toMatch(/新发出通知 [1-9]\d* 条/);
    const power = await apiSignIn(server, 'demo_power_office', passwords.get('demo_power_office')!);
    const mine = async () => (await (await fetch(`${server.url}/api/notifications`, { headers: { cookie: power } })).json()) as NotificationListDto;
    await expect.poll(async () => (await mine()).items.some((n) => n.kind === 'request_due' && n.body.includes(workshop.name)), { timeout: 10_000, interval: 500 }).toBe(true);
    const unread = (await mine()).unread;

    for (const [name, options] of [['phone', PHONE], ['desk', DESK]] as const) {
      const context = await browser.newContext(options);
      const page = await context.newPage();
      await login(page, server, 'demo_power_office', passwords.get('demo_power_office')!);
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      if (name === 'phone') {
        await expect.poll(() => page.locator('#inbox-count').innerText()).toBe(String(unread));
        await page.locator('#inbox-bell').click();
        await expect.poll(() => page.locator('#inbox-list').innerText()).toContain(workshop.name);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
        await page.screenshot({ path: artifact('inbox-01-phone.png'), fullPage: true });
        await page.locator('#inbox-list .inbox-item', { hasText: '部门协办请求明天到期' }).first().click();
        await expect.poll(() => page.url()).toContain(`/enterprises/${workshop.id}`);
        await expect.poll(async () => ((await (await fetch(`${server.url}/api/notifications/unread`, { headers: { cookie: power } })).json()) as NotificationCountDto).unread).toBe(unread - 1);
      } else {
        await page.goto(`${server.url}/notifications`);
        await page.locator('#inbox-filter .ant-radio-button-wrapper', { hasText: '全部' }).click();
        await expect.poll(() => page.locator('#inbox-list').innerText()).toContain('已读');
        await page.screenshot({ path: artifact('inbox-02-desk.png') });
        if (unread > 1) {
          await page.locator('#inbox-read-all').click();
          await expect.poll(() => page.locator('#inbox-count').count()).toBe(0);
        }
      }
      await context.close();
    }
    expect(errors).toEqual([]);
  }, 150_000);
});
