// The `qudi` CLI against the same database as the server, as an operator would run it.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbUnavailable, setupTestApp, TEST_DB, type TestApp } from '../setup/app.js';
import { qudiIn, spawnQudi } from '../setup/cli.js';

/** A TCP port nothing listens on now. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}


describe.skipIf(dbUnavailable())(`qudi CLI (${TEST_DB})`, () => {
  let t: TestApp;
  const qudi = (...args: string[]) => qudiIn(t, ...args);

  beforeAll(async () => {
    t = await setupTestApp();
  });
  afterAll(() => t.close());

  it('adds a user with a generated password who can then log in with the scope given', async () => {
    const town = t.towns[1].name;
    const r = await qudi('user', 'add', '--username', 'cli_town', '--role', 'town', '--scope', town);
    expect(r.code).toBe(0);
    const password = /password: (\S+)/.exec(r.out)?.[1];
    expect(password).toBeTruthy();
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'cli_town', password } });
    expect(login.statusCode).toBe(200);
    expect(login.json().roles[0]).toMatchObject({ role: 'town', orgUnitName: town });
  });

  it('takes a department as the notice names it (公安分局 for 区公安分局) and prints names, not codes', async () => {
    const r = await qudi('user', 'add', '--username', 'cli_police', '--role', 'department', '--scope', '公安分局', '--password', 'police-password-1');
    expect(r.code).toBe(0);
    expect(r.out).toContain('职能部门 · 区公安分局');
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'cli_police', password: 'police-password-1' } });
    expect(login.statusCode).toBe(200);
    expect(login.json().roles[0]).toMatchObject({ role: 'department', departmentName: '区公安分局' });
    // By code too, printed by name.
    const byCode = await qudi('user', 'add', '--username', 'cli_power', '--role', 'department', '--scope', 'power_office', '--password', 'power-password-1');
    expect(byCode.code).toBe(0);
    expect(byCode.out).toContain('区电力执法办公室');
    expect(byCode.out).not.toContain('power_office');
  });

  it('lists the departments and towns that exist when it refuses a scope', async () => {
    const dept = await qudi('user', 'add', '--username', 'x3', '--role', 'department', '--scope', '公安局');
    expect(dept.code).not.toBe(0);
    expect(dept.err).toContain('找不到部门“公安局”');
    for (const d of t.campaign.definition.departments) expect(dept.err).toContain(d.name);
    const town = await qudi('user', 'add', '--username', 'x4', '--role', 'town', '--scope', '不存在镇');
    expect(town.code).not.toBe(0);
    for (const tw of t.towns) expect(town.err).toContain(tw.name);
    expect(await t.ctx.db.selectFrom('users').select('id').where('username', 'in', ['x3', 'x4']).execute()).toEqual([]);
  });

  it('exits non-zero with a bilingual message on a bad role, scope or date', async () => {
    const role = await qudi('user', 'add', '--username', 'x1', '--role', 'mayor');
    expect(role.code).not.toBe(0);
    expect(role.err).toContain('角色不正确');
    const scope = await qudi('user', 'add', '--username', 'x2', '--role', 'town', '--scope', '不存在镇');
    expect(scope.code).not.toBe(0);
    expect(scope.err).toMatch(/找不到镇街/);
    const date = await qudi('campaign', 'create', '--start', '2026-02-30x');
    expect(date.code).not.toBe(0);
    expect(date.err).toContain('YYYY-MM-DD');
  });

  it('resets a forgotten password: the old one stops working, the new one works, the user is signed out everywhere, and it is audited', async () => {
    const town = t.towns[1].name;
    expect((await qudi('user', 'add', '--username', 'cli_forgot', '--role', 'town', '--scope', town, '--password', 'old-password-1')).code).toBe(0);
    const login = (password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'cli_forgot', password } });
    const before = await login('old-password-1');
    expect(before.statusCode).toBe(200);
    const cookie = String(before.headers['set-cookie']).split(';')[0];

    const r = await qudi('user', 'password', 'cli_forgot');
    expect(r.code).toBe(0);
    const password = /new password: (\S+)/.exec(r.out)?.[1];
    expect(password).toBeTruthy();
    expect((await login('old-password-1')).statusCode).toBe(401);
    expect((await login(password!)).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);

    const userId = (await t.ctx.db.selectFrom('users').select('id').where('username', '=', 'cli_forgot').executeTakeFirstOrThrow()).id;
    const audit = await t.ctx.db.selectFrom('audit_log').select(['actor_name', 'after']).where('action', '=', 'user.password').where('entity_id', '=', String(userId)).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].actor_name).toBe('系统');
    expect(JSON.parse(audit[0].after!)).toEqual({ username: 'cli_forgot', sessionsEnded: 1 });
    expect(audit[0].after).not.toContain(password!);

    // A password the operator chooses is set as given and not printed.
    const chosen = await qudi('user', 'password', 'cli_forgot', '--password', 'chosen-password-2');
    expect(chosen.code).toBe(0);
    expect(chosen.out).not.toContain('chosen-password-2');
    expect((await login(password!)).statusCode).toBe(401);
    expect((await login('chosen-password-2')).statusCode).toBe(200);
  });

  it('refuses to reset the password of a user who does not exist, or to set one too short, saying so in both languages', async () => {
    const unknown = await qudi('user', 'password', 'nobody_here');
    expect(unknown.code).not.toBe(0);
    expect(unknown.err).toContain('找不到用户“nobody_here”');
    expect(unknown.err).toContain('no such user: nobody_here');
    expect(await t.ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'user.password').where('after', 'like', '%nobody_here%').execute()).toEqual([]);
    const short = await qudi('user', 'password', 'cli_forgot', '--password', 'short');
    expect(short.code).not.toBe(0);
    expect(short.err).toContain('密码至少 8 位');
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'cli_forgot', password: 'chosen-password-2' } })).statusCode).toBe(200);
  });

  // A fresh DATA_DIR, so on SQLite whichever database the suite runs on: once is enough.
  it.skipIf(TEST_DB !== 'sqlite')('starts for the first time with the administrator’s password and the address last on the console, however many requests follow', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qudi-start-'));
    const port = await freePort();
    const server = spawnQudi(['start'], { dataDir, env: { PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: '' } });
    try {
      await server.waitFor(/password: \S+[\s\S]*Qudi 已启动：\S+.*\n/);
      const banner = server.out();
      const password = /password: (\S+)/.exec(banner)![1];
      expect(banner).toContain('qudi user password admin');
      const base = `http://127.0.0.1:${port}`;
      // A new user's first minute: the login page's calls, a wrong password, the right one, pages.
      for (let i = 0; i < 5; i++) expect((await fetch(`${base}/api/health`)).status).toBe(200);
      expect((await fetch(`${base}/api/auth/me`)).status).toBe(401);
      const login = (pw: string) => fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: pw }) });
      expect((await login('wrong-password')).status).toBe(401);
      const ok = await login(password);
      expect(ok.status).toBe(200);
      const cookie = ok.headers.get('set-cookie')!.split(';')[0];
      expect((await fetch(`${base}/api/auth/me`, { headers: { cookie } })).status).toBe(200);
      expect((await fetch(`${base}/api/no-such-route`)).status).toBe(404);
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Nothing was written after the banner: it is still on screen.
      expect(server.out().slice(banner.length).trim()).toBe('');
      const last = server.out().trimEnd().split('\n').slice(-4);
      expect(last[0]).toContain('qudi user password admin');
      expect(last[1]).toMatch(/^={20,}$/);
      expect(last[2]).toBe('');
      expect(last[3]).toContain(`Qudi 已启动：http://127.0.0.1:${port}`);
    } finally {
      expect(await server.stop()).toBe(0);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('re-dates the default campaign and makes it current', async () => {
    const r = await qudi('campaign', 'create', '--from', 'default', '--start', '2026-12-01');
    expect(r.code).toBe(0);
    const c = await t.ctx.db.selectFrom('campaigns').select(['code', 'definition']).where('is_current', '=', 1).executeTakeFirstOrThrow();
    const def = JSON.parse(c.definition) as { phases: { start: string; end?: string; reportDue?: string }[] };
    expect(def.phases[0]).toMatchObject({ start: '2026-12-01', end: '2026-12-06', reportDue: '2026-12-06' });
    expect(c.code).toContain('2026-12-01');
  });
});
