// A new user's walk, in Chinese, in Chromium: a town official registers a workshop with its
// coordinates, photographs each of its five standard items (the capture time and place come from
// the photos' EXIF, or from the phone when a photo has none), records them, sees it shut down and
// counted on the dashboard; an inspector accepts it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { artifact, chooseOption, launchBrowser, startServer, type Server, login as signIn } from './harness.js';
import { bigPhoto, northOf, notAPhoto, photo, video, type LatLng } from './evidenceFiles.js';
import { TINY_HEIC_BASE64 } from '../server/test/fixtures/heic.js';
import { mp4Fixture } from '../server/test/fixtures/mp4.js';

const TOWN = '西集镇';
const PASSWORD = 'e2e-password-1';
const WORKSHOP = '李庄宏达塑料颗粒加工厂';
const SITE: LatLng = { lat: 34.91, lng: 117.47 };
const ITEMS = ['power_cut', 'water_cut', 'equipment_removed', 'materials_cleared', 'land_restored'] as const;
// Where the browser says the phone is: used only for photos without GPS of their own.
const PHONE = northOf(SITE, 60);

describe('shutdown flow in the browser', () => {
  let server: Server;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    await server.qudi('user', 'add', '--username', 'e2e_town', '--role', 'town', '--scope', TOWN, '--name', '西集镇 赵干事', '--password', PASSWORD);
    await server.qudi('user', 'add', '--username', 'e2e_inspector', '--role', 'inspector', '--name', '验收组 孙督查', '--password', PASSWORD);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('serves the app at / and at deep links, and a 404 for a missing asset', async () => {
    for (const path of ['/', '/enterprises/123', '/dashboard']) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toContain('text/html');
    }
    expect((await fetch(`${server.url}/assets/missing-file.js`)).status).toBe(404);
  });

  const login = (page: Page, username: string) => signIn(page, server, username, PASSWORD);

  const pickOption = (page: Page, selectId: string, label: string) => chooseOption(page, `#${selectId}`, label);

  /** The items table's gallery and upload button for one item. */
  const itemEvidence = (page: Page, code: string): Locator => page.locator(`#items-table .record-evidence[data-target="item:${code}"]`);
  const thumbnailsLoaded = (where: Locator) =>
    where.locator('.evidence-tile img').evaluateAll((imgs) => imgs.length > 0 && imgs.every((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0));

  let detailUrl = '';
  let secondUrl = '';

  it('takes a workshop from registration to acceptance, with photos of every item', async () => {
    const errors: string[] = [];
    const ctx = await browser.newContext({
      viewport: { width: 1366, height: 800 },
      locale: 'zh-CN',
      geolocation: { latitude: PHONE.lat, longitude: PHONE.lng, accuracy: 15 },
      permissions: ['geolocation'],
    });
    const page = await ctx.newPage();
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));

    // A wrong password is refused in Chinese.
    await page.goto(`${server.url}/login`);
    await page.fill('#username', 'e2e_town');
    await page.fill('#password', 'wrong-password');
    await page.click('button[type=submit]');
    await expect.poll(() => page.locator('body').innerText()).toContain('用户名或密码不正确');

    await login(page, 'e2e_town');
    // The home page loads its own code after sign-in: wait for it before the picture.
    await expect.poll(() => page.locator('main').innerText()).toContain('今天是');
    await page.screenshot({ path: artifact('01-town-home.png') });

    // Register: a bad phone is caught on the form before anything is sent.
    await page.goto(`${server.url}/enterprises/new`);
    await page.fill('#enterprise_name', WORKSHOP);
    await pickOption(page, 'enterprise_kind', '小颗粒加工');
    await page.fill('#enterprise_contactPerson', '王建国');
    await page.fill('#enterprise_phone', '1234');
    await page.fill('#enterprise_address', '西集镇李庄村村东300米');
    await page.fill('#enterprise_lng', String(SITE.lng));
    await page.fill('#enterprise_lat', String(SITE.lat));
    await page.click('#enterprise-submit');
    await expect.poll(() => page.locator('#enterprise_phone_help').innerText()).toContain('电话号码格式不正确');
    await page.fill('#enterprise_phone', '132 0632 8899');
    await page.screenshot({ path: artifact('02-register-form.png'), fullPage: true });
    await page.click('#enterprise-submit');
    await page.waitForURL(/\/enterprises\/\d+$/);
    detailUrl = page.url();
    await expect.poll(() => page.locator('#enterprise-status').innerText()).toContain('已摸排');
    expect(await page.locator('#enterprise-info').innerText()).toContain('13206328899');
    expect(await page.locator('.item-record-button').count()).toBe(5);

    // Without a photo an item cannot be marked done, and the dialog says so before anyone tries.
    expect(await page.locator('.item-evidence-required').count()).toBe(5);
    await page.click('.item-record-button[data-item="power_cut"]');
    await expect.poll(() => page.locator('.ant-modal').innerText()).toContain('需先上传现场照片或视频');
    expect(await page.locator('#item-record-submit').isDisabled()).toBe(true);
    await page.screenshot({ path: artifact('03-record-needs-evidence.png') });
    await page.locator('.ant-modal-close').click();
    await expect.poll(() => page.locator('.ant-modal:visible').count()).toBe(0);

    // Two photos of the power cut, taken at the site (EXIF time and GPS), tagged 取缔后.
    const cut = itemEvidence(page, 'power_cut');
    await cut.locator('input.evidence-input').setInputFiles([
      await photo({ name: '断电-电表拆除.jpg', colour: '#3f6600', taken: '2024:05:12 09:30:15', gps: northOf(SITE, 120) }),
      await photo({ name: '断电-线路拆除.jpg', colour: '#10239e', taken: '2024:05:12 09:41:02', gps: northOf(SITE, 45) }),
    ]);
    await expect.poll(() => cut.locator('.evidence-stage').innerText()).toContain('待上传 2 个文件');
    await cut.locator('.evidence-stage-phase label', { hasText: '取缔后' }).click();
    await cut.locator('.evidence-stage-caption').first().fill('电表已拆除，供电线路已断开');
    await expect.poll(() => cut.locator('.evidence-position').getAttribute('data-position')).toBe('device');
    await page.waitForTimeout(300); // the radio's colour transition
    await page.screenshot({ path: artifact('03a-upload-staged.png') });
    await cut.locator('.evidence-start').click();
    await expect.poll(() => cut.locator('.evidence-tile').count()).toBe(2);
    await expect.poll(() => thumbnailsLoaded(cut)).toBe(true);
    const cutText = await cut.innerText();
    expect(cutText).toContain('拍摄于 2024-05-12 09:30');
    expect(cutText).toContain('拍摄于 2024-05-12 09:41');
    expect(cutText).toContain('距场所 120 米');
    expect(cutText).toContain('距场所 45 米');
    expect(cutText).toContain('照片定位');
    expect(cutText).toContain('取缔后');
    expect(cutText).toContain('电表已拆除，供电线路已断开');
    expect(cutText).toContain('西集镇 赵干事');
    expect(cutText).not.toContain('超出');
    expect(await page.locator('.item-evidence-count[data-item="power_cut"]').getAttribute('data-lacking')).toBe('false');
    await page.screenshot({ path: artifact('03b-item-photos.png') });

    // The lightbox shows the original.
    await cut.locator('.evidence-tile img').first().click();
    await expect.poll(() => page.locator('.ant-image-preview img').count()).toBeGreaterThan(0);
    await expect
      .poll(() => page.locator('.ant-image-preview img').first().evaluate((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth === 1200))
      .toBe(true);
    await page.waitForTimeout(500); // the zoom-in animation
    await page.screenshot({ path: artifact('03c-lightbox.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.ant-image-preview:visible').count()).toBe(0);

    // Now the power cut can be recorded.
    await page.click('.item-record-button[data-item="power_cut"]');
    await expect.poll(() => page.locator('#item-record-submit').isEnabled()).toBe(true);
    await page.fill('#itemRecord_person', '王五');
    await page.click('#item-record-submit');
    await expect.poll(() => page.locator('.item-record-button[data-state="pending"]').count()).toBe(4);

    // The other four: the photo is taken from the record dialog itself. The last has no EXIF, so the
    // phone's position stands in for it and its time is unknown.
    const colours = ['#006d75', '#874d00', '#531dab', '#a8071a'];
    for (const [i, code] of ITEMS.slice(1).entries()) {
      await page.click(`.item-record-button[data-item="${code}"]`);
      const dialog = page.locator('#item-record-evidence');
      await expect.poll(() => dialog.innerText()).toContain('需先上传现场照片或视频');
      const last = code === 'land_restored';
      await dialog
        .locator('input.evidence-input')
        .setInputFiles(
          await photo(
            last
              ? { name: `${code}.jpg`, colour: colours[i] }
              : { name: `${code}.jpg`, colour: colours[i], taken: `2024:05:1${3 + (i % 2)} 1${i}:05:00`, gps: northOf(SITE, 30 + 20 * i) },
          ),
        );
      if (i === 0) await page.screenshot({ path: artifact('03e-record-dialog-upload.png') });
      await dialog.locator('.evidence-start').click();
      await expect.poll(() => page.locator('#item-record-submit').isEnabled()).toBe(true);
      if (i === 0) await page.screenshot({ path: artifact('03f-record-dialog-ready.png') });
      await page.fill('#itemRecord_person', '王五');
      await page.click('#item-record-submit');
      await expect.poll(() => page.locator('.item-record-button[data-state="pending"]').count()).toBe(3 - i);
    }
    await expect.poll(() => page.locator('#enterprise-status').innerText()).toContain('已取缔');
    const land = itemEvidence(page, 'land_restored');
    await expect.poll(() => land.locator('.evidence-tile').count()).toBe(1);
    const landText = await land.innerText();
    expect(landText).toContain('拍摄时间未知');
    expect(landText).toContain('上传于');
    expect(landText).toContain('距场所 60 米');
    expect(landText).toContain('设备定位');

    // The workshop's own evidence: a photo taken 850 m away is flagged; replacing it keeps the old one in the history.
    const site = page.locator('#enterprise-evidence .record-evidence');
    await site.locator('input.evidence-input').setInputFiles(await photo({ name: '现场全景.jpg', colour: '#614700', taken: '2024:05:11 16:20:00', gps: northOf(SITE, 850) }));
    await site.locator('.evidence-start').click();
    await expect.poll(() => site.locator('.evidence-tile').count()).toBe(1);
    await expect.poll(() => site.locator('.evidence-tile').innerText()).toContain('超出 300 米');
    expect(await site.locator('.evidence-tile').innerText()).toContain('距场所 850 米');
    await site.scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifact('03d-far-photo.png') });
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), site.locator('.evidence-replace').click()]);
    await chooser.setFiles(await photo({ name: '现场全景-重拍.jpg', colour: '#237804', taken: '2024:05:11 16:40:00', gps: northOf(SITE, 20) }));
    await expect.poll(() => site.locator('.evidence-stage').innerText()).toContain('替换“现场全景.jpg”');
    await site.locator('.evidence-start').click();
    await expect.poll(() => site.locator('.evidence-history-toggle').innerText()).toContain('历史版本（1）');
    await expect.poll(() => site.locator('.evidence-tile').count()).toBe(1);
    expect(await site.locator('.evidence-tile').innerText()).toContain('距场所 20 米');
    await site.locator('.evidence-history-toggle').click();
    await expect.poll(() => site.locator('.evidence-tile.is-historical').count()).toBe(1);
    expect(await site.locator('.evidence-tile.is-historical').innerText()).toContain('已被替换');

    // Caption and 取缔前/取缔后 can be set afterwards.
    await site.locator('.evidence-tile:not(.is-historical) .evidence-edit').click();
    await page.fill('#evidenceEdit_caption', '拆除后现场全景');
    await page.locator('.ant-modal .ant-radio-button-wrapper', { hasText: '取缔后' }).click();
    await page.click('#evidence-edit-submit');
    await expect.poll(() => site.locator('.evidence-tile:not(.is-historical)').innerText()).toContain('拆除后现场全景');
    expect(await site.locator('.evidence-tile:not(.is-historical)').innerText()).toContain('取缔后');
    await page.screenshot({ path: artifact('04-shut-down.png'), fullPage: true });

    // Counted on the dashboard.
    await page.goto(`${server.url}/dashboard`);
    const row = page.locator('tr', { hasText: TOWN }).first();
    await expect.poll(() => row.innerText()).toMatch(/1/);
    await page.waitForTimeout(300);
    await page.screenshot({ path: artifact('05-dashboard.png'), fullPage: true });

    // The inspector sees the evidence and accepts the workshop.
    await page.click('#logout');
    await page.waitForURL(/\/login/);
    await login(page, 'e2e_inspector');
    await page.goto(detailUrl);
    await expect.poll(() => itemEvidence(page, 'power_cut').locator('.evidence-tile').count()).toBe(2);
    // The items are frozen once shut down: no upload there; the site's own photos the group may add (现场检查取证).
    expect(await page.locator('#items-table .evidence-upload').count()).toBe(0);
    expect(await page.locator('#enterprise-evidence .evidence-upload').count()).toBe(1);
    // The signed evidence package is there to take away.
    const packageHref = await page.locator('#action-evidence-package').getAttribute('href');
    const pkg = await page.request.get(`${server.url}${packageHref}`);
    expect(pkg.status()).toBe(200);
    expect(pkg.headers()['content-type']).toContain('zip');
    // A first verdict rejects it: the town sees why and what it must redo.
    const workshopId = detailUrl.split('/').pop();
    const rejected = await page.request.post(`${server.url}/api/enterprises/${workshopId}/verdict`, { data: { verdict: 'rejected', reasons: ['incomplete'], findings: '现场仍有原料堆放' } });
    expect(rejected.status()).toBe(200);
    await page.click('#logout');
    await page.waitForURL(/\/login/);
    await login(page, 'e2e_town');
    await page.goto(detailUrl);
    await expect.poll(() => page.locator('#rejection-alert').innerText()).toContain('须整改');
    expect(await page.locator('#rejection-alert').innerText()).toContain('现场仍有原料堆放');
    expect(await page.locator('#items-rectify').isVisible()).toBe(true);
    expect(await page.locator('.item-record-button').first().innerText()).toContain('重新记录');
    await page.screenshot({ path: artifact('05a-rejected.png'), fullPage: true });
    // Re-recorded after the fix: shut down again, waiting for the inspector.
    const again = await page.request.put(`${server.url}/api/enterprises/${workshopId}/items/power_cut`, { data: { state: 'done', unit: '区供电部', person: '王强', date: '2016-05-14' } });
    expect(again.status()).toBe(200);
    await page.click('#logout');
    await page.waitForURL(/\/login/);
    await login(page, 'e2e_inspector');
    await page.goto(detailUrl);
    await expect.poll(() => page.locator('#enterprise-status').innerText()).toContain('已取缔');
    await page.click('#action-verdict');
    await page.fill('#verdict_findings', '现场检查：设备已拆除，原料已清理，地貌已恢复。');
    await page.click('#verdict-submit');
    await expect.poll(() => page.locator('#enterprise-status').innerText()).toContain('验收通过');
    await page.screenshot({ path: artifact('06-accepted.png'), fullPage: true });

    expect(errors.filter((e) => !e.includes('401'))).toEqual([]);
    await ctx.close();
  });

  it('warns before registering a site that may already be on the register', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 800 }, locale: 'zh-CN' });
    const page = await ctx.newPage();
    await login(page, 'e2e_town');
    await page.goto(`${server.url}/enterprises/new`);
    // The same workshop as registered above, written as a 作坊 with a space.
    await page.fill('#enterprise_name', '李庄宏达 塑料颗粒作坊');
    await pickOption(page, 'enterprise_kind', '小颗粒加工');
    await page.click('#enterprise-submit');
    await expect.poll(() => page.locator('.ant-modal').innerText()).toContain(WORKSHOP);
    expect(await page.locator('.ant-modal').innerText()).toContain('名称相同');
    await page.screenshot({ path: artifact('09-duplicate-warning.png') });
    await page.click('#duplicate-different');
    await page.waitForURL(/\/enterprises\/\d+$/);
    secondUrl = page.url();
    await expect.poll(() => page.locator('#enterprise-info').innerText()).toContain('李庄宏达 塑料颗粒作坊');
    await ctx.close();
  });

  it('continues an upload cut off by closing the page from where it stopped', async () => {
    const CHUNK = 5 * 1024 * 1024;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qudi-e2e-upload-'));
    onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
    // A file on disk, as a phone's gallery holds it: the same name, size and time when it is picked again.
    const file = path.join(dir, 'IMG_20240514_093000.jpg');
    fs.writeFileSync(file, await bigPhoto());
    expect(fs.statSync(file).size).toBeGreaterThan(CHUNK);
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 800 }, locale: 'zh-CN' });
    const page = await ctx.newPage();
    await login(page, 'e2e_town');
    await page.goto(secondUrl);
    const removal = itemEvidence(page, 'equipment_removed');

    // The first 5 MB arrive; then the signal goes: the second chunk and every retry fail. The page
    // says it is retrying; the official gives up and closes it.
    let patches = 0;
    let online = true;
    let cut: () => void = () => undefined;
    const cutOff = new Promise<void>((resolve) => (cut = resolve));
    await page.route('**/api/uploads/**', async (route) => {
      if (route.request().method() === 'PATCH' && ++patches === 2) online = false;
      if (online) return route.continue();
      cut();
      return route.abort('internetdisconnected');
    });
    await removal.locator('input.evidence-input').setInputFiles(file);
    await removal.locator('.evidence-start').click();
    await cutOff;
    await expect.poll(() => removal.locator('.evidence-task').getAttribute('data-status')).toBe('retrying');
    expect(await removal.locator('.evidence-task').innerText()).toContain('正在重试');
    await page.screenshot({ path: artifact('10-upload-retrying.png') });
    await page.reload();

    // Back on the page, it says what was left unfinished; picking the same file again continues it.
    await expect.poll(() => removal.locator('.evidence-unfinished').count()).toBe(1);
    expect(await removal.locator('.evidence-unfinished').innerText()).toContain('IMG_20240514_093000.jpg');
    await page.screenshot({ path: artifact('11-upload-unfinished.png') });
    online = true;
    const sent: { method: string; offset?: string }[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/uploads')) sent.push({ method: r.method(), offset: r.headers()['upload-offset'] });
    });
    await removal.locator('input.evidence-input').setInputFiles(file);
    await removal.locator('.evidence-start').click();
    await expect.poll(() => removal.locator('.evidence-tile').count()).toBe(1);
    expect(sent.map((r) => r.method)).not.toContain('POST');
    expect(sent.find((r) => r.method === 'PATCH')?.offset).toBe(String(CHUNK));
    await expect.poll(() => removal.locator('.evidence-unfinished').count()).toBe(0);
    await page.unrouteAll();
    await ctx.close();
  });

  it('works at a phone width of 390 px', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    const page = await ctx.newPage();
    await login(page, 'e2e_town');
    await page.goto(`${server.url}/enterprises`);
    await expect.poll(() => page.locator('body').innerText()).toContain(WORKSHOP);
    // Nothing is wider than the screen.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: artifact('07-phone-list.png'), fullPage: true });
    await page.click('#open-menu');
    await page.waitForTimeout(300);
    await page.screenshot({ path: artifact('08-phone-menu.png') });

    // The workshop's page: items as cards, two photo tiles a row, the upload button full width.
    await page.goto(detailUrl);
    const cut = page.locator('#items-list .record-evidence[data-target="item:power_cut"]');
    await expect.poll(() => cut.locator('.evidence-tile').count()).toBe(2);
    await expect.poll(() => thumbnailsLoaded(cut)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    const [first, second] = await cut.locator('.evidence-tile').evaluateAll((tiles) => tiles.map((el) => el.getBoundingClientRect().top));
    expect(first).toBe(second);
    await page.screenshot({ path: artifact('08a-phone-detail.png'), fullPage: true });
    await cut.scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifact('08b-phone-item-photos.png') });

    // A workshop still to be shut down: the camera button spans the card; a photo goes up from the phone.
    await page.goto(secondUrl);
    const water = page.locator('#items-list .record-evidence[data-target="item:water_cut"]');
    const button = await water.locator('.evidence-upload').boundingBox();
    const card = await page.locator('#items-list .mobile-card[data-item="water_cut"]').boundingBox();
    expect(button!.width).toBeGreaterThan(card!.width - 40);
    await water.locator('input.evidence-input').setInputFiles(await photo({ name: 'IMG_20240513_101500.jpg', colour: '#0050b3', taken: '2024:05:13 10:15:00', gps: northOf(SITE, 80) }));
    await water.locator('.evidence-stage-phase label', { hasText: '取缔前' }).click();
    await water.locator('.evidence-stage').scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await page.screenshot({ path: artifact('08c-phone-upload-staged.png') });
    await water.locator('.evidence-start').click();
    await expect.poll(() => water.locator('.evidence-tile').count()).toBe(1);
    await expect.poll(() => thumbnailsLoaded(water)).toBe(true);
    // The duplicate has no coordinates of its own: the distance cannot be measured, and the tile says so.
    const waterText = await water.locator('.evidence-tile').innerText();
    expect(waterText).toContain('距离未知');
    expect(waterText).toContain('照片定位');
    expect(waterText).toContain('取缔前');
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await water.scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifact('08d-phone-uploaded.png') });

    // The workshop's own gallery: a video gets a tile of its own and plays in the page (the file answers ranges);
    // a file that is not what it claims is refused in the server's words.
    const site = page.locator('#enterprise-evidence .record-evidence');
    await site.locator('input.evidence-input').setInputFiles([video('VID_20240513_103000.mp4'), notAPhoto('现场照片.jpg')]);
    await site.locator('.evidence-start').click();
    await expect.poll(() => site.locator('.evidence-tile[data-kind="video"]').count()).toBe(1);
    await expect.poll(() => site.locator('.evidence-task[data-status="failed"]').count()).toBe(1);
    const refusal = await site.locator('.evidence-task[data-status="failed"]').innerText();
    expect(refusal).toContain('上传失败');
    expect(refusal).toMatch(/[\u4e00-\u9fa5]{4,}/);
    expect(refusal).not.toContain('tus:');
    const videoTile = site.locator('.evidence-tile[data-kind="video"]');
    expect(await videoTile.innerText()).toContain('VID_20240513_103000.mp4');
    expect(await videoTile.innerText()).toContain('视频');
    await site.scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifact('08e-phone-video-and-refusal.png') });
    await videoTile.locator('.evidence-placeholder').click();
    const player = page.locator('.ant-modal video.evidence-video');
    await expect.poll(() => player.count()).toBe(1);
    const src = (await player.getAttribute('src')) ?? '';
    expect(src).toMatch(/^\/api\/attachments\/\d+\/file$/);
    const part = await page.request.get(`${server.url}${src}`, { headers: { range: 'bytes=0-15' } });
    expect(part.status()).toBe(206);
    expect((await part.body()).subarray(4, 8).toString('latin1')).toBe('ftyp');
    await page.locator('.ant-modal-close').click();
    await site.locator('.evidence-task[data-status="failed"] button', { hasText: '移除' }).click();
    await expect.poll(() => site.locator('.evidence-task').count()).toBe(0);
    await ctx.close();
  });

  it('reopens a recurred workshop: the earlier photos are marked 反弹前, and an iPhone HEIC and an Android video prove the redo', async () => {
    expect(detailUrl).not.toBe('');
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 800 }, locale: 'zh-CN' });
    const page = await ctx.newPage();
    await login(page, 'e2e_town');
    await page.goto(detailUrl);
    await page.click('#action-recur');
    await page.fill('#recur_reason', '巡查发现夜间恢复生产');
    await page.click('#recur-submit');
    await expect.poll(() => page.locator('#enterprise-status').innerText()).toContain('反弹');

    // The first shutdown's photos stay, tagged, but no longer count.
    const cut = itemEvidence(page, 'power_cut');
    await expect.poll(() => cut.locator('.evidence-tile').count()).toBeGreaterThan(0);
    const before = await cut.locator('.evidence-tile').count();
    await expect.poll(() => cut.locator('.evidence-earlier-round').count()).toBe(before);
    await expect.poll(() => page.locator('.item-evidence-count[data-item="power_cut"]').getAttribute('data-lacking')).toBe('true');

    // An old iPhone photo from the phone's gallery (HEIC, taken 2024-05-12 by its own EXIF) and an
    // Android video shot just now (its movie box's time and ©xyz).
    const at = northOf(SITE, 80);
    const shot = new Date(Math.ceil((Date.now() + 60_000) / 60_000) * 60_000);
    const shotInChina = new Date(shot.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
    await cut.locator('input.evidence-input').setInputFiles([
      { name: 'IMG_0412.HEIC', mimeType: 'image/heic', buffer: Buffer.from(TINY_HEIC_BASE64, 'base64') },
      { name: 'VID_20161129_101500.mp4', mimeType: 'video/mp4', buffer: mp4Fixture({ created: shot, xyz: `+${at.lat.toFixed(6)}+${at.lng.toFixed(6)}/` }) },
    ]);
    await cut.locator('.evidence-start').click();
    await expect.poll(() => cut.locator('.evidence-tile').count()).toBe(before + 2);

    // The photo taken before the recurrence is kept, tagged 反弹前, and the upload list says it does not count.
    // The gallery lists files in upload order: the iPhone photo is the last photo.
    const iphone = cut.locator('.evidence-tile[data-kind="photo"]').last();
    expect(await iphone.innerText()).toContain('拍摄于 2024-05-12 09:30');
    await expect.poll(() => iphone.locator('.evidence-earlier-round').count()).toBe(1);
    await expect.poll(() => iphone.locator('img').evaluate((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth === 16)).toBe(true);
    expect(await iphone.innerText()).toContain('照片定位');
    const warning = page.locator('.evidence-task', { hasText: 'IMG_0412.HEIC' }).locator('.evidence-task-warning');
    await expect.poll(() => warning.innerText()).toContain('拍摄于该企业反弹之前');
    await page.screenshot({ path: artifact('06c-recurred-old-photo.png') });

    // The video shot now proves the redo.
    const fresh = cut.locator('.evidence-tile:not(:has(.evidence-earlier-round))');
    await expect.poll(() => fresh.count()).toBe(1);
    const clipText = await fresh.locator('xpath=self::*[@data-kind="video"]').innerText();
    expect(clipText).toContain(`拍摄于 ${shotInChina}`);
    expect(clipText).toContain('视频定位');
    expect(clipText).toContain('距场所 80 米');
    await expect.poll(() => page.locator('.item-evidence-count[data-item="power_cut"]').getAttribute('data-lacking')).toBe('false');
    await page.locator('.evidence-task', { hasText: 'IMG_0412.HEIC' }).getByRole('button', { name: '知道了' }).click();
    await expect.poll(() => page.locator('.evidence-task', { hasText: 'IMG_0412.HEIC' }).count()).toBe(0);
    await cut.scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifact('06b-recurred-redo.png') });

    // The same at a phone's width: the tags and the position source must still read.
    await page.setViewportSize({ width: 390, height: 844 });
    const phoneCut = page.locator('#items-list .record-evidence[data-target="item:power_cut"]');
    await expect.poll(() => phoneCut.locator('.evidence-earlier-round').count()).toBe(before + 1);
    expect(await phoneCut.locator('.evidence-tile[data-kind="video"]').innerText()).toContain('视频定位');
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await phoneCut.scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifact('06d-phone-recurred.png') });
    await ctx.close();
  });
});
