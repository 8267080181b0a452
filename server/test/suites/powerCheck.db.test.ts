// 用电核查 (issue 16 §4): the power office's account list of 西集镇 from the shared fixtures, imported as a
// preview, matched to the register and flagged; confirmed once; the flags reviewed — a shut site that came
// back recurs (in its history), a workshop-sized household account becomes a workshop, another is set aside
// with a reason — by the office or the town, never by another town. A GBK CSV from another office, its
// columns in another order, reads the same. Bad input writes nothing.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgendaDto } from '../../../domain/agenda.js';
import type { EnterpriseDto } from '../../../domain/api.js';
import type { PowerAccountDto, PowerFlagListDto, PowerImportDto, PowerImportPreviewDto, PowerRegisterResultDto, PowerRowsDto } from '../../../domain/powerCheck.js';
import { packageRoot } from '../../paths.js';
import { multipart } from '../fixtures/multipart.js';
import { dbUnavailable, setupTestApp, TEST_DB, type Agent, type TestApp } from '../setup/app.js';

const FIXTURES = path.join(packageRoot(), '..', 'shared', 'fixtures');
const XLSX = path.join(FIXTURES, '西集供电所-用电户清单.xlsx');
const haveFixture = fs.existsSync(XLSX);
if (!haveFixture) console.warn(`powerCheck.db.test: fixture not found in ${FIXTURES} — the power-check suite is skipped`);

const TOWN = '西集镇';
const CHINESE = /[\u4e00-\u9fff]/;
const MONTHS = ['2016-03', '2016-04', '2016-05', '2016-06', '2016-07', '2016-08'];
/** 孙某某废塑料造粒厂: cut in June, back in July and August. */
const RESUMED = '3704060101';
/** 赵某某塑料再生加工作坊: cut in June and still cut. */
const STAYED_CUT = '3704060022';
/** Household accounts drawing workshop-sized power (一户多表). */
const BIG_HOUSEHOLDS = ['3704061769', '3704061805', '3704061841'];
/** A household at 150–190 kWh a month. */
const SMALL_HOUSEHOLD = '3704061742';

/** The fixture's sheet as a GBK CSV of another office: columns in another order, `3月电量(千瓦时)` headers, thousands separators, a blank cell. */
async function gbkVariant(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(XLSX);
  const ws = wb.worksheets[0];
  const rows: string[][] = [];
  ws.eachRow((row, n) => {
    if (n < 4) return;
    const v = (row.values as unknown[]).slice(1).map((x) => (x === null || x === undefined ? '' : String(x)));
    const kwh = v.slice(6, 12).map((x) => Number(x).toLocaleString('en-US'));
    if (v[0] === SMALL_HOUSEHOLD) kwh[2] = ''; // no reading that month
    rows.push([v[1], v[0], v[12], ...kwh, v[2], v[3], v[4], v[5], v[13]]);
  });
  const header = ['用户名称', '用户编号', '用电性质', '3月电量(千瓦时)', '4月电量(千瓦时)', '5月电量(千瓦时)', '6月电量(千瓦时)', '7月电量(千瓦时)', '8月电量(千瓦时)', '地址', '电话', '所属台区', '线路', '备注'];
  const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [['西集供电所 用电户清单（2016年3—8月）'], ['单位：千瓦时'], header, ...rows, [], ['合计']].map((r) => r.map(quote).join(','));
  return iconv.encode(lines.join('\r\n') + '\r\n', 'gbk');
}

describe.skipIf(dbUnavailable() || !haveFixture)(`power-data cross-check (${TEST_DB})`, () => {
  let t: TestApp;
  let townId: number;
  let otherTown: { id: number; name: string };
  let office: Agent;
  let clerk: Agent;
  let otherClerk: Agent;
  let leader: Agent;
  let resumedSite: EnterpriseDto;
  let cutSite: EnterpriseDto;
  let preview: PowerImportPreviewDto;

  const upload = async (agent: Agent, content: Buffer, name: string, fields: Record<string, string> = { townId: String(townId) }) => {
    const body = multipart(fields, { name, content });
    return t.app.inject({ method: 'POST', url: '/api/power-imports', headers: { cookie: agent.cookie, 'content-type': body.contentType }, payload: body.payload });
  };
  const count = async (table: 'power_imports' | 'power_accounts' | 'enterprises' | 'audit_log') =>
    Number((await t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const allRows = async (agent: Agent, importId: number): Promise<PowerAccountDto[]> => {
    const res = await agent.get(`/api/power-imports/${importId}/rows?pageSize=200`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as PowerRowsDto).items;
  };
  const flags = async (agent: Agent, query = ''): Promise<PowerFlagListDto> => {
    const res = await agent.get(`/api/power-flags${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as PowerFlagListDto;
  };
  const flagOf = async (account: string) => (await flags(office, '?pageSize=100')).items.find((f) => f.accountNo === account)!;

  beforeAll(async () => {
    t = await setupTestApp();
    townId = t.towns.find((x) => x.name === TOWN)!.id;
    otherTown = t.towns.find((x) => x.name !== TOWN)!;
    office = await t.login('office');
    clerk = await t.login('town', TOWN);
    otherClerk = await t.login('town', otherTown.name);
    leader = await t.login('leader');
    // Registered with its power account number typed with a space and a dash; matched by number.
    resumedSite = await t.shutDown((await t.createWorkshop({ townName: TOWN, name: '孙某某废塑料造粒厂', powerAccount: '3704 0601-01' })).id);
    // Registered without a number; matched by its phone.
    cutSite = await t.shutDown((await t.createWorkshop({ townName: TOWN, name: '后峪村塑料再生作坊', phone: '132 4110 1026' })).id);
    // Registered but not shut: matched by name in the town, never flagged.
    await t.createWorkshop({ townName: TOWN, name: '西集镇北岭村塑料再生加工作坊' });
  });
  afterAll(() => t.close());

  it('reads the fixture into a preview: the header, six months, matches and flags — nothing on the review list yet', async () => {
    const res = await upload(office, fs.readFileSync(XLSX), path.basename(XLSX));
    expect(res.statusCode, res.body).toBe(201);
    preview = res.json() as PowerImportPreviewDto;
    const imp = preview.import;
    expect(imp.status).toBe('preview');
    expect(imp.months).toEqual(MONTHS);
    expect(imp.rowCount).toBe(100);
    expect(imp.columns.filter((c) => c.field !== null && c.field !== 'month').map((c) => `${c.header}→${c.field}`)).toEqual([
      '户号→accountNo', '户名→holder', '用电地址→address', '联系电话→phone', '台区→station', '线路/杆号→line', '用电类别→category', '备注→note',
    ]);
    expect(imp.columns.filter((c) => c.field === 'month').map((c) => c.month)).toEqual(MONTHS);
    expect(imp.problemCount).toBe(0);
    expect(imp.abilities).toEqual({ confirm: true, discard: true });
    expect(preview.rows).toHaveLength(50);

    const rows = await allRows(office, imp.id);
    expect(rows).toHaveLength(100);
    const by = new Map(rows.map((r) => [r.accountNo, r]));
    const resumed = by.get(RESUMED)!;
    expect(resumed).toMatchObject({ flag: 'resumed', state: null, matchReason: 'account', usage: [6239, 5675, 2495, 38, 3119, 4991], months: MONTHS });
    expect(resumed.enterprise?.id).toBe(resumedSite.id);
    expect(by.get(STAYED_CUT)).toMatchObject({ flag: null, matchReason: 'phone', enterprise: { id: cutSite.id } });
    expect(by.get('3704060228')).toMatchObject({ flag: null, matchReason: 'name' });
    for (const a of BIG_HOUSEHOLDS) expect(by.get(a), a).toMatchObject({ flag: 'unlisted', enterprise: null });
    expect(by.get(SMALL_HOUSEHOLD)!.flag).toBeNull();
    // Every household-sized account is left alone.
    for (const r of rows) if (Math.max(...r.usage.map((v) => v ?? 0)) < 300) expect(r.flag, r.accountNo).toBeNull();
    expect(imp.resumedCount).toBe(rows.filter((r) => r.flag === 'resumed').length);
    expect(imp.unlistedCount).toBe(rows.filter((r) => r.flag === 'unlisted').length);
    expect(imp.matchedCount).toBe(3);
    expect(imp.resumedCount).toBe(1);

    // Paged by flag.
    const unlisted = (await office.get(`/api/power-imports/${imp.id}/rows?flag=unlisted`)).json() as PowerRowsDto;
    expect(unlisted.total).toBe(imp.unlistedCount);

    const list = await flags(office);
    expect(list.total).toBe(0);
    expect(list.counts.resumed.open).toBe(0);
  });

  it('reads a GBK CSV of another office — other headers, another order, thousands separators, a blank — the same', async () => {
    const before = await count('power_imports');
    const res = await upload(office, await gbkVariant(), '西集供电所-用电户清单-GBK.csv');
    expect(res.statusCode, res.body).toBe(201);
    const csv = res.json() as PowerImportPreviewDto;
    expect(csv.import.months).toEqual(MONTHS);
    expect(csv.import.rowCount).toBe(100);
    expect(csv.import.columns.find((c) => c.field === 'accountNo')?.header).toBe('用户编号');
    const a = new Map((await allRows(office, preview.import.id)).map((r) => [r.accountNo, r]));
    const b = await allRows(office, csv.import.id);
    for (const r of b) {
      const x = a.get(r.accountNo)!;
      expect({ holder: r.holder, category: r.category, flag: r.flag, matchReason: r.matchReason }, r.accountNo).toEqual({ holder: x.holder, category: x.category, flag: x.flag, matchReason: x.matchReason });
      if (r.accountNo !== SMALL_HOUSEHOLD) expect(r.usage).toEqual(x.usage);
    }
    expect(b.find((r) => r.accountNo === SMALL_HOUSEHOLD)!.usage[2]).toBeNull();
    expect(await count('power_imports')).toBe(before + 1);
    // Discarded: off the list for good, once.
    const discard = await office.post(`/api/power-imports/${csv.import.id}/discard`, {});
    expect(discard.statusCode, discard.body).toBe(200);
    expect((discard.json() as PowerImportDto).status).toBe('discarded');
    const again = await office.post(`/api/power-imports/${csv.import.id}/discard`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toMatch(CHINESE);
  });

  it('refuses a file without a recognisable header, a bad town, extra fields and other files (400 in Chinese), writing nothing', async () => {
    const before = { imports: await count('power_imports'), accounts: await count('power_accounts') };
    const cases = [
      await upload(office, Buffer.from('姓名,地址\r\n张三,某村\r\n'), 'list.csv'),
      await upload(office, Buffer.from('户号,户名\r\n3704,张三\r\n'), 'list.csv'), // no month column
      await upload(office, Buffer.from('not a zip'), 'list.xlsx'),
      await upload(office, Buffer.from('x'), 'list.pdf'),
      await upload(office, fs.readFileSync(XLSX), 'list.xlsx', { townId: '0x1' }),
      await upload(office, fs.readFileSync(XLSX), 'list.xlsx', { townId: String(townId), extra: '1' }),
      await upload(office, fs.readFileSync(XLSX), 'list.xlsx', {}),
    ];
    for (const res of cases) {
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().detail).toMatch(CHINESE);
    }
    expect(cases[0].json().detail).toMatch(/户号/);
    // A town's clerk cannot import.
    expect((await upload(clerk, fs.readFileSync(XLSX), 'list.xlsx')).statusCode).toBe(403);
    expect({ imports: await count('power_imports'), accounts: await count('power_accounts') }).toEqual(before);
  });

  it('confirms once: the flags go on the review list; a second confirm is refused (409)', async () => {
    const res = await office.post(`/api/power-imports/${preview.import.id}/confirm`, {});
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as PowerImportDto).status).toBe('confirmed');
    const again = await office.post(`/api/power-imports/${preview.import.id}/confirm`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('invalid_transition');
    expect((await office.post(`/api/power-imports/${preview.import.id}/confirm`, { force: true })).statusCode).toBe(400);
    const list = await flags(office, '?pageSize=100');
    expect(list.total).toBe(preview.import.resumedCount + preview.import.unlistedCount);
    expect(list.counts.resumed.open).toBe(1);
    expect(list.counts.unlisted.open).toBe(preview.import.unlistedCount);
    expect(list.items.every((f) => f.state === 'open')).toBe(true);
    expect((await flags(office, '?flag=resumed')).items.map((f) => f.accountNo)).toEqual([RESUMED]);
    // The town sees its own; leaders read without acting; another town sees nothing.
    const mine = await flags(clerk, '?pageSize=100');
    expect(mine.total).toBe(list.total);
    expect(mine.items.find((f) => f.accountNo === RESUMED)!.abilities).toEqual({ recur: true, register: false, dismiss: true });
    const read = await flags(leader, '?pageSize=100');
    expect(read.total).toBe(list.total);
    expect(read.items[0].abilities).toEqual({ recur: false, register: false, dismiss: false });
    expect((await flags(otherClerk)).total).toBe(0);
    // On the reviewers' agendas, urgent while a shut site's use rose again.
    const agendaEntry = async (agent: Agent) => ((await agent.get('/api/agenda')).json() as AgendaDto).entries.find((e) => e.kind === 'power_flags_open');
    expect(await agendaEntry(office)).toMatchObject({ count: list.total, urgent: true });
    expect(await agendaEntry(clerk)).toMatchObject({ count: list.total, urgent: true });
    expect(await agendaEntry(otherClerk)).toBeUndefined();
    expect(await agendaEntry(leader)).toBeUndefined();
  });

  it('refuses to confirm the same file for the same town twice (409 conflict); the copy is discarded', async () => {
    const res = await upload(office, fs.readFileSync(XLSX), '再传一次.xlsx');
    expect(res.statusCode, res.body).toBe(201);
    const copy = (res.json() as PowerImportPreviewDto).import;
    const before = (await flags(office)).total;
    const confirm = await office.post(`/api/power-imports/${copy.id}/confirm`, {});
    expect(confirm.statusCode, confirm.body).toBe(409);
    expect(confirm.json().code).toBe('conflict');
    expect(confirm.json().detail).toContain(path.basename(XLSX));
    expect((await flags(office)).total).toBe(before);
    expect((await office.post(`/api/power-imports/${copy.id}/discard`, {})).statusCode).toBe(200);
    const listed = (await office.get('/api/power-imports')).json() as { items: PowerImportDto[]; total: number };
    expect(listed.items.map((i) => i.status)).toEqual(['discarded', 'discarded', 'confirmed']);
    expect((await clerk.get('/api/power-imports')).json().total).toBe(3);
    expect((await otherClerk.get('/api/power-imports')).json().total).toBe(0);
  });

  it('hides a town’s flags and list from another town (404), and refuses its decisions', async () => {
    const f = await flagOf(RESUMED);
    const before = await count('audit_log');
    for (const res of [
      await otherClerk.get(`/api/power-flags/${f.id}`),
      await otherClerk.post(`/api/power-flags/${f.id}/recur`, {}),
      await otherClerk.post(`/api/power-flags/${f.id}/dismiss`, { reason: '不是本镇街的' }),
      await otherClerk.get(`/api/power-imports/${preview.import.id}`),
      await otherClerk.get(`/api/power-imports/${preview.import.id}/rows`),
    ]) {
      expect(res.statusCode, res.body).toBe(404);
      expect(res.json().detail).toMatch(CHINESE);
    }
    expect((await leader.post(`/api/power-flags/${f.id}/dismiss`, { reason: '领导不能排除' })).statusCode).toBe(403);
    expect(await count('audit_log')).toBe(before);
    expect((await flagOf(RESUMED)).state).toBe('open');
  });

  it('refuses a dismissal without a reason or with unknown fields (400), changing nothing', async () => {
    const f = await flagOf(BIG_HOUSEHOLDS[2]);
    const before = await count('audit_log');
    for (const body of [{}, { reason: '' }, { reason: ' ' }, { reason: 5 }, { reason: '热泵取暖', extra: 1 }]) {
      const res = await clerk.post(`/api/power-flags/${f.id}/dismiss`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().detail).toMatch(CHINESE);
    }
    expect(await count('audit_log')).toBe(before);
    expect((await flagOf(BIG_HOUSEHOLDS[2])).state).toBe('open');
  });

  it('recurs the shut site through the workshop’s own recurrence, citing the account and months, once', async () => {
    const f = await flagOf(RESUMED);
    const res = await clerk.post(`/api/power-flags/${f.id}/recur`, { note: '现场核实夜间生产' });
    expect(res.statusCode, res.body).toBe(200);
    const done = res.json() as PowerAccountDto;
    expect(done.state).toBe('recurred');
    expect(done.reviewReason).toContain(RESUMED);
    expect(done.reviewReason).toContain('2016-07');
    const site = (await office.get(`/api/enterprises/${resumedSite.id}`)).json() as EnterpriseDto;
    expect(site.status).toBe('recurred');
    expect(site.statusReason).toContain(RESUMED);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'after']).where('entity_type', '=', 'enterprise').where('entity_id', '=', String(resumedSite.id)).where('action', '=', 'status.recur').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].after as string)).toMatchObject({ status: 'recurred', powerAccountId: f.id, accountNo: RESUMED, itemsReset: true });
    const history = await office.get(`/api/enterprises/${resumedSite.id}/history`);
    expect(history.statusCode).toBe(200);
    expect(history.body).toContain('recurred');
    const again = await clerk.post(`/api/power-flags/${f.id}/recur`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toMatch(CHINESE);
    // A resumed flag is not registered as a new workshop.
    expect((await office.post(`/api/power-flags/${f.id}/register`, { name: '某厂', kind: t.campaign.definition.workshopKinds[0].code })).statusCode).toBe(409);
  });

  it('registers a workshop-sized household account as a workshop found by the power data', async () => {
    const f = await flagOf(BIG_HOUSEHOLDS[0]);
    const kind = t.campaign.definition.workshopKinds[0].code;
    const before = await count('enterprises');
    const bad = await office.post(`/api/power-flags/${f.id}/register`, { name: '', kind });
    expect(bad.statusCode).toBe(400);
    expect(await count('enterprises')).toBe(before);
    let res = await office.post(`/api/power-flags/${f.id}/register`, { name: '李庄村一户多表加工点', kind, address: f.address, contactPerson: f.holder });
    if (res.statusCode === 409 && res.json().code === 'possible_duplicate')
      res = await office.post(`/api/power-flags/${f.id}/register`, { name: '李庄村一户多表加工点', kind, address: f.address, contactPerson: f.holder, confirmedDistinctFrom: res.json().duplicates.map((d: { id: number }) => d.id) });
    expect(res.statusCode, res.body).toBe(201);
    const out = res.json() as PowerRegisterResultDto;
    expect(out.flag.state).toBe('registered');
    expect(out.flag.createdEnterpriseId).toBe(out.enterpriseId);
    const w = (await office.get(`/api/enterprises/${out.enterpriseId}`)).json() as EnterpriseDto;
    expect(w).toMatchObject({ name: '李庄村一户多表加工点', discoverySource: 'power', powerAccount: BIG_HOUSEHOLDS[0], townId });
    expect(w.powerSource).toContain(f.station);
    expect(await count('enterprises')).toBe(before + 1);
    expect((await office.post(`/api/power-flags/${f.id}/register`, { name: '再登记一次', kind })).statusCode).toBe(409);
    expect(await count('enterprises')).toBe(before + 1);
  });

  it('dismisses with a reason, once — two decisions at once end in one 200 and one 409', async () => {
    const f = await flagOf(BIG_HOUSEHOLDS[1]);
    const [a, b] = await Promise.all([
      clerk.post(`/api/power-flags/${f.id}/dismiss`, { reason: '农业灌溉用电，已核实' }),
      office.post(`/api/power-flags/${f.id}/dismiss`, { reason: '冷库用电' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const after = await flagOf(BIG_HOUSEHOLDS[1]);
    expect(after.state).toBe('dismissed');
    expect(['农业灌溉用电，已核实', '冷库用电']).toContain(after.reviewReason);
    const list = await flags(office, '?state=open&pageSize=100');
    expect(list.items.some((x) => x.id === f.id)).toBe(false);
    expect(list.counts.unlisted.dismissed).toBe(1);
    expect(list.counts.unlisted.registered).toBe(1);
    expect(list.counts.resumed.recurred).toBe(1);
  });

  it('a later list of the town supersedes the open flags of the accounts it flags again; decided ones stay', async () => {
    const before = await flags(office, '?state=open&pageSize=100');
    const res = await upload(office, await gbkVariant(), '西集供电所-用电户清单-9月.csv');
    expect(res.statusCode, res.body).toBe(201);
    const later = (res.json() as PowerImportPreviewDto).import;
    const rows = new Map((await allRows(office, later.id)).map((r) => [r.accountNo, r]));
    // The site now recurred is no longer flagged; the registered household matches its new workshop by number.
    expect(rows.get(RESUMED)).toMatchObject({ flag: null, matchReason: 'account' });
    expect(rows.get(BIG_HOUSEHOLDS[0])).toMatchObject({ flag: null, matchReason: 'account' });
    expect(rows.get(BIG_HOUSEHOLDS[1])!.flag).toBe('unlisted');
    expect((await office.post(`/api/power-imports/${later.id}/confirm`, {})).statusCode).toBe(200);
    const after = await flags(office, '?pageSize=100');
    const open = after.items.filter((f) => f.state === 'open');
    expect(open.every((f) => f.importId === later.id)).toBe(true);
    expect(open).toHaveLength(later.unlistedCount + later.resumedCount);
    expect(after.counts.unlisted.superseded).toBe(before.total);
    for (const f of before.items) {
      const old = after.items.find((x) => x.id === f.id)!;
      expect(old.state).toBe('superseded');
      expect(old.reviewReason).toContain('西集供电所-用电户清单-9月.csv');
    }
    // Decisions already taken stay as they were, beside the new open flag.
    const household = after.items.filter((f) => f.accountNo === BIG_HOUSEHOLDS[1]).map((f) => f.state).sort();
    expect(household).toEqual(['dismissed', 'open']);
    expect(after.counts.resumed.recurred).toBe(1);
    expect(after.counts.unlisted.registered).toBe(1);
    // A superseded flag is not decided again.
    expect((await office.post(`/api/power-flags/${before.items[0].id}/dismiss`, { reason: '已由新清单取代' })).statusCode).toBe(409);
  });

  it('refuses hostile query filters (400)', async () => {
    for (const q of ['?state=closed', '?flag=x', '?town=0x1', '?page=0', '?nope=1']) expect((await office.get(`/api/power-flags${q}`)).statusCode, q).toBe(400);
    expect((await office.get(`/api/power-imports/${preview.import.id}/rows?flag=bad`)).statusCode).toBe(400);
  });
});
