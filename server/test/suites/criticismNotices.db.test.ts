// 通报批评 (issue 15 §5): for a town that failed the acceptance, the office drafts the notice from the
// records, edits it, and issues it — numbered in sequence, archived as the .docx it was, never changed
// again — and only then the town, the leaders and discipline see it. Drafts stay with the office and
// the inspection group; other towns never see it.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AcceptanceOverviewDto, DrawDto } from '../../../domain/acceptance.js';
import type { NoticeDto, NoticeListDto } from '../../../domain/criticism.js';
import { addDays, todayInChina } from '../../../domain/time.js';
import { readZipEntries } from '../fixtures/evidenceZip.js';
import { dbUnavailable, setupTestApp, TEST_DB, type Agent, type TestApp } from '../setup/app.js';

describe.skipIf(dbUnavailable())(`criticism notices (${TEST_DB})`, () => {
  let t: TestApp;
  let townA: { id: number; name: string };
  let townB: { id: number; name: string };
  let inspector: Agent;
  let office: Agent;
  let clerkA: Agent;
  let clerkB: Agent;
  let notice: NoticeDto;
  const year = todayInChina().slice(0, 4);
  const rectifyBy = addDays(todayInChina(), 7);
  const rectifyText = `${Number(rectifyBy.slice(0, 4))}年${Number(rectifyBy.slice(5, 7))}月${Number(rectifyBy.slice(8, 10))}日`;

  const docxText = async (agent: Agent, id: number) => {
    const res = await agent.get(`/api/acceptance/notices/${id}/document.docx`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('officedocument.wordprocessingml');
    return { bytes: res.rawPayload, xml: (await readZipEntries(res.rawPayload)).get('word/document.xml')!.toString('utf8') };
  };

  beforeAll(async () => {
    t = await setupTestApp();
    [townA, townB] = t.towns;
    inspector = await t.login('inspector');
    office = await t.login('office');
    clerkA = await t.login('town', townA.name);
    clerkB = await t.login('town', townB.name);
    // Town A: three workshops shut down; the group draws all three, finds one still drawing power, fails the town.
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await t.createWorkshop({ townName: townA.name, name: `通报测试作坊${i + 1}` }));
    await t.ctx.db.updateTable('enterprises').set({ status: 'shut_down' }).where('id', 'in', made.map((w) => w.id)).execute();
    const draw = (await inspector.post('/api/acceptance/draws', { townId: townA.id, sharePercent: 100, minimum: 1 })).json() as DrawDto;
    await inspector.post(`/api/acceptance/draws/${draw.id}/publish`, { version: draw.version });
    const codes = t.campaign.definition.standardItems.map((i) => i.code);
    const checked = await inspector.post(`/api/acceptance/draws/${draw.id}/checks`, {
      enterpriseId: made[0]!.id,
      items: codes.map((code, i) => ({ code, held: i !== 0, note: i === 0 ? '电表仍在计量' : '' })),
      result: { verdict: 'rejected', reasons: ['incomplete'], findings: '私接电源继续生产' },
    });
    expect(checked.statusCode, checked.body).toBe(201);
    expect((await inspector.post(`/api/acceptance/towns/${townA.id}/fail`, { version: 0, reasons: ['incomplete'], findings: '断电不彻底' })).statusCode).toBe(200);
    expect((await inspector.post(`/api/acceptance/towns/${townA.id}/rectify`, { version: 1, rectifyBy, requirements: '彻底断电并拆除线路' })).statusCode).toBe(200);
  });
  afterAll(() => t.close());

  it('drafts the notice of a failed town from the records, and keeps the draft from the town', async () => {
    expect((await clerkA.post('/api/acceptance/notices', { townIds: [townA.id] })).statusCode).toBe(403);
    const notFailed = await office.post('/api/acceptance/notices', { townIds: [townB.id] });
    expect(notFailed.statusCode).toBe(400);
    expect(notFailed.json().detail).toContain('没有被验收不通过');
    expect((await office.post('/api/acceptance/notices', { townIds: [] })).statusCode).toBe(400);
    const res = await office.post('/api/acceptance/notices', { townIds: [townA.id] });
    expect(res.statusCode, res.body).toBe(201);
    notice = res.json() as NoticeDto;
    expect(notice).toMatchObject({ status: 'draft', number: null, towns: [{ id: townA.id, name: townA.name }], abilities: { edit: true, issue: true } });
    expect(notice.title).toContain(townA.name);
    expect(notice.addressees).toBe(t.campaign.definition.addressees);
    for (const text of ['通报批评', '书面说明', '限期整改', '未按要求完成', '通报测试作坊1', '电', rectifyText]) expect(notice.body).toContain(text);
    // The draft: the office and the group; not the town, not another town, not the leaders yet.
    expect(((await clerkA.get('/api/acceptance/notices')).json() as NoticeListDto).items).toEqual([]);
    expect((await clerkA.get(`/api/acceptance/notices/${notice.id}`)).statusCode).toBe(404);
    expect((await (await t.login('leader')).get(`/api/acceptance/notices/${notice.id}`)).statusCode).toBe(404);
    expect((await inspector.get(`/api/acceptance/notices/${notice.id}`)).statusCode).toBe(200);
    // The draft as a Word file: the red mark, the title, and no number yet.
    const { xml } = await docxText(office, notice.id);
    expect(xml).toContain('FF0000');
    expect(xml).toContain(notice.issuerMark);
    expect(xml).toContain('签发后编号');
    expect(xml).toContain('仿宋_GB2312');
  });

  it('edits the draft field by field at the version read', async () => {
    const edit = {
      version: notice.version,
      issuerMark: notice.issuerMark,
      numberPrefix: notice.numberPrefix,
      title: notice.title,
      addressees: notice.addressees,
      body: `${notice.body}\n特此通报。`,
      signature: notice.signature,
      datedOn: notice.datedOn,
      copyTo: '区委办公室，区人大常委会办公室',
      printedBy: notice.printedBy,
      printedOn: notice.printedOn,
    };
    expect((await office.patch(`/api/acceptance/notices/${notice.id}`, { ...edit, numberPrefix: '山土小办发〔2016〕' })).statusCode).toBe(400);
    expect((await office.patch(`/api/acceptance/notices/${notice.id}`, { ...edit, title: '' })).statusCode).toBe(400);
    expect((await office.patch(`/api/acceptance/notices/${notice.id}`, { ...edit, extra: 1 })).statusCode).toBe(400);
    expect((await office.patch(`/api/acceptance/notices/${notice.id}`, { ...edit, version: notice.version + 5 })).statusCode).toBe(409);
    expect((await clerkA.patch(`/api/acceptance/notices/${notice.id}`, edit)).statusCode).toBe(404);
    const res = await office.patch(`/api/acceptance/notices/${notice.id}`, edit);
    expect(res.statusCode, res.body).toBe(200);
    notice = res.json() as NoticeDto;
    expect(notice.body).toContain('特此通报。');
    expect(notice.copyTo).toBe('区委办公室，区人大常委会办公室');
  });

  it('is issued by the office with the next number, archived as it was, and then seen by the town, leaders and discipline', async () => {
    expect((await inspector.post(`/api/acceptance/notices/${notice.id}/issue`, { version: notice.version })).statusCode).toBe(403);
    const res = await office.post(`/api/acceptance/notices/${notice.id}/issue`, { version: notice.version });
    expect(res.statusCode, res.body).toBe(200);
    notice = res.json() as NoticeDto;
    expect(notice).toMatchObject({ status: 'issued', number: `${notice.numberPrefix}〔${year}〕1号`, abilities: { edit: false, issue: false } });
    // The archive copy: what is downloaded is the file whose hash was recorded.
    const { bytes, xml } = await docxText(clerkA, notice.id);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(notice.documentSha256);
    expect(xml).toContain(notice.number!);
    expect(xml).toContain('特此通报。');
    // Never changed again.
    const again = await office.patch(`/api/acceptance/notices/${notice.id}`, { version: notice.version, issuerMark: 'x', numberPrefix: 'x', title: 'x', addressees: 'x', body: 'x', signature: 'x', datedOn: notice.datedOn, printedBy: 'x', printedOn: notice.printedOn });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('已印发归档');
    expect((await office.post(`/api/acceptance/notices/${notice.id}/issue`, { version: notice.version })).statusCode).toBe(409);
    // Who sees it now.
    expect(((await clerkA.get('/api/acceptance/notices')).json() as NoticeListDto).items.map((n) => n.number)).toEqual([notice.number]);
    expect((await (await t.login('discipline')).get(`/api/acceptance/notices/${notice.id}`)).statusCode).toBe(200);
    expect((await (await t.login('leader')).get(`/api/acceptance/notices/${notice.id}`)).statusCode).toBe(200);
    expect((await clerkB.get(`/api/acceptance/notices/${notice.id}`)).statusCode).toBe(404);
    expect((await clerkB.get(`/api/acceptance/notices/${notice.id}/document.docx`)).statusCode).toBe(404);
    // The next notice takes the next number.
    const second = (await office.post('/api/acceptance/notices', { townIds: [townA.id] })).json() as NoticeDto;
    const issued = (await office.post(`/api/acceptance/notices/${second.id}/issue`, { version: second.version })).json() as NoticeDto;
    expect(issued.number).toBe(`${notice.numberPrefix}〔${year}〕2号`);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'after']).where('entity_type', '=', 'criticism_notice').where('entity_id', '=', String(notice.id)).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['notice.draft', 'notice.edit', 'notice.issue']);
    expect(JSON.parse(audit[2]!.after!)).toMatchObject({ number: notice.number, documentSha256: notice.documentSha256 });
  });

  it('sums the acceptance up per town for the leading group, on the page and as a workbook', async () => {
    const leader = await t.login('leader');
    const overview = (await leader.get('/api/acceptance')).json() as AcceptanceOverviewDto;
    const a = overview.towns.find((x) => x.townId === townA.id)!;
    expect(a).toMatchObject({ verdict: 'rectifying', reasons: ['incomplete'], findings: '断电不彻底', rectifyBy, overdue: false, explained: false });
    expect(a.initial).toMatchObject({ sampleCount: 3, checkedCount: 1, failedCount: 1 });
    expect(a.notices).toEqual([`${notice.numberPrefix}〔${year}〕1号`, `${notice.numberPrefix}〔${year}〕2号`].reverse());
    expect(overview.canExport).toBe(true);
    const res = await leader.get('/api/acceptance/results.xlsx');
    expect(res.statusCode, res.body).toBe(200);
    const sheet = (await readZipEntries(res.rawPayload)).get('xl/worksheets/sheet1.xml')!.toString('utf8');
    for (const text of ['验收结果汇总表', townA.name, '限期整改中', '未按要求完成', '3 / 1 / 1', rectifyText, '未提交', `〔${year}〕1号`]) expect(sheet).toContain(text);
    expect((await clerkA.get('/api/acceptance/results.xlsx')).statusCode).toBe(403);
    expect(((await clerkA.get('/api/acceptance')).json() as AcceptanceOverviewDto).canExport).toBe(false);
  });
});
