import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportOverviewDto, TownReportDetailDto, TownReportDto } from '../../domain/api.js';
import { redateCampaign } from '../../domain/campaign.js';
import { installCampaign } from '../campaign/install.js';
import { forgetCampaignCache } from '../repositories/campaigns.js';
import { dbUnavailable, setupTestApp, TEST_DB, type Agent, type TestApp } from './harness.js';

describe.skipIf(dbUnavailable())(`town reports signed by the principal (${TEST_DB})`, () => {
  let t: TestApp;
  let townName: string;
  let townId: number;
  let clerk: Agent;
  let head: Agent;

  beforeAll(async () => {
    t = await setupTestApp();
    townName = t.towns[1].name;
    townId = t.towns[1].id;
    clerk = await t.login('town', townName);
    head = await t.login('town_head', townName);
  });
  afterAll(() => t.close());

  it('freezes the task table, lets only the principal sign it, and marks a signature after the deadline late', async () => {
    await t.createWorkshop({ townName, name: '报送测试甲厂', address: '李庄村村东300米', phone: '13206328899', notes: '夜间生产' });
    await t.createWorkshop({ townName, name: '报送测试乙厂' });

    const submitted = await clerk.post('/api/reports', { townId });
    expect(submitted.statusCode).toBe(201);
    const v1 = submitted.json() as TownReportDto;
    expect(v1).toMatchObject({ version: 1, status: 'submitted', rowCount: 2, late: false });
    expect(v1.contentSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(v1.abilities.sign).toBe(false);

    const content = (await clerk.get(`/api/reports/${v1.id}/content`)).json() as { content: { rows: { seq: number; name: string; location: string; phone: string; notes: string }[] } };
    expect(content.content.rows[0]).toMatchObject({ seq: 1, name: '报送测试甲厂', location: '李庄村村东300米', phone: '13206328899', notes: '夜间生产' });

    // The clerk cannot sign; the principal must confirm exactly what was submitted.
    expect((await clerk.post(`/api/reports/${v1.id}/sign`, { contentSha256: v1.contentSha256 })).statusCode).toBe(403);
    const wrongHash = await head.post(`/api/reports/${v1.id}/sign`, { contentSha256: '0'.repeat(64) });
    expect(wrongHash.statusCode).toBe(409);
    expect(wrongHash.json().detail).toContain('不一致');
    const signed = await head.post(`/api/reports/${v1.id}/sign`, { contentSha256: v1.contentSha256 });
    expect(signed.statusCode).toBe(200);
    // The default campaign's report was due on its own date, long past.
    expect(signed.json()).toMatchObject({ status: 'signed', late: true, signedBy: expect.any(String) });
    expect((await head.post(`/api/reports/${v1.id}/sign`, { contentSha256: v1.contentSha256 })).statusCode).toBe(409);

    // Unchanged register: nothing to report again. A change makes the next version.
    expect((await clerk.post('/api/reports', { townId })).statusCode).toBe(409);
    const e = await t.createWorkshop({ townName, name: '报送测试丙厂' });
    const detail = (await clerk.get(`/api/reports/towns/${townId}`)).json() as TownReportDetailDto;
    expect(detail.current).toMatchObject({ rowCount: 3, changedSinceLatest: true });
    const v2 = (await clerk.post('/api/reports', { townId })).json() as TownReportDto;
    expect(v2.version).toBe(2);
    // The signed version stays exactly as it was.
    const frozen = (await clerk.get(`/api/reports/${v1.id}/content`)).json() as { contentSha256: string; content: { rows: unknown[] } };
    expect(frozen.contentSha256).toBe(v1.contentSha256);
    expect(frozen.content.rows).toHaveLength(2);
    expect(e.id).toBeGreaterThan(0);

    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'after']).where('entity_type', '=', 'town_report').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['report.submit', 'report.sign', 'report.submit']);
    expect(JSON.parse(audit[1].after!)).toMatchObject({ sha256: v1.contentSha256, late: true });
  });

  it('shows the office who has reported, who has not, and who was late; a town sees only itself', async () => {
    const office = await t.login('office');
    const overview = (await office.get('/api/reports')).json() as ReportOverviewDto;
    expect(overview.phase?.reportDue).toBe(t.campaign.definition.phases.find((p) => p.reportDue)!.reportDue);
    expect(overview.towns).toHaveLength(t.towns.length);
    const mine = overview.towns.find((r) => r.townId === townId)!;
    expect(mine.state).toBe('signed_late');
    expect(mine.signed?.version).toBe(1);
    expect(mine.latest?.version).toBe(2);
    expect(overview.towns.filter((r) => r.townId !== townId).every((r) => r.state === 'overdue')).toBe(true);

    const own = (await clerk.get('/api/reports')).json() as ReportOverviewDto;
    expect(own.towns.map((r) => r.townName)).toEqual([townName]);
    const other = await t.login('town', t.towns[2].name);
    const v1 = mine.signed!;
    expect((await other.get(`/api/reports/${v1.id}/content`)).statusCode).toBe(404);
    expect((await other.get(`/api/reports/towns/${townId}`)).statusCode).toBe(404);
    expect((await other.post('/api/reports', { townId })).statusCode).toBe(400);
  });

  it('counts a signature on or before the deadline as on time', async () => {
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    await installCampaign(t.ctx.db, { ...redateCampaign(t.campaign.definition, today), code: `report-test-${today}` }, { makeCurrent: true });
    forgetCampaignCache(t.ctx.db);
    await t.createWorkshop({ townName, name: '新行动报送厂' });
    const v = (await clerk.post('/api/reports', { townId })).json() as TownReportDto;
    expect(v.version).toBe(1);
    const signed = (await head.post(`/api/reports/${v.id}/sign`, { contentSha256: v.contentSha256 })).json() as TownReportDto;
    expect(signed.late).toBe(false);
    const overview = (await head.get('/api/reports')).json() as ReportOverviewDto;
    expect(overview.towns[0].state).toBe('signed');
  });
});
