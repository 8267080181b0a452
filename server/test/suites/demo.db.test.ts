// `qudi demo` as someone trying Qudi runs it: the campaign re-dated so that today falls in its
// shutdown phase, accounts per role and per department, towns at different stages, and for every
// standard item shown as done the site photos the completion rule asks for, with where and when
// they were taken (after the workshop was registered) — stored, thumbnailed and audited like uploads.
import type { CaseListDto } from '../../../domain/cases.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttachmentListDto } from '../../../domain/attachment.js';
import type { CampaignDto, DashboardDto, EnterpriseDto, ListResponse, EnterpriseSummaryDto } from '../../../domain/api.js';
import type { AgendaDto } from '../../../domain/agenda.js';
import type { ReportOverviewDto } from '../../../domain/reports.js';
import type { OpenEscalationListDto, RemarkListDto } from '../../../domain/remarks.js';
import { todayInChina } from '../../../domain/time.js';
import { forgetCampaignCache } from '../../repositories/campaigns.js';
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
    // The CLI installed the re-dated campaign; this server forgets the one it had cached.
    forgetCampaignCache(t.ctx.db);
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

  /** The account lines the demo printed: username → the rest of the line (password first). */
  const accounts = () => new Map([...out.matchAll(/^ {2}(demo_\S+) +(.+)$/gm)].map((m) => [m[1], m[2]]));
  /** GET `url` signed in as a demo account, with the password the demo printed. */
  const getAs = async (username: string, url: string) => {
    const password = accounts().get(username)?.split(/\s+/)[0];
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']).split(';')[0];
    return (await t.app.inject({ method: 'GET', url, headers: { cookie } })).json() as unknown;
  };
  const signIn = async (username: string) => {
    return (await getAs(username, '/api/auth/me')) as {
      roles: { role: string; departmentName: string | null; director: boolean }[];
      abilities: Record<string, boolean>;
    };
  };

  it('re-dates the campaign so that today falls inside its shutdown phase', async () => {
    const office = await t.login('office');
    const campaign = (await office.get('/api/campaigns/current')).json() as CampaignDto;
    expect(campaign.currentPhase).toMatchObject({ code: 'shutdown' });
    const shutdown = campaign.phases.find((p) => p.code === 'shutdown')!;
    const today = todayInChina();
    expect(shutdown.start <= today && today <= shutdown.end!).toBe(true);
    // The survey phase, and its report deadline, lie before today; acceptance after it.
    expect(campaign.phases[0].start < today).toBe(true);
    expect(campaign.phases.find((p) => p.code === 'acceptance')!.start > today).toBe(true);
    expect(out).toContain('已将行动改期');
  });

  it('gives the towns different numbers of workshops at different stages', async () => {
    const office = await t.login('office');
    const dashboard = (await office.get('/api/dashboard')).json() as DashboardDto;
    expect(dashboard.totals.total).toBe(40);
    expect(dashboard.towns).toHaveLength(t.towns.length);
    expect(new Set(dashboard.towns.map((r) => r.total)).size).toBeGreaterThan(2);
    const shares = dashboard.towns.filter((r) => r.total > 0).map((r) => `${r.byStatus.surveyed ?? 0}/${r.byStatus.shut_down ?? 0}/${r.total}`);
    expect(new Set(shares).size).toBeGreaterThan(2);
    // The shutdown phase: nothing accepted or recurred yet.
    expect(dashboard.totals.byStatus.accepted ?? 0).toBe(0);
    expect(dashboard.totals.byStatus.recurred ?? 0).toBe(0);
  });

  it('takes every photo after its workshop was registered, inside the shutdown phase and before now', async () => {
    const campaign = (await (await t.login('office')).get('/api/campaigns/current')).json() as CampaignDto;
    const shutdown = campaign.phases.find((p) => p.code === 'shutdown')!;
    const survey = campaign.phases[0];
    const rows = await t.ctx.db
      .selectFrom('attachments as a')
      .innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
      .select(['a.captured_at', 'a.captured_at_local', 'e.created_at'])
      .execute();
    expect(rows.length).toBeGreaterThan(20);
    const now = Date.now();
    for (const r of rows) {
      expect(Date.parse(r.captured_at!)).toBeGreaterThan(Date.parse(r.created_at));
      expect(Date.parse(r.captured_at!)).toBeLessThan(now);
      const day = r.captured_at_local!.slice(0, 10);
      expect(day >= shutdown.start && day <= shutdown.end!).toBe(true);
    }
    const registered = await t.ctx.db.selectFrom('enterprises').select('created_at').execute();
    for (const r of registered) expect(r.created_at.slice(0, 10) >= survey.start && r.created_at.slice(0, 10) <= survey.end!).toBe(true);
  });

  it("puts a comment and an open escalation from the liaison department on the demo town's to-do list", async () => {
    expect(out).toMatch(/帮包部门对“.+”提出了一条意见和一条待答复的督办/);
    const password = accounts().get('demo_town')?.split(/\s+/)[0];
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'demo_town', password } });
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    const get = async <T>(url: string) => (await t.app.inject({ method: 'GET', url, headers: { cookie } })).json() as T;
    const def = t.campaign.definition;
    const unit = def.departments.find((d) => d.code === def.liaisonPairs[0].department)!.name;
    const open = await get<OpenEscalationListDto>('/api/remarks/open-escalations');
    expect(open.total).toBe(1);
    expect(open.items[0]).toMatchObject({ authorUnit: unit, overdue: false });
    const remarks = await get<RemarkListDto>(`/api/enterprises/${open.items[0].enterprise.id}/remarks`);
    expect(remarks.items.map((r) => [r.kind, r.status, r.abilities.answer])).toEqual([
      ['comment', null, false],
      ['escalation', 'open', true],
    ]);
  });

  it('opens every shutdown-stage page on something: a request, an application, an incident, a case sent to the police, a truck', async () => {
    expect(out).toContain('集中取缔阶段的演示记录');
    expect(out).not.toContain('未生成');
    const code = (record: string) => t.campaign.definition.departments.find((d) => d.records.includes(record as never))!.code;
    expect(((await getAs('demo_office', '/api/department-requests?status=open')) as { total: number }).total).toBe(1);
    expect(((await getAs('demo_office', '/api/joint-operations')) as { items: { status: string }[] }).items.map((o) => o.status)).toEqual(['applied']);
    expect(((await getAs('demo_town', '/api/incidents')) as { total: number }).total).toBe(1);
    expect(((await getAs('demo_town', '/api/interceptions')) as { total: number }).total).toBe(1);
    const cases = (await getAs(`demo_${code('crime_transfers')}`, '/api/cases')) as CaseListDto;
    expect(cases.items).toHaveLength(1);
    expect(cases.items[0].transfers[0]).toMatchObject({ kind: 'police', acknowledged: null, abilities: { acknowledge: true } });
  });

  it('has an account for every department of the notice, printed with its name, and the office director sees clues', async () => {
    const lines = accounts();
    for (const d of t.campaign.definition.departments) {
      const entry = [...lines].find(([, rest]) => rest.endsWith(`职能部门 · ${d.name}`));
      expect(entry, d.name).toBeDefined();
      expect(entry![1]).not.toMatch(new RegExp(`· ${d.code}$`));
      const me = await signIn(entry![0]);
      expect(me.roles[0]).toMatchObject({ role: 'department', departmentName: d.name });
    }
    for (const rest of lines.values()) expect(rest).not.toMatch(/· (epb|power_office|power_supply|water|police)$/);
    const office = await signIn('demo_office');
    expect(office.roles[0]).toMatchObject({ role: 'office', director: true });
    expect(office.abilities.viewClues).toBe(true);
    expect(lines.get('demo_office')).toContain(t.campaign.definition.office.director);
  });

  it('has most towns reported and signed, one late, one not at all, and the demo town’s table waiting for demo_town_head', async () => {
    expect(out).toMatch(/已报送 \d+ 个镇街的任务表/);
    const overview = (await getAs('demo_office', '/api/reports')) as ReportOverviewDto;
    const states = overview.towns.map((r) => r.state);
    const n = t.towns.length;
    expect(states.filter((s) => s === 'signed')).toHaveLength(n - 3);
    expect(states.filter((s) => s === 'signed_late')).toHaveLength(1);
    expect(states.filter((s) => s === 'overdue')).toHaveLength(1);
    expect(overview.towns.find((r) => r.townId === t.towns[1].id)?.state).toBe('overdue_unsigned');
    // The signatures are the towns' principals', dated before the deadline (on time) in the survey phase.
    for (const r of overview.towns.filter((x) => x.state === 'signed')) expect(r.signed!.signedAt!.slice(0, 10) <= overview.phase!.reportDue!).toBe(true);
    const headAgenda = (await getAs('demo_town_head', '/api/agenda')) as AgendaDto;
    expect(headAgenda.entries[0]).toMatchObject({ kind: 'report_to_sign', townId: t.towns[1].id });
    // A town in the middle of the shutdown has items to do, and they are due within the phase.
    const townAgenda = (await getAs('demo_town', '/api/agenda')) as AgendaDto;
    expect(townAgenda.entries.some((e) => e.kind === 'item_pending' && e.daysLeft !== null && e.daysLeft >= 0)).toBe(true);
  });

  it('shows a shut-down workshop’s photos with capture time, position near the site, thumbnail and the original', async () => {
    const office = await t.login('office');
    const list = (await office.get('/api/enterprises?status=shut_down&pageSize=5')).json() as ListResponse<EnterpriseSummaryDto>;
    expect(list.items.length).toBeGreaterThan(0);
    const e = (await office.get(`/api/enterprises/${list.items[0].id}`)).json() as EnterpriseDto;
    for (const item of e.items.filter((i) => i.state === 'done')) expect(item.evidenceCount).toBeGreaterThanOrEqual(item.evidenceMin);
    const gallery = (await office.get(`/api/enterprises/${e.id}/attachments`)).json() as AttachmentListDto;
    expect(gallery.items.length).toBeGreaterThan(0);
    for (const a of gallery.items) {
      expect(a).toMatchObject({ kind: 'photo', mime: 'image/jpeg', locationSource: 'exif', far: false, phase: 'after', earlierRound: false });
      expect(a.capturedAtLocal).not.toMatch(/^2016-/);
      expect(Date.parse(a.capturedAt!)).toBeGreaterThan(Date.parse(e.createdAt));
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
