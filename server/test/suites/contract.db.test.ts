// The API as a published contract (issue 19): the document /api/docs serves is the one committed
// in contract/ (so a change to it is deliberate, versioned and recorded), describes every answer,
// and a client generated from it (openapi-typescript + openapi-fetch, as an integrator would) works
// against the real server. This file is type-checked by `npm test` against the generated types:
// a change to the contract that breaks these calls fails CI before it reaches an integrator.
import fs from 'node:fs';
import path from 'node:path';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import createClient, { type Middleware } from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { breakingChanges } from '../../../contract/compat.js';
import { clientTypes, committedDocument, documentText, DOCUMENT_FILE, TYPES_FILE } from '../../../contract/generate.js';
import type { paths } from '../../../contract/qudi-api.js';
import { API_VERSION, TAGS } from '../../../domain/contract.js';
import { ERROR_CODES, PROBLEMS } from '../../../domain/problems.js';
import { createUser } from '../../commands/createUser.js';
import { dbUnavailable, setupTestApp, TEST_DB, type TestApp } from '../setup/app.js';

type Doc = {
  info: { version: string };
  tags: { name: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { responses: Record<string, { content: Record<string, unknown> }> };
};
type Operation = {
  summary?: string;
  tags?: string[];
  security?: unknown[];
  requestBody?: { content: Record<string, unknown> };
  responses: Record<string, { $ref?: string; description?: string; content?: Record<string, { schema?: unknown; examples?: Record<string, { value: { code: string } }> }> }>;
};

const REGENERATE = '接口文档与 contract/ 中发布的不一致：运行 npm run contract，并在 README“接口变更记录”中记下这次变更';
const README = path.join(import.meta.dirname, '..', '..', '..', 'README.md');
const PASSWORD = 'contract-password-1';

describe.skipIf(dbUnavailable())(`the API contract (${TEST_DB})`, () => {
  let t: TestApp;
  let doc: Doc;
  let baseUrl: string;

  beforeAll(async () => {
    t = await setupTestApp();
    doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => t?.close());

  it('serves the document committed in contract/, with its version, and the types generated from it', async () => {
    expect(doc.info.version).toBe(API_VERSION);
    expect(documentText(doc), REGENERATE).toBe(fs.readFileSync(DOCUMENT_FILE, 'utf8'));
    expect(await clientTypes(doc), REGENERATE).toBe(fs.readFileSync(TYPES_FILE, 'utf8'));
    // The changelog names the version served.
    const readme = fs.readFileSync(README, 'utf8');
    const log = readme.slice(readme.indexOf('## 接口变更记录'));
    expect(log, 'README has a section “## 接口变更记录”').toMatch(/^## 接口变更记录/);
    expect(log, `README“接口变更记录”has an entry for ${API_VERSION}`).toContain(`### ${API_VERSION}`);
  });

  it('is a valid OpenAPI 3.0 document (Redocly’s structural rules), every operation with an operationId', async () => {
    const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: '/openapi.json', config: await createConfig({ extends: ['minimal'] }) });
    expect(problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId}: ${p.message} ${p.location[0]?.pointer ?? ''}`)).toEqual([]);
    const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((op) => (op as { operationId?: string }).operationId));
    expect(ids.every(Boolean)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('declares, for every operation, its success answer, its problems with examples, a Chinese summary and a stage tag', () => {
    const tags = new Set<string>(Object.values(TAGS).map((x) => x.name));
    expect(doc.tags.map((x) => x.name)).toEqual(Object.values(TAGS).map((x) => x.name));
    const operations = Object.entries(doc.paths).flatMap(([url, ops]) => Object.entries(ops).map(([method, op]) => ({ name: `${method.toUpperCase()} ${url}`, op })));
    expect(operations.length).toBeGreaterThanOrEqual(65);
    for (const { name, op } of operations) {
      expect(op.summary, `${name}: summary`).toMatch(/[\u4e00-\u9fff]/);
      expect(op.tags?.length, `${name}: tags`).toBe(1);
      expect(tags.has(op.tags![0]), `${name}: tag ${op.tags![0]}`).toBe(true);
      const statuses = Object.keys(op.responses);
      const success = statuses.filter((s) => s.startsWith('2'));
      expect(success.length, `${name}: a success answer`).toBeGreaterThan(0);
      for (const s of success) {
        const answer = op.responses[s];
        expect(answer.description, `${name} ${s}: description`).toBeTruthy();
        // Every success answer has a body schema, except 204 and the tus protocol's header-only answers.
        if (s !== '204' && !name.startsWith('HEAD ') && !name.includes('/api/uploads'))
          expect(Object.values(answer.content ?? {})[0]?.schema, `${name} ${s}: schema`).toBeTruthy();
      }
      expect(statuses, `${name}: 500`).toContain('500');
      if (op.security?.length !== 0) expect(statuses, `${name}: 401`).toContain('401');
      // Problems: application/problem+json with one real example per code.
      // (the health check's 503 is its own answer, not a problem)
      for (const s of statuses.filter((x) => Number(x) >= 400 && x !== '503')) {
        const answer = op.responses[s].$ref ? doc.components.responses[op.responses[s].$ref!.split('/').pop()!] : op.responses[s];
        const media = (answer.content as Record<string, { examples?: Record<string, { value: { code: string } }> }>)['application/problem+json'];
        expect(media, `${name} ${s}: problem+json`).toBeTruthy();
        for (const [code, example] of Object.entries(media.examples ?? {})) {
          expect(ERROR_CODES).toContain(code);
          expect(PROBLEMS[code as keyof typeof PROBLEMS].status).toBe(Number(s));
          expect(example.value.code).toBe(code);
        }
        expect(Object.keys(media.examples ?? {}).length, `${name} ${s}: examples`).toBeGreaterThan(0);
      }
    }
    // File downloads say what they are.
    const media = (p: string) => Object.keys(doc.paths[p].get.responses['200'].content ?? {});
    expect(media('/api/exports/task-table.xlsx')).toEqual(['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
    expect(media('/api/enterprises/{id}/evidence-package.zip')).toEqual(['application/zip']);
  });

  it('finds the current document compatible with the one committed, or has raised the major version', () => {
    const committed = committedDocument();
    expect(committed).not.toBeNull();
    // The same document: nothing to find. The check itself is tested in contract/compat.test.ts.
    expect(breakingChanges(committed!, doc as unknown as Record<string, unknown>)).toEqual([]);
  });

  it('works through a client generated from the document: sign in, list, register, record an item, import preview, and typed problems', async () => {
    const town = t.towns[0];
    const username = `contract_${TEST_DB}`;
    await createUser(t.ctx, null, { username, password: PASSWORD, role: 'town', scope: town.name });
    let cookie = '';
    const session: Middleware = {
      onRequest: ({ request }) => {
        if (cookie) request.headers.set('cookie', cookie);
        return request;
      },
      onResponse: ({ response }) => {
        const set = response.headers.get('set-cookie');
        if (set) cookie = set.split(';')[0];
        return response;
      },
    };
    const api = createClient<paths>({ baseUrl });
    api.use(session);

    // Sign in: the answer is the user, typed.
    const bad = await api.POST('/api/auth/login', { body: { username, password: 'wrong-password' } });
    expect(bad.response.status).toBe(401);
    expect(bad.error?.code).toBe('unauthenticated');
    const me = await api.POST('/api/auth/login', { body: { username, password: PASSWORD } });
    expect(me.error).toBeUndefined();
    const roles: string[] = me.data!.roles.map((r) => r.role);
    expect(roles).toEqual(['town']);
    expect(me.data!.abilities.createEnterprise).toBe(true);

    // Register a workshop; the answer carries its items and version.
    const created = await api.POST('/api/enterprises', { body: { name: '契约测试塑料颗粒加工点', kind: 'pellet', townId: town.id, address: `${town.name}某村`, phone: '13900000019' } });
    expect(created.response.status).toBe(201);
    const workshop = created.data!;
    const item: string = workshop.items[0].code;
    expect(workshop.version).toBe(1);

    // The list, with its total.
    const list = await api.GET('/api/enterprises', { params: { query: { q: '契约测试', pageSize: 10 } } });
    const names: string[] = list.data!.items.map((w) => w.name);
    expect(names).toContain('契约测试塑料颗粒加工点');
    expect(list.data!.total).toBe(1);

    // Record an item.
    const recorded = await api.PUT('/api/enterprises/{id}/items/{item}', {
      params: { path: { id: workshop.id, item } },
      body: { state: 'not_applicable', reason: '该点无此设施，经现场核实' },
    });
    expect(recorded.error).toBeUndefined();
    expect(recorded.data!.items.find((i) => i.code === item)!.state).toBe('not_applicable');

    // Problems are typed by code: a stale version, a validation error with its field, a 404.
    const stale = await api.PATCH('/api/enterprises/{id}', { params: { path: { id: workshop.id } }, body: { version: 1, notes: '过期的修改' } });
    expect(stale.response.status).toBe(409);
    // The error's code is typed: the union of the codes the operation declares.
    const staleCode: 'stale_version' | 'invalid_transition' | 'validation_failed' | 'unauthenticated' | 'forbidden' | 'not_found' | 'payload_too_large' | 'unsupported_media_type' | 'internal' | undefined = stale.error?.code;
    expect(staleCode).toBe('stale_version');
    const invalid = await api.POST('/api/enterprises', { body: { name: '', kind: 'pellet', townId: town.id } });
    expect(invalid.response.status).toBe(400);
    expect(invalid.error?.errors?.map((e) => e.path)).toContain('name');
    const missing = await api.GET('/api/enterprises/{id}', { params: { path: { id: 99_999_999 } } });
    expect(missing.response.status).toBe(404);
    expect(missing.error?.code).toBe('not_found');

    // Import preview: the town's task table as multipart/form-data.
    await t.village(town.name, '契约村');
    const csv = `序号,企业名称,企业位置,联系电话\n1,契约测试洗选点,${town.name}契约村村东,13900000020\n`;
    const preview = await api.POST('/api/imports', {
      body: { townId: town.id, file: new Blob([csv], { type: 'text/csv' }) },
      bodySerializer: (body) => {
        const form = new FormData();
        form.set('townId', String(body.townId));
        form.set('file', body.file, `${town.name}-任务表.csv`);
        return form;
      },
    });
    expect(preview.response.status).toBe(201);
    expect(preview.data!.rowCount).toBe(1);
    expect(preview.data!.errorCount, JSON.stringify(preview.data!.rows)).toBe(0);
    const previewed: string[] = preview.data!.rows.map((r) => r.values.name ?? '');
    expect(previewed).toEqual(['契约测试洗选点']);
  });
});
