// The `qudi` CLI against the same database as the server, as an operator would run it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbUnavailable, setupTestApp, TEST_DB, type TestApp } from '../setup/app.js';
import { qudiIn } from '../setup/cli.js';


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

  it('re-dates the default campaign and makes it current', async () => {
    const r = await qudi('campaign', 'create', '--from', 'default', '--start', '2026-12-01');
    expect(r.code).toBe(0);
    const c = await t.ctx.db.selectFrom('campaigns').select(['code', 'definition']).where('is_current', '=', 1).executeTakeFirstOrThrow();
    const def = JSON.parse(c.definition) as { phases: { start: string; end?: string; reportDue?: string }[] };
    expect(def.phases[0]).toMatchObject({ start: '2026-12-01', end: '2026-12-06', reportDue: '2026-12-06' });
    expect(c.code).toContain('2026-12-01');
  });
});
