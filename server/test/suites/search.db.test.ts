// The search index (issue 13): a search through it finds exactly what LIKE '%fragment%' over name,
// address, operator and phone finds — on generated workshops and on the awkward ones people type
// (full-width letters and digits, upper and lower case, % and _ and \) — in every scope, both ways
// the list reads it; and every path that writes a workshop keeps it right (`qudi search check`).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnterpriseListDto } from '../../../domain/api.js';
import { fragmentGrams, SEARCH_MATCH_LIMIT } from '../../../domain/search.js';
import type { Actor } from '../../auth/actor.js';
import { dialectOf, escapeLike, likeOperator } from '../../db/dialect.js';
import { ensureVillages, insertSyntheticEnterprises, rng } from '../../demo/synthetic.js';
import { listEnterprises, searchMatchIds, type ListFilter } from '../../repositories/enterprises.js';
import { readRunner } from '../../db/readers.js';
import { listChildUnits } from '../../repositories/orgUnits.js';
import { campaignScope } from '../../repositories/scope.js';
import { checkSearchIndex } from '../../repositories/search.js';
import { testActor, testGrant } from '../fixtures/actors.js';
import { multipart } from '../fixtures/multipart.js';
import { qudiIn } from '../setup/cli.js';
import { dbUnavailable, setupTestApp, TEST_DB, type TestApp } from '../setup/app.js';

const WORKSHOPS = 2_500;

describe.skipIf(dbUnavailable())(`search index (${TEST_DB})`, () => {
  let t: TestApp;
  let base: Pick<ListFilter, 'campaignId' | 'rootPath'>;
  const actors: Record<string, Actor> = {};
  let townId: number;
  let otherTownId: number;

  beforeAll(async () => {
    t = await setupTestApp();
    const towns = await listChildUnits(t.ctx.db, t.campaign.rootId, 'town');
    const villages = await ensureVillages(t.ctx.db, towns, 5);
    await insertSyntheticEnterprises(t.ctx.db, t.campaign, villages, towns, { count: WORKSHOPS, seed: 29, createdBy: null });
    // What people type, through the form.
    const odd: Record<string, string>[] = [
      { name: 'ＡＢＣ再生颗粒厂', address: '东村３００米', contactPerson: 'Ｚhang三' },
      { name: 'abc颗粒点', address: '西村300米', contactPerson: 'zhang四' },
      { name: 'ABC洗选作坊', address: '南村 100% 硬化路' },
      { name: '100%纯再生料加工点', address: 'a_b 路口' },
      { name: 'a_b塑料厂', address: 'axb 路口' },
      { name: '路口\\东侧小作坊', address: 'Ä村' },
      { name: '淼鑫洗沙场', phone: '13206328899' },
    ];
    for (const o of odd) await t.createWorkshop(o);
    base = { campaignId: t.campaign.id, rootPath: t.campaign.rootPath };
    townId = t.towns[1].id;
    otherTownId = towns[3].id;
    const village = villages.get(townId)![1];
    actors.office = testActor(testGrant('office', [t.campaign.rootPath]));
    actors.town = testActor(testGrant('town', [t.towns[1].path]));
    actors.village = testActor(testGrant('village', [village.path]));
    actors.liaison = testActor(testGrant('liaison', [towns[3].path, towns[4].path]));
  }, 240_000);
  afterAll(() => t.close());

  /** Today's LIKE over the four fields, in the actor's scope and filter: every match, newest first. */
  async function likeIds(actor: Actor, f: ListFilter & { q: string }): Promise<number[]> {
    const pattern = `%${escapeLike(f.q)}%`;
    const op = likeOperator(dialectOf(t.ctx.db));
    const scope = campaignScope(actor, 'org_path', f.rootPath);
    const rows = await t.ctx.db
      .selectFrom('enterprises')
      .select('id')
      .where('campaign_id', '=', f.campaignId)
      .$if(scope !== null, (q) => q.where(scope!))
      .$if(f.townId !== undefined, (q) => q.where('town_id', '=', f.townId!))
      .$if(!!f.status, (q) => q.where('status', '=', f.status!))
      .where((eb) => eb.or(['name', 'address', 'contact_person', 'phone'].map((c) => eb(sql.ref(c), op, sql`${pattern} escape '\\'`))))
      .orderBy('id', 'desc')
      .execute();
    return rows.map((r) => r.id);
  }

  /** Fragments of 1–5 characters cut from generated workshops' fields, and the awkward ones. */
  async function fragments(): Promise<string[]> {
    const rows = await t.ctx.db.selectFrom('enterprises').select(['name', 'address', 'contact_person', 'phone']).orderBy('id').execute();
    const r = rng(7);
    const out = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const row = rows[Math.floor(r() * rows.length)];
      const text = [row.name, row.address, row.contact_person, row.phone][Math.floor(r() * 4)];
      const chars = Array.from(text);
      const len = 1 + Math.floor(r() * Math.min(5, chars.length));
      const at = Math.floor(r() * (chars.length - len + 1));
      out.add(chars.slice(at, at + len).join(''));
    }
    for (const q of ['%', '_', '\\', 'a', 'A', 'ａ', 'Ａ', 'abc', 'ABC', 'ＡＢＣ', 'ｂｃ', 'bc', 'zhang', 'ＺＨＡＮＧ', '3', '３', '３００', '300', '0%', '% 硬', 'a_b', 'a_', '_b', 'x', 'ä', '\\东', '不存在的作坊', '村', '村东', '颗粒加工', '8899', '0632'])
      out.add(q);
    return [...out];
  }

  it('finds what LIKE finds, for every scope and filter, through the index entries and through the filter alike', async () => {
    const qs = await fragments();
    const filters: [string, Partial<ListFilter>][] = [['office', {}], ['town', {}], ['village', {}], ['liaison', {}], ['office', { townId: otherTownId }], ['office', { status: 'surveyed' }], ['town', { townId, status: 'in_progress' }]];
    let compared = 0;
    for (const q of qs)
      for (const [who, extra] of filters) {
        const f = { ...base, ...extra, q };
        const want = await likeIds(actors[who], f);
        const label = `${who} ${JSON.stringify(extra)} q=${q}`;
        // Any piece of a longer fragment finds every match; the search picks the rarest.
        const gram = fragmentGrams(q)[0];
        for (const via of ['entries', 'filter'] as const) {
          const got = await searchMatchIds(t.ctx.db, readRunner(t.ctx.db), actors[who], f, gram, via);
          expect(got, `${label} via ${via}`).toEqual(want.slice(0, SEARCH_MATCH_LIMIT + 1));
        }
        const { rows, total, totalCapped } = await listEnterprises(t.ctx.db, actors[who], f, { page: 1, pageSize: SEARCH_MATCH_LIMIT, sort: 'id', order: 'desc' });
        expect(rows.map((r) => r.id), label).toEqual(want.slice(0, SEARCH_MATCH_LIMIT));
        expect(total, label).toBe(Math.min(want.length, SEARCH_MATCH_LIMIT));
        expect(totalCapped, label).toBe(want.length > SEARCH_MATCH_LIMIT);
        compared++;
      }
    expect(compared).toBeGreaterThan(200);
  }, 240_000);

  it('says 超过 1000 家 for a common fragment: the newest 1000, sorted as asked, and the pages end there', async () => {
    const office = await t.login('office');
    const all = await likeIds(actors.office, { ...base, q: '村' });
    expect(all.length).toBeGreaterThan(SEARCH_MATCH_LIMIT);
    const first = (await office.get(`/api/enterprises?q=${encodeURIComponent('村')}&pageSize=100`)).json() as EnterpriseListDto;
    expect(first).toMatchObject({ total: SEARCH_MATCH_LIMIT, totalCapped: true });
    expect(first.items.map((e) => e.id)).toEqual(all.slice(0, 100));
    const byName = (await office.get(`/api/enterprises?q=${encodeURIComponent('村')}&pageSize=100&page=10&sort=name&order=asc`)).json() as EnterpriseListDto;
    expect(byName.items).toHaveLength(100);
    const names = byName.items.map((e) => e.name);
    expect([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(names);
    const past = (await office.get(`/api/enterprises?q=${encodeURIComponent('村')}&pageSize=100&page=11`)).json() as EnterpriseListDto;
    expect(past.items).toEqual([]);
    // A rare fragment: the exact total, not capped.
    const rare = (await office.get(`/api/enterprises?q=${encodeURIComponent('ｂｃ')}`)).json() as EnterpriseListDto;
    expect(rare).toMatchObject({ totalCapped: false });
    expect(rare.total).toBe((await likeIds(actors.office, { ...base, q: 'ｂｃ' })).length);
  });

  it('is kept by every path that writes a workshop: the form, an edit, an import, the generator', async () => {
    const office = await t.login('office');
    const created = await t.createWorkshop({ name: '旧名称腾飞炼油点', address: '试验村北', contactPerson: '欧阳修' });
    const patched = await office.patch(`/api/enterprises/${created.id}`, { version: created.version, name: '新名称凌云炼油点', phone: '13912345678' });
    expect(patched.statusCode, patched.body).toBe(200);
    const find = async (q: string) => ((await office.get(`/api/enterprises?q=${encodeURIComponent(q)}`)).json() as EnterpriseListDto).items.map((e) => e.id);
    expect(await find('凌云')).toEqual([created.id]);
    expect(await find('腾飞')).toEqual([]);
    expect(await find('欧阳')).toEqual([created.id]);
    expect(await find('2345')).toContain(created.id);

    await t.village(t.towns[2].name, '导入索引村');
    const town = await t.login('town', t.towns[2].name);
    const csv = ['序号,企业名称,企业位置,联系电话,备注', ...Array.from({ length: 12 }, (_, i) => `${i + 1},索引导入翔宇加工点${i + 1},导入索引村${i + 1}号,1390000${String(2000 + i)},`)].join('\n');
    const body = multipart({ townId: String(t.towns[2].id) }, { name: '任务表.csv', content: Buffer.from(csv, 'utf8'), type: 'text/csv' });
    const preview = await t.app.inject({ method: 'POST', url: '/api/imports', headers: { cookie: town.cookie, 'content-type': body.contentType }, payload: body.payload });
    expect(preview.statusCode, preview.body).toBe(201);
    const confirmed = await town.post(`/api/imports/${(preview.json() as { id: number }).id}/confirm`, { skipErrorRows: true });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect((confirmed.json() as { imported: number }).imported).toBe(12);
    expect(await find('翔宇')).toHaveLength(12);

    const check = await checkSearchIndex(t.ctx.db);
    expect(check).toMatchObject({ mismatched: 0, orphans: 0 });
    expect(check.workshops).toBeGreaterThan(WORKSHOPS);
  });

  it('`qudi search check` finds entries changed behind the application\'s back; `rebuild` writes them anew', async () => {
    const [victim] = await t.ctx.db.selectFrom('enterprises').select(['id', 'campaign_id']).orderBy('id', 'desc').limit(1).execute();
    await t.ctx.db.deleteFrom('workshop_search_grams').where('enterprise_id', '=', victim.id).where('gram', '=', '点').execute();
    await t.ctx.db.insertInto('workshop_search_grams').values({ campaign_id: victim.campaign_id, gram: '幽灵', enterprise_id: 99_999_999 }).execute();
    await t.ctx.db.updateTable('enterprises').set({ name: '直接改库的名称' }).where('id', '=', victim.id - 1).execute();
    const bad = await qudiIn(t, 'search', 'check');
    expect(bad.code).toBe(1);
    expect(bad.out).toContain(`企业 ${victim.id} `);
    expect(bad.out).toContain(`企业 ${victim.id - 1} `);
    expect(bad.out).toContain('1 条索引不属于台账中的任何企业');
    expect((await qudiIn(t, 'search', 'rebuild')).code).toBe(0);
    const good = await qudiIn(t, 'search', 'check');
    expect(good.code, good.out).toBe(0);
    expect(good.out).toContain('搜索索引与台账一致');
  });
});
