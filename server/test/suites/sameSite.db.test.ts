// 改头换面 (issue 16 §3): a workshop registered where a shut site was, or with its operator, phone or
// power account, lists that site with its reasons; a keeper confirms or dismisses it, the decision is
// on both workshops' histories; nothing outside the reader's scope is listed or reachable; bad input
// changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnterpriseDto } from '../../../domain/api.js';
import type { SameSiteResultDto } from '../../../domain/sameSite.js';
import * as m040 from '../../db/migrations/040_power_account_half_width.js';
import { dbUnavailable, setupTestApp, TEST_DB, type Agent, type TestApp } from '../setup/app.js';

const CHINESE = /[\u4e00-\u9fff]/;
// About 15 m north-east of the shut site, and about 2 km away.
const AT = { lat: 35.0612, lng: 117.4531 };
const NEAR = { lat: 35.0613, lng: 117.4532 };
const FAR = { lat: 35.08, lng: 117.47 };

describe.skipIf(dbUnavailable())(`same-site detection (${TEST_DB})`, () => {
  let t: TestApp;
  let townA: { id: number; name: string };
  let townB: { id: number; name: string };
  let office: Agent;
  let clerkA: Agent;
  let clerkB: Agent;
  let power: Agent;
  let shut: EnterpriseDto;
  let shutInB: EnterpriseDto;
  let comeback: EnterpriseDto;
  let sameAccount: EnterpriseDto;
  let unrelated: EnterpriseDto;
  let openNearby: EnterpriseDto;

  const links = async () => Number((await t.ctx.db.selectFrom('site_links').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const sameSites = async (agent: Agent, id: number) => {
    const res = await agent.get(`/api/enterprises/${id}/same-site`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as SameSiteResultDto;
  };

  beforeAll(async () => {
    t = await setupTestApp();
    [townA, townB] = [t.towns[0], t.towns[1]];
    office = await t.login('office');
    clerkA = await t.login('town', townA.name);
    clerkB = await t.login('town', townB.name);
    power = await t.login('department', 'power_office');
    shut = await t.shutDown(
      // The account typed on a phone's Chinese keyboard, in full-width digits: stored half-width, so the index finds it.
      (await t.createWorkshop({ townName: townA.name, name: '孙某某废塑料造粒厂', contactPerson: '孙大勇', phone: '13900005001', powerAccount: '３７０４０６０１０１', ...AT })).id,
    );
    // The same place in the next town (a site near the boundary): the office sees it, town A does not.
    shutInB = await t.shutDown(
      (await t.createWorkshop({ townName: townB.name, name: '岭南再生颗粒厂', phone: '13900005009', lat: NEAR.lat + 0.0003, lng: NEAR.lng, confirmedDistinctFrom: [shut.id] })).id,
    );
    const distinct = { confirmedDistinctFrom: [shut.id, shutInB.id] };
    comeback = await t.createWorkshop({ townName: townA.name, name: '北岭村环保再生资源回收站', contactPerson: '孙 大勇', phone: '13900005002', ...NEAR, ...distinct });
    sameAccount = await t.createWorkshop({ townName: townA.name, name: '东洼新建加工点', phone: '13900005003', powerAccount: '3704 060 101', ...FAR, ...distinct });
    unrelated = await t.createWorkshop({ townName: townA.name, name: '王庄石材切割作坊', contactPerson: '王五', phone: '13900005004', lat: 35.2, lng: 117.2 });
    openNearby = await t.createWorkshop({ townName: townA.name, name: '后峪未取缔洗选点', phone: '13900005005', lat: NEAR.lat - 0.0002, lng: NEAR.lng, confirmedDistinctFrom: [shut.id, shutInB.id, comeback.id] });
  });
  afterAll(() => t.close());

  it('lists the shut site a new workshop may be, with its reasons, likeliest first', async () => {
    const found = await sameSites(clerkA, comeback.id);
    expect(found.canDecide).toBe(true);
    expect(found.items.map((m) => m.site.id)).toEqual([shut.id]);
    const [match] = found.items;
    expect(match).toMatchObject({ site: { name: shut.name, status: 'shut_down', contactPerson: '孙大勇' }, decision: null });
    expect(match.score).toBeGreaterThanOrEqual(0.5);
    expect(match.reasons.map((r) => r.kind).sort()).toEqual(['distance', 'operator']);
    expect(match.reasons.find((r) => r.kind === 'distance')).toMatchObject({ metres: expect.any(Number) });
    // The power account, typed with spaces (and the shut site's in full-width digits), is the same account.
    expect(((await clerkA.get(`/api/enterprises/${shut.id}`)).json() as { powerAccount: string }).powerAccount).toBe('3704060101');
    const byAccount = await sameSites(clerkA, sameAccount.id);
    expect(byAccount.items.map((m) => [m.site.id, m.reasons.map((r) => r.kind)])).toEqual([[shut.id, ['account']]]);
    // Nothing alike: nothing listed; a workshop not shut down is never a candidate.
    expect((await sameSites(clerkA, unrelated.id)).items).toEqual([]);
    expect(JSON.stringify(await sameSites(office, comeback.id))).not.toContain(openNearby.name);
  });

  it('cuts the sites to the reader’s scope: the office sees the next town’s site, the town does not', async () => {
    const officeView = await sameSites(office, comeback.id);
    expect(officeView.items.map((m) => m.site.id).sort()).toEqual([shut.id, shutInB.id].sort());
    expect(JSON.stringify(await sameSites(clerkA, comeback.id))).not.toContain(shutInB.name);
    expect((await clerkB.get(`/api/enterprises/${comeback.id}/same-site`)).statusCode).toBe(404);
  });

  it('refuses bad decisions in Chinese and writes nothing', async () => {
    const url = `/api/enterprises/${comeback.id}/same-site/${shut.id}`;
    for (const body of [{}, { decision: 'maybe' }, { decision: 'dismissed' }, { decision: 'dismissed', note: '  ' }, { decision: 'confirmed', extra: 1 }, { decision: 'confirmed', note: 'x'.repeat(501) }]) {
      const res = await clerkA.put(url, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().title + JSON.stringify(res.json().errors ?? '')).toMatch(CHINESE);
    }
    expect((await clerkA.put(`/api/enterprises/${comeback.id}/same-site/abc`, { decision: 'confirmed' })).statusCode).toBe(400);
    // Itself, a workshop outside the scope, one that does not exist: 404. A site not shut down: 409.
    expect((await clerkA.put(`/api/enterprises/${comeback.id}/same-site/${comeback.id}`, { decision: 'confirmed' })).statusCode).toBe(404);
    expect((await clerkA.put(`/api/enterprises/${comeback.id}/same-site/${shutInB.id}`, { decision: 'confirmed' })).statusCode).toBe(404);
    expect((await clerkA.put(`/api/enterprises/${comeback.id}/same-site/99999999`, { decision: 'confirmed' })).statusCode).toBe(404);
    const notShut = await clerkA.put(`/api/enterprises/${comeback.id}/same-site/${openNearby.id}`, { decision: 'confirmed' });
    expect(notShut.statusCode).toBe(409);
    expect(notShut.json().title).toMatch(CHINESE);
    // Others: the next town 404, a department that reads the workshop 403.
    expect((await clerkB.put(url, { decision: 'confirmed' })).statusCode).toBe(404);
    expect((await power.put(url, { decision: 'confirmed' })).statusCode).toBe(403);
    expect(await links()).toBe(0);
  });

  it('confirms the comeback: both workshops name each other, in their lists and their histories', async () => {
    const res = await clerkA.put(`/api/enterprises/${comeback.id}/same-site/${shut.id}`, { decision: 'confirmed', note: '原孙某某造粒厂，同一经营者换名复产' });
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json() as SameSiteResultDto;
    expect(after.items[0]).toMatchObject({ site: { id: shut.id }, decision: 'confirmed', note: '原孙某某造粒厂，同一经营者换名复产', decidedBy: expect.any(String) });
    // Seen from the shut site too (decided pairs are listed whatever their score now).
    const fromShut = await sameSites(office, shut.id);
    expect(fromShut.items.find((m) => m.site.id === comeback.id)).toMatchObject({ decision: 'confirmed' });
    for (const id of [comeback.id, shut.id]) {
      const history = JSON.stringify((await clerkA.get(`/api/enterprises/${id}/history`)).json());
      expect(history).toContain('site.confirm');
    }
    expect(await links()).toBe(1);
  });

  it('can change a decision: dismissed with a reason, the pair kept once', async () => {
    const res = await office.put(`/api/enterprises/${shut.id}/same-site/${comeback.id}`, { decision: 'dismissed', note: '核实为不同经营场所' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await sameSites(clerkA, comeback.id)).items.find((m) => m.site.id === shut.id)).toMatchObject({ decision: 'dismissed', note: '核实为不同经营场所' });
    expect(await links()).toBe(1);
    const history = JSON.stringify((await clerkA.get(`/api/enterprises/${comeback.id}/history`)).json());
    expect(history).toContain('site.dismiss');
  });

  it('takes two decisions on one pair at once (from its two sides) one after the other, or refuses the second with a 409', async () => {
    const [a, b] = await Promise.all([
      clerkA.put(`/api/enterprises/${sameAccount.id}/same-site/${shut.id}`, { decision: 'confirmed', note: '' }),
      office.put(`/api/enterprises/${shut.id}/same-site/${sameAccount.id}`, { decision: 'confirmed', note: '同一电表户号' }),
    ]);
    const codes = [a.statusCode, b.statusCode].sort();
    expect([[200, 200], [200, 409]], `${a.body} ${b.body}`).toContainEqual(codes);
    for (const res of [a, b]) if (res.statusCode === 409) expect(res.json().title).toMatch(CHINESE);
    expect(await links()).toBe(2);
    expect((await sameSites(office, shut.id)).items.find((m) => m.site.id === sameAccount.id)).toMatchObject({ decision: 'confirmed' });
  });

  it('makes accounts stored before 1.10.0 as typed (full-width, ideographic spaces) findable by migration 040, and leaves the others', async () => {
    const setAccount = (id: number, v: string) => t.ctx.db.updateTable('enterprises').set({ power_account: v }).where('id', '=', id).execute();
    const accountOf = async (id: number) => (await t.ctx.db.selectFrom('enterprises').select('power_account').where('id', '=', id).executeTakeFirstOrThrow()).power_account;
    await setAccount(unrelated.id, '５５０１　２２３３－４４');
    await setAccount(openNearby.id, '5501-0099');
    await m040.up(t.ctx.db, t.ctx.dialect);
    expect(await accountOf(unrelated.id)).toBe('5501 2233-44');
    expect(await accountOf(openNearby.id)).toBe('5501-0099');
    expect(await accountOf(shut.id)).toBe('3704060101');
  });
});
