import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnterpriseDto } from '../../../domain/api.js';
import type { DuplicateMatch } from '../../repositories/duplicates.js';
import { dbUnavailable, setupTestApp, TEST_DB, type Agent, type TestApp } from '../setup/app.js';

describe.skipIf(dbUnavailable())(`duplicate warnings at registration (${TEST_DB})`, () => {
  let t: TestApp;
  let town: Agent;
  let townId: number;
  let existing: EnterpriseDto;

  beforeAll(async () => {
    t = await setupTestApp();
    townId = t.towns[1].id;
    town = await t.login('town', t.towns[1].name);
    existing = (await town.post('/api/enterprises', { name: '李庄宏达塑料颗粒加工厂', kind: 'pellet', townId, phone: '13206328899', lng: 117.4601, lat: 35.0751 })).json() as EnterpriseDto;
  });
  afterAll(() => t.close());

  const count = async () => Number((await t.ctx.db.selectFrom('enterprises').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it.each([
    ['the same phone, typed differently', { name: '完全不同的名字', phone: '132 0632 8899' }, 'phone'],
    ['a name that differs only by suffix and spaces', { name: '李庄 宏达塑料颗粒作坊' }, 'name'],
    ['a site 60 m away', { name: '另一处', lng: 117.4601, lat: 35.07564 }, 'distance'],
    ['the same name without the village in front', { name: '宏达塑料颗粒厂' }, 'similarName'],
    ['the same name with more place in front', { name: '东李庄宏达塑料颗粒加工厂' }, 'similarName'],
  ])('warns on %s and writes nothing until confirmed', async (_label, fields, kind) => {
    const before = await count();
    const res = await town.post('/api/enterprises', { kind: 'washing', townId, ...fields });
    expect(res.statusCode).toBe(409);
    const body = res.json() as { code: string; detail: string; duplicates: DuplicateMatch[] };
    expect(body.code).toBe('possible_duplicate');
    expect(body.detail).toContain(existing.name);
    expect(body.duplicates.map((d) => d.id)).toEqual([existing.id]);
    expect(body.duplicates[0].reasons.map((r) => r.kind)).toContain(kind);
    expect(await count()).toBe(before);

    const check = (await town.post('/api/enterprises/duplicates', { ...fields, townId })).json() as { items: DuplicateMatch[] };
    expect(check.items.map((d) => d.id)).toEqual([existing.id]);
  });

  it('registers once the user confirms the site is different, and records the decision', async () => {
    const res = await town.post('/api/enterprises', { name: '李庄宏达塑料颗粒作坊', kind: 'pellet', townId, confirmedDistinctFrom: [existing.id] });
    expect(res.statusCode).toBe(201);
    const id = (res.json() as EnterpriseDto).id;
    const audit = await t.ctx.db.selectFrom('audit_log').select('after').where('entity_type', '=', 'enterprise').where('entity_id', '=', String(id)).where('action', '=', 'enterprise.create').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after!).confirmedDistinctFrom).toEqual([existing.id]);
  });

  it('does not warn about a site 200 m away, nor reveal workshops outside the scope', async () => {
    const far = await town.post('/api/enterprises', { name: '远处的厂', kind: 'pellet', townId, lng: 117.4601, lat: 35.0769 });
    expect(far.statusCode).toBe(201);
    const other = await t.login('town', t.towns[2].name);
    const res = await other.post('/api/enterprises', { name: '李庄宏达塑料颗粒加工厂', kind: 'pellet', townId: t.towns[2].id, phone: '13206328899' });
    expect(res.statusCode).toBe(201);
    const check = (await other.post('/api/enterprises/duplicates', { name: '李庄宏达塑料颗粒加工厂' })).json() as { items: DuplicateMatch[] };
    expect(check.items.every((d) => d.townId === t.towns[2].id)).toBe(true);
  });

  it('does not call a generic name alike (six villages of the town have one), nor a name alike in another town', async () => {
    for (const v of ['前营', '后营', '东营', '西营', '南营', '北营']) expect((await town.post('/api/enterprises', { name: `${v}鑫源洗选厂`, kind: 'washing', townId })).statusCode).toBe(201);
    const generic = await town.post('/api/enterprises', { name: '鑫源洗选厂', kind: 'washing', townId });
    expect(generic.statusCode, generic.body).toBe(201);
    const office = await t.login('office');
    const elsewhere = await office.post('/api/enterprises', { name: '宏达塑料颗粒厂', kind: 'pellet', townId: t.towns[3].id });
    expect(elsewhere.statusCode, elsewhere.body).toBe(201);
  });
});
