// In production (QUDI_CONTRACT unset) answers are written by fast-json-stringify from the routes'
// declared schemas instead of being checked by zod on every request (server/plugins/contract.ts).
// This walks the main flows on such an app and checks that every JSON answer is exactly what the
// strict path would have sent: it parses with its route's schema to the identical value — nothing
// coerced, nothing dropped, nothing extra.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from '../../../domain/zod.js';
import { multipart } from '../fixtures/multipart.js';
import { dbUnavailable, setupTestApp, TEST_DB, type TestApp } from '../setup/app.js';

type Captured = { route: string; status: number; schema: z.ZodType; body: string };

describe.skipIf(dbUnavailable())(`answers in production mode (${TEST_DB})`, () => {
  let t: TestApp;
  const captured: Captured[] = [];

  beforeAll(async () => {
    t = await setupTestApp({ config: { contractStrict: false } });
    t.app.addHook('onSend', async (request, reply, payload) => {
      const response = request.routeOptions.schema?.response as Record<string, unknown> | undefined;
      const schema = response?.[String(reply.statusCode)];
      if (schema instanceof z.ZodType && typeof payload === 'string' && String(reply.getHeader('content-type') ?? '').includes('json'))
        captured.push({ route: `${request.method} ${request.routeOptions.url}`, status: reply.statusCode, schema, body: payload });
      return payload;
    });
  });
  afterAll(() => t?.close());

  it('sends, on every route walked, exactly what its schema describes', async () => {
    const town = t.towns[0];
    const office = await t.login('office');
    const clerk = await t.login('town', town.name);
    const inspector = await t.login('inspector');
    const w = await t.createWorkshop({ townName: town.name, name: '生产模式测试加工点', lng: 117.5, lat: 35.1 });
    await t.shutDown(w.id);
    await t.addEvidence(w.id);
    for (const agent of [office, clerk, inspector]) {
      await agent.get('/api/auth/me');
      await agent.get('/api/enterprises?pageSize=50');
      await agent.get(`/api/enterprises/${w.id}`);
      await agent.get(`/api/enterprises/${w.id}/history`);
      await agent.get(`/api/enterprises/${w.id}/attachments`);
      await agent.get('/api/dashboard');
      await agent.get('/api/campaigns/current');
      await agent.get('/api/org-units');
      await agent.get('/api/departments');
      await agent.get('/api/reports');
      await agent.get('/api/imports');
      await agent.get('/api/self-inspection/policies');
      await agent.get('/api/mobilisation/leading-members');
      await agent.get('/api/mobilisation/publicity');
    }
    await inspector.post(`/api/enterprises/${w.id}/verdict`, { verdict: 'rejected', reasons: ['incomplete'], findings: '现场仍有原料堆放' });
    await clerk.post('/api/enterprises/duplicates', { name: '生产模式测试加工点', lng: 117.5, lat: 35.1 });
    await clerk.patch(`/api/enterprises/${w.id}`, { version: 1, notes: '过期的修改' });
    await clerk.get('/api/enterprises/99999999');
    await t.anonymous.get('/api/auth/me');
    await office.get('/api/audit/verify');
    await office.get('/api/users');
    await t.anonymous.get('/api/health');
    const body = multipart({ townId: String(town.id) }, { name: '任务表.csv', content: Buffer.from(`序号,企业名称,企业位置,联系电话\n1,生产模式洗选点,${town.name}某村,1390000\n`) });
    const preview = await t.app.inject({ method: 'POST', url: '/api/imports', headers: { cookie: clerk.cookie, 'content-type': body.contentType }, payload: body.payload });
    expect(preview.statusCode).toBe(201);
    await clerk.get(`/api/imports/${preview.json().id}/rows?filter=errors`);

    const routes = new Set(captured.map((c) => c.route));
    expect(routes.size).toBeGreaterThanOrEqual(20);
    expect([...new Set(captured.map((c) => c.status))].sort()).toEqual(expect.arrayContaining([200, 201, 401, 404, 409]));
    for (const c of captured) {
      const sent = JSON.parse(c.body) as unknown;
      const parsed = c.schema.safeParse(sent);
      expect(parsed.success, `${c.route} ${c.status}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
      expect(parsed.data, `${c.route} ${c.status}`).toEqual(sent);
    }
  });
});
