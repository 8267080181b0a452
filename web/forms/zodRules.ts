// Adapter between zod (the contract shared with the server) and Ant Design forms: zod issues and
// server field errors become antd field errors, and a zod schema can serve as a field rule.
import type { FormInstance } from 'antd';
import type { Rule } from 'antd/es/form/index.js';
import type { z } from 'zod';
import type { FieldError } from '../api/client.js';

type NamePath = (string | number)[];

function toNamePath(path: readonly PropertyKey[] | string): NamePath {
  const parts = typeof path === 'string' ? path.split('.').filter(Boolean) : path;
  return parts.map((p) => (typeof p === 'number' || /^\d+$/.test(String(p)) ? Number(p) : String(p)));
}

/** Groups messages per field, first message first, as form.setFields expects them. */
function groupByField(list: { path: NamePath; message: string }[]) {
  const byField = new Map<string, { name: NamePath; errors: string[] }>();
  for (const { path, message } of list) {
    if (path.length === 0) continue;
    const key = path.join('.');
    const entry = byField.get(key) ?? { name: path, errors: [] };
    if (!entry.errors.includes(message)) entry.errors.push(message);
    byField.set(key, entry);
  }
  return [...byField.values()];
}

export function zodIssuesToFields(issues: readonly z.core.$ZodIssue[]) {
  return groupByField(issues.map((i) => ({ path: toNamePath(i.path), message: i.message })));
}

/**
 * Validates form values with a zod schema. On failure the issues are shown on their fields (the
 * first one scrolled into view) and null is returned; on success the parsed output is returned.
 */
export function validateWithSchema<S extends z.ZodType>(form: FormInstance, schema: S, values: unknown): z.output<S> | null {
  const result = schema.safeParse(values);
  if (result.success) return result.data;
  const fields = zodIssuesToFields(result.error.issues);
  form.setFields(fields);
  if (fields[0]) form.scrollToField(fields[0].name, { block: 'center' });
  return null;
}

/**
 * Puts the server's field errors (problem+json `errors[]`) on the form fields that exist.
 * Answers the errors that matched no field, so the caller can show them some other way.
 */
export function applyServerErrors(form: FormInstance, errors: readonly FieldError[]): FieldError[] {
  const present = new Set(Object.keys(form.getFieldsValue() as Record<string, unknown>));
  const matched: { path: NamePath; message: string }[] = [];
  const unmatched: FieldError[] = [];
  for (const e of errors) {
    const path = toNamePath(e.path);
    if (path.length > 0 && present.has(String(path[0]))) matched.push({ path, message: e.message });
    else unmatched.push(e);
  }
  const fields = groupByField(matched);
  form.setFields(fields);
  if (fields[0]) form.scrollToField(fields[0].name, { block: 'center' });
  return unmatched;
}

/**
 * A field rule that checks one value against a zod schema (e.g. one field of an object schema).
 * `empty` is what an untouched field stands for ('' for text inputs, so "required" reads as such).
 */
export function zodRule(schema: z.ZodType, empty?: unknown): Rule {
  return {
    validator: async (_rule, value: unknown) => {
      const result = schema.safeParse(value === undefined || value === null ? (empty ?? value) : value);
      if (!result.success) throw new Error(result.error.issues[0]?.message);
    },
  };
}
