// Import of a town's task table (附件2) from the shared fixtures: upload → preview → confirm.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../audit/verify.js';
import { removeStaleImports } from '../../commands/removeStaleImports.js';
import { packageRoot } from '../../paths.js';
import { workshopNameKey } from '../../../domain/duplicates.js';
import { dbUnavailable, setupTestApp, TEST_DB, type Agent, type TestApp } from '../setup/app.js';
import { multipart } from '../fixtures/multipart.js';

const FIXTURES = path.join(packageRoot(), '..', 'shared', 'fixtures');
const XLSX = path.join(FIXTURES, '西集镇-任务表.xlsx');
const CSV = path.join(FIXTURES, '西集镇-任务表-GBK.csv');
const haveFixtures = fs.existsSync(XLSX) && fs.existsSync(CSV);
if (!haveFixtures) console.warn(`imports.db.test: fixtures not found in ${FIXTURES} — the import suite is skipped`);

const TOWN = '西集镇';
const VILLAGES = ['李庄村', '王庄村', '后峪村', '东洼村', '西集村', '南石村', '北岭村'];

interface PreviewRow { rowNo: number; seqNo: string | null; values: Record<string, string>; errors: { field: string; message: string }[] }
interface Preview { id: number; fileName: string; rowCount: number; errorCount: number; columns: { index: number; header: string; field: string | null }[]; rows: PreviewRow[] }


describe.skipIf(dbUnavailable() || !haveFixtures)(`task table import (${TEST_DB})`, () => {
  let t: TestApp;
  let town: Agent;
  let townId: number;

  const upload = async (agent: Agent, file: string, name = path.basename(file), id: number = townId) => {
    const body = multipart({ townId: String(id) }, { name, content: fs.readFileSync(file) });
    return t.app.inject({ method: 'POST', url: '/api/imports', headers: { cookie: agent.cookie, 'content-type': body.contentType }, payload: body.payload });
  };
  const count = async () => Number((await t.ctx.db.selectFrom('enterprises').select((eb) => eb.fn.countAll().as('n')).where('town_id', '=', townId).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    t = await setupTestApp();
    townId = t.towns.find((x) => x.name === TOWN)!.id;
    for (const v of VILLAGES) await t.village(TOWN, v);
    town = await t.login('town', TOWN);
  });
  afterAll(() => t.close());

  const expectFourMistakes = (p: Preview) => {
    expect(p.rowCount).toBe(41);
    expect(p.errorCount).toBe(4);
    const bad = p.rows.filter((r) => r.errors.length > 0);
    expect(bad.map((r) => r.seqNo)).toEqual(['7', '10', '16', '21']);
    const [noName, badPhone, repeat, noVillage] = bad;
    expect(noName.errors).toEqual([{ field: 'name', message: '请填写企业名称' }]);
    expect(badPhone.errors).toHaveLength(1);
    expect(badPhone.errors[0].field).toBe('phone');
    expect(badPhone.errors[0].message).toContain('电话号码格式不正确');
    expect(repeat.errors).toHaveLength(1);
    expect(repeat.errors[0].field).toBe('name');
    expect(repeat.errors[0].message).toContain('序号 15');
    expect(noVillage.errors).toEqual([{ field: 'villageId', message: '村居“不存在村”不在本镇街' }]);
  };

  it('previews the xlsx: header found under the title rows, columns mapped, exactly the four mistakes, nothing written', async () => {
    const res = await upload(town, XLSX);
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json() as Preview;
    expect(p.fileName).toBe('西集镇-任务表.xlsx');
    expect(p.columns.map((c) => [c.header, c.field])).toEqual([['序  号', 'seqNo'], ['企业名称', 'name'], ['企业位置', 'address'], ['联系电话', 'phone'], ['备  注', 'notes']]);
    expectFourMistakes(p);
    // Sheet rows: title, 填报单位, header, then 序号 1 on row 4.
    const bySeq = new Map(p.rows.map((r) => [r.seqNo, r]));
    expect(bySeq.get('1')!.rowNo).toBe(4);
    expect(bySeq.get('7')!.rowNo).toBe(10);
    expect(bySeq.get('1')!.values.village).toBe('后峪村');
    expect(bySeq.get('7')!.values.village).toBe('李庄村');
    expect(bySeq.get('7')!.values.phone).toBe('13272216141'); // full-width digits
    expect(bySeq.get('5')!.values.phone).toBe('13696602106'); // spaces
    expect(bySeq.get('3')!.values.phone).toBe('0632-8950084'); // landline
    expect(p.rows.filter((r) => r.values.village).length).toBe(40);
    expect(p.rows.some((r) => (r.values.name ?? '').includes('签字'))).toBe(false);
    expect(await count()).toBe(0);
  });

  it('previews the GBK CSV the same way (line numbers as rows)', async () => {
    const res = await upload(town, CSV);
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json() as Preview;
    expectFourMistakes(p);
    expect(p.rows.find((r) => r.seqNo === '7')!.rowNo).toBe(8);
    expect(p.rows.find((r) => r.seqNo === '1')!.values.name).toBe('赵某某塑料再生加工作坊');
    expect(await count()).toBe(0);
  });

  it('pages the staged rows and filters to the rows with errors', async () => {
    const p = (await upload(town, XLSX)).json() as Preview;
    const page = await town.get(`/api/imports/${p.id}/rows?onlyErrors=true&pageSize=2&page=2`);
    expect(page.statusCode, page.body).toBe(200);
    const body = page.json() as { items: PreviewRow[]; total: number };
    expect(body.total).toBe(4);
    expect(body.items.map((r) => r.seqNo)).toEqual(['16', '21']);
    const one = await town.get(`/api/imports/${p.id}`);
    expect(one.json()).toMatchObject({ status: 'preview', rowCount: 41, errorCount: 4, townName: TOWN });
    expect((one.json() as { fileSha256: string }).fileSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses to confirm while rows have errors, and writes nothing', async () => {
    const p = (await upload(town, XLSX)).json() as Preview;
    const res = await town.post(`/api/imports/${p.id}/confirm`, {});
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect((res.json() as { detail: string }).detail).toContain('4 行存在错误');
    expect(await count()).toBe(0);
    expect((await town.get(`/api/imports/${p.id}`)).json()).toMatchObject({ status: 'preview' });
  });

  it('keeps another town out: no import into it, 404 on its imports', async () => {
    const other = t.towns.find((x) => x.name !== TOWN)!;
    const otherUser = await t.login('town', other.name);
    const res = await upload(town, XLSX, undefined, other.id);
    expect(res.statusCode).toBe(403);
    const p = (await upload(town, XLSX)).json() as Preview;
    expect((await otherUser.get(`/api/imports/${p.id}`)).statusCode).toBe(404);
    expect((await otherUser.get(`/api/imports/${p.id}/rows`)).statusCode).toBe(404);
    expect((await otherUser.post(`/api/imports/${p.id}/confirm`, { skipErrorRows: true })).statusCode).toBe(404);
    const list = (await otherUser.get('/api/imports')).json() as { items: { id: number }[] };
    expect(list.items.some((i) => i.id === p.id)).toBe(false);
    const village = await t.login('village', `${TOWN}/李庄村`);
    expect((await village.get(`/api/imports/${p.id}`)).statusCode).toBe(404);
    expect(await count()).toBe(0);
  });

  it('refuses bad files with Chinese problems and stores nothing', async () => {
    const before = Number((await t.ctx.db.selectFrom('imports' as never).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const send = (name: string, content: Buffer) => {
      const body = multipart({ townId: String(townId) }, { name, content });
      return t.app.inject({ method: 'POST', url: '/api/imports', headers: { cookie: town.cookie, 'content-type': body.contentType }, payload: body.payload });
    };
    const pdf = await send('任务表.pdf', Buffer.from('%PDF-1.4'));
    expect(pdf.statusCode).toBe(400);
    expect((pdf.json() as { detail: string }).detail).toContain('.xlsx');
    const empty = await send('任务表.csv', Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    expect((empty.json() as { detail: string }).detail).toContain('空');
    const noHeader = await send('任务表.csv', Buffer.from('甲,乙,丙\r\n1,2,3\r\n'));
    expect(noHeader.statusCode).toBe(400);
    expect((noHeader.json() as { detail: string }).detail).toContain('表头');
    const fake = await send('任务表.xlsx', Buffer.from('not a zip'));
    expect(fake.statusCode).toBe(400);
    const json = await town.post('/api/imports', { townId });
    expect(json.statusCode).toBe(415);
    const huge = await send('任务表.csv', Buffer.alloc(50 * 1024 * 1024 + 1, 0x41));
    expect(huge.statusCode).toBe(413);
    expect(huge.headers['content-type']).toContain('application/problem+json');
    expect((huge.json() as { detail: string }).detail).toContain('50 MB');
    const noTown = multipart({}, { name: '任务表.csv', content: fs.readFileSync(CSV) });
    const noTownRes = await t.app.inject({ method: 'POST', url: '/api/imports', headers: { cookie: town.cookie, 'content-type': noTown.contentType }, payload: noTown.payload });
    expect(noTownRes.statusCode).toBe(400);
    const after = Number((await t.ctx.db.selectFrom('imports' as never).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(after).toBe(before);
  });

  it('confirms with skipErrorRows: exactly the valid rows become workshops, audited, in the right villages', async () => {
    const p = (await upload(town, CSV)).json() as Preview;
    const res = await town.post(`/api/imports/${p.id}/confirm`, { skipErrorRows: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'confirmed', imported: 37, skipped: 4 });
    expect(await count()).toBe(37);
    const rows = await t.ctx.db.selectFrom('enterprises').leftJoin('org_units as v', 'v.id', 'enterprises.village_id').select(['enterprises.name', 'enterprises.phone', 'v.name as village']).where('enterprises.town_id', '=', townId).execute();
    expect(rows.every((r) => r.village && VILLAGES.includes(r.village))).toBe(true);
    expect(rows.some((r) => r.phone === '13272216141')).toBe(false); // row 7 (no name) skipped
    expect(rows.find((r) => r.name === '李某某塑料颗粒加工点' && r.phone === '13696602106')).toBeTruthy();
    const audits = await t.ctx.db.selectFrom('audit_log').select(['action', 'after']).where('action', 'in', ['enterprise.create', 'import.confirm']).execute();
    const fromImport = audits.filter((a) => a.action === 'enterprise.create' && (JSON.parse(a.after ?? '{}') as { importId?: number }).importId === p.id);
    expect(fromImport).toHaveLength(37);
    expect(audits.filter((a) => a.action === 'import.confirm')).toHaveLength(1);
    // Each workshop's record names its sheet row; the import's record carries the hash of all staged rows.
    expect(JSON.parse(fromImport[0].after!)).toEqual({ name: expect.any(String), importId: p.id, importRow: expect.any(Number) });
    const staged = await t.ctx.db.selectFrom('import_rows').select(['row_no', 'data']).where('import_id', '=', p.id).orderBy('row_no').execute();
    const rowsSha256 = createHash('sha256').update(staged.map((r) => `${r.row_no}\n${r.data}\n`).join('')).digest('hex');
    expect(JSON.parse(audits.find((a) => a.action === 'import.confirm')!.after!)).toMatchObject({ rowsSha256, imported: 37 });
    // Twice is refused; a second upload finds the register's copies: each valid row awaits a decision.
    expect((await town.post(`/api/imports/${p.id}/confirm`, { skipErrorRows: true })).statusCode).toBe(409);
    const again = (await upload(town, XLSX)).json() as Preview & { duplicateCount: number };
    expect(again.errorCount).toBe(4);
    expect(again.duplicateCount).toBe(37);
    const refused = await town.post(`/api/imports/${again.id}/confirm`, { skipErrorRows: true });
    expect(refused.statusCode).toBe(409);
    expect((refused.json() as { detail: string }).detail).toContain('37 行与台账中已有的企业疑似重复');
    const list = (await town.get('/api/imports')).json() as { items: { id: number; status: string; fileName: string; userName: string }[] };
    expect(list.items.find((i) => i.id === p.id)).toMatchObject({ status: 'confirmed', fileName: '西集镇-任务表-GBK.csv' });
  });

  it('reads a UTF-8 CSV with BOM and a 联系人 column, and confirms a clean file without skipping', async () => {
    const dir = fs.mkdtempSync(path.join(packageRoot(), 'node_modules', '.qudi-import-test-'));
    try {
      const file = path.join(dir, '补报.csv');
      fs.writeFileSync(file, '\uFEFF序号,企业名称,企业位置,联系人,联系电话,企业类型\n1,王庄村新洗选点,王庄村村南50米,王五,１３９ ０６３２ ０００１,小洗选\n2,北岭村颗粒加工点,西集镇北岭村村西,赵六,0632 7654321,\n');
      const res = await upload(town, file);
      expect(res.statusCode, res.body).toBe(201);
      const p = res.json() as Preview;
      expect(p.errorCount).toBe(0);
      expect(p.columns.find((c) => c.header === '联系人')!.field).toBe('contactPerson');
      const before = await count();
      const ok = await town.post(`/api/imports/${p.id}/confirm`, {});
      expect(ok.statusCode, ok.body).toBe(200);
      expect(await count()).toBe(before + 2);
      const e = await t.ctx.db.selectFrom('enterprises').selectAll().where('name', '=', '王庄村新洗选点').executeTakeFirstOrThrow();
      expect(e).toMatchObject({ phone: '13906320001', contact_person: '王五', kind: 'washing' });
      const e2 = await t.ctx.db.selectFrom('enterprises').selectAll().where('name', '=', '北岭村颗粒加工点').executeTakeFirstOrThrow();
      expect(e2).toMatchObject({ phone: '0632-7654321', kind: 'pellet' });
      // The same register row as the form would write: state, name key, village path, provenance, items.
      const village = await t.ctx.db.selectFrom('org_units').select(['id', 'path']).where('name', '=', '王庄村').executeTakeFirstOrThrow();
      expect(e).toMatchObject({
        status: 'surveyed', items_done: 0, version: 1, created_by: town.userId, village_id: village.id, org_path: village.path,
        name_key: workshopNameKey('王庄村新洗选点'), import_id: p.id, import_row: 2, lng: null, lat: null, licence_business: 'unknown', notes: '',
      });
      const items = await t.ctx.db.selectFrom('enterprise_items').select(['item_code', 'state']).where('enterprise_id', '=', e.id).execute();
      expect(items.map((i) => i.item_code).sort()).toEqual(t.campaign.definition.standardItems.map((i) => i.code).sort());
      expect(items.every((i) => i.state === 'pending')).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads a town whose village starts its name (桑村镇, 桑村) and the choice columns as towns write them', async () => {
    const dir = fs.mkdtempSync(path.join(packageRoot(), 'node_modules', '.qudi-import-test-'));
    try {
      const other = t.towns.find((x) => x.name === '桑村镇')!;
      await t.village('桑村镇', '桑村');
      await t.village('桑村镇', '东桑村');
      const agent = await t.login('town', '桑村镇');
      const file = path.join(dir, '桑村镇.csv');
      fs.writeFileSync(
        file,
        '序号,企业名称,企业位置,联系电话,生产状况,营业执照,环评手续,发现途径\n' +
          '1,桑村石料加工点,桑村镇桑村村北,13900000101,停产,有,办理中,举报\n' +
          '2,不存在村洗选点,桑村镇不存在村村东,13900000102,在产,无,无,摸排\n' +
          '3,东桑村颗粒加工点,桑村镇东桑村南,13900000103,半停半开,有,有,\n' +
          '4,桑村砖窑,桑村镇桑村西,13900000104,已关停,无,不详,\n',
      );
      const res = await upload(agent, file, undefined, other.id);
      expect(res.statusCode, res.body).toBe(201);
      const p = res.json() as Preview;
      expect(p.errorCount).toBe(2);
      const [first, unknownVillage, unknownStatus, fourth] = p.rows;
      expect(first.errors).toEqual([]);
      expect(first.values.village).toBe('桑村');
      expect(unknownVillage.errors).toEqual([{ field: 'villageId', message: '村居“不存在村”不在本镇街' }]);
      expect(unknownVillage.values.village).toBeUndefined();
      expect(unknownStatus.values.village).toBe('东桑村');
      expect(unknownStatus.errors).toEqual([{ field: 'productionStatus', message: '生产状况“半停半开”无法识别，应为：生产中、间歇生产、已停产' }]);
      expect(fourth.errors).toEqual([]);
      const ok = await agent.post(`/api/imports/${p.id}/confirm`, { skipErrorRows: true });
      expect(ok.statusCode, ok.body).toBe(200);
      const rows = await t.ctx.db.selectFrom('enterprises').select(['name', 'production_status', 'licence_business', 'licence_eia', 'discovery_source']).where('import_id', '=', p.id).orderBy('import_row').execute();
      expect(rows).toEqual([
        { name: '桑村石料加工点', production_status: 'stopped', licence_business: 'held', licence_eia: 'absent', discovery_source: 'tip' },
        { name: '桑村砖窑', production_status: 'stopped', licence_business: 'absent', licence_eia: 'unknown', discovery_source: 'survey' },
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('maps a value the table cannot tell for every row at once in the preview, checks those rows again, and audits it', async () => {
    const dir = fs.mkdtempSync(path.join(packageRoot(), 'node_modules', '.qudi-import-test-'));
    try {
      const file = path.join(dir, '补报3.csv');
      fs.writeFileSync(
        file,
        '序号,企业名称,企业位置,联系电话,生产状况,环评手续\n' +
          '1,南石村甲石料点,南石村村东,13900000201,半停半开,有\n' +
          '2,南石村乙石料点,南石村村西,1234,半停半开,有\n' +
          '3,南石村丙石料点,南石村村南,13900000203, 半停半开 ,在审批\n' +
          '4,南石村丁石料点,南石村村北,13900000204,停产,无\n',
      );
      const p = (await upload(town, file)).json() as Preview;
      expect(p.errorCount).toBe(3);
      const url = `/api/imports/${p.id}/value-mappings`;
      // Bad requests say what is wrong and change nothing.
      expect((await town.post(url, { field: 'productionStatus', from: '半停半开', to: 'sometimes' })).json()).toMatchObject({ status: 400 });
      expect((await town.post(url, { field: 'productionStatus', from: '停产', to: 'producing' })).json()).toMatchObject({ status: 400, detail: '“停产”已能识别，无需对应' });
      expect((await town.post(url, { field: 'productionStatus', from: '不在表里', to: 'producing' })).statusCode).toBe(400);
      expect((await town.post(url, { field: 'name', from: '半停半开', to: 'producing' })).statusCode).toBe(400);
      const outsider = await t.login('town', '桑村镇');
      expect((await outsider.post(url, { field: 'productionStatus', from: '半停半开', to: 'intermittent' })).statusCode).toBe(404);
      expect((await town.get(`/api/imports/${p.id}`)).json()).toMatchObject({ errorCount: 3 });

      const res = await town.post(url, { field: 'productionStatus', from: '半停半开', to: 'intermittent' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ changed: 3, errorCount: 2, duplicateCount: 0 });
      const rows = ((await town.get(`/api/imports/${p.id}/rows`)).json() as { items: PreviewRow[] }).items;
      expect(rows.map((r) => r.errors.map((e) => e.field))).toEqual([[], ['phone'], ['licenceEia'], []]);
      expect(rows[2].errors[0].message).toBe('环评手续“在审批”无法识别，应为：未核实、有、无');
      // The second unknown value of row 3: mapped too, the row keeps the first mapping.
      const again = await town.post(url, { field: 'licenceEia', from: '在审批', to: 'absent' });
      expect(again.json()).toEqual({ changed: 1, errorCount: 1, duplicateCount: 0 });
      const audit = await t.ctx.db.selectFrom('audit_log').select(['after']).where('action', '=', 'import.mapValue').where('entity_id', '=', String(p.id)).orderBy('id').execute();
      expect(audit.map((a) => JSON.parse(String(a.after)))).toEqual([
        { field: 'productionStatus', from: '半停半开', to: 'intermittent', rows: 3 },
        { field: 'licenceEia', from: '在审批', to: 'absent', rows: 1 },
      ]);
      const ok = await town.post(`/api/imports/${p.id}/confirm`, { skipErrorRows: true });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({ imported: 3, skipped: 1 });
      const written = await t.ctx.db.selectFrom('enterprises').select(['name', 'production_status', 'licence_eia']).where('import_id', '=', p.id).orderBy('import_row').execute();
      expect(written).toEqual([
        { name: '南石村甲石料点', production_status: 'intermittent', licence_eia: 'held' },
        { name: '南石村丙石料点', production_status: 'intermittent', licence_eia: 'absent' },
        { name: '南石村丁石料点', production_status: 'stopped', licence_eia: 'absent' },
      ]);
      expect((await town.post(url, { field: 'productionStatus', from: '半停半开', to: 'producing' })).statusCode).toBe(409);
      expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to confirm a row registered by hand since the preview, and rolls back the whole import', async () => {
    const dir = fs.mkdtempSync(path.join(packageRoot(), 'node_modules', '.qudi-import-test-'));
    try {
      const file = path.join(dir, '补报2.csv');
      fs.writeFileSync(file, '序号,企业名称,企业位置,联系电话\n1,后峪村甲洗选点,后峪村村口,13900000001\n2,后峪村乙洗选点,后峪村村口,13900000002\n');
      const p = (await upload(town, file)).json() as Preview;
      expect(p.errorCount).toBe(0);
      const before = await count();
      const byHand = await town.post('/api/enterprises', { name: '后峪村乙洗选点', kind: t.campaign.definition.workshopKinds[0].code, townId });
      expect(byHand.statusCode).toBe(201);
      const res = await town.post(`/api/imports/${p.id}/confirm`, {});
      expect(res.statusCode).toBe(409);
      expect((res.json() as { detail: string }).detail).toContain('后峪村乙洗选点');
      expect(await count()).toBe(before + 1); // the hand-registered one only: row 1 was rolled back
      expect((await town.get(`/api/imports/${p.id}`)).json()).toMatchObject({ status: 'preview' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to confirm a row that a workshop edited since the preview now looks like', async () => {
    const dir = fs.mkdtempSync(path.join(packageRoot(), 'node_modules', '.qudi-import-test-'));
    try {
      const kind = t.campaign.definition.workshopKinds[0].code;
      const w = (await town.post('/api/enterprises', { name: '南石村己石材作坊', kind, townId, phone: '13900000301' })).json() as { id: number; version: number };
      const file = path.join(dir, '补报4.csv');
      fs.writeFileSync(file, '序号,企业名称,企业位置,联系电话\n1,南石村庚塑料加工点,南石村村东,13900000302\n');
      const p = (await upload(town, file)).json() as Preview & { duplicateCount: number };
      expect(p.errorCount).toBe(0);
      expect(p.duplicateCount).toBe(0);
      // After the preview the registered workshop's phone is corrected to the row's: the row now looks like it.
      expect((await town.patch(`/api/enterprises/${w.id}`, { version: w.version, phone: '13900000302' })).statusCode).toBe(200);
      const before = await count();
      const res = await town.post(`/api/imports/${p.id}/confirm`, {});
      expect(res.statusCode).toBe(409);
      expect((res.json() as { detail: string }).detail).toContain('南石村己石材作坊');
      expect(await count()).toBe(before);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a row that a workshop moved into the town since the preview looks like, even when another moved out', async () => {
    const dir = fs.mkdtempSync(path.join(packageRoot(), 'node_modules', '.qudi-import-test-'));
    try {
      const office = await t.login('office');
      const kind = t.campaign.definition.workshopKinds[0].code;
      const otherTownId = t.towns.find((x) => x.name !== TOWN)!.id;
      const create = async (townId: number, name: string, phone: string) =>
        (await office.post('/api/enterprises', { name, kind, townId, phone })).json() as { id: number; version: number };
      const leaving = await create(townId, '北岭村辛加工点', '13900000401');
      const arriving = await create(otherTownId, '外镇壬洗选点', '13900000402');
      await create(townId, '北岭村癸作坊', '13900000403'); // the town's newest workshop stays put
      const edited = (await office.patch(`/api/enterprises/${leaving.id}`, { version: leaving.version, notes: '已核实' })).json() as { version: number };
      const file = path.join(dir, '补报5.csv');
      fs.writeFileSync(file, '序号,企业名称,企业位置,联系电话\n1,北岭村子洗选点,北岭村村南,13900000402\n');
      const p = (await upload(town, file)).json() as Preview & { duplicateCount: number };
      expect(p.duplicateCount).toBe(0);
      // One workshop leaves (version 2 → 3) and one with the row's phone arrives (1 → 2): the town
      // keeps its count, its highest id and its sum of versions, but not its workshops.
      expect((await office.patch(`/api/enterprises/${leaving.id}`, { version: edited.version, townId: otherTownId })).statusCode).toBe(200);
      expect((await office.patch(`/api/enterprises/${arriving.id}`, { version: arriving.version, townId })).statusCode).toBe(200);
      const res = await town.post(`/api/imports/${p.id}/confirm`, {});
      expect(res.statusCode).toBe(409);
      expect((res.json() as { detail: string }).detail).toContain('外镇壬洗选点');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rows that look like registered workshops: the user links each as the same site or imports it as different, and both are recorded', async () => {
    const dir = fs.mkdtempSync(path.join(packageRoot(), 'node_modules', '.qudi-import-test-'));
    try {
      const kind = t.campaign.definition.workshopKinds[0].code;
      const a = (await town.post('/api/enterprises', { name: '东洼村丙塑料加工厂', kind, townId, phone: '13900000101' })).json() as { id: number };
      const b = (await town.post('/api/enterprises', { name: '东洼村丁洗选点', kind, townId, phone: '13900000102' })).json() as { id: number };
      const file = path.join(dir, '补报3.csv');
      // Row 2: the same phone as a; row 3: the same name key as b (加工点/厂 suffixes aside), other phone; row 4: new.
      fs.writeFileSync(file, '序号,企业名称,企业位置,联系电话\n1,东洼村丙塑料加工点,东洼村村东,13900000101\n2,东洼村丁洗选厂,东洼村村西,13900000199\n3,东洼村戊石材作坊,东洼村村北,13900000103\n');
      const p = (await upload(town, file)).json() as Preview & { duplicateCount: number; rows: (PreviewRow & { matches: { id: number; name: string; reasons: string[] }[] })[] };
      expect(p.errorCount).toBe(0);
      expect(p.duplicateCount).toBe(2);
      expect(p.rows[0].matches).toEqual([{ id: a.id, name: '东洼村丙塑料加工厂', reasons: ['phone', 'name'] }]);
      expect(p.rows[1].matches).toEqual([{ id: b.id, name: '东洼村丁洗选点', reasons: ['name'] }]);
      expect(p.rows[2].matches).toEqual([]);
      const undecided = (await town.get(`/api/imports/${p.id}/rows?filter=undecided`)).json() as { total: number };
      expect(undecided.total).toBe(2);

      const before = await count();
      expect((await town.post(`/api/imports/${p.id}/confirm`, {})).statusCode).toBe(409);
      // A row without matches cannot be decided; a link must name one of the row's matches.
      const noMatch = await town.post(`/api/imports/${p.id}/decisions`, { rowNos: [p.rows[2].rowNo], decision: 'different' });
      expect(noMatch.statusCode).toBe(400);
      expect((noMatch.json() as { detail: string }).detail).toContain('没有疑似重复');
      const wrongLink = await town.post(`/api/imports/${p.id}/decisions`, { rowNos: [p.rows[0].rowNo], decision: 'same', enterpriseId: b.id });
      expect(wrongLink.statusCode).toBe(400);
      const unknownField = await town.post(`/api/imports/${p.id}/decisions`, { rowNos: [p.rows[0].rowNo], decision: 'same', note: 'x' });
      expect(unknownField.statusCode).toBe(400);
      const other = await t.login('town', t.towns.find((x) => x.name !== TOWN)!.name);
      expect((await other.post(`/api/imports/${p.id}/decisions`, { rowNos: [p.rows[0].rowNo], decision: 'same' })).statusCode).toBe(404);

      const same = await town.post(`/api/imports/${p.id}/decisions`, { rowNos: [p.rows[0].rowNo], decision: 'same' });
      expect(same.json()).toEqual({ decided: 1, undecided: 1 });
      expect((await town.post(`/api/imports/${p.id}/decisions`, { rowNos: [p.rows[1].rowNo], decision: 'different' })).json()).toEqual({ decided: 1, undecided: 0 });
      const rows = (await town.get(`/api/imports/${p.id}/rows?filter=duplicates`)).json() as { items: { rowNo: number; decision: string; linkedId: number | null }[] };
      expect(rows.items.map((r) => [r.decision, r.linkedId])).toEqual([['same', a.id], ['different', null]]);

      const ok = await town.post(`/api/imports/${p.id}/confirm`, {});
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({ imported: 2, linked: 1, skipped: 0 });
      expect(await count()).toBe(before + 2);
      const audits = await t.ctx.db.selectFrom('audit_log').select(['action', 'entity_id', 'after']).where('action', 'in', ['enterprise.import_linked', 'enterprise.create', 'import.decide']).orderBy('id').execute();
      const linked = audits.filter((x) => x.action === 'enterprise.import_linked');
      expect(linked).toHaveLength(1);
      expect(linked[0].entity_id).toBe(String(a.id));
      expect(JSON.parse(linked[0].after!)).toMatchObject({ importId: p.id, importRow: p.rows[0].rowNo });
      const distinct = audits.filter((x) => x.action === 'enterprise.create' && (JSON.parse(x.after ?? '{}') as { importId?: number }).importId === p.id);
      expect(distinct.map((x) => (JSON.parse(x.after!) as { confirmedDistinctFrom?: number[] }).confirmedDistinctFrom)).toEqual([[b.id], undefined]);
      expect(audits.filter((x) => x.action === 'import.decide')).toHaveLength(2);
      // The import's records joined the hash chain intact.
      expect(await verifyAuditChain(t.ctx.db)).toMatchObject({ ok: true, break: null });
      // Decisions are closed once confirmed.
      expect((await town.post(`/api/imports/${p.id}/decisions`, { rowNos: [p.rows[1].rowNo], decision: 'same' })).statusCode).toBe(409);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('removes uploads a stopped server left half-staged, and only those', async () => {
    const idb = t.ctx.db;
    const stage = async (createdAt: string) =>
      (await idb.insertInto('imports').values({ town_id: townId, user_id: town.userId, file_name: 'x.csv', file_sha256: 'x', row_count: 0, error_count: 0, columns: '[]', status: 'staging', created_at: createdAt, confirmed_at: null }).returning('id').executeTakeFirstOrThrow()).id;
    const old = await stage(new Date(Date.now() - 2 * 3600_000).toISOString());
    const fresh = await stage(new Date().toISOString());
    await idb.insertInto('import_rows').values({ import_id: old, row_no: 1, seq_no: null, data: '{}', errors: '[]', has_errors: 0, matches: null, decision: null, linked_id: null }).execute();
    expect(await removeStaleImports(t.ctx)).toBe(1);
    const left = await idb.selectFrom('imports').select('id').where('id', 'in', [old, fresh]).execute();
    expect(left.map((r) => r.id)).toEqual([fresh]);
    expect(await idb.selectFrom('import_rows').select('row_no').where('import_id', '=', old).execute()).toEqual([]);
  });
});
