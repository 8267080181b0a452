// Every page's primary actions are within reach on a phone (390 px) and on a common office laptop
// (1366 px): in view once the page is scrolled down to them, without scrolling the page sideways;
// a table that scrolls inside its card keeps its actions column in view at the right, and no fixed
// column covers another.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { launchBrowser, ROOT, startServer, type Server, login as signIn } from './harness.js';

const FIXTURE = path.join(ROOT, '..', 'shared', 'fixtures', '西集镇-任务表.xlsx');
const TOWN = '西集镇';
const VILLAGES = ['李庄村', '王庄村', '后峪村', '东洼村', '西集村', '南石村', '北岭村'];
const PASSWORD = 'e2e-password-1';
const SHOTS = '/tmp';

const SCREENS: { name: string; options: BrowserContextOptions }[] = [
  { name: 'phone', options: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } },
  { name: 'desk', options: { viewport: { width: 1366, height: 768 } } },
];

/**
 * Where an element is, once the page is scrolled vertically (only) to bring it to the middle of
 * the screen: what of it any scrolling box around it cuts off, whether something else (a fixed
 * column) lies over its middle, and whether that box is a table scrolled inside its card.
 */
async function reach(target: Locator): Promise<{ x: number; width: number; problems: string[]; inScrolledTable: boolean; fixedRight: boolean }> {
  await target.waitFor({ state: 'attached' });
  return target.evaluate((el) => {
    const before = el.getBoundingClientRect();
    window.scrollBy(0, before.top + before.height / 2 - window.innerHeight / 2);
    const r = el.getBoundingClientRect();
    const problems: string[] = [];
    const px = (n: number) => Math.round(n);
    if (r.width === 0 || r.height === 0) problems.push('has no size (hidden)');
    if (r.left < -0.5 || r.right > window.innerWidth + 0.5) problems.push(`outside the screen: x ${px(r.left)}…${px(r.right)} of ${window.innerWidth}`);
    let inScrolledTable = false;
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const style = getComputedStyle(a);
      if (style.overflowX === 'visible') continue;
      const box = a.getBoundingClientRect();
      if (r.left < box.left - 0.5 || r.right > box.right + 0.5)
        problems.push(`cut off by ${a.tagName.toLowerCase()}.${[...a.classList].join('.')}: x ${px(r.left)}…${px(r.right)}, box ${px(box.left)}…${px(box.right)}`);
      if (a.scrollWidth > a.clientWidth + 1 && a.closest('.ant-table')) inScrolledTable = true;
    }
    const cx = Math.min(Math.max(r.left + r.width / 2, 0), window.innerWidth - 1);
    const cy = Math.min(Math.max(r.top + r.height / 2, 0), window.innerHeight - 1);
    const hit = document.elementFromPoint(cx, cy);
    if (!hit || !(el === hit || el.contains(hit))) problems.push(`covered at its middle by ${hit ? `${hit.tagName.toLowerCase()}.${[...hit.classList].join('.')} “${(hit.textContent ?? '').slice(0, 30)}”` : 'nothing'}`);
    const cell = el.closest('td, th');
    const fixedRight = !!cell && [...cell.classList].some((c) => /^ant-table-cell-fix-(right|end)$/.test(c));
    return { x: r.left, width: r.width, problems, inScrolledTable, fixedRight };
  });
}

/** A DataTable's rows: on a desk the table's, on a phone the rows' cards. */
const rowsOf = (page: Page, id: string): Locator => page.locator(`#${id}`).locator('tr.ant-table-row, .data-card');

/** The page itself never scrolls sideways, at the width the phone or screen really has. */
async function pageFits(page: Page, width: number): Promise<string[]> {
  const m = await page.evaluate(() => ({ inner: window.innerWidth, doc: document.documentElement.scrollWidth, body: document.body.scrollWidth }));
  const problems: string[] = [];
  if (m.inner !== width) problems.push(`the page is laid out ${m.inner} px wide on a ${width} px screen (zoomed out to fit something wider)`);
  if (m.doc > m.inner || m.body > m.inner) problems.push(`the page overflows sideways: ${Math.max(m.doc, m.body)} px in ${m.inner} px`);
  return problems;
}

describe.skipIf(!fs.existsSync(FIXTURE))('pages fit a phone and a 1366 px screen', () => {
  let server: Server;
  let browser: Browser;
  let townId = 0;
  let importId = 0;
  let enterpriseId = 0;

  beforeAll(async () => {
    server = await startServer();
    await server.qudi('user', 'add', '--username', 'v_admin', '--role', 'admin', '--name', '系统管理员', '--password', PASSWORD);
    await server.qudi('user', 'add', '--username', 'v_office', '--role', 'office', '--director', '--name', '办公室 王主任', '--password', PASSWORD);
    await server.qudi('user', 'add', '--username', 'v_clerk', '--role', 'town', '--scope', TOWN, '--name', '西集镇 孙干事', '--password', PASSWORD);
    await server.qudi('user', 'add', '--username', 'v_head', '--role', 'town_head', '--scope', TOWN, '--name', '西集镇主要负责人 梁某某', '--password', PASSWORD);
    browser = await launchBrowser();

    // The town's records, with the long names and notes towns really write.
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const page = await ctx.newPage();
    await signIn(page, server, 'v_clerk', PASSWORD);
    townId = await page.evaluate(async () => ((await (await fetch('/api/org-units?kind=town')).json()) as { id: number }[])[0].id);
    const post = (url: string, body: unknown) =>
      page.evaluate(
        async ({ url, body }) => {
          const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
          return { status: res.status, json: (await res.json()) as { id: number } };
        },
        { url, body },
      );
    for (const name of VILLAGES) expect((await post('/api/org-units', { townId, name })).status).toBe(201);
    const workshops = [
      { name: '李某某塑料颗粒加工点', phone: '13696602106', address: '西集镇李庄村村东三百米原砖厂院内北侧彩钢棚及其东侧临时搭建的两间简易房' },
      { name: '西集镇王庄村鑫源废旧塑料再生颗粒加工及洗选一体化作坊', phone: '0632-8812345', address: '西集镇王庄村村西' },
    ];
    for (const w of workshops) {
      const res = await post('/api/enterprises', { ...w, kind: 'pellet', townId });
      expect(res.status).toBe(201);
      enterpriseId ||= res.json.id;
    }
    // Version 1 signed by the principal (the 签字 column then holds a name and a time), version 2 awaiting it.
    const first = await post('/api/reports', { townId });
    expect(first.status).toBe(201);
    const head = await browser.newContext({ locale: 'zh-CN' });
    const headPage = await head.newPage();
    await signIn(headPage, server, 'v_head', PASSWORD);
    expect(
      await headPage.evaluate(async (id) => {
        const { contentSha256 } = (await (await fetch(`/api/reports/${id}/content`)).json()) as { contentSha256: string };
        return (await fetch(`/api/reports/${id}/sign`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ contentSha256 }) })).status;
      }, first.json.id),
    ).toBe(200);
    await head.close();
    expect((await post('/api/enterprises', { name: '后峪村某某洗选点', phone: '13912340003', address: '西集镇后峪村河滩', kind: 'washing', townId })).status).toBe(201);
    const second = await post('/api/reports', { townId });
    expect(second.status).toBe(201);
    expect(
      (await post('/api/mobilisation/publicity', { townId, kind: 'meeting', heldOn: '2016-05-03', place: '西集镇政府三楼会议室', attendees: 120, notes: '镇党委书记主持召开全镇取缔小颗粒小洗选动员大会，各村支部书记、主任及镇直各部门负责人参加，会议部署了摸底排查、集中取缔和验收各阶段的任务分工和时间节点' }))
        .status,
    ).toBe(201);
    expect((await post('/api/mobilisation/leading-members', { townId, position: 'member', name: '赵某某', title: '西集镇人民政府副镇长、镇安全生产委员会办公室主任兼环境保护办公室主任' })).status).toBe(201);
    expect(
      (await post('/api/self-inspection/policies', { townId, title: '关于对村内小型加工企业实行“先上车后买票”暂缓办理环评和用地手续的通知', issuedBy: '西集镇经济发展办公室', actionTaken: '已于本月废止并在全镇范围内通报，同时对执行该政策期间新增的加工点逐一登记造册', notes: '附废止文件及通报' }))
        .status,
    ).toBe(201);
    // The town's own sheet: 41 rows, four mistakes, and a row that is on the register already.
    const sheet = fs.readFileSync(FIXTURE).toString('base64');
    importId = await page.evaluate(
      async ({ townId, sheet }) => {
        const body = new FormData();
        body.append('townId', String(townId));
        body.append('file', new Blob([Uint8Array.from(atob(sheet), (c) => c.charCodeAt(0))]), '西集镇-任务表.xlsx');
        const res = await fetch('/api/imports', { method: 'POST', body, headers: { accept: 'application/json' } });
        return ((await res.json()) as { id: number }).id;
      },
      { townId, sheet },
    );
    expect(importId).toBeGreaterThan(0);
    await ctx.close();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Opens a page as a user on the given screen, checks each action there and that the page fits. */
  async function check(
    screen: (typeof SCREENS)[number],
    user: string,
    url: string,
    ready: (page: Page) => Promise<unknown>,
    actions: (page: Page) => { label: string; target: Locator; fixed?: boolean }[],
    extra?: (page: Page) => Promise<string[]>,
  ) {
    const ctx = await browser.newContext({ ...screen.options, locale: 'zh-CN' });
    const page = await ctx.newPage();
    try {
      await signIn(page, server, user, PASSWORD);
      await page.goto(`${server.url}${url}`);
      const name = `${user}-${url.replace(/^\//, '').replace(/[/?=&]+/g, '-')}`;
      await ready(page).catch(async (err: unknown) => {
        await page.screenshot({ path: `${SHOTS}/viewport-${screen.name}-${name}.png`, fullPage: true });
        throw err;
      });
      await page.waitForTimeout(300);
      const width = screen.options.viewport!.width;
      const problems = await pageFits(page, width);
      for (const { label, target, fixed } of actions(page)) {
        const at = await reach(target);
        problems.push(...at.problems.map((p) => `${label}: ${p}`));
        // A row's action in a table that scrolls inside its card stays at the table's right edge.
        if (fixed && at.inScrolledTable && !at.fixedRight) problems.push(`${label}: in a table scrolled inside its card, but not in its fixed right column`);
      }
      if (extra) problems.push(...(await extra(page)));
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: `${SHOTS}/viewport-${screen.name}-${name}.png`, fullPage: true });
      expect(problems, `${url} on the ${screen.name} (${width} px)`).toEqual([]);
    } finally {
      await ctx.close();
    }
  }

  for (const screen of SCREENS) {
    describe(screen.name, () => {
      it('report versions: 查看内容, 下载 and 签字确认 for the principal; 提交 for the clerk', async () => {
        // The newest version first: the one awaiting the principal's signature.
        const versions = (page: Page) => rowsOf(page, 'report-versions').filter({ hasText: '第 2 版' });
        await check(
          screen,
          'v_head',
          `/reports/towns/${townId}`,
          (page) => versions(page).waitFor(),
          (page) => [
            { label: '查看内容', target: versions(page).locator('.report-view-button'), fixed: true },
            { label: '下载', target: versions(page).locator('.report-download-button'), fixed: true },
            { label: '签字确认', target: versions(page).locator('.report-sign-button'), fixed: true },
          ],
        );
        await check(screen, 'v_clerk', `/reports/towns/${townId}`, (page) => versions(page).waitFor(), (page) => [
          { label: '提交', target: page.locator('#report-submit') },
          { label: '下载', target: versions(page).locator('.report-download-button'), fixed: true },
        ]);
      });

      it('office home: 今日待办 and each town’s row, its link and completion rate', async () => {
        const town = (page: Page) => rowsOf(page, 'home-towns').filter({ hasText: TOWN });
        await check(screen, 'v_office', '/', (page) => town(page).waitFor(), (page) => [
          { label: '今日待办', target: page.locator('#agenda .agenda-entry a').first() },
          { label: '镇街', target: town(page).locator('a', { hasText: TOWN }) },
          { label: '取缔完成率', target: town(page).getByText('%') },
          { label: '查看取缔进度', target: page.getByRole('button', { name: /查看取缔进度/ }) },
        ]);
      });

      it('reports overview: each town’s link', async () => {
        const town = (page: Page) => rowsOf(page, 'reports-table').filter({ hasText: TOWN });
        await check(screen, 'v_office', '/reports', (page) => town(page).waitFor(), (page) => [{ label: '镇街', target: town(page).locator('a', { hasText: TOWN }) }]);
      });

      it('dashboard: each town’s name and figures, which lead to its workshops', async () => {
        const phone = screen.name === 'phone';
        const town = (page: Page) => (phone ? page.locator('#dashboard-cards [data-town]') : page.locator('#dashboard-table tbody tr.ant-table-row')).filter({ hasText: TOWN });
        await check(screen, 'v_office', '/dashboard', (page) => town(page).waitFor(), (page) => [
          { label: '镇街', target: town(page).locator('a', { hasText: TOWN }) },
          { label: '已摸排', target: town(page).locator('a[href*="status="]').first() },
          ...(phone ? [{ label: '合计', target: page.locator('#dashboard-cards [data-town=total]') }] : []),
        ]);
      });

      it('import preview: 确认导入, the problems, the look-alikes and 识别的村居 in view', async () => {
        const phone = screen.name === 'phone';
        // On a desk a table row, on a phone the row's card.
        const rows = (page: Page) => rowsOf(page, 'import-rows');
        const errorRow = (page: Page) => rows(page).filter({ hasText: '请填写企业名称' });
        const duplicate = (page: Page) => rows(page).filter({ has: page.locator('.import-decide-same') });
        await check(
          screen,
          'v_clerk',
          `/imports?id=${importId}`,
          (page) => errorRow(page).waitFor(),
          (page) => [
            { label: '确认导入', target: page.locator('#import-confirm') },
            { label: '重新选择文件', target: page.locator('#import-discard') },
            // What the check found leads the row (at 1366 px: right after the row number, not under a fixed column).
            { label: '问题', target: errorRow(page).getByText('请填写企业名称') },
            { label: '同一场所', target: duplicate(page).locator('.import-decide-same') },
            { label: '不同企业', target: duplicate(page).locator('.import-decide-different') },
            ...(phone
              ? []
              : [
                  { label: '问题（表头）', target: page.locator('#import-rows th.import-errors-cell') },
                  { label: '识别的村居（表头）', target: page.locator('#import-rows th.import-village-cell') },
                  // The village read from the address: in view, no fixed column over it.
                  { label: '识别的村居', target: rows(page).nth(1).locator('td.import-village-cell') },
                ]),
          ],
          async (page) => {
            if (phone) return [];
            // On a wide screen the check's columns are fixed at the right, the village among them.
            await page.setViewportSize({ width: 1920, height: 1080 });
            await page.waitForTimeout(400);
            const problems = await pageFits(page, 1920);
            for (const [label, target] of [
              ['1920: 问题', page.locator('#import-rows th.import-errors-cell')],
              ['1920: 识别的村居', rows(page).nth(1).locator('td.import-village-cell')],
            ] as const) {
              const at = await reach(target);
              problems.push(...at.problems.map((p) => `${label}: ${p}`));
              if (at.inScrolledTable && !at.fixedRight) problems.push(`${label}: not fixed at the right`);
            }
            await page.screenshot({ path: `${SHOTS}/viewport-wide-imports.png` });
            return problems;
          },
        );
      });

      it('users: 新增用户', async () => {
        await check(screen, 'v_admin', '/users', (page) => rowsOf(page, 'user-table').first().waitFor(), (page) => [
          { label: '新建用户', target: page.locator('#create-user') },
        ]);
      });

      it('villages: 新增村居', async () => {
        await check(screen, 'v_clerk', '/villages', (page) => rowsOf(page, 'village-table').first().waitFor(), (page) => [
          { label: '新增村居', target: page.locator('#add-village') },
        ]);
      });

      it('register: 登记企业 and each workshop’s 查看', async () => {
        const phone = screen.name === 'phone';
        await check(
          screen,
          'v_clerk',
          '/enterprises',
          (page) => page.locator(phone ? '#enterprise-cards .mobile-card' : '#enterprise-table tbody tr.ant-table-row').first().waitFor(),
          (page) => [
            { label: '登记企业', target: page.locator('#create-enterprise') },
            { label: '导出', target: page.locator('#export-menu') },
            phone
              ? { label: '企业卡片', target: page.locator('#enterprise-cards .mobile-card').first() }
              : { label: '查看', target: page.locator('#enterprise-table tbody tr.ant-table-row').first().locator('td:last-child a'), fixed: true },
          ],
        );
      });

      it('workshop: each item’s 记录', async () => {
        await check(screen, 'v_clerk', `/enterprises/${enterpriseId}`, (page) => page.locator('.item-record-button').first().waitFor(), (page) => [
          { label: '记录', target: page.locator('.item-record-button').first(), fixed: true },
        ]);
      });

      it('self-inspection: 新增, 修改 and 报告线索', async () => {
        await check(screen, 'v_clerk', '/self-inspection', (page) => rowsOf(page, 'si-policies').first().waitFor(), (page) => [
          { label: '登记土政策', target: page.locator('#si-policy-add') },
          { label: '报告违纪线索', target: page.locator('#si-report-clue') },
          { label: '修改', target: rowsOf(page, 'si-policies').first().locator('.si-policy-edit'), fixed: true },
        ]);
      });

      it('mobilisation: 新增 and each record’s 删除', async () => {
        const row = (page: Page) => rowsOf(page, 'publicity-table').first();
        await check(screen, 'v_clerk', '/mobilisation', (page) => row(page).waitFor(), (page) => [
          { label: '登记宣传发动记录', target: page.locator('#publicity-add') },
          { label: '删除', target: row(page).locator('.mobilisation-delete'), fixed: true },
        ]);
      });
    });
  }
});

