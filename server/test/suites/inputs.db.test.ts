// Hostile input on every kind of id-taking route, on both databases: ids past what the databases
// hold (PostgreSQL's `integer` once answered 500 for them), numbers written as text or in arrays
// in JSON bodies, and ids in URLs that are not plain digits (0x10, 1e3). Each is answered 404 (a
// path id no record can have) or 400 (with the field and a Chinese message), and nothing is written.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tusMetadata } from '../factories/evidence.js';
import { evidenceJpeg } from '../fixtures/images.js';
import { multipart } from '../fixtures/multipart.js';
import { dbUnavailable, setupTestApp, TEST_DB, type Agent, type TestApp } from '../setup/app.js';

const CHINESE = /[\u4e00-\u9fff]/;
/** One past the largest id both databases hold (PostgreSQL `integer`: 2147483647). */
const TOO_BIG = 2 ** 31;

/** Tables a hostile request could write to, and the versions of the records it could change. */
const TABLES = [
  'enterprises', 'enterprise_items', 'verdicts', 'audit_log', 'town_reports', 'town_leading_members', 'publicity_events',
  'self_policies', 'discipline_clues', 'attachments', 'imports', 'import_rows', 'uploads', 'org_units', 'workshop_remarks', 'webhooks',
  'accountability_actions',
] as const;

interface Problem { status: number; code: string; detail: string; errors?: { path: string; message: string }[] }

describe.skipIf(dbUnavailable())(`hostile ids and numbers (${TEST_DB})`, () => {
  let t: TestApp;
  let office: Agent;
  let town: { id: number; name: string };
  let kind: string;
  let villageId: number;
  let workshop: { id: number; version: number };
  let policy: { id: number };
  let clue: { id: number };
  let importId: number;
  let duplicateRow: { rowNo: number; matchId: number };
  let seq = 0;
  /** Names unlike each other and the workshop's, so that no new workshop looks like a duplicate. */
  const NAMES = ['东山石材厂', '西河洗煤点', '南岭铸造坊', '北坡酿酒坊', '中桥砖瓦窑', '前湾废塑料站', '后营炼油点', '上庄石灰窑', '下洼电镀坊', '左岸制革点'];
  const newName = () => NAMES[seq++ % NAMES.length] + String(seq);

  const snapshot = async () => {
    const db = t.ctx.db;
    const counts: Record<string, number> = {};
    for (const table of TABLES) counts[table] = Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    return {
      counts,
      enterprises: await db.selectFrom('enterprises').select(['id', 'version', 'town_id', 'village_id', 'notes']).orderBy('id').execute(),
      policies: await db.selectFrom('self_policies').select(['id', 'version']).orderBy('id').execute(),
      clues: await db.selectFrom('discipline_clues').select(['id', 'version']).orderBy('id').execute(),
      rows: await db.selectFrom('import_rows').select(['import_id', 'row_no', 'decision', 'linked_id']).orderBy('import_id').orderBy('row_no').execute(),
    };
  };
  /** Runs `hostile` and checks that it left every table as it was. */
  const writesNothing = async (hostile: () => Promise<void>) => {
    const before = await snapshot();
    await hostile();
    expect(await snapshot()).toEqual(before);
  };

  const send = (method: string, url: string, body?: unknown) =>
    t.app.inject({
      method: method as 'GET',
      url,
      headers: { cookie: office.cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
  const problem = (res: LightMyRequestResponse) => res.json() as Problem;

  /** A 400 that names `field` with a Chinese message; answers that message. */
  const refused = (res: LightMyRequestResponse, field: string, what: string): string => {
    expect(res.statusCode, `${what}: ${res.body}`).toBe(400);
    const p = problem(res);
    expect(p.code).toBe('validation_failed');
    expect(p.detail, what).toMatch(CHINESE);
    const error = p.errors?.find((e) => e.path === field);
    expect(error, `${what}: no error on ${field} in ${res.body}`).toBeDefined();
    expect(error!.message, what).toMatch(CHINESE);
    return error!.message;
  };

  beforeAll(async () => {
    t = await setupTestApp();
    office = await t.login('office', undefined, { director: true });
    town = t.towns[1];
    kind = t.campaign.definition.workshopKinds[0].code;
    villageId = await t.village(town.name, '输入测试村');
    workshop = await t.createWorkshop({ townName: town.name, name: '输入测试塑料颗粒厂', phone: '13900000901' });
    await t.addEvidence(workshop.id);
    const p = await office.post('/api/self-inspection/policies', { townId: town.id, title: '对土小企业只罚不关', issuedBy: '某村委会' });
    expect(p.statusCode, p.body).toBe(201);
    policy = p.json();
    const c = await office.post('/api/self-inspection/clues', { townId: town.id, person: '某某', post: '村支书', conduct: 'other', description: '收取管理费', source: 'patrol' });
    expect(c.statusCode, c.body).toBe(201);
    clue = c.json();
    // An import with one row that looks like the workshop (same phone), to decide on.
    const csv = Buffer.from(`序号,企业名称,企业位置,联系电话\n1,输入测试塑料颗粒加工点,输入测试村,13900000901\n2,输入测试石材作坊,输入测试村,13900000902\n`);
    const body = multipart({ townId: String(town.id) }, { name: '补报.csv', content: csv });
    const imp = await t.app.inject({ method: 'POST', url: '/api/imports', headers: { cookie: office.cookie, 'content-type': body.contentType }, payload: body.payload });
    expect(imp.statusCode, imp.body).toBe(201);
    const preview = imp.json() as { id: number; rows: { rowNo: number; matches: { id: number }[] }[] };
    importId = preview.id;
    const dup = preview.rows.find((r) => r.matches.length > 0)!;
    duplicateRow = { rowNo: dup.rowNo, matchId: dup.matches[0].id };
  });
  afterAll(() => t.close());

  /** Every route with an id in its path, with that parameter's name (the tus uploads' ids are hex, not records). */
  const idRoutes = () =>
    t.app.apiRoutes
      .filter((r) => /:(id|townId)\b/.test(r.url) && !r.url.startsWith('/api/uploads/'))
      .map((r) => ({ method: r.method, param: /:townId\b/.test(r.url) ? 'townId' : 'id', url: (id: string) => r.url.replace(/:(id|townId)\b/, id).replace(':item', t.campaign.definition.standardItems[0].code).replace(':enterpriseId', '1').replace(':siteId', '1').replace(':role', 'leader') }));
  const bodyFor = (method: string) => (method === 'GET' || method === 'DELETE' ? undefined : {});

  it('answers 404 for a path id no record can have — past 2147483647, or 0 — on every route, and writes nothing', async () => {
    const routes = idRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(25);
    await writesNothing(async () => {
      for (const r of routes)
        for (const id of [String(TOO_BIG), '4294967296', '99999999999999999999', '0', '000']) {
          const res = await send(r.method, r.url(id), bodyFor(r.method));
          expect(res.statusCode, `${r.method} ${r.url(id)}: ${res.body}`).toBe(404);
          expect(problem(res).code).toBe('not_found');
          expect(problem(res).detail).toMatch(CHINESE);
        }
    });
  });

  it('refuses a path id that is not plain digits (400), even where it would have named a record', async () => {
    // 0x…, 1e0 and +… were numbers to the server: the workshop was shown and changed through them.
    const hex = `0x${workshop.id.toString(16)}`;
    expect((await office.get(`/api/enterprises/${workshop.id}`)).statusCode).toBe(200);
    await writesNothing(async () => {
      for (const id of [hex, `${workshop.id}e0`, `${workshop.id}.0`, `+${workshop.id}`, `%20${workshop.id}`]) {
        refused(await office.get(`/api/enterprises/${id}`), 'params.id', `GET ${id}`);
        refused(await office.patch(`/api/enterprises/${id}`, { version: workshop.version, notes: '经十六进制编号修改' }), 'params.id', `PATCH ${id}`);
      }
      for (const r of idRoutes())
        for (const id of ['0x10', '1e3', '-1', '1.5', 'abc']) {
          const message = refused(await send(r.method, r.url(id), bodyFor(r.method)), `params.${r.param}`, `${r.method} ${r.url(id)}`);
          expect(message).toBe('编号只能由数字组成');
        }
    });
  });

  it('refuses query filters with an id past what the databases hold, or not in plain digits (400, naming the filter)', async () => {
    const exports = t.app.apiRoutes.filter((r) => r.method === 'GET' && r.url.startsWith('/api/exports/')).map((r) => r.url);
    expect(exports.length).toBeGreaterThan(0);
    const townFiltered = ['/api/enterprises', ...exports, '/api/self-inspection/policies', '/api/self-inspection/clues', '/api/mobilisation/leading-members', '/api/mobilisation/publicity'];
    const paged = ['/api/enterprises', '/api/imports', `/api/imports/${importId}/rows`, '/api/self-inspection/policies', '/api/self-inspection/clues'];
    await writesNothing(async () => {
      for (const url of townFiltered)
        for (const id of [String(TOO_BIG), '99999999999999999999', '0']) refused(await office.get(`${url}?town=${id}`), 'querystring.town', `${url}?town=${id}`);
      for (const url of ['/api/enterprises', ...exports])
        for (const id of [String(TOO_BIG), '0']) refused(await office.get(`${url}?town=${town.id}&village=${id}`), 'querystring.village', `${url}?village=${id}`);
      for (const id of [String(TOO_BIG), '0x1', '1e0', '-1', '0']) refused(await office.get(`/api/org-units?parent=${id}`), 'querystring.parent', `parent=${id}`);
      for (const url of paged) {
        for (const page of ['0x2', '1e0', '2.0', String(TOO_BIG)]) refused(await office.get(`${url}?page=${page}`), 'querystring.page', `${url}?page=${page}`);
        refused(await office.get(`${url}?pageSize=0x10`), 'querystring.pageSize', `${url}?pageSize=0x10`);
      }
    });
    // A town or village by id or by name, and plain paging, still filter.
    const byId = await office.get(`/api/enterprises?town=${town.id}&village=${villageId}&page=1&pageSize=5`);
    expect(byId.statusCode, byId.body).toBe(200);
    expect((byId.json() as { items: { villageId: number }[] }).items.every((e) => e.villageId === villageId)).toBe(true);
    const byName = await office.get(`/api/enterprises?town=${encodeURIComponent(town.name)}`);
    expect((byName.json() as { items: { id: number }[] }).items.map((e) => e.id)).toContain(workshop.id);
    expect((await office.get(`/api/org-units?parent=${town.id}`)).json()).toEqual(expect.arrayContaining([expect.objectContaining({ id: villageId })]));
  });

  /**
   * A JSON body field that holds an id or another integer: the body with a good value (`good`,
   * called after the hostile ones, as it may change what is current), the field's path in the
   * answer, and the status the good body gets.
   */
  interface BodyCase {
    name: string;
    method: 'POST' | 'PATCH';
    url: () => string;
    body: (value: unknown) => unknown;
    good: () => Promise<number> | number;
    field: string;
    ok: number;
  }
  const cases = (): BodyCase[] => [
    { name: 'workshop town', method: 'POST', url: () => '/api/enterprises', body: (v) => ({ name: newName(), kind, townId: v }), good: () => town.id, field: 'townId', ok: 201 },
    { name: 'workshop village', method: 'POST', url: () => '/api/enterprises', body: (v) => ({ name: newName(), kind, townId: town.id, villageId: v }), good: () => villageId, field: 'villageId', ok: 201 },
    {
      name: 'confirmed distinct workshops', method: 'POST', url: () => '/api/enterprises',
      body: (v) => ({ name: newName(), kind, townId: town.id, confirmedDistinctFrom: [v] }), good: () => workshop.id, field: 'confirmedDistinctFrom.0', ok: 201,
    },
    { name: 'duplicate check', method: 'POST', url: () => '/api/enterprises/duplicates', body: (v) => ({ name: '输入测试塑料颗粒厂', excludeId: v }), good: () => workshop.id, field: 'excludeId', ok: 200 },
    { name: 'workshop edit, town', method: 'PATCH', url: () => `/api/enterprises/${workshop.id}`, body: (v) => ({ version: workshop.version, townId: v }), good: () => town.id, field: 'townId', ok: 200 },
    { name: 'workshop edit, village', method: 'PATCH', url: () => `/api/enterprises/${workshop.id}`, body: (v) => ({ version: workshop.version, villageId: v }), good: () => villageId, field: 'villageId', ok: 200 },
    { name: 'workshop edit, version', method: 'PATCH', url: () => `/api/enterprises/${workshop.id}`, body: (v) => ({ version: v, notes: '已核实' }), good: () => workshop.version, field: 'version', ok: 200 },
    { name: '土政策 town', method: 'POST', url: () => '/api/self-inspection/policies', body: (v) => ({ townId: v, title: '只罚不关', issuedBy: '某村委会' }), good: () => town.id, field: 'townId', ok: 201 },
    {
      name: '土政策 version', method: 'PATCH', url: () => `/api/self-inspection/policies/${policy.id}`, body: (v) => ({ version: v, notes: '已核实' }),
      good: async () => ((await office.get(`/api/self-inspection/policies/${policy.id}`)).json() as { version: number }).version, field: 'version', ok: 200,
    },
    {
      name: 'clue town', method: 'POST', url: () => '/api/self-inspection/clues',
      body: (v) => ({ townId: v, person: '某某', post: '村主任', conduct: 'other', description: '提供便利', source: 'patrol' }), good: () => town.id, field: 'townId', ok: 201,
    },
    {
      name: 'clue workshop', method: 'POST', url: () => '/api/self-inspection/clues',
      body: (v) => ({ townId: town.id, person: '某某', post: '村主任', conduct: 'other', description: '提供便利', source: 'patrol', enterpriseId: v }), good: () => workshop.id, field: 'enterpriseId', ok: 201,
    },
    { name: 'clue forward, version', method: 'POST', url: () => `/api/self-inspection/clues/${clue.id}/forward`, body: (v) => ({ version: v }), good: () => 1, field: 'version', ok: 200 },
    { name: 'clue close, version', method: 'POST', url: () => `/api/self-inspection/clues/${clue.id}/close`, body: (v) => ({ version: v, note: '已处理' }), good: () => 2, field: 'version', ok: 200 },
    { name: 'leading member town', method: 'POST', url: () => '/api/mobilisation/leading-members', body: (v) => ({ townId: v, position: 'member', name: '钱成员' }), good: () => town.id, field: 'townId', ok: 201 },
    { name: 'publicity town', method: 'POST', url: () => '/api/mobilisation/publicity', body: (v) => ({ townId: v, kind: 'vehicle', heldOn: '2016-05-07', vehicles: 2 }), good: () => town.id, field: 'townId', ok: 201 },
    { name: 'publicity vehicles', method: 'POST', url: () => '/api/mobilisation/publicity', body: (v) => ({ townId: town.id, kind: 'vehicle', heldOn: '2016-05-07', vehicles: v }), good: () => 2, field: 'vehicles', ok: 201 },
    { name: 'village town', method: 'POST', url: () => '/api/org-units', body: (v) => ({ townId: v, name: `输入测试新村${String.fromCharCode(0x4e00 + ++seq)}` }), good: () => town.id, field: 'townId', ok: 201 },
    { name: 'report town', method: 'POST', url: () => '/api/reports', body: (v) => ({ townId: v }), good: () => town.id, field: 'townId', ok: 201 },
    {
      name: 'group robot unit', method: 'POST', url: () => '/api/webhooks',
      body: (v) => ({ orgUnitId: v, platform: 'wecom', name: '输入测试群', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x' }), good: () => town.id, field: 'orgUnitId', ok: 201,
    },
    {
      name: 'group robot department', method: 'POST', url: () => '/api/webhooks',
      body: (v) => ({ departmentId: v, platform: 'dingtalk', name: '输入测试部门群', url: 'https://oapi.dingtalk.com/robot/send?access_token=x' }),
      good: async () => (await t.ctx.db.selectFrom('departments').select('id').orderBy('id').executeTakeFirstOrThrow()).id, field: 'departmentId', ok: 201,
    },
    {
      name: 'import decision rows', method: 'POST', url: () => `/api/imports/${importId}/decisions`, body: (v) => ({ rowNos: [v], decision: 'different' }),
      good: () => duplicateRow.rowNo, field: 'rowNos.0', ok: 200,
    },
    {
      name: 'import decision link', method: 'POST', url: () => `/api/imports/${importId}/decisions`, body: (v) => ({ rowNos: [duplicateRow.rowNo], decision: 'same', enterpriseId: v }),
      good: () => duplicateRow.matchId, field: 'enterpriseId', ok: 200,
    },
  ];

  it('refuses integers of JSON bodies sent as text, in an array, past 2147483647 or as fractions (400, naming the field), and writes nothing', async () => {
    for (const c of cases()) {
      const good = await c.good();
      await writesNothing(async () => {
        for (const value of [String(good), [good], TOO_BIG, 1e20, good + 0.5, true, {}]) {
          const res = await send(c.method, c.url(), c.body(value));
          refused(res, c.field, `${c.name} = ${JSON.stringify(value)}`);
        }
      });
      // The same body with the number as a number is taken: the refusals above were about the field.
      const res = await send(c.method, c.url(), c.body(await c.good()));
      expect(res.statusCode, `${c.name}: ${res.body}`).toBe(c.ok);
      if (c.url() === `/api/enterprises/${workshop.id}`) workshop.version = (res.json() as { version: number }).version;
    }
  });

  it('says what is wrong with a version sent as text, instead of saying it is missing', async () => {
    const current = ((await office.get(`/api/enterprises/${workshop.id}`)).json() as { version: number }).version;
    const policyVersion = ((await office.get(`/api/self-inspection/policies/${policy.id}`)).json() as { version: number }).version;
    await writesNothing(async () => {
      for (const [url, body] of [
        [`/api/enterprises/${workshop.id}`, { version: String(current), notes: '改' }],
        [`/api/self-inspection/policies/${policy.id}`, { version: String(policyVersion), notes: '改' }],
      ] as const) {
        const res = await office.patch(url, body);
        expect(refused(res, 'version', url)).toBe('版本号应为整数，收到的是文字');
        expect(problem(res).detail).not.toContain('缺少版本号');
      }
    });
    const missing = await office.patch(`/api/enterprises/${workshop.id}`, { notes: '改' });
    expect(refused(missing, 'version', 'no version')).toContain('缺少版本号');
  });

  it('refuses the import upload’s townId unless it is plain digits naming a possible town (400), and stores no import', async () => {
    const csv = Buffer.from('序号,企业名称,企业位置,联系电话\n1,输入测试洗选点,输入测试村,13900000911\n');
    const upload = (townId: string) => {
      const body = multipart({ townId }, { name: '补报.csv', content: csv });
      return t.app.inject({ method: 'POST', url: '/api/imports', headers: { cookie: office.cookie, 'content-type': body.contentType }, payload: body.payload });
    };
    await writesNothing(async () => {
      for (const id of [String(TOO_BIG), '99999999999999999999', `0x${town.id.toString(16)}`, `${town.id}e0`, ` ${town.id}`, `${town.id}.0`, '-1', '0', '']) {
        const res = await upload(id);
        refused(res, 'townId', `townId=${JSON.stringify(id)}`);
      }
    });
    expect((await upload(String(town.id))).statusCode).toBe(201);
  });

  it('refuses an evidence upload naming a record or a replaced file past 2147483647 (400), and stores nothing', async () => {
    const bytes = await evidenceJpeg(7);
    const tus = (metadata: Record<string, string | number>) =>
      t.app.inject({
        method: 'POST',
        url: '/api/uploads',
        headers: { cookie: office.cookie, 'tus-resumable': '1.0.0', 'upload-length': String(bytes.length), 'upload-metadata': tusMetadata(metadata), 'content-type': 'application/offset+octet-stream' },
        payload: bytes,
      });
    await writesNothing(async () => {
      for (const [field, metadata] of [
        ['recordId', { recordType: 'enterprise', recordId: TOO_BIG, filename: 'IMG_0002.jpg' }],
        ['recordId', { recordType: 'clue', recordId: TOO_BIG, filename: 'IMG_0002.jpg' }],
        ['replacesId', { recordType: 'enterprise', recordId: workshop.id, filename: 'IMG_0002.jpg', replacesId: TOO_BIG }],
      ] as const)
        refused(await tus(metadata), field, `${field} ${JSON.stringify(metadata)}`);
    });
  });
});
