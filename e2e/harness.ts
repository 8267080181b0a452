// Runs the built Qudi (`node bin/qudi.js start`) on a free port with its own data directory, and
// Debian's Chromium through playwright-core, as a user would meet them.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { freePort } from '../server/test/fixtures/net.js';

export const ROOT = path.join(import.meta.dirname, '..');
export const ARTIFACTS = path.join(ROOT, 'e2e', 'artifacts');
const run = promisify(execFile);

export interface Server {
  url: string;
  dataDir: string;
  adminPassword: string;
  qudi(...args: string[]): Promise<string>;
  stop(): Promise<void>;
}

/** A server of its own on an empty SQLite database; `extraEnv` configures it further (e.g. MAP_TILE_URL). */
export async function startServer(extraEnv: Record<string, string> = {}): Promise<Server> {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'server', 'cli.js')) || !fs.existsSync(path.join(ROOT, 'dist', 'web', 'index.html')))
    throw new Error('e2e needs a build: run `npm run build` first (npm run test:e2e does)');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qudi-e2e-'));
  const port = await freePort();
  // QUDI_CONTRACT=strict: an answer outside its route's declared contract fails (server/plugins/contract.ts).
  // No background jobs: `qudi demo` and the CLI work on the same SQLite file while the server runs, and a test
  // that needs the reminders sends them with `qudi reminders`, when it chooses.
  const env = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: '', LOG_LEVEL: 'warn', QUDI_CONTRACT: 'strict', JOBS: 'off', ...extraEnv };
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'bin', 'qudi.js'), 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  // Once the server is up, what it logs (warnings and errors only, LOG_LEVEL=warn) goes to the
  // test run's own output, so a failure in CI shows what the server said at the time.
  let up = false;
  const echo = (d: Buffer) => {
    output += d.toString();
    if (up) process.stderr.write(`[qudi :${port}] ${d.toString()}`);
  };
  child.stdout!.on('data', echo);
  child.stderr!.on('data', echo);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) {
        up = true;
        break;
      }
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const adminPassword = /password: (\S+)/.exec(output)?.[1] ?? '';
  return {
    url,
    dataDir,
    adminPassword,
    qudi: async (...args) => (await run(process.execPath, [path.join(ROOT, 'bin', 'qudi.js'), ...args], { env })).stdout,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  // playwright-core gives every launch a fresh, throw-away profile directory.
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export function artifact(name: string): string {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, name);
}

/** Signs in through the login page, as a person would, and waits to leave it. */
export async function login(page: import('playwright-core').Page, server: Server, username: string, password: string): Promise<void> {
  await page.goto(`${server.url}/login`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('button[type=submit]');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/**
 * Answers the open confirmation dialog (modal.confirm) with its primary button and waits for the
 * dialog to close, i.e. for the work it started to finish. Under a loaded CI machine a click on a
 * dialog still zooming in was once lost (the import never started); the click is repeated only
 * when the button neither started its work (loading) nor closed the dialog.
 */
export async function confirmDialog(page: import('playwright-core').Page): Promise<void> {
  const dialog = page.locator('.ant-modal-confirm');
  const ok = dialog.locator('.ant-btn-primary');
  await ok.waitFor({ state: 'visible' });
  for (let attempt = 1; ; attempt++) {
    await ok.click();
    const started = await page
      .waitForFunction(() => {
        const d = document.querySelector('.ant-modal-confirm');
        return !d || d.querySelector('.ant-btn-primary.ant-btn-loading') !== null || getComputedStyle(d).display === 'none';
      }, undefined, { timeout: 5_000 })
      .then(() => true, () => false);
    if (started || attempt >= 3) break;
  }
  await dialog.waitFor({ state: 'detached', timeout: 60_000 });
}

/**
 * Picks the option titled `title` in the antd Select that `select` (a selector of its input) opens.
 * The option is clicked once the dropdown has finished its opening animation; a dropdown that
 * closes while still moving (a re-render under a loaded CI machine once closed it, and the click
 * waited 30 s on a hidden option) is opened again, up to three times, each step on a short timeout.
 */
export async function chooseOption(page: import('playwright-core').Page, select: string, title: string): Promise<void> {
  const option = page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${title}"]`);
  for (let attempt = 1; ; attempt++) {
    try {
      // The first click waits as long as any step (the select may still be rendering); a retry is quick.
      if (!(await option.isVisible())) await page.click(select, { force: true, ...(attempt > 1 ? { timeout: 5_000 } : {}) });
      await option.waitFor({ state: 'visible', timeout: 5_000 });
      await page.waitForFunction(() => document.querySelector('.ant-select-dropdown[class*="-enter"], .ant-select-dropdown[class*="-appear"]') === null, undefined, { timeout: 5_000 });
      await option.click({ timeout: 5_000 });
      return;
    } catch (error) {
      // No Escape to reset: inside a dialog it would close the dialog itself.
      if (attempt >= 3) throw error;
    }
  }
}

/** Signs in over the API (no browser): the session cookie (`name=value`) for further API calls. */
export async function apiSignIn(server: Server, username: string, password: string): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`sign-in of ${username} failed: HTTP ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0];
}

/** Registers a workshop in a town (by name) over the API as the signed-in user; answers its id. */
export async function apiRegisterWorkshop(server: Server, cookie: string, town: string, fields: Record<string, unknown>): Promise<number> {
  const towns = (await (await fetch(`${server.url}/api/org-units?kind=town`, { headers: { cookie } })).json()) as { id: number; name: string }[];
  const townId = towns.find((x) => x.name === town)?.id;
  if (townId === undefined) throw new Error(`no town ${town}`);
  const res = await fetch(`${server.url}/api/enterprises`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'pellet', townId, ...fields }),
  });
  if (res.status !== 201) throw new Error(`registering ${String(fields.name)} failed: HTTP ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: number }).id;
}
