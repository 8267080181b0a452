// 验收抽查 (issue 15): the inspection group draws a town's sample from its shut-down workshops with
// a recorded seed; the town sees nothing until it is published; a redraw needs the draw it replaces
// and a reason, and keeps the old one; every draw is audited and re-runs to the same sample from
// its record (`qudi acceptance redraw --check`, from the database or from the downloaded JSON).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AcceptanceOverviewDto, AcceptanceTownDetailDto, DrawDto } from '../../../domain/acceptance.js';
import { addDays, todayInChina } from '../../../domain/time.js';
import { qudiIn } from '../setup/cli.js';
import { dbUnavailable, setupTestApp, TEST_DB, type Agent, type TestApp } from '../setup/app.js';

const CHINESE = /[\u4e00-\u9fff]/;

describe.skipIf(dbUnavailable())(`acceptance draws (${TEST_DB})`, () => {
  let t: TestApp;
  let townA: { id: number; name: string };
  let townB: { id: number; name: string };
  let inspector: Agent;
  let office: Agent;
  let clerkA: Agent;
  let headA: Agent;
  let clerkB: Agent;
  let shut: number[];
  let open: number;
  let foreign: number;
  let first: DrawDto;
  let second: DrawDto;

  const count = async (table: 'acceptance_draws' | 'audit_log') =>
    Number((await t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    t = await setupTestApp();
    [townA, townB] = t.towns;
    inspector = await t.login('inspector');
    office = await t.login('office');
    clerkA = await t.login('town', townA.name);
    headA = await t.login('town_head', townA.name);
    clerkB = await t.login('town', townB.name);
    // Ten workshops in town A: one shut down through the items, eight more marked shut down or
    // accepted directly (the draw only reads the status), one still being shut down.
    const made = [];
    for (let i = 0; i < 10; i++) made.push(await t.createWorkshop({ townName: townA.name, name: `验收抽查测试作坊${i + 1}`, phone: `1390000${2000 + i}` }));
    await t.shutDown(made[0]!.id);
    await t.ctx.db.updateTable('enterprises').set({ status: 'shut_down' }).where('id', 'in', made.slice(1, 7).map((w) => w.id)).execute();
    await t.ctx.db.updateTable('enterprises').set({ status: 'accepted' }).where('id', 'in', made.slice(7, 9).map((w) => w.id)).execute();
    shut = made.slice(0, 9).map((w) => w.id);
    open = made[9]!.id;
    foreign = (await t.createWorkshop({ townName: townB.name, name: '验收抽查外镇作坊' })).id;
  });
  afterAll(() => t.close());

  it('refuses a bad draw with a Chinese problem and writes nothing', async () => {
    const before = { draws: await count('acceptance_draws'), audit: await count('audit_log') };
    const good = { townId: townA.id, sharePercent: 20, minimum: 3, chosen: [] };
    const bad: unknown[] = [
      { ...good, extra: 1 },
      { ...good, sharePercent: 0 },
      { ...good, sharePercent: 101 },
      { ...good, sharePercent: '20' },
      { ...good, minimum: -1 },
      { ...good, chosen: [shut[0], shut[0]] },
      { ...good, chosen: [foreign] }, // another town's workshop
      { ...good, round: 'third' },
      { ...good, townId: 999999 },
    ];
    for (const body of bad) {
      const res = await inspector.post('/api/acceptance/draws', body);
      expect(res.statusCode, JSON.stringify(body) + res.body).toBe(400);
      expect((res.json() as { detail: string }).detail).toMatch(CHINESE);
    }
    // Only the inspection group draws; a town with nothing shut down has nothing to draw from.
    expect((await office.post('/api/acceptance/draws', good)).statusCode).toBe(403);
    expect((await clerkA.post('/api/acceptance/draws', good)).statusCode).toBe(403);
    const none = await inspector.post('/api/acceptance/draws', { ...good, townId: townB.id });
    expect(none.statusCode).toBe(409);
    expect(none.json().detail).toContain('无可抽查');
    expect({ draws: await count('acceptance_draws'), audit: await count('audit_log') }).toEqual(before);
  });

  it('draws a share of the shut-down workshops with the chosen site first, from a recorded seed, and audits it', async () => {
    const res = await inspector.post('/api/acceptance/draws', { townId: townA.id, sharePercent: 30, minimum: 2, chosen: [open] });
    expect(res.statusCode, res.body).toBe(201);
    first = res.json() as DrawDto;
    expect(first.status).toBe('drawn');
    expect(first.seed).toMatch(/^[0-9a-f]{32}$/);
    expect(first.algorithm).toBe('sha256-rank-v1');
    // Shut down and accepted count; the one still being shut down does not, but may be chosen.
    expect(first.eligibleIds).toEqual([...shut].sort((a, b) => a - b));
    // 30 % of 9 → 3; the chosen site is not eligible, so three are drawn besides it.
    expect(first.sample[0]).toMatchObject({ enterpriseId: open, how: 'chosen', name: '验收抽查测试作坊10' });
    expect(first.sample.filter((s) => s.how === 'random')).toHaveLength(3);
    for (const s of first.sample.slice(1)) expect(shut).toContain(s.enterpriseId);
    expect(first.abilities).toEqual({ publish: true, redraw: true, check: false });
    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'acceptanceDraw.draw').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({ seed: first.seed, eligibleCount: 9, sample: first.sample.map((s) => s.enterpriseId) });
    // The office, the leaders and discipline see it at once.
    expect((await office.get(`/api/acceptance/draws/${first.id}`)).statusCode).toBe(200);
    expect((await (await t.login('discipline')).get(`/api/acceptance/towns/${townA.id}`)).json().draws).toHaveLength(1);
  });

  it('hides the sample from the town until it is published', async () => {
    expect((await clerkA.get(`/api/acceptance/draws/${first.id}`)).statusCode).toBe(404);
    const detail = (await headA.get(`/api/acceptance/towns/${townA.id}`)).json() as AcceptanceTownDetailDto;
    expect(detail.draws).toEqual([]);
    expect(detail.canDraw).toBe(false);
    const overview = (await clerkA.get('/api/acceptance')).json() as AcceptanceOverviewDto;
    expect(overview.towns.map((x) => x.townName)).toEqual([townA.name]);
    expect(overview.towns[0]!.initial).toBeNull();
    expect(overview.towns[0]!.eligible.initial).toBe(9);
    // Another town, a village head or a department: nothing of town A.
    expect((await clerkB.get(`/api/acceptance/towns/${townA.id}`)).statusCode).toBe(404);
    expect((await clerkB.get(`/api/acceptance/draws/${first.id}`)).statusCode).toBe(404);
    expect((await (await t.login('department', 'power_office')).get('/api/acceptance')).statusCode).toBe(403);
  });

  it('redraws only with the draw it replaces and a reason, and keeps the replaced draw', async () => {
    const again = { townId: townA.id, sharePercent: 30, minimum: 2, chosen: [] };
    const missing = await inspector.post('/api/acceptance/draws', again);
    expect(missing.statusCode).toBe(409);
    expect(missing.json().detail).toContain('重新抽取须说明原因');
    const noReason = await inspector.post('/api/acceptance/draws', { ...again, replaces: first.id });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].path).toBe('reason');
    expect((await inspector.post('/api/acceptance/draws', { ...again, replaces: first.id + 1000, reason: '指定企业有误' })).statusCode).toBe(409);
    const res = await inspector.post('/api/acceptance/draws', { ...again, replaces: first.id, reason: '指定企业不属于已取缔企业，去掉后重新抽取' });
    expect(res.statusCode, res.body).toBe(201);
    second = res.json() as DrawDto;
    expect(second.seq).toBe(2);
    expect(second.seed).not.toBe(first.seed);
    expect(second.reason).toContain('重新抽取');
    const draws = ((await inspector.get(`/api/acceptance/towns/${townA.id}`)).json() as AcceptanceTownDetailDto).draws;
    expect(draws.map((d) => [d.id, d.status])).toEqual([
      [second.id, 'drawn'],
      [first.id, 'superseded'],
    ]);
    // The replaced draw can be neither published nor redrawn again.
    const old = await inspector.post(`/api/acceptance/draws/${first.id}/publish`, { version: draws[1]!.version });
    expect(old.statusCode).toBe(409);
    expect(old.json().detail).toContain('取代');
    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'acceptanceDraw.redraw').execute();
    expect(JSON.parse(audit[0]!.before!)).toMatchObject({ replaces: first.id, seed: first.seed });
    expect(JSON.parse(audit[0]!.after!).reason).toContain('重新抽取');
  });

  it('publishes the draw to the town once, at the version read', async () => {
    expect((await clerkA.post(`/api/acceptance/draws/${second.id}/publish`, { version: second.version })).statusCode).toBe(404);
    expect((await office.post(`/api/acceptance/draws/${second.id}/publish`, { version: second.version })).statusCode).toBe(403);
    expect((await inspector.post(`/api/acceptance/draws/${second.id}/publish`, { version: second.version + 1 })).statusCode).toBe(409);
    const res = await inspector.post(`/api/acceptance/draws/${second.id}/publish`, { version: second.version });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'published', abilities: { publish: false, redraw: true, check: true } });
    expect((await inspector.post(`/api/acceptance/draws/${second.id}/publish`, { version: res.json().version })).json().detail).toBe('该抽查结果已发布');
    // The town now sees this draw — seed, eligible list and sample — but never the unpublished first one.
    const seen = (await clerkA.get(`/api/acceptance/towns/${townA.id}`)).json() as AcceptanceTownDetailDto;
    expect(seen.draws.map((d) => d.id)).toEqual([second.id]);
    expect(seen.draws[0]!.abilities).toEqual({ publish: false, redraw: false, check: false });
    expect(((await clerkA.get('/api/acceptance')).json() as AcceptanceOverviewDto).towns[0]!.initial).toMatchObject({ id: second.id, status: 'published' });
    expect((await clerkA.get(`/api/acceptance/draws/${first.id}`)).statusCode).toBe(404);
  });

  it('records an on-site check per sampled workshop: a failed site goes back with the items not held as its to-do', async () => {
    const codes = t.campaign.definition.standardItems.map((i) => i.code);
    const [failed, passed] = second.sample.map((s) => s.enterpriseId);
    // The inspector photographs the site as the workshop's own evidence, and cites it.
    const photo = await t.addEvidence(failed!, undefined, { agent: inspector });
    const elsewhere = await t.addEvidence(passed!);
    const items = (notHeld: string[]) => codes.map((code) => ({ code, held: !notHeld.includes(code), note: notHeld.includes(code) ? '现场电表仍在计量，已私自恢复供电' : '' }));
    const fail = { enterpriseId: failed, items: items([codes[0]!]), evidenceIds: [photo], result: { verdict: 'rejected', reasons: ['incomplete'], findings: '断电不彻底，私接电源' } };
    const before = { checks: await t.ctx.db.selectFrom('acceptance_checks').select('id').execute(), audit: await count('audit_log') };
    const bad: [unknown, number][] = [
      [{ ...fail, items: items([]).slice(1) }, 400], // an item not checked
      [{ ...fail, items: [...items([]), { code: 'nonexistent', held: true }] }, 400],
      [{ ...fail, enterpriseId: open }, 400], // not in this sample
      [{ ...fail, evidenceIds: [elsewhere] }, 400], // another workshop's photo
      [{ ...fail, result: { verdict: 'accepted', findings: '' } }, 400], // accepted with an item not held
      [{ ...fail, result: { verdict: 'rejected', reasons: [], findings: '问题' } }, 400],
      [{ ...fail, extra: true }, 400],
    ];
    for (const [body, status] of bad) {
      const res = await inspector.post(`/api/acceptance/draws/${second.id}/checks`, body);
      expect(res.statusCode, JSON.stringify(body) + res.body).toBe(status);
      expect(res.json().detail).toMatch(CHINESE);
    }
    expect((await clerkA.post(`/api/acceptance/draws/${second.id}/checks`, fail)).statusCode).toBe(403);
    expect((await office.post(`/api/acceptance/draws/${second.id}/checks`, fail)).statusCode).toBe(403);
    expect((await inspector.post(`/api/acceptance/draws/${first.id}/checks`, fail)).json().detail).toContain('取代');
    expect({ checks: await t.ctx.db.selectFrom('acceptance_checks').select('id').execute(), audit: await count('audit_log') }).toEqual(before);

    const res = await inspector.post(`/api/acceptance/draws/${second.id}/checks`, fail);
    expect(res.statusCode, res.body).toBe(201);
    const checked = (res.json() as DrawDto).sample.find((s) => s.enterpriseId === failed)!.check!;
    expect(checked).toMatchObject({ verdict: 'rejected', reasons: ['incomplete'], evidenceIds: [photo] });
    expect(checked.items.find((i) => i.code === codes[0])).toMatchObject({ held: false, note: expect.stringContaining('私自恢复供电') });
    // The workshop went back: rejected, the item not held pending again, the findings its reason.
    const w = (await clerkA.get(`/api/enterprises/${failed}`)).json();
    expect(w.status).toBe('rejected');
    expect(w.items.find((i: { code: string }) => i.code === codes[0]).state).toBe('pending');
    expect((await inspector.post(`/api/acceptance/draws/${second.id}/checks`, fail)).statusCode).toBe(409);

    const pass = await inspector.post(`/api/acceptance/draws/${second.id}/checks`, { enterpriseId: passed, items: items([]), result: { verdict: 'accepted', findings: '' } });
    expect(pass.statusCode, pass.body).toBe(201);
    expect((await clerkA.get(`/api/enterprises/${passed}`)).json().status).toBe('accepted');
    // The town sees the checks on its published draw.
    const seen = ((await clerkA.get(`/api/acceptance/draws/${second.id}`)).json() as DrawDto).sample.filter((s) => s.check);
    expect(seen.map((s) => s.check!.verdict).sort()).toEqual(['accepted', 'rejected']);
    expect(seen[0]!.check!.checkedBy).toBeTruthy();
    // Once checking began, the sample stands: no redraw.
    expect(((await inspector.get(`/api/acceptance/draws/${second.id}`)).json() as DrawDto).abilities.redraw).toBe(false);
    const redraw = await inspector.post('/api/acceptance/draws', { townId: townA.id, sharePercent: 30, minimum: 2, replaces: second.id, reason: '想换几家' });
    expect(redraw.statusCode).toBe(409);
    expect(redraw.json().detail).toContain('已开始现场检查');
  });

  it('records the hearing of a town, which the town sees', async () => {
    const hearing = { heldOn: '2016-05-17', reporter: '张镇长（镇长）', summary: '全镇摸排 10 家，已取缔 9 家，1 家正在拆除设备。' };
    expect((await inspector.post(`/api/acceptance/towns/${townA.id}/hearings`, { ...hearing, heldOn: '2999-01-01' })).statusCode).toBe(400);
    expect((await inspector.post(`/api/acceptance/towns/${townA.id}/hearings`, { ...hearing, reporter: '' })).statusCode).toBe(400);
    expect((await clerkA.post(`/api/acceptance/towns/${townA.id}/hearings`, hearing)).statusCode).toBe(403);
    expect((await clerkB.post(`/api/acceptance/towns/${townA.id}/hearings`, hearing)).statusCode).toBe(404);
    const res = await inspector.post(`/api/acceptance/towns/${townA.id}/hearings`, hearing);
    expect(res.statusCode, res.body).toBe(201);
    const detail = (await clerkA.get(`/api/acceptance/towns/${townA.id}`)).json() as AcceptanceTownDetailDto;
    expect(detail.hearings).toMatchObject([{ reporter: '张镇长（镇长）', heldOn: '2016-05-17' }]);
    expect(detail.canRecordHearing).toBe(false);
    expect(((await inspector.get(`/api/acceptance/towns/${townA.id}`)).json() as AcceptanceTownDetailDto).canRecordHearing).toBe(true);
  });

  it('fails the town for the notice’s reasons, takes its principal’s explanation, sets a deadline, and passes it after the re-inspection', async () => {
    const detail = async (agent: Agent = inspector) => (await agent.get(`/api/acceptance/towns/${townA.id}`)).json() as AcceptanceTownDetailDto;
    let v = (await detail()).verdict;
    // Not offered while a sampled site is unchecked or failed.
    expect(v).toMatchObject({ status: 'pending', version: 0, abilities: { pass: false, fail: true, rectify: false, explain: false } });
    expect((await inspector.get('/api/acceptance/towns/999999')).statusCode).toBe(404);
    // Not while a sampled site is unchecked or failed.
    const early = await inspector.post(`/api/acceptance/towns/${townA.id}/pass`, { version: 0 });
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toMatch(/未现场检查|不通过/);
    const fail = { version: 0, reasons: ['incomplete', 'concealment'], findings: '抽查 3 家中 1 家私自恢复供电；听取汇报时未如实说明' };
    expect((await inspector.post(`/api/acceptance/towns/${townA.id}/fail`, { ...fail, reasons: [] })).statusCode).toBe(400);
    expect((await inspector.post(`/api/acceptance/towns/${townA.id}/fail`, { ...fail, reasons: ['lazy'] })).statusCode).toBe(400);
    expect((await office.post(`/api/acceptance/towns/${townA.id}/fail`, fail)).statusCode).toBe(403);
    expect((await headA.post(`/api/acceptance/towns/${townA.id}/fail`, fail)).statusCode).toBe(403);
    expect((await clerkB.post(`/api/acceptance/towns/${townA.id}/fail`, fail)).statusCode).toBe(404);
    const failed = await inspector.post(`/api/acceptance/towns/${townA.id}/fail`, fail);
    expect(failed.statusCode, failed.body).toBe(200);
    v = (failed.json() as AcceptanceTownDetailDto).verdict;
    expect(v).toMatchObject({ status: 'failed', reasons: ['incomplete', 'concealment'], version: 1, abilities: { pass: false, fail: false, rectify: true } });
    expect((await inspector.post(`/api/acceptance/towns/${townA.id}/fail`, { ...fail, version: 1 })).statusCode).toBe(409);
    expect(((await clerkA.get('/api/acceptance')).json() as AcceptanceOverviewDto).towns[0]!.verdict).toBe('failed');

    // 书面说明: the principal, not the clerk.
    const explanation = { version: 1, explanation: '我镇对个别企业断电后复查不到位，主要负责人负有领导责任，已责成相关村居立即整改。' };
    expect((await clerkA.put(`/api/acceptance/towns/${townA.id}/explanation`, explanation)).statusCode).toBe(403);
    expect((await headA.put(`/api/acceptance/towns/${townA.id}/explanation`, { ...explanation, explanation: '太短' })).statusCode).toBe(400);
    const explained = await headA.put(`/api/acceptance/towns/${townA.id}/explanation`, explanation);
    expect(explained.statusCode, explained.body).toBe(200);
    expect((explained.json() as AcceptanceTownDetailDto).verdict).toMatchObject({ explanation: explanation.explanation, version: 2 });

    // 限期整改.
    expect((await inspector.post(`/api/acceptance/towns/${townA.id}/rectify`, { version: 2, rectifyBy: '2000-01-01', requirements: '重新断电' })).statusCode).toBe(400);
    const rectifyBy = addDays(todayInChina(), 30);
    const rectified = await inspector.post(`/api/acceptance/towns/${townA.id}/rectify`, { version: 2, rectifyBy, requirements: '5 日内对私自恢复供电的企业彻底断电并拆除线路' });
    expect(rectified.statusCode, rectified.body).toBe(200);
    expect((rectified.json() as AcceptanceTownDetailDto).verdict).toMatchObject({ status: 'rectifying', rectifyBy, overdue: false });
    const noReinspection = await inspector.post(`/api/acceptance/towns/${townA.id}/pass`, { version: 3 });
    expect(noReinspection.json().detail).toContain('整改复查');

    // The town shuts the rejected site down again; the re-inspection draws from it, checks it, and the town passes.
    const site = (await detail()).draws.find((d) => d.id === second.id)!.sample.find((s) => s.check?.verdict === 'rejected')!.enterpriseId;
    // The town records again the items the failed check set back to pending (with their photos).
    const w = (await office.get(`/api/enterprises/${site}`)).json() as { items: { code: string; state: string }[] };
    for (const item of w.items.filter((i) => i.state === 'pending')) {
      const def = t.campaign.definition.standardItems.find((d) => d.code === item.code)!;
      for (let n = 0; n < def.evidenceMin; n++) await t.addEvidence(site, item.code, { n });
      const res = await office.put(`/api/enterprises/${site}/items/${item.code}`, { state: 'done', unit: '镇街取缔工作组', person: '张三', date: '2016-05-12', note: '' });
      expect(res.statusCode, res.body).toBe(200);
    }
    expect((await office.get(`/api/enterprises/${site}`)).json().status).toBe('shut_down');
    expect((await detail()).eligible.reinspection).toBe(1);
    const re = await inspector.post('/api/acceptance/draws', { townId: townA.id, round: 'reinspection', sharePercent: 100, minimum: 1 });
    expect(re.statusCode, re.body).toBe(201);
    const reDraw = re.json() as DrawDto;
    expect(reDraw.sample.map((s) => s.enterpriseId)).toEqual([site]);
    await inspector.post(`/api/acceptance/draws/${reDraw.id}/publish`, { version: reDraw.version });
    const codes = t.campaign.definition.standardItems.map((i) => i.code);
    const ok = await inspector.post(`/api/acceptance/draws/${reDraw.id}/checks`, { enterpriseId: site, items: codes.map((code) => ({ code, held: true })), result: { verdict: 'accepted', findings: '已彻底断电' } });
    expect(ok.statusCode, ok.body).toBe(201);
    const passed = await inspector.post(`/api/acceptance/towns/${townA.id}/pass`, { version: 3, findings: '复查通过' });
    expect(passed.statusCode, passed.body).toBe(200);
    expect((passed.json() as AcceptanceTownDetailDto).verdict).toMatchObject({ status: 'passed', findings: '复查通过', abilities: { pass: false, fail: false, rectify: false, explain: false } });
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'town_acceptance').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['townAcceptance.fail', 'townAcceptance.explain', 'townAcceptance.rectify', 'townAcceptance.pass']);
  });

  it('re-runs every draw from its record; a tampered sample is found; a downloaded draw checks without the database', async () => {
    const ok = await qudiIn(t, 'acceptance', 'redraw', '--check');
    expect(ok.code, ok.out + ok.err).toBe(0);
    expect(ok.out).toContain('全部 3 次抽查均可复现');
    // The town downloads its draw and checks it on its own machine.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'qudi-draw-')), '抽查记录.json');
    fs.writeFileSync(file, (await clerkA.get(`/api/acceptance/draws/${second.id}`)).body);
    const offline = await qudiIn(t, 'acceptance', 'redraw', '--check', '--file', file);
    expect(offline.code, offline.out + offline.err).toBe(0);
    expect(offline.out).toContain('重新抽取结果与记录一致');
    // Someone swaps a sampled workshop for another in the database: the check says so.
    const sample = JSON.parse((await t.ctx.db.selectFrom('acceptance_draws').select('sample').where('id', '=', second.id).executeTakeFirstOrThrow()).sample) as { id: number; how: string }[];
    const outside = second.eligibleIds.find((id) => !sample.some((s) => s.id === id))!;
    sample[0] = { id: outside, how: 'random' };
    await t.ctx.db.updateTable('acceptance_draws').set({ sample: JSON.stringify(sample) }).where('id', '=', second.id).execute();
    const bad = await qudiIn(t, 'acceptance', 'redraw', '--check', '--draw', String(second.id));
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('不一致');
  }, 90_000); // three `qudi` processes, each starting tsx: more than the default 30 s on a loaded machine
});
