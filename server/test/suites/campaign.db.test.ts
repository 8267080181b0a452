import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignDto, DepartmentDto, OrgUnitDto } from '../../../domain/api.js';
import { ensureDefaultCampaign, installCampaign } from '../../commands/installCampaign.js';
import { syncDepartmentRecords } from '../../commands/syncDepartmentRecords.js';
import { currentCampaign, forgetCampaignCache, updateCampaignDefinition } from '../../repositories/campaigns.js';
import { dbUnavailable, setupTestApp, TEST_DB, type TestApp } from '../setup/app.js';

describe.skipIf(dbUnavailable())(`the campaign as data (${TEST_DB})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await setupTestApp();
  });
  afterAll(() => t.close());

  it('serves the loaded campaign: phases, the five standard items with their departments, the district', async () => {
    const office = await t.login('office');
    const c = (await office.get('/api/campaigns/current')).json() as CampaignDto;
    const def = t.campaign.definition;
    expect(c.documentNumber).toBe(def.documentNumber);
    expect(c.districtName).toBe(def.orgUnits.name);
    expect(c.phases.map((p) => p.name)).toEqual(def.phases.map((p) => p.name));
    expect(c.standardItems.map((i) => [i.code, i.departments])).toEqual(def.standardItems.map((i) => [i.code, i.departments]));
    expect(c.workshopKinds).toHaveLength(def.workshopKinds.length);

    const depts = (await office.get('/api/departments')).json() as DepartmentDto[];
    expect(depts.map((d) => d.code)).toEqual(def.departments.map((d) => d.code));
    expect(depts.every((d) => d.duties.length > 0)).toBe(true);

    const towns = (await office.get('/api/org-units?kind=town')).json() as OrgUnitDto[];
    expect(towns.map((u) => u.name)).toEqual(def.orgUnits.children!.map((u) => u.name));
    expect((await office.get('/api/org-units?kind=hamlet')).statusCode).toBe(400);
  });

  it('loads idempotently: a second start or install adds nothing', async () => {
    const count = async (table: 'org_units' | 'departments' | 'campaigns' | 'liaison_pairs') =>
      Number((await t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = [await count('org_units'), await count('departments'), await count('campaigns'), await count('liaison_pairs')];
    expect(await ensureDefaultCampaign(t.ctx)).toBe(false);
    const again = await installCampaign(t.ctx, null, { definition: t.campaign.definition, makeCurrent: true });
    expect(again.created).toBe(false);
    expect([await count('org_units'), await count('departments'), await count('campaigns'), await count('liaison_pairs')]).toEqual(before);
    expect(before[3]).toBe(t.campaign.definition.liaisonPairs.flatMap((p) => p.towns).length);
  });

  it('brings an older campaign’s departments their records (qudi campaign records), once, audited; nobody could record a case before', async () => {
    const def = t.campaign.definition;
    const campaign = await currentCampaign(t.ctx.db);
    // As stored before departments had records.
    await updateCampaignDefinition(t.ctx.db, campaign.id, { ...def, departments: def.departments.map((d) => ({ ...d, records: [] })) });
    forgetCampaignCache(t.ctx.db);
    const epb = await t.login('department', 'epb');
    const town = t.towns[0];
    const workshop = await t.createWorkshop({ townName: town.name, name: '记录职责同步测试厂', phone: '13900005001' });
    const body = { foundOn: '2026-05-12', violation: '擅自生产' };
    expect((await epb.post(`/api/enterprises/${workshop.id}/cases`, body)).statusCode).toBe(403);

    const changes = await syncDepartmentRecords(t.ctx, null, { from: def });
    expect(changes.map((c) => c.code).sort()).toEqual(def.departments.filter((d) => d.records.length > 0).map((d) => d.code).sort());
    expect((await syncDepartmentRecords(t.ctx, null, { from: def }))).toEqual([]);
    expect((await currentCampaign(t.ctx.db)).definition).toEqual(def);
    expect((await epb.post(`/api/enterprises/${workshop.id}/cases`, body)).statusCode).toBe(201);
    const audits = await t.ctx.db.selectFrom('audit_log').select('action').where('action', '=', 'campaign.records').execute();
    expect(audits).toHaveLength(1);
  });
});
