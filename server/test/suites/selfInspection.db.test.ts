// Self-inspection (自查自纠): 土政策 records kept per town in scope, and the disciplinary clues that
// only the discipline role and the office director may ever see — every view of them audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeDto } from '../../../domain/api.js';
import type { ClueDto, ClueListDto, SelfPolicyDto, SelfPolicyListDto } from '../../../domain/selfInspection.js';
import { createUser } from '../../commands/createUser.js';
import { PASSWORD } from '../factories/users.js';
import { dbUnavailable, setupTestApp, TEST_DB, type Agent, type TestApp } from '../setup/app.js';

describe.skipIf(dbUnavailable())(`self-inspection: 土政策 and disciplinary clues (${TEST_DB})`, () => {
  let t: TestApp;
  let townA: { id: number; name: string };
  let townB: { id: number; name: string };
  let clerkA: Agent;
  let clerkB: Agent;
  let office: Agent;

  const policy = (townId: number, extra: Record<string, unknown> = {}) => ({
    townId,
    title: '对违法小颗粒加工点“先上车后补票”，允许边生产边办证',
    issuedBy: '某村委会',
    issuedOn: '2015-03-01',
    foundOn: '2016-05-06',
    actionTaken: '',
    ...extra,
  });

  beforeAll(async () => {
    t = await setupTestApp();
    // Towns 1 and 2 of the default campaign: 西集镇 (paired with 区环保局) and 桑村镇 (区市场监管局).
    townA = t.towns[1];
    townB = t.towns[2];
    clerkA = await t.login('town', townA.name);
    clerkB = await t.login('town', townB.name);
    office = await t.login('office');
  });
  afterAll(() => t.close());

  describe('土政策 records', () => {
    let created: SelfPolicyDto;

    it('lets town staff record their own town’s, and nobody record another town’s', async () => {
      const res = await clerkA.post('/api/self-inspection/policies', policy(townA.id));
      expect(res.statusCode).toBe(201);
      created = res.json() as SelfPolicyDto;
      expect(created).toMatchObject({ townId: townA.id, townName: townA.name, issuedBy: '某村委会', cleared: false, clearedOn: null, version: 1, abilities: { update: true } });

      expect((await clerkB.post('/api/self-inspection/policies', policy(townA.id))).statusCode).toBe(404);
      const head = await t.login('town_head', townA.name);
      expect((await head.post('/api/self-inspection/policies', policy(townA.id, { title: '另一条' }))).statusCode).toBe(201);
      expect((await office.post('/api/self-inspection/policies', policy(townB.id, { title: '乙镇的一条' }))).statusCode).toBe(201);
      // Readers who cover the town may not write.
      const leader = await t.login('leader');
      expect((await leader.post('/api/self-inspection/policies', policy(townA.id))).statusCode).toBe(403);
      const discipline = await t.login('discipline');
      expect((await discipline.post('/api/self-inspection/policies', policy(townA.id))).statusCode).toBe(403);
    });

    it('refuses invalid input with Chinese messages', async () => {
      const noTitle = await clerkA.post('/api/self-inspection/policies', policy(townA.id, { title: '' }));
      expect(noTitle.statusCode).toBe(400);
      expect(noTitle.json().detail).toContain('请填写土政策的内容');
      const noDate = await clerkA.post('/api/self-inspection/policies', policy(townA.id, { cleared: true }));
      expect(noDate.statusCode).toBe(400);
      expect(noDate.json().detail).toContain('已清理的请填写清理日期');
      const badDate = await clerkA.post('/api/self-inspection/policies', policy(townA.id, { issuedOn: '2016/5/1' }));
      expect(badDate.statusCode).toBe(400);
      expect(badDate.json().detail).toContain('YYYY-MM-DD');
      const unknown = await clerkA.post('/api/self-inspection/policies', policy(townA.id, { approvedBy: 'x' }));
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().code).toBe('validation_failed');
    });

    it('shows each reader the towns their scope covers, and 404 beyond', async () => {
      const own = (await clerkA.get('/api/self-inspection/policies')).json() as SelfPolicyListDto;
      expect(own.total).toBe(2);
      expect(own.items.every((p) => p.townId === townA.id)).toBe(true);
      const other = (await clerkB.get('/api/self-inspection/policies')).json() as SelfPolicyListDto;
      expect(other.items.map((p) => p.townId)).toEqual([townB.id]);
      expect((await clerkB.get(`/api/self-inspection/policies?town=${townA.id}`)).json()).toEqual({ items: [], total: 0 });
      expect((await clerkB.get(`/api/self-inspection/policies/${created.id}`)).statusCode).toBe(404);

      const all = (await office.get('/api/self-inspection/policies')).json() as SelfPolicyListDto;
      expect(all.total).toBe(3);
      expect(((await office.get(`/api/self-inspection/policies?town=${townB.id}`)).json() as SelfPolicyListDto).total).toBe(1);

      // The liaison of 区环保局 is paired with town A, not town B.
      const liaison = await t.login('liaison', 'epb');
      const seen = (await liaison.get('/api/self-inspection/policies')).json() as SelfPolicyListDto;
      expect(new Set(seen.items.map((p) => p.townId))).toEqual(new Set([townA.id]));
      expect(seen.items[0].abilities.update).toBe(false);
      for (const role of ['leader', 'discipline', 'inspector'] as const) {
        const reader = await t.login(role);
        expect(((await reader.get('/api/self-inspection/policies')).json() as SelfPolicyListDto).total, role).toBe(3);
        expect((await reader.get(`/api/self-inspection/policies/${created.id}`)).statusCode, role).toBe(200);
      }
      // A village head's scope is the village, which does not cover the town's records.
      await t.village(townA.name, '自查测试村');
      const villager = await t.login('village', `${townA.name}/自查测试村`);
      expect((await villager.get('/api/self-inspection/policies')).json()).toEqual({ items: [], total: 0 });
      expect((await villager.get(`/api/self-inspection/policies/${created.id}`)).statusCode).toBe(404);
    });

    it('updates with optimistic versions, in scope only, and audits the change', async () => {
      const ok = await clerkA.patch(`/api/self-inspection/policies/${created.id}`, { version: 1, cleared: true, clearedOn: '2016-05-08', actionTaken: '镇政府发文废止' });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ cleared: true, clearedOn: '2016-05-08', actionTaken: '镇政府发文废止', version: 2 });
      const stale = await clerkA.patch(`/api/self-inspection/policies/${created.id}`, { version: 1, notes: '迟到的修改' });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().code).toBe('stale_version');
      expect((await clerkB.patch(`/api/self-inspection/policies/${created.id}`, { version: 2, notes: 'x' })).statusCode).toBe(404);
      const leader = await t.login('leader');
      expect((await leader.patch(`/api/self-inspection/policies/${created.id}`, { version: 2, notes: 'x' })).statusCode).toBe(403);
      const unclear = await office.patch(`/api/self-inspection/policies/${created.id}`, { version: 2, cleared: false });
      expect(unclear.statusCode).toBe(200);
      // Reverting to not cleared drops the cleared date.
      expect(unclear.json()).toMatchObject({ cleared: false, clearedOn: null, version: 3 });
      const bad = await office.patch(`/api/self-inspection/policies/${created.id}`, { version: 3, cleared: true });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().detail).toContain('清理日期');

      const audit = await t.ctx.db.selectFrom('audit_log').select(['action']).where('entity_type', '=', 'self_policy').where('entity_id', '=', String(created.id)).orderBy('id').execute();
      expect(audit.map((a) => a.action)).toEqual(['selfPolicy.create', 'selfPolicy.update', 'selfPolicy.update']);
    });
  });

  describe('disciplinary clues', () => {
    let discipline: Agent;
    let director: Agent;
    let clueA: number;
    let clueB: number;
    let workshopId: number;

    const clue = (townId: number, extra: Record<string, unknown> = {}) => ({
      townId,
      person: '赵某',
      post: '某村党支部书记',
      conduct: 'provided_convenience',
      description: '为无证颗粒加工点私接电源，并收取每月“管理费”',
      source: 'public_report',
      ...extra,
    });

    beforeAll(async () => {
      discipline = await t.login('discipline');
      director = await t.login('office', undefined, { director: true });
      workshopId = (await t.createWorkshop({ townName: townA.name, name: '线索关联测试厂' })).id;
    });

    it('marks the office director in /api/auth/me', async () => {
      expect(((await director.get('/api/auth/me')).json() as MeDto).roles[0]).toMatchObject({ role: 'office', director: true });
      expect(((await office.get('/api/auth/me')).json() as MeDto).roles[0]).toMatchObject({ role: 'office', director: false });
    });

    it('creates the director through createUser (qudi user add --director), for office only', async () => {
      await createUser(t.ctx, null, { username: 'si_director', password: PASSWORD, role: 'office', director: true });
      const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'si_director', password: PASSWORD } });
      expect((login.json() as MeDto).roles[0]).toMatchObject({ role: 'office', director: true });
      await expect(createUser(t.ctx, null, { username: 'si_bad', password: PASSWORD, role: 'leader', director: true })).rejects.toThrow(/office/);
    });

    it('lets town staff file a clue and get back only its id, never the clue', async () => {
      const res = await clerkA.post('/api/self-inspection/clues', clue(townA.id, { enterpriseId: workshopId }));
      expect(res.statusCode).toBe(201);
      expect(Object.keys(res.json())).toEqual(['id']);
      clueA = res.json().id;
      expect((await clerkA.get(`/api/self-inspection/clues/${clueA}`)).statusCode).toBe(404);
      expect((await clerkA.get('/api/self-inspection/clues')).statusCode).toBe(404);

      const byDiscipline = await discipline.post('/api/self-inspection/clues', clue(townB.id, { person: '钱某', conduct: 'collected_fees', source: 'self_inspection' }));
      expect(byDiscipline.statusCode).toBe(201);
      clueB = byDiscipline.json().id;
    });

    it('refuses clues outside the filer’s town, from roles that may not file, and about unreadable workshops', async () => {
      expect((await clerkB.post('/api/self-inspection/clues', clue(townA.id))).statusCode).toBe(404);
      expect((await (await t.login('leader')).post('/api/self-inspection/clues', clue(townA.id))).statusCode).toBe(403);
      const unreadable = await clerkB.post('/api/self-inspection/clues', clue(townB.id, { enterpriseId: workshopId }));
      expect(unreadable.statusCode).toBe(400);
      expect(unreadable.json().detail).toContain('关联企业不存在');
      const bad = await clerkA.post('/api/self-inspection/clues', clue(townA.id, { conduct: 'bribery', person: '' }));
      expect(bad.statusCode).toBe(400);
      expect(bad.json().detail).toContain('请填写当事人姓名');
    });

    it('hides clues from every other role: list, filter, search, count, detail, forward, close and id guessing all answer 404', async () => {
      await t.village(townA.name, '线索测试村');
      const others: [string, Agent][] = [
        ['admin', await t.login('admin')],
        ['office (not director)', office],
        ['leader', await t.login('leader')],
        ['town', clerkA],
        ['town_head', await t.login('town_head', townA.name)],
        ['village', await t.login('village', `${townA.name}/线索测试村`)],
        ['liaison', await t.login('liaison', 'epb')],
        ['department', await t.login('department', 'power_office')],
        ['inspector', await t.login('inspector')],
      ];
      const urls = [
        '/api/self-inspection/clues',
        `/api/self-inspection/clues?town=${townA.id}`,
        '/api/self-inspection/clues?status=received',
        '/api/self-inspection/clues?q=%E8%B5%B5',
        '/api/self-inspection/clues?pageSize=1',
        `/api/self-inspection/clues/${clueA}`,
        `/api/self-inspection/clues/${clueB}`,
        `/api/self-inspection/clues/${clueB + 1000}`,
        `/api/self-inspection/clues/${clueA}/attachments`,
        `/api/self-inspection/clues/${clueB + 1000}/attachments`,
      ];
      for (const [name, agent] of others) {
        for (const url of urls) {
          const res = await agent.get(url);
          expect(res.statusCode, `${name} GET ${url}`).toBe(404);
          expect(res.body, `${name} GET ${url}`).not.toContain('赵某');
        }
        // Malformed requests get the same 404, not a validation error that would show the route exists.
        expect((await agent.get('/api/self-inspection/clues?status=bogus')).statusCode, `${name} bad filter`).toBe(404);
        expect((await agent.get('/api/self-inspection/clues/abc')).statusCode, `${name} bad id`).toBe(404);
        expect((await agent.post(`/api/self-inspection/clues/${clueA}/forward`, {})).statusCode, `${name} bad body`).toBe(404);
        for (const id of [clueA, clueB]) {
          expect((await agent.post(`/api/self-inspection/clues/${id}/forward`, { version: 1 })).statusCode, `${name} forward`).toBe(404);
          expect((await agent.post(`/api/self-inspection/clues/${id}/close`, { version: 1, note: '办结' })).statusCode, `${name} close`).toBe(404);
        }
      }
      // Nothing they tried touched the clues or was logged as a view.
      const states = await t.ctx.db.selectFrom('discipline_clues').select(['status', 'version']).execute();
      expect(states.every((s) => s.status === 'received' && s.version === 1)).toBe(true);
      expect(await t.ctx.db.selectFrom('audit_log').select('id').where('action', 'in', ['clue.view', 'clue.list']).execute()).toEqual([]);
    });

    it('shows the discipline role and the office director every clue, and audits each view and listing', async () => {
      // Forwarding sends the clue to the discipline department: the director may, the discipline role (that department) is not offered it.
      for (const [agent, userId, forward] of [[discipline, discipline.userId, false], [director, director.userId, true]] as const) {
        const list = await agent.get('/api/self-inspection/clues');
        expect(list.statusCode).toBe(200);
        const body = list.json() as ClueListDto;
        expect(body.total).toBe(2);
        expect(body.items.map((c) => c.id).sort()).toEqual([clueA, clueB].sort());
        const found = (await agent.get('/api/self-inspection/clues?q=%E9%92%B1')).json() as ClueListDto;
        expect(found.items.map((c) => c.person)).toEqual(['钱某']);
        expect(((await agent.get(`/api/self-inspection/clues?town=${townA.id}`)).json() as ClueListDto).items.map((c) => c.id)).toEqual([clueA]);

        const detail = await agent.get(`/api/self-inspection/clues/${clueA}`);
        expect(detail.statusCode).toBe(200);
        expect(detail.json()).toMatchObject({
          id: clueA,
          townId: townA.id,
          person: '赵某',
          conduct: 'provided_convenience',
          source: 'public_report',
          status: 'received',
          enterprise: { id: workshopId, name: '线索关联测试厂' },
          forwarded: null,
          abilities: { forward, close: false },
        } satisfies Partial<ClueDto>);
        expect((await agent.get(`/api/self-inspection/clues/${clueB + 1000}`)).statusCode).toBe(404);

        const views = await t.ctx.db.selectFrom('audit_log').select(['actor_id', 'entity_id']).where('action', '=', 'clue.view').where('actor_id', '=', userId).execute();
        expect(views).toEqual([{ actor_id: userId, entity_id: String(clueA) }]);
        const lists = await t.ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'clue.list').where('actor_id', '=', userId).execute();
        expect(lists).toHaveLength(3);
      }
    });

    it('forwards to the discipline department named in the campaign data, then closes; each step audited', async () => {
      const target = t.campaign.definition.departments.find((d) => d.code === 'supervisory_commission')!;
      const stale = await director.post(`/api/self-inspection/clues/${clueA}/forward`, { version: 7 });
      expect(stale.statusCode).toBe(409);
      const closeEarly = await discipline.post(`/api/self-inspection/clues/${clueA}/close`, { version: 1, note: '已查实' });
      expect(closeEarly.statusCode).toBe(409);
      expect(closeEarly.json().detail).toContain('须先移交');
      // The discipline role is the department clues are forwarded to: it cannot forward one to itself.
      const toItself = await discipline.post(`/api/self-inspection/clues/${clueA}/forward`, { version: 1 });
      expect(toItself.statusCode).toBe(403);

      const forwarded = await director.post(`/api/self-inspection/clues/${clueA}/forward`, { version: 1, note: '请依纪查处' });
      expect(forwarded.statusCode).toBe(200);
      expect(forwarded.json()).toMatchObject({
        status: 'forwarded',
        version: 2,
        forwarded: { to: target.name, toCode: target.code, note: '请依纪查处', by: expect.stringContaining('office') },
        abilities: { forward: false, close: true },
      });
      expect((await director.post(`/api/self-inspection/clues/${clueA}/forward`, { version: 2 })).statusCode).toBe(409);
      const noNote = await discipline.post(`/api/self-inspection/clues/${clueA}/close`, { version: 2, note: '' });
      expect(noNote.statusCode).toBe(400);
      expect(noNote.json().detail).toContain('请填写办结情况');
      const closed = await discipline.post(`/api/self-inspection/clues/${clueA}/close`, { version: 2, note: '已给予党内警告处分' });
      expect(closed.statusCode).toBe(200);
      expect(closed.json()).toMatchObject({ status: 'closed', closed: { note: '已给予党内警告处分' } });

      const audit = await t.ctx.db
        .selectFrom('audit_log')
        .select(['action', 'actor_id', 'after'])
        .where('entity_type', '=', 'clue')
        .where('entity_id', '=', String(clueA))
        .where('action', 'in', ['clue.create', 'clue.forward', 'clue.close'])
        .orderBy('id')
        .execute();
      expect(audit.map((a) => [a.action, a.actor_id])).toEqual([
        ['clue.create', clerkA.userId],
        ['clue.forward', director.userId],
        ['clue.close', discipline.userId],
      ]);
      expect(JSON.parse(audit[1].after!)).toMatchObject({ status: 'forwarded', to: target.code });
      expect(((await discipline.get('/api/self-inspection/clues?status=closed')).json() as ClueListDto).items.map((c) => c.id)).toEqual([clueA]);
    });

    it('keeps clue audit entries out of the related workshop’s history', async () => {
      const history = await office.get(`/api/enterprises/${workshopId}/history`);
      expect(history.statusCode).toBe(200);
      const actions = (history.json() as { items: { action: string; entityType: string }[] }).items.map((i) => i.action);
      expect(actions.length).toBeGreaterThan(0);
      expect(actions.some((a) => a.startsWith('clue.'))).toBe(false);
      expect(history.body).not.toContain('赵某');
    });
  });
});
