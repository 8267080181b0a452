// 验收材料 (issue 15 §1): a town reports its written report and image material, frozen as a version
// with its hash; its principal signs the version they checked (late after the shutdown phase's end);
// a new version supersedes an unsigned one; the overseers read it; other towns never do.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackageContentDto, PackageOverviewDto } from '../../../domain/acceptancePackage.js';
import { dbUnavailable, setupTestApp, TEST_DB, type Agent, type TestApp } from '../setup/app.js';

describe.skipIf(dbUnavailable())(`acceptance packages (${TEST_DB})`, () => {
  let t: TestApp;
  let townA: { id: number; name: string };
  let townB: { id: number; name: string };
  let clerkA: Agent;
  let headA: Agent;
  let clerkB: Agent;
  let inspector: Agent;
  let shut: number;
  let other: number;
  let overview: PackageOverviewDto;

  const audit = async (action: string) => t.ctx.db.selectFrom('audit_log').select(['after']).where('action', '=', action).orderBy('id').execute();

  beforeAll(async () => {
    t = await setupTestApp();
    [townA, townB] = t.towns;
    clerkA = await t.login('town', townA.name);
    headA = await t.login('town_head', townA.name);
    clerkB = await t.login('town', townB.name);
    inspector = await t.login('inspector');
    // One workshop shut down through its items (with photos), one still being worked on.
    shut = (await t.createWorkshop({ townName: townA.name, name: '材料测试已取缔作坊' })).id;
    await t.shutDown(shut);
    other = (await t.createWorkshop({ townName: townA.name, name: '材料测试取缔中作坊' })).id;
  });
  afterAll(() => t.close());

  it('offers a first draft of the written report from the register', async () => {
    const res = await clerkA.get(`/api/acceptance/towns/${townA.id}/package`);
    expect(res.statusCode, res.body).toBe(200);
    overview = res.json() as PackageOverviewDto;
    expect(overview).toMatchObject({ versions: [], draft: { workshopCount: 1 }, abilities: { submit: true } });
    expect(overview.draft.report).toContain('共摸排登记土小企业2家，已取缔1家');
    expect(overview.due).toBe(t.campaign.definition.phases.find((p) => p.itemsDue)!.end);
    expect((await clerkB.get(`/api/acceptance/towns/${townA.id}/package`)).statusCode).toBe(404);
  });

  it('freezes a version with the photos of the shut-down workshops, and refuses bad input', async () => {
    const before = (await t.ctx.db.selectFrom('acceptance_packages').select('id').execute()).length;
    for (const body of [{ report: '太短' }, { report: overview.draft.report, extra: 1 }, { report: overview.draft.report, workshopIds: [999999] }]) {
      const res = await clerkA.post(`/api/acceptance/towns/${townA.id}/package`, body);
      expect(res.statusCode, res.body).toBe(400);
    }
    expect((await clerkB.post(`/api/acceptance/towns/${townA.id}/package`, { report: overview.draft.report })).statusCode).toBe(404);
    expect((await clerkA.post('/api/acceptance/towns/999999/package', { report: overview.draft.report })).statusCode).toBe(404);
    expect((await inspector.post(`/api/acceptance/towns/${townA.id}/package`, { report: overview.draft.report })).statusCode).toBe(403);
    expect((await t.ctx.db.selectFrom('acceptance_packages').select('id').execute()).length).toBe(before);

    const res = await clerkA.post(`/api/acceptance/towns/${townA.id}/package`, { report: overview.draft.report });
    expect(res.statusCode, res.body).toBe(201);
    overview = res.json() as PackageOverviewDto;
    const v1 = overview.versions[0]!;
    expect(v1).toMatchObject({ version: 1, status: 'submitted', workshopCount: 2, abilities: { sign: false } });
    expect(v1.imageCount).toBeGreaterThan(0);
    const content = (await inspector.get(`/api/acceptance/packages/${v1.id}/content`)).json() as PackageContentDto;
    expect(content.contentSha256).toBe(v1.contentSha256);
    expect(content.content.images.every((i) => i.enterpriseId === shut && /^[0-9a-f]{64}$/.test(i.sha256))).toBe(true);
    expect(content.content.workshops.map((w) => w.id).sort()).toEqual([shut, other].sort());
    expect((await clerkB.get(`/api/acceptance/packages/${v1.id}/content`)).statusCode).toBe(404);
    // The same content again is not a new version.
    expect((await clerkA.post(`/api/acceptance/towns/${townA.id}/package`, { report: overview.draft.report })).statusCode).toBe(409);
  });

  it('is signed by the principal on the content they checked; a newer version supersedes an unsigned one', async () => {
    const v1 = overview.versions[0]!;
    const v2res = await clerkA.post(`/api/acceptance/towns/${townA.id}/package`, { report: `${overview.draft.report}\n补充：已对全部企业复查。`, workshopIds: [shut] });
    expect(v2res.statusCode, v2res.body).toBe(201);
    overview = v2res.json() as PackageOverviewDto;
    const v2 = overview.versions[0]!;
    expect(overview.versions.map((v) => [v.version, v.status])).toEqual([
      [2, 'submitted'],
      [1, 'superseded'],
    ]);
    expect((await headA.post(`/api/acceptance/packages/${v1.id}/sign`, { contentSha256: v1.contentSha256 })).json().detail).toContain('取代');
    expect((await clerkA.post(`/api/acceptance/packages/${v2.id}/sign`, { contentSha256: v2.contentSha256 })).statusCode).toBe(403);
    expect((await headA.post(`/api/acceptance/packages/${v2.id}/sign`, { contentSha256: v1.contentSha256 })).statusCode).toBe(409);
    const signed = await headA.post(`/api/acceptance/packages/${v2.id}/sign`, { contentSha256: v2.contentSha256 });
    expect(signed.statusCode, signed.body).toBe(200);
    // The default campaign's shutdown phase ended in 2016: today's signature is late.
    expect((signed.json() as PackageOverviewDto).versions[0]).toMatchObject({ status: 'signed', late: true, abilities: { sign: false } });
    expect((await headA.post(`/api/acceptance/packages/${v2.id}/sign`, { contentSha256: v2.contentSha256 })).statusCode).toBe(409);
    expect((await audit('acceptancePackage.sign')).map((a) => JSON.parse(a.after!))).toMatchObject([{ version: 2, sha256: v2.contentSha256, late: true }]);
  });

  it('takes the signed, stamped documents of the town’s acceptance as files (PDF or photographs), seen by whoever reads its acceptance', async () => {
    const pdf = Buffer.from(['%PDF-1.4', '%âãÏÓ', '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj', `% ${'0123456789'.repeat(600)}`, 'trailer << /Root 1 0 R >>', '%%EOF', ''].join('\n'), 'latin1');
    const send = (agent: Agent, townId: number, metadata: Record<string, string | number> = {}) =>
      t.upload({ enterpriseId: 0, bytes: pdf, filename: '书面说明（签字盖章）.pdf', metadata: { recordType: 'town_acceptance', recordId: townId, ...metadata } }, agent);
    expect((await send(clerkB, townA.id)).statusCode).toBe(404);
    expect((await send(inspector, townA.id)).statusCode).toBe(403);
    expect((await send(headA, townA.id, { phase: 'after' })).statusCode).toBe(400);
    expect((await send(headA, 999999)).statusCode).toBe(404);
    const res = await send(headA, townA.id);
    expect(res.statusCode, res.body).toBe(201);
    const list = await inspector.get(`/api/acceptance/towns/${townA.id}/attachments`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json()).toMatchObject({ total: 1, items: [{ kind: 'document', originalName: '书面说明（签字盖章）.pdf' }], abilities: { upload: false } });
    expect((await clerkA.get(`/api/acceptance/towns/${townA.id}/attachments`)).json().abilities.upload).toBe(true);
    expect((await clerkB.get(`/api/acceptance/towns/${townA.id}/attachments`)).statusCode).toBe(404);
    const file = list.json().items[0] as { fileUrl: string };
    expect((await clerkB.get(file.fileUrl)).statusCode).toBe(404);
    expect((await inspector.get(file.fileUrl)).statusCode).toBe(200);
  });
});
