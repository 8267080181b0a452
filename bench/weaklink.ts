// The weak-link bench (issue 12, item 1): the built app in Chromium over a throttled link
// (CDP Network.emulateNetworkConditions, default 750 kbps down / 300 ms latency) with an empty
// cache, walking the paths users walk, and printing per path the bytes transferred (JavaScript and
// all) and the time until the page's content is on screen, against the targets (login and the
// field path ≤ 200 KB gzip JavaScript, office pages ≤ 600 KB).
//
//   npm run build && npx tsx bench/weaklink.ts [--kbps 750] [--latency 300]
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { launchBrowser, startServer } from '../e2e/harness.js';
import { TARGET_KB } from '../e2e/bundles.js';

const { values } = parseArgs({ options: { kbps: { type: 'string', default: '750' }, latency: { type: 'string', default: '300' } } });
const kbps = Number(values.kbps);
const latency = Number(values.latency);

interface Step {
  name: string;
  /** Navigates (or clicks) and waits for the content that answers the user. */
  run(page: Page, url: string): Promise<void>;
}

interface Walk {
  path: keyof typeof TARGET_KB;
  user: 'admin' | 'town' | 'office';
  steps: Step[];
}

const signIn = (username: string, password: string): Step => ({
  name: 'login page → signed in',
  run: async (page, url) => {
    await page.goto(`${url}/login`);
    await page.waitForSelector('#username');
    await page.fill('#username', username);
    await page.fill('#password', password);
    await page.click('button[type=submit]');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.waitForSelector('.ant-layout-content');
  },
});

const visit = (name: string, path: string, selector: string): Step => ({
  name,
  run: async (page) => {
    await page.evaluate((p) => {
      window.history.pushState({}, '', p);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, path);
    await page.waitForSelector(selector, { timeout: 120_000 });
  },
});

async function main(): Promise<void> {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    await server.qudi('user', 'add', '--username', 'bench_town', '--role', 'town', '--scope', '西集镇', '--password', 'bench-password-1');
    await server.qudi('user', 'add', '--username', 'bench_office', '--role', 'office', '--password', 'bench-password-1');
    const passwords = { admin: server.adminPassword, town: 'bench-password-1', office: 'bench-password-1' };
    // One workshop of the town's to open (registered through the API, as the town would).
    const signed = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench_town', password: passwords.town }) });
    const cookie = (signed.headers.get('set-cookie') ?? '').split(';')[0];
    const towns = (await (await fetch(`${server.url}/api/org-units?kind=town`, { headers: { cookie } })).json()) as { id: number }[];
    const created = await fetch(`${server.url}/api/enterprises`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ name: '弱网测试塑料颗粒加工点', kind: 'pellet', townId: towns[0].id, address: '西集镇', phone: '13900000001' }),
    });
    const workshopId = ((await created.json()) as { id: number }).id;
    const names = { admin: 'admin', town: 'bench_town', office: 'bench_office' };
    const walks: Walk[] = [
      { path: 'login', user: 'town', steps: [{ name: 'login page', run: async (page, url) => void (await page.goto(`${url}/login`), await page.waitForSelector('#username')) }] },
      {
        path: 'field',
        user: 'town',
        steps: [signIn(names.town, passwords.town), visit('workshop list', '/enterprises', 'text=弱网测试塑料颗粒加工点'), visit('a workshop', `/enterprises/${workshopId}`, '#enterprise-name')],
      },
      {
        path: 'office',
        user: 'office',
        steps: [signIn(names.office, passwords.office), visit('dashboard', '/dashboard', '#dashboard-table'), visit('reports', '/reports', '#reports-table')],
      },
    ];
    console.log(`Chromium, ${kbps} kbps down / ${latency} ms latency, empty cache; bytes as transferred (brotli)\n`);
    for (const walk of walks) {
      const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
      const page = await ctx.newPage();
      const cdp = await ctx.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency, downloadThroughput: (kbps * 1000) / 8, uploadThroughput: (kbps * 1000) / 8 });
      let js = 0;
      let all = 0;
      const types = new Map<string, string>();
      cdp.on('Network.responseReceived', (e: { requestId: string; type: string }) => types.set(e.requestId, e.type));
      cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => {
        all += e.encodedDataLength;
        if (types.get(e.requestId) === 'Script') js += e.encodedDataLength;
      });
      let total = 0;
      for (const step of walk.steps) {
        const started = performance.now();
        await step.run(page, server.url);
        const ms = performance.now() - started;
        total += ms;
        console.log(`  ${walk.path.padEnd(6)} ${step.name.padEnd(26)} ${(ms / 1000).toFixed(1).padStart(5)} s`);
      }
      const target = TARGET_KB[walk.path];
      console.log(
        `${walk.path.padEnd(6)} JavaScript ${(js / 1024).toFixed(0).padStart(4)} KB (target ${target} KB gzip)   all ${(all / 1024).toFixed(0).padStart(4)} KB   to content ${(total / 1000).toFixed(1)} s\n`,
      );
      await ctx.close();
    }
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
