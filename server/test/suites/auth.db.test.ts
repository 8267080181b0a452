import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeDto } from '../../../domain/api.js';
import { dbUnavailable, setupTestApp, TEST_DB, type TestApp } from '../setup/app.js';
import { PASSWORD } from '../factories/users.js';

describe.skipIf(dbUnavailable())(`accounts, sessions and request hygiene (${TEST_DB})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await setupTestApp();
  });
  afterAll(() => t.close());

  it('tells the web what each role may do, so that the web never decides from role names', async () => {
    const me = async (role: Parameters<TestApp['login']>[0], scope?: string, opts?: { director?: boolean }) => (await (await t.login(role, scope, opts)).get('/api/auth/me')).json() as MeDto;
    const town = await me('town', t.towns[1].name);
    expect(town.abilities).toMatchObject({ createEnterprise: true, registerInVillagesOnly: false, createVillage: true, importTaskTable: true, viewSelfInspection: true, createSelfPolicy: true, fileClue: true, viewClues: false, writeMobilisation: true, manageUsers: false });
    expect(town).toMatchObject({ home: 'register', homeTown: { id: t.towns[1].id, name: t.towns[1].name }, districtWide: false });

    await t.village(t.towns[1].name, '李庄村');
    const village = await me('village', `${t.towns[1].name}/李庄村`);
    expect(village.abilities).toMatchObject({ createEnterprise: true, registerInVillagesOnly: true, createVillage: false, importTaskTable: false, viewSelfInspection: false, fileClue: false });
    expect(village).toMatchObject({ home: 'register', homeTown: { id: t.towns[1].id } });

    const power = await me('department', 'power_office');
    expect(power).toMatchObject({ home: 'department', homeTown: null, districtWide: true, duty: { itemCodes: ['power_cut'] } });
    expect(power.duty.departmentIds).toHaveLength(1);
    expect(power.abilities).toMatchObject({ createEnterprise: false, importTaskTable: false, viewSelfInspection: false, writeMobilisation: false });

    const director = await me('office', undefined, { director: true });
    expect(director.abilities).toMatchObject({ viewClues: true, fileClue: true, importTaskTable: true, manageUsers: false });
    expect(director).toMatchObject({ home: 'overview', districtWide: true, duty: { itemCodes: [], departmentIds: [] } });
    expect((await me('office')).abilities.viewClues).toBe(false);
    expect((await me('discipline')).abilities).toMatchObject({ viewClues: true, viewSelfInspection: true, createSelfPolicy: false });
    expect((await me('admin')).abilities).toMatchObject({ manageUsers: true, viewSelfInspection: false });
    expect((await me('admin')).home).toBe('admin');
  });

  it('offers each role only the menu entries and buttons whose routes answer it (no 403 after a filled form, no 页面不存在)', async () => {
    const me = async (agent: Awaited<ReturnType<TestApp['login']>>) => ((await agent.get('/api/auth/me')).json() as MeDto).abilities;
    const publicity = { townId: t.towns[1].id, kind: 'meeting', heldOn: '2016-05-06', place: '镇政府会议室', attendees: 30 };

    // Town staff keep the town's records: the menu entries, the 登记 button, and the routes behind them agree.
    const town = await t.login('town', t.towns[1].name);
    expect(await me(town)).toMatchObject({ viewReports: true, viewMobilisation: true, writeMobilisation: true });
    expect((await town.post('/api/mobilisation/publicity', publicity)).statusCode).toBe(201);

    // Departments, liaisons and inspectors read the mobilisation log and the reports, and are not offered 登记宣传发动记录.
    const liaisonDept = t.campaign.definition.liaisonPairs.find((p) => p.towns.includes(t.towns[1].name))!.department;
    for (const [name, agent] of [
      ['department', await t.login('department', 'power_office')],
      ['liaison', await t.login('liaison', liaisonDept)],
      ['inspector', await t.login('inspector')],
    ] as const) {
      expect(await me(agent), name).toMatchObject({ viewReports: true, viewMobilisation: true, writeMobilisation: false });
      expect((await agent.post('/api/mobilisation/publicity', publicity)).statusCode, `${name} may not write`).toBe(403);
      expect((await agent.get('/api/mobilisation/publicity')).statusCode, `${name} reads`).toBe(200);
      expect((await agent.get('/api/reports')).statusCode, `${name} reads reports`).toBe(200);
    }

    // A village head holds no town: no 任务表报送 (it opened 页面不存在) and no 宣传发动, and the routes agree.
    await t.village(t.towns[1].name, '张庄村');
    const village = await t.login('village', `${t.towns[1].name}/张庄村`);
    expect(await me(village)).toMatchObject({ viewReports: false, viewMobilisation: false, writeMobilisation: false });
    expect((await village.get('/api/reports')).statusCode).toBe(403);
    expect((await village.get(`/api/reports/towns/${t.towns[1].id}`)).statusCode).toBe(403);
    expect((await village.get('/api/mobilisation/publicity')).statusCode).toBe(403);
  });

  it('logs in with an HttpOnly SameSite cookie, answers me, and logs out', async () => {
    const agent = await t.login('town', t.towns[1].name);
    const me = (await agent.get('/api/auth/me')).json() as MeDto;
    expect(me.roles[0]).toMatchObject({ role: 'town', orgUnitName: t.towns[1].name });
    expect(me.abilities.createEnterprise).toBe(true);

    const user = await t.ctx.db.selectFrom('users').select('username').where('id', '=', agent.userId).executeTakeFirstOrThrow();
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: PASSWORD } });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);

    const out = await agent.post('/api/auth/logout');
    expect(out.statusCode).toBe(204);
    const after = await agent.get('/api/auth/me');
    expect(after.statusCode).toBe(401);
    expect(after.json().title).toBe('请先登录');
  });

  it('refuses a wrong password in Chinese without saying which part was wrong', async () => {
    const agent = await t.login('office');
    const user = await t.ctx.db.selectFrom('users').select('username').where('id', '=', agent.userId).executeTakeFirstOrThrow();
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: 'nope-nope' } });
    const unknown = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody-here', password: 'nope-nope' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().detail).toBe('用户名或密码不正确');
    expect(unknown.json().detail).toBe(wrong.json().detail);
    const empty = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '', password: '' } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().detail).toContain('请输入用户名');
  });

  it('ends a session after the idle timeout', async () => {
    const agent = await t.login('office');
    const longAgo = new Date(Date.now() - (t.ctx.config.sessionIdleMinutes + 1) * 60_000).toISOString();
    await t.ctx.db.updateTable('sessions').set({ last_seen_at: longAgo }).where('user_id', '=', agent.userId).execute();
    expect((await agent.get('/api/auth/me')).statusCode).toBe(401);
    const left = await t.ctx.db.selectFrom('sessions').select('id').where('user_id', '=', agent.userId).execute();
    expect(left).toHaveLength(0);
  });

  it('answers 401 on protected routes without a session and 404 problem for unknown API paths', async () => {
    for (const url of ['/api/enterprises', '/api/dashboard', '/api/org-units', '/api/departments', '/api/campaigns/current', '/api/enterprises/1']) {
      const res = await t.anonymous.get(url);
      expect(res.statusCode, url).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const missing = await t.anonymous.get('/api/no-such-thing');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().title).toBe('未找到');
    expect((await t.anonymous.get('/api/health')).json()).toEqual({ status: 'ok', database: TEST_DB });
  });

  it('refuses oversized bodies, non-JSON writes and malformed JSON, writing nothing', async () => {
    const office = await t.login('office');
    const before = await t.ctx.db.selectFrom('enterprises').select('id').execute();
    const huge = await office.post('/api/enterprises', { name: '大', kind: 'pellet', townId: t.towns[1].id, notes: 'x'.repeat(300_000) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().detail).toContain('超过大小限制');
    const form = await t.app.inject({ method: 'POST', url: '/api/enterprises', headers: { cookie: office.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'name=x' });
    expect(form.statusCode).toBe(415);
    const broken = await t.app.inject({ method: 'POST', url: '/api/enterprises', headers: { cookie: office.cookie, 'content-type': 'application/json' }, payload: '{"name":' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().detail).toContain('JSON');
    const wrongType = await office.post('/api/enterprises', { name: 123, kind: 'pellet', townId: 'abc' });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['name', 'townId']));
    expect(await t.ctx.db.selectFrom('enterprises').select('id').execute()).toEqual(before);
  });

  it('lets only the administrator manage users', async () => {
    const admin = await t.login('admin');
    const office = await t.login('office');
    expect((await office.get('/api/users')).statusCode).toBe(403);
    const created = await admin.post('/api/users', { username: 'xiji_clerk', displayName: '西集 文员', password: 'a-long-password', role: 'village', scope: `${t.towns[1].name}/不存在村` });
    expect(created.statusCode).toBe(400);
    expect(created.json().detail).toContain('村居');
    await t.village(t.towns[1].name, '李庄村');
    const ok = await admin.post('/api/users', { username: 'xiji_clerk', displayName: '西集 文员', password: 'a-long-password', role: 'village', scope: `${t.towns[1].name}/李庄村` });
    expect(ok.statusCode).toBe(201);
    const dup = await admin.post('/api/users', { username: 'xiji_clerk', password: 'a-long-password', role: 'town', scope: t.towns[1].name });
    expect(dup.statusCode).toBe(409);
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'xiji_clerk', password: 'a-long-password' } });
    expect((login.json() as MeDto).roles[0]).toMatchObject({ role: 'village', orgUnitName: '李庄村' });
  });
});
