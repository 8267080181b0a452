// What README's “接口变更记录” calls breaking, as contract/compat.ts decides it: `npm run contract`
// refuses these without a new major version.
import { describe, expect, it } from 'vitest';
import { breakingChanges } from './compat.js';

const workshop = {
  type: 'object',
  properties: { id: { type: 'integer' }, name: { type: 'string' }, status: { type: 'string', enum: ['surveyed', 'shut_down'] }, phone: { type: 'string' } },
  required: ['id', 'name', 'status', 'phone'],
};

function doc(opts: { answer?: object; body?: object; params?: object[]; extraPath?: boolean } = {}) {
  return {
    info: { version: '1.0.0' },
    components: { schemas: { Workshop: opts.answer ?? workshop } },
    paths: {
      '/api/enterprises/{id}': {
        get: {
          parameters: opts.params ?? [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
          responses: { '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Workshop' } } } } },
        },
        patch: {
          requestBody: { required: true, content: { 'application/json': { schema: opts.body ?? { type: 'object', properties: { version: { type: 'integer' }, notes: { type: 'string' }, kind: { type: 'string', enum: ['pellet', 'washing'] } }, required: ['version'] } } } },
          responses: { '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Workshop' } } } } },
        },
      },
      ...(opts.extraPath ? { '/api/new': { get: { responses: { '200': { content: { 'application/json': { schema: { type: 'object' } } } } } } } } : {}),
    },
  };
}

describe('breaking changes between two documents', () => {
  it('finds none in the same document, new operations, new answer fields, new answer enum values or new optional request fields', () => {
    expect(breakingChanges(doc(), doc())).toEqual([]);
    expect(breakingChanges(doc(), doc({ extraPath: true }))).toEqual([]);
    const wider = { ...workshop, properties: { ...workshop.properties, lng: { type: 'number' }, status: { type: 'string', enum: ['surveyed', 'shut_down', 'recurred'] } } };
    expect(breakingChanges(doc(), doc({ answer: wider }))).toEqual([]);
    const body = { type: 'object', properties: { version: { type: 'integer' }, notes: { type: 'string' }, kind: { type: 'string', enum: ['pellet', 'washing', 'other'] }, lat: { type: 'number' } }, required: ['version'] };
    expect(breakingChanges(doc(), doc({ body }))).toEqual([]);
  });

  it('finds a removed operation, a removed or no longer certain answer field, a changed type and a field that may now be null', () => {
    expect(breakingChanges(doc({ extraPath: true }), doc())).toEqual(['GET /api/new：接口已删除']);
    const { phone: _phone, ...rest } = workshop.properties;
    const changes = breakingChanges(doc(), doc({ answer: { ...workshop, properties: rest, required: ['id', 'status'] } }));
    expect(changes).toContain('GET /api/enterprises/{id} 答复 200.phone：答复中不再有此字段');
    expect(changes).toContain('GET /api/enterprises/{id} 答复 200.name：答复中不再总有此字段');
    const typed = breakingChanges(doc(), doc({ answer: { ...workshop, properties: { ...workshop.properties, id: { type: 'string' }, name: { type: 'string', nullable: true } } } }));
    expect(typed).toContain('GET /api/enterprises/{id} 答复 200.id：类型由 integer 改为 string');
    expect(typed).toContain('GET /api/enterprises/{id} 答复 200.name：可能为 null');
  });

  it('finds a request field removed, newly required, or an accepted value no longer accepted, and a new required parameter', () => {
    const body = { type: 'object', properties: { version: { type: 'integer' }, kind: { type: 'string', enum: ['pellet'] }, reason: { type: 'string' } }, required: ['version', 'reason'] };
    const changes = breakingChanges(doc(), doc({ body }));
    expect(changes).toContain('PATCH /api/enterprises/{id} 请求体.notes：不再接受此字段');
    expect(changes).toContain('PATCH /api/enterprises/{id} 请求体.kind：不再接受 "washing"');
    expect(changes).toContain('PATCH /api/enterprises/{id} 请求体.reason：新增为必填');
    const params = [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }, { name: 'town', in: 'query', required: true, schema: { type: 'integer' } }];
    expect(breakingChanges(doc(), doc({ params }))).toEqual(['GET /api/enterprises/{id}：参数 town 新增为必填']);
  });
});
