// The API's contract, made from the routes themselves: every /api route declares its success
// answer (a schema from domain/) and the problems particular to it (config.problems); this plugin
// adds the problems every route of its kind can give (401, 403, 400, 404, 413, 415, 500), answers
// through the same schemas (Fastify's serializer, so what is sent is what is documented), and
// shapes the OpenAPI document /api/docs serves. Under QUDI_CONTRACT=strict (tests, e2e) every
// answer is checked against its schema and one the contract does not describe fails the request;
// in production answers are written by fast-json-stringify from the same schemas (documented fields
// only) and an undeclared status is logged.
import type { FastifyInstance, FastifySchema, RouteOptions } from 'fastify';
import fastJson from 'fast-json-stringify';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler } from 'fastify-type-provider-zod';
import { $ZodType } from 'zod/v4/core';
import { API_INTRODUCTION, API_VERSION, TAGS } from '../../domain/contract.js';
import { ERROR_CODES, PROBLEMS, problemExample, problemSchema, type ErrorCode } from '../../domain/problems.js';
import { z } from '../../domain/zod.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The problems this route gives beyond those every route of its kind can (e.g. stale_version). */
    problems?: ErrorCode[];
    /** The multipart/form-data fields this route reads itself (documented as its request body). */
    multipart?: z.ZodObject;
  }
}

const WRITES = ['POST', 'PUT', 'PATCH'];
const isApi = (url: string) => url.startsWith('/api') && !url.startsWith('/api/docs');
const isZod = (s: unknown): s is $ZodType => s instanceof $ZodType;

/** Every problem the route can answer with: its own and those of its kind. */
export function routeProblems(route: Pick<RouteOptions, 'method' | 'schema' | 'config'>): ErrorCode[] {
  const config = (route.config ?? {}) as { public?: boolean; action?: string; problems?: ErrorCode[]; multipart?: unknown };
  const schema = (route.schema ?? {}) as FastifySchema;
  const methods = [route.method].flat();
  const codes = new Set<ErrorCode>(config.problems ?? []);
  if (!config.public) codes.add('unauthenticated').add('forbidden');
  const writes = methods.some((m) => WRITES.includes(m));
  if (schema.params || schema.querystring || schema.body || config.multipart || writes) codes.add('validation_failed');
  if (schema.params) codes.add('not_found');
  if (writes) codes.add('payload_too_large').add('unsupported_media_type');
  codes.add('internal');
  return ERROR_CODES.filter((c) => codes.has(c));
}

/** The problems grouped by HTTP status, each status with the schema of its problem documents. */
function problemResponses(codes: ErrorCode[]): Record<number, z.ZodType> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) byStatus.set(PROBLEMS[code].status, [...(byStatus.get(PROBLEMS[code].status) ?? []), code]);
  return Object.fromEntries([...byStatus].map(([status, list]) => [status, problemSchema(list as [ErrorCode, ...ErrorCode[]])]));
}

const declaredStatuses = (schema: FastifySchema | undefined) => Object.keys((schema?.response as Record<string, unknown> | undefined) ?? {});

/**
 * Registers the contract: the serializer that answers through the declared schemas, the problems
 * added to every route, and (strict) the check that every answer's status is declared.
 */
export function registerContract(app: FastifyInstance, strict: boolean): void {
  // The problem schemas added here (a GET's HEAD twin comes through onRoute with the same schema).
  const added = new WeakSet<object>();
  app.setSerializerCompiler((route) => {
    // Raw JSON Schema entries (the tus routes, which write their own answers) are documentation only.
    const target = route.schema as unknown;
    const schema = isZod(target) ? target : (target as { properties?: unknown } | null)?.properties;
    if (!isZod(schema)) return (data: unknown) => JSON.stringify(data);
    if (!strict) {
      // In production: fast-json-stringify from the same schema's JSON Schema (Fastify's own
      // serializer): only the documented fields go out, at about the cost of JSON.stringify.
      // Checking every answer against the schema is for the suites (strict), not for each request.
      const json = z.toJSONSchema(schema as z.ZodType, { target: 'draft-7', io: 'output', unrepresentable: 'any' });
      return fastJson(json as Parameters<typeof fastJson>[0]);
    }
    const serialize = serializerCompiler(route as Parameters<typeof serializerCompiler>[0]);
    return (data: unknown) => {
      try {
        return serialize(data);
      } catch (err) {
        const cause = (err as { cause?: { issues?: unknown } }).cause?.issues;
        console.error(`${route.method} ${route.url} answered ${route.httpStatus} outside its contract: ${JSON.stringify(cause ?? String(err)).slice(0, 2000)}`);
        throw err;
      }
    };
  });

  app.addHook('onRoute', (route) => {
    if (!isApi(route.url)) return;
    const schema = (route.schema ??= {});
    const response = (schema.response ??= {}) as Record<string, unknown>;
    for (const [status, problem] of Object.entries(problemResponses(routeProblems(route)))) {
      const present = response[status];
      if (present && !added.has(present as object)) throw new Error(`route ${route.url}: declare problem ${status} through config.problems, not schema.response`);
      added.add(problem);
      response[status] = problem;
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const url = request.routeOptions.url ?? '';
    if (!isApi(url)) return payload;
    const status = String(reply.statusCode);
    if (declaredStatuses(request.routeOptions.schema).includes(status)) return payload;
    const what = `${request.method} ${url} answered ${status}, which its contract does not declare`;
    if (strict) {
      console.error(what);
      throw new Error(what);
    }
    request.log.error(what);
    return payload;
  });
}

/** The code enum of a problem schema as the document shows it. */
function problemCodes(schema: unknown): ErrorCode[] {
  const props = (schema as { properties?: { code?: { enum?: ErrorCode[] } } }).properties;
  return props?.code?.enum ?? [];
}

type Media = { schema?: unknown; examples?: Record<string, unknown> };
type Responses = Record<string, { description?: string; content?: Record<string, Media>; headers?: unknown; $ref?: string }>;

const PROBLEM_REF = '#/components/schemas/Problem';

/** The documented answer for problems with `codes` (one status): what each means, a real answer of each. */
function problemResponse(codes: ErrorCode[]) {
  // Every problem is the one Problem document, its code narrowed to those of this answer.
  const schema = codes.length === ERROR_CODES.length ? { $ref: PROBLEM_REF } : { allOf: [{ $ref: PROBLEM_REF }, { type: 'object', properties: { code: { type: 'string', enum: codes } } }] };
  return {
    description: codes.map((c) => `\`${c}\`：${PROBLEMS[c].meaning}`).join('\n\n'),
    content: { 'application/problem+json': { schema, examples: Object.fromEntries(codes.map((c) => [c, { summary: PROBLEMS[c].title, value: problemExample(c) }])) } },
  };
}

/**
 * Problems as application/problem+json: a status with one code refers to the shared answer for
 * that code (components.responses), one with several (409) lists them; 204 has no body.
 */
function shapeResponses(responses: Responses, shared: Record<string, unknown>): void {
  for (const [status, answer] of Object.entries(responses)) {
    const content = answer.content ?? {};
    if (Number(status) >= 400) {
      const media = content['application/json'] ?? Object.values(content)[0];
      if (!media) continue;
      const codes = problemCodes(media.schema);
      // A 4xx/5xx that is not a problem (the health check's 503) stays as declared.
      if (codes.length === 0) continue;
      if (codes.length === 1) {
        shared[codes[0]] ??= problemResponse(codes);
        responses[status] = { $ref: `#/components/responses/${codes[0]}` } as never;
      } else responses[status] = problemResponse(codes);
    } else if (status === '204') {
      delete answer.content;
    } else if (!answer.description || answer.description === 'Default Response') {
      answer.description = '成功';
    }
  }
}

/**
 * Drops what zod writes but says nothing here (the safe-integer bounds of every `.int()`), and
 * gives a nullable reference (`nullable` + `allOf: [$ref]`) the type OpenAPI 3.0 requires beside
 * `nullable`: the referenced schema's.
 */
function tidy(node: unknown, schemas: Record<string, { type?: string }>): void {
  if (Array.isArray(node)) return node.forEach((n) => tidy(n, schemas));
  if (!node || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  if (o.minimum === -Number.MAX_SAFE_INTEGER) delete o.minimum;
  if (o.maximum === Number.MAX_SAFE_INTEGER) delete o.maximum;
  const only = Array.isArray(o.allOf) && o.allOf.length === 1 ? (o.allOf[0] as { $ref?: string }).$ref : undefined;
  if (o.nullable === true && o.type === undefined && only) o.type = schemas[only.replace('#/components/schemas/', '')]?.type ?? 'object';
  for (const v of Object.values(o)) tidy(v, schemas);
}

/** A stable operationId from the method and path (PUT /api/enterprises/{id}/items/{item} → putEnterprisesByIdItemsByItem), for generators that name methods by it. */
export function operationIdOf(method: string, url: string): string {
  const words = url
    .replace(/^\/api\//, '')
    .split('/')
    .flatMap((part) => (part.startsWith(':') || part.startsWith('{') ? ['by', part.replace(/^[:{]|}$/g, '')] : part.split(/[-.]/)))
    .filter(Boolean);
  return method.toLowerCase() + words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

/** Keeps only the components something references (zod writes an input and an output twin of each). */
function pruneComponents(doc: { components?: { schemas?: Record<string, unknown> } }): void {
  const schemas = doc.components?.schemas;
  if (!schemas) return;
  const used = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')) {
        const name = v.slice('#/components/schemas/'.length);
        if (!used.has(name)) {
          used.add(name);
          visit(schemas[name]);
        }
      } else visit(v);
    }
  };
  visit({ ...doc, components: { ...doc.components, schemas: undefined } });
  for (const name of Object.keys(schemas)) if (!used.has(name)) delete schemas[name];
}

/** Options for @fastify/swagger: the document's info, tags in the campaign's order, its shape. */
export const openapiOptions = {
  openapi: {
    openapi: '3.0.3',
    info: {
      title: 'Qudi 取缔 · 土小企业集中取缔工作平台 API',
      version: API_VERSION,
      description: `${API_INTRODUCTION}\n${ERROR_CODES.map((c) => `| \`${c}\` | ${PROBLEMS[c].status} | ${PROBLEMS[c].title} |`).join('\n')}\n\n接口版本 ${API_VERSION}；变更及其兼容性见 README 的“接口变更记录”。`,
    },
    tags: Object.values(TAGS).map((t) => ({ name: t.name, description: t.description })),
    components: { securitySchemes: { session: { type: 'apiKey' as const, in: 'cookie' as const, name: 'qudi_session', description: '登录后服务器设置的会话 Cookie' } } },
    security: [{ session: [] }],
    servers: [{ url: '/', description: '本服务器（接口均在 /api 下）' }],
  },
  transform: (input: Parameters<typeof jsonSchemaTransform>[0]) => {
    const { schema, route } = input as typeof input & { route: RouteOptions };
    const config = (route?.config ?? {}) as { public?: boolean; multipart?: z.ZodObject };
    const raw: Record<string, unknown> = {};
    const response = { ...((schema?.response as Record<string, unknown>) ?? {}) };
    // Entries that are plain JSON Schema pass through; the zod ones are converted.
    for (const [status, entry] of Object.entries(response))
      if (!isZod(entry) && !(entry && typeof entry === 'object' && 'content' in entry)) {
        raw[status] = entry;
        delete response[status];
      }
    const out = jsonSchemaTransform({ ...input, schema: schema ? { ...schema, response } : schema } as typeof input);
    const shaped = out.schema as Record<string, unknown> & { response?: Record<string, unknown> };
    if (shaped && Object.keys(raw).length) shaped.response = { ...shaped.response, ...raw };
    if (shaped && config.multipart) {
      shaped.body = z.toJSONSchema(config.multipart, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' });
      delete (shaped.body as Record<string, unknown>).$schema;
      shaped.consumes = ['multipart/form-data'];
    }
    if (shaped && config.public) shaped.security = [];
    if (shaped && !shaped.operationId) shaped.operationId = operationIdOf([route.method].flat()[0], route.url);
    return out;
  },
  transformObject: (input: Parameters<typeof jsonSchemaTransformObject>[0]) => {
    const doc = jsonSchemaTransformObject(input) as { paths?: Record<string, Record<string, { responses?: Responses }>>; components?: { schemas?: Record<string, unknown>; responses?: Record<string, unknown> } };
    const shared: Record<string, unknown> = {};
    for (const ops of Object.values(doc.paths ?? {})) for (const op of Object.values(ops)) if (op.responses) shapeResponses(op.responses, shared);
    doc.components = { ...doc.components, responses: Object.fromEntries(ERROR_CODES.filter((c) => shared[c]).map((c) => [c, shared[c]])) };
    const problem = z.toJSONSchema(problemSchema(ERROR_CODES).meta({ description: '错误（application/problem+json，RFC 9457）' }), { target: 'openapi-3.0', io: 'output' }) as Record<string, unknown>;
    delete problem.$schema;
    doc.components = { ...doc.components, schemas: { ...doc.components?.schemas, Problem: problem } };
    pruneComponents(doc);
    tidy(doc, (doc.components?.schemas ?? {}) as Record<string, { type?: string }>);
    return doc;
  },
};
