// 帮包意见与督办 in the browser: a liaison department escalates a workshop of its paired town on the
// workshop's page; the town's official sees it there, answers it, and the escalation closes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { apiRegisterWorkshop, apiSignIn, artifact, launchBrowser, login, startServer, type Server } from './harness.js';

const TOWN = '西集镇';
const LIAISON_DEPT = 'epb';
const PASSWORD = 'e2e-password-1';

describe('liaison remarks in the browser', () => {
  let server: Server;
  let browser: Browser;
  let workshopId = 0;

  beforeAll(async () => {
    server = await startServer();
    await server.qudi('user', 'add', '--username', 'e2e_liaison', '--role', 'liaison', '--scope', LIAISON_DEPT, '--name', '帮包联络员', '--password', PASSWORD);
    await server.qudi('user', 'add', '--username', 'e2e_town', '--role', 'town', '--scope', TOWN, '--name', '镇街干事', '--password', PASSWORD);
    // The workshop, registered by the town through the API.
    workshopId = await apiRegisterWorkshop(server, await apiSignIn(server, 'e2e_town', PASSWORD), TOWN, { name: '督办演练塑料颗粒厂' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lets the liaison escalate on the workshop page, and the town answer it there', async () => {
    const errors: string[] = [];
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 800 }, locale: 'zh-CN' });
    const page = await ctx.newPage();
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));

    await login(page, server, 'e2e_liaison', PASSWORD);
    await page.goto(`${server.url}/enterprises/${workshopId}`);
    const panel = page.locator('#enterprise-remarks');
    await expect.poll(() => panel.innerText()).toContain('暂无意见或督办');
    // Submitting nothing is refused in Chinese, on the form.
    await panel.locator('#remark-submit').click();
    await expect.poll(() => panel.innerText()).toContain('请填写意见内容');
    await panel.locator('label:has-text("督办")').click();
    await panel.locator('#remark_text').fill('断电尚未落实，请镇街说明原因并限期完成。');
    await panel.locator('#remark-submit').click();
    const remark = panel.locator('.remark[data-kind="escalation"]');
    await expect.poll(() => remark.innerText()).toContain('待答复');
    expect(await remark.innerText()).toContain('断电尚未落实');
    // The liaison may not answer for the town.
    // (antd spaces a two-character button's label, 答 复: the button is found by its id.)
    expect(await remark.locator('button[id^="remark-answer-"]').count()).toBe(0);
    await panel.screenshot({ path: artifact('remarks-liaison.png') });
    await ctx.close();

    const townCtx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const phone = await townCtx.newPage();
    phone.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await login(phone, server, 'e2e_town', PASSWORD);
    await phone.goto(`${server.url}/enterprises/${workshopId}`);
    const townPanel = phone.locator('#enterprise-remarks');
    await expect.poll(() => townPanel.innerText()).toContain('待答复 1');
    const open = townPanel.locator('.remark[data-kind="escalation"]');
    await open.locator('button[id^="remark-answer-"]').click();
    await open.locator('textarea').fill('已协调供电部门，周五前完成断电。');
    await open.locator('button:has-text("提交答复")').click();
    await expect.poll(() => open.innerText()).toContain('已答复');
    expect(await open.innerText()).toContain('已协调供电部门');
    expect(await townPanel.innerText()).not.toContain('待答复 1');
    await townPanel.screenshot({ path: artifact('remarks-town-phone.png') });
    await townCtx.close();
    // (the login page's question “who is signed in?” answers 401 before signing in)
    expect(errors.filter((e) => !e.includes('401'))).toEqual([]);
  });
});
