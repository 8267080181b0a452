// Multi-row INSERT for bulk paths (an import's workshops, its staged rows, their audit records).
import { CompiledQuery, type Kysely } from 'kysely';
import { dialectOf, placeholder, type DialectName } from './dialect.js';
import type { Database } from './schema.js';

/**
 * Bound parameters per statement: under SQLite's default limit (32,766) and PostgreSQL's (65,535).
 */
const MAX_PARAMS = 30_000;

const texts = new Map<string, string>();

function insertText(dialect: DialectName, table: string, columns: readonly string[], rowCount: number, returningId: boolean): string {
  const key = `${dialect}\u0000${table}\u0000${columns.join(',')}\u0000${rowCount}\u0000${returningId}`;
  let text = texts.get(key);
  if (text === undefined) {
    const tuples: string[] = [];
    let n = 0;
    for (let r = 0; r < rowCount; r++) {
      const params: string[] = [];
      for (let c = 0; c < columns.length; c++) params.push(placeholder(dialect, ++n));
      tuples.push(`(${params.join(', ')})`);
    }
    text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values ${tuples.join(', ')}${returningId ? ' returning "id"' : ''}`;
    // Batches come in a few sizes (full and the last one); keep the texts bounded all the same.
    if (texts.size > 500) texts.clear();
    texts.set(key, text);
  }
  return text;
}

/**
 * Inserts `rows` (values in the order of `columns`) with as few statements as the parameter
 * limits allow. The SQL text is built once per shape and the values are bound as one flat array:
 * Kysely's insert builder re-parses every row object and visits every value, which cost more than
 * SQLite's own work in a 100,000-row import. With `returningId`, answers the new ids in the order
 * of `rows` (identity/rowid values are assigned in VALUES order, so ascending ids match it).
 */
export async function bulkInsert(
  db: Kysely<Database>,
  table: keyof Database & string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  opts: { returningId?: boolean } = {},
): Promise<number[]> {
  const dialect = dialectOf(db);
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  const ids: number[] = [];
  for (let start = 0; start < rows.length; start += perStatement) {
    const part = rows.slice(start, start + perStatement);
    const params: unknown[] = [];
    for (const row of part) {
      if (row.length !== columns.length) throw new Error(`bulkInsert ${table}: a row has ${row.length} values for ${columns.length} columns`);
      for (const v of row) params.push(v);
    }
    const result = await db.executeQuery<{ id: number | string }>(CompiledQuery.raw(insertText(dialect, table, columns, part.length, !!opts.returningId), params));
    if (opts.returningId) {
      const got = result.rows.map((r) => Number(r.id)).sort((a, b) => a - b);
      for (const id of got) ids.push(id);
    }
  }
  return ids;
}
