// `qudi demo` as someone trying Qudi runs it: accounts per role, workshops in every status, and
// for every standard item shown as done the site photos the completion rule asks for, with where
// and when they were taken — stored, thumbnailed and audited like uploads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttachmentListDto } from '../../../domain/attachment.js';
import type { EnterpriseDto, ListResponse, EnterpriseSummaryDto } from '../../../domain/api.js';
import { dbUnavailable, setupTestApp, TEST_DB, type TestApp } from '../setup/app.js';
import { qudiIn } from '../setup/cli.js';


describe.skipIf(dbUnavailable())(`qudi demo (${TEST_DB})`, () => {
  let t: TestApp;
  let out = '';
  const qudi = async (...args: string[]) => {
    const r = await qudiIn(t, ...args);
    if (r.code !== 0) throw new Error(`qudi ${args.join(' ')} exited ${r.code}: ${r.err}`);
    return r.out;
  };

  beforeAll(async () => {
    t = await setupTestApp();
    out = await qudi('demo', '--count', '40');
  }, 120_000);
  afterAll(() => t.close());

  it('gives every item shown as done the photos its rule asks for, and nothing to the others', async () => {
    expect(out).toMatch(/已生成 40 家模拟企业/);
    const photos = Number(/已为已完成的取缔标准项生成 (\d+) 张演示现场照片/.exec(out)?.[1]);
    const mins = new Map(t.campaign.definition.standardItems.map((i) => [i.code, i.evidenceMin]));
    const items = await t.ctx.db.selectFrom('enterprise_items').select(['enterprise_id', 'item_code', 'state']).execute();
    const files = await t.ctx.db.selectFrom('attachments').select(['enterprise_id', 'item_code']).where('replaced_by', 'is', null).execute();
    const count = new Map<string, number>();
    for (const f of files) count.set(`${f.enterprise_id}/${f.item_code}`, (count.get(`${f.enterprise_id}/${f.item_code}`) ?? 0) + 1);
    const done = items.filter((i) => i.state === 'done');
    expect(done.length).toBeGreaterThan(20);
    for (const i of items) expect(count.get(`${i.enterprise_id}/${i.item_code}`) ?? 0).toBe(i.state === 'done' ? mins.get(i.item_code) : 0);
    expect(photos).toBe(files.length);
  });

  it('shows an accepted workshop’s photos with capture time, position near the site, thumbnail and the original', async () => {
    const office = await t.login('office');
    const list = (await office.get('/api/enterprises?status=accepted&pageSize=5')).json() as ListResponse<EnterpriseSummaryDto>;
    expect(list.items.length).toBeGreaterThan(0);
    const e = (await office.get(`/api/enterprises/${list.items[0].id}`)).json() as EnterpriseDto;
    for (const item of e.items.filter((i) => i.state === 'done')) expect(item.evidenceCount).toBeGreaterThanOrEqual(item.evidenceMin);
    const gallery = (await office.get(`/api/enterprises/${e.id}/attachments`)).json() as AttachmentListDto;
    expect(gallery.items.length).toBeGreaterThan(0);
    for (const a of gallery.items) {
      expect(a).toMatchObject({ kind: 'photo', mime: 'image/jpeg', locationSource: 'exif', far: false, phase: 'after', earlierRound: false });
      expect(a.capturedAtLocal).toMatch(/^2016-05-12T/);
      expect(a.distanceM).toBeLessThan(150);
      expect(a.caption).toContain('演示');
      expect(a.thumbnailUrl).not.toBeNull();
    }
    const file = await office.get(gallery.items[0].fileUrl);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/jpeg');
    expect((await office.get(gallery.items[0].thumbnailUrl!)).statusCode).toBe(200);
  });

  it('records every photo in the audit hash chain, which still verifies; a second run adds nothing', async () => {
    const audited = await t.ctx.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('action', '=', 'attachment.create').executeTakeFirstOrThrow();
    const files = await t.ctx.db.selectFrom('attachments').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(audited.n)).toBe(Number(files.n));
    const office = await t.login('office');
    expect((await office.get('/api/audit/verify')).json()).toMatchObject({ ok: true });
    const again = await qudi('demo', '--count', '40');
    expect(again).toMatch(/未再生成/);
    const after = await t.ctx.db.selectFrom('attachments').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(files.n));
  });
});
