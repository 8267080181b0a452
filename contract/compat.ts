// What counts as a breaking change of the API (README, “接口变更记录”), decided by comparing two
// OpenAPI documents. Breaking — a client written against `before` may fail against `after`:
//   - an operation removed, or a success status or its media type removed;
//   - in a success answer: a field removed, a field no longer always present, a field's type changed,
//     a field that could not be null now can;
//   - in a request: a parameter or body field removed (requests with unknown fields are refused), a
//     parameter or field newly required, a type changed, an accepted enum value removed.
// Not breaking: new operations, new optional request fields, new answer fields, new enum values in
// answers (clients must accept values they do not know), new problem codes (clients handle problems
// by status and `code`, and must expect codes they do not know).

type Json = Record<string, unknown>;
type Schema = {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  enum?: unknown[];
  nullable?: boolean;
  additionalProperties?: boolean | Schema;
};
type Operation = {
  parameters?: { name: string; in: string; required?: boolean; schema?: Schema }[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { $ref?: string; content?: Record<string, { schema?: Schema }> }>;
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

export const majorOf = (version: string) => Number(version.split('.')[0]) || 0;

function resolver(doc: Json) {
  const schemas = ((doc.components as Json | undefined)?.schemas ?? {}) as Record<string, Schema>;
  const resolve = (s: Schema | undefined, depth = 0): Schema | undefined => {
    if (!s || depth > 20) return s;
    if (s.$ref) return resolve(schemas[s.$ref.replace('#/components/schemas/', '')], depth + 1);
    if (s.allOf) {
      // The parts of an allOf, merged: enough for the objects this API composes.
      const parts = s.allOf.map((p) => resolve(p, depth + 1) ?? {});
      return {
        ...s,
        allOf: undefined,
        type: parts.find((p) => p.type)?.type,
        properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})),
        required: parts.flatMap((p) => p.required ?? []),
      };
    }
    return s;
  };
  return resolve;
}

/** Differences in `before` → `after` of one schema that break a reader (answers) or a writer (requests). */
function compareSchemas(
  before: Schema | undefined,
  after: Schema | undefined,
  where: string,
  side: 'answer' | 'request',
  rb: ReturnType<typeof resolver>,
  ra: ReturnType<typeof resolver>,
  out: string[],
  seen = new Set<string>(),
): void {
  const b = rb(before);
  const a = ra(after);
  if (!b || !a) return;
  // A recursive schema would nest without end: each place is compared once, to a bounded depth.
  if (seen.has(where) || where.length > 400) return;
  seen.add(where);
  if (b.type && a.type && b.type !== a.type) {
    out.push(`${where}：类型由 ${b.type} 改为 ${a.type}`);
    return;
  }
  if (side === 'answer' && !b.nullable && a.nullable) out.push(`${where}：可能为 null`);
  if (side === 'request' && b.enum && a.enum) {
    const removed = b.enum.filter((v) => !a.enum!.includes(v));
    if (removed.length) out.push(`${where}：不再接受 ${removed.map((v) => JSON.stringify(v)).join('、')}`);
  }
  if (b.items || a.items) compareSchemas(b.items, a.items, `${where}[]`, side, rb, ra, out, seen);
  const bp = b.properties ?? {};
  const ap = a.properties ?? {};
  const bReq = new Set(b.required ?? []);
  const aReq = new Set(a.required ?? []);
  for (const [name, schema] of Object.entries(bp)) {
    const field = where ? `${where}.${name}` : name;
    if (!(name in ap)) {
      out.push(side === 'answer' ? `${field}：答复中不再有此字段` : `${field}：不再接受此字段`);
      continue;
    }
    if (side === 'answer' && bReq.has(name) && !aReq.has(name)) out.push(`${field}：答复中不再总有此字段`);
    compareSchemas(schema, ap[name], field, side, rb, ra, out, seen);
  }
  if (side === 'request') for (const name of aReq) if (!bReq.has(name)) out.push(`${where ? `${where}.` : ''}${name}：新增为必填`);
}

const successStatuses = (op: Operation) => Object.keys(op.responses ?? {}).filter((s) => s.startsWith('2'));

/** The breaking changes from `before` to `after`, in Chinese, one line each (empty: compatible). */
export function breakingChanges(before: Json, after: Json): string[] {
  const out: string[] = [];
  const rb = resolver(before);
  const ra = resolver(after);
  const bPaths = (before.paths ?? {}) as Record<string, Record<string, Operation>>;
  const aPaths = (after.paths ?? {}) as Record<string, Record<string, Operation>>;
  for (const [url, ops] of Object.entries(bPaths))
    for (const method of METHODS) {
      const bOp = ops[method];
      if (!bOp) continue;
      const name = `${method.toUpperCase()} ${url}`;
      const aOp = aPaths[url]?.[method];
      if (!aOp) {
        out.push(`${name}：接口已删除`);
        continue;
      }
      // Parameters.
      const aParams = new Map((aOp.parameters ?? []).map((p) => [`${p.in}:${p.name}`, p]));
      const bParams = new Map((bOp.parameters ?? []).map((p) => [`${p.in}:${p.name}`, p]));
      for (const [k, p] of bParams) {
        const now = aParams.get(k);
        if (!now) out.push(`${name}：不再接受参数 ${p.name}`);
        else compareSchemas(p.schema, now.schema, `${name} 参数 ${p.name}`, 'request', rb, ra, out);
      }
      for (const [k, p] of aParams) if (p.required && !bParams.get(k)?.required) out.push(`${name}：参数 ${p.name} 新增为必填`);
      // Request body.
      const bBody = bOp.requestBody?.content ?? {};
      const aBody = aOp.requestBody?.content ?? {};
      if (!bOp.requestBody?.required && aOp.requestBody?.required) out.push(`${name}：请求体新增为必填`);
      for (const [type, media] of Object.entries(bBody)) {
        if (!aBody[type]) out.push(`${name}：不再接受 ${type} 请求体`);
        else compareSchemas(media.schema, aBody[type].schema, `${name} 请求体`, 'request', rb, ra, out);
      }
      // Success answers.
      for (const status of successStatuses(bOp)) {
        const bAnswer = bOp.responses![status];
        const aAnswer = aOp.responses?.[status];
        if (!aAnswer) {
          out.push(`${name}：不再答复 ${status}`);
          continue;
        }
        for (const [type, media] of Object.entries(bAnswer.content ?? {})) {
          const now = aAnswer.content?.[type];
          if (!now) out.push(`${name}：${status} 不再以 ${type} 答复`);
          else compareSchemas(media.schema, now.schema, `${name} 答复 ${status}`, 'answer', rb, ra, out);
        }
      }
    }
  return out;
}
