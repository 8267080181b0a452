// Every registered API route declares its authorization, names a registered policy action, and
// refuses anonymous callers unless it is explicitly public.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registeredActions } from '../../policies/index.js';
import { dbUnavailable, setupTestApp, TEST_DB, type TestApp } from '../setup/app.js';

const PUBLIC = [
  'GET /api/health',
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'GET /api/evidence/public-key.pem',
  // 群众举报: the portal, no login (rate-limited, proof of work).
  'GET /api/public/tips/challenge',
  'POST /api/public/tips',
  'GET /api/public/tips/:receipt',
  'POST /api/public/tips/:receipt/files',
  'GET /api/public/towns',
  // The portal's base map and the district's rough extent (nothing about any workshop).
  'GET /api/public/map',
];

describe.skipIf(dbUnavailable())(`route authorization coverage (${TEST_DB})`, () => {
  let t: TestApp;
  const routes: { method: string; url: string; config: { action?: string; public?: boolean } }[] = [];

  beforeAll(async () => {
    t = await setupTestApp();
  });
  afterAll(() => t.close());

  it('finds every API route with an authorization declaration', async () => {
    for (const r of t.app.apiRoutes) routes.push({ method: r.method, url: r.url, config: { action: r.action, public: r.public } });
    expect(routes.length).toBeGreaterThanOrEqual(17);
    const actions = new Set(registeredActions());
    for (const r of routes) {
      const key = `${r.method} ${r.url}`;
      if (r.config.public) {
        expect(PUBLIC, `${key} is public but not on the public list`).toContain(key);
        continue;
      }
      expect(r.config.action, `${key} declares no policy action`).toBeTruthy();
      expect(actions.has(r.config.action!), `${key}: action ${r.config.action} has no policy`).toBe(true);
    }
  });

  it('refuses an anonymous caller on every non-public route', async () => {
    for (const r of routes.filter((x) => !x.config.public)) {
      const url = r.url.replace(':id', '1').replace(':item', 'power_cut');
      const res = await t.app.inject({ method: r.method as 'GET', url, ...(r.method === 'GET' ? {} : { payload: {} }) });
      expect(res.statusCode, `${r.method} ${url}`).toBe(401);
    }
  });

  it('refuses to register a route that declares no authorization', async () => {
    expect(() => t.app.get('/api/unguarded', async () => 'x')).toThrow();
  });
});
