// A large task table is parsed and checked in a worker thread (IMPORT_WORKER_MIN_BYTES): the
// preview must be exactly what the request's own thread produces, mistakes and refusals included.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../paths.js';
import { dbUnavailable, setupTestApp, TEST_DB, type Agent, type TestApp } from '../setup/app.js';
import { multipart } from '../fixtures/multipart.js';

const CSV = path.join(packageRoot(), '..', 'shared', 'fixtures', '西集镇-任务表-GBK.csv');
const TOWN = '西集镇';
const VILLAGES = ['李庄村', '王庄村', '后峪村', '东洼村', '西集村', '南石村', '北岭村'];


describe.skipIf(dbUnavailable() || !fs.existsSync(CSV))(`import staged in a worker thread (${TEST_DB})`, () => {
  const apps: TestApp[] = [];
  const agents: Agent[] = [];
  const townIds: number[] = [];

  beforeAll(async () => {
    // The same database setup twice: staging in this thread (default threshold) and in a worker (0).
    for (const importWorkerMinBytes of [256 * 1024, 0]) {
      const t = await setupTestApp({ config: { importWorkerMinBytes } });
      const townId = t.towns.find((x) => x.name === TOWN)!.id;
      for (const v of VILLAGES) await t.village(TOWN, v);
      apps.push(t);
      townIds.push(townId);
      agents.push(await t.login('town', TOWN));
    }
  });
  afterAll(async () => {
    for (const t of apps) await t.close();
  });

  const upload = (i: number, name: string, content: Buffer) => {
    const body = multipart({ townId: String(townIds[i]) }, { name, content, type: 'text/csv' });
    return apps[i].app.inject({ method: 'POST', url: '/api/imports', headers: { cookie: agents[i].cookie, 'content-type': body.contentType }, payload: body.payload });
  };

  it('previews and confirms the same rows, errors and hash in a worker as in the request thread', async () => {
    const content = fs.readFileSync(CSV);
    const [inThread, inWorker] = await Promise.all([upload(0, 'a.csv', content), upload(1, 'a.csv', content)]);
    expect(inWorker.statusCode, inWorker.body).toBe(201);
    const a = inThread.json() as { rowCount: number; errorCount: number; rows: unknown[] };
    const b = inWorker.json() as typeof a & { id: number };
    expect(b.rowCount).toBe(41);
    expect(b.errorCount).toBe(4);
    expect(b.rows).toEqual(a.rows);
    const header = (i: number, id: number) => apps[i].ctx.db.selectFrom('imports' as never).select(['rows_sha256' as never]).where('id' as never, '=', id as never).executeTakeFirstOrThrow();
    expect(await header(1, b.id)).toEqual(await header(0, (a as typeof b).id));
    const ok = await agents[1].post(`/api/imports/${b.id}/confirm`, { skipErrorRows: true });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ imported: 37, skipped: 4 });
  });

  it('refuses a file without the table header with the same Chinese problem, and stages nothing', async () => {
    const res = await upload(1, '任务表.csv', Buffer.from('甲,乙,丙\r\n1,2,3\r\n'));
    expect(res.statusCode).toBe(400);
    expect((res.json() as { detail: string }).detail).toContain('表头');
    const staged = await apps[1].ctx.db.selectFrom('imports' as never).select((eb) => eb.fn.countAll().as('n')).where('status' as never, '=', 'staging' as never).executeTakeFirstOrThrow();
    expect(Number(staged.n)).toBe(0);
  });
});
