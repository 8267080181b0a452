// The few places where SQLite and PostgreSQL differ, each named for what it does. Everything else
// is one Kysely code path; no other module asks which database it runs on (migrations aside, whose
// DDL is per database by nature).
import { sql, type AliasedRawBuilder, type ColumnDefinitionBuilder, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Database, Db } from './schema.js';

export type DialectName = 'sqlite' | 'postgres';

/** Identity primary key: INTEGER PRIMARY KEY AUTOINCREMENT on SQLite, an identity column on PostgreSQL. */
export function idColumn(dialect: DialectName) {
  return (col: ColumnDefinitionBuilder) =>
    dialect === 'sqlite' ? col.primaryKey().autoIncrement() : col.primaryKey().generatedByDefaultAsIdentity();
}

/** Text compared byte-wise, so that path prefix ranges work on any database locale. */
export function binaryText(dialect: DialectName): RawBuilder<unknown> {
  return dialect === 'sqlite' ? sql`text` : sql`text collate "C"`;
}

/** PostgreSQL answers count(*) as a string (bigint); this is the one place that turns it into a number. */
export function toNumber(value: string | number | bigint | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' ? value : Number(value);
}

/** The exclusive upper bound of every string that starts with `prefix` (paths end with '/'). */
export function prefixUpperBound(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1);
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}

export function dialectOf(db: Kysely<Database>): DialectName {
  const name = db.getExecutor().adapter.constructor.name;
  return name.startsWith('Postgres') ? 'postgres' : 'sqlite';
}

/** LIKE that ignores case on both databases (ILIKE on PostgreSQL). */
export function likeOperator(dialect: DialectName): 'like' | 'ilike' {
  return dialect === 'postgres' ? 'ilike' : 'like';
}

/**
 * A column the planner checks but does not pick an index for: SQLite's unary + (the documented way
 * to rule a term out of index selection). PostgreSQL plans by its statistics and gets the column as is.
 */
export function checkedNotIndexed(dialect: DialectName, column: string): RawBuilder<unknown> {
  return dialect === 'sqlite' ? sql`+${sql.ref(column)}` : sql.ref(column);
}

export function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The column type for byte sizes that may pass 2 GiB (a video): bigint on PostgreSQL (SQLite's integer is 64-bit). */
export function bigIntegerType(dialect: DialectName): 'bigint' | 'integer' {
  return dialect === 'postgres' ? 'bigint' : 'integer';
}

/**
 * Locks the rows a SELECT reads until the transaction ends, on PostgreSQL (FOR UPDATE); SQLite
 * serialises writers anyway and has no such clause.
 */
export function forUpdate<Q extends { forUpdate(): Q }>(db: Db, query: Q): Q {
  return dialectOf(db) === 'postgres' ? query.forUpdate() : query;
}

/** `string_agg` (PostgreSQL) / `group_concat` (SQLite) of `expr` over a subquery's rows, joined by `separator`. */
export function groupConcat(db: Db, expr: RawBuilder<unknown>, separator: string): RawBuilder<string | null> {
  return dialectOf(db) === 'postgres' ? sql<string | null>`string_agg(${expr}, ${separator})` : sql<string | null>`group_concat(${expr}, ${separator})`;
}

/**
 * For the RETURNING list of an UPDATE that hands out explicit ids of `table`: on PostgreSQL the
 * expression that moves the table's identity sequence to `column`, so that it never lags behind
 * them; null on SQLite, whose rowids need nothing.
 */
export function identitySync(db: Db, table: string, column: string): AliasedRawBuilder<string, 'seq'> | null {
  return dialectOf(db) === 'postgres' ? sql<string>`setval(pg_get_serial_sequence(${table}, 'id'), ${sql.ref(column)})`.as('seq') : null;
}

/** A bound parameter's placeholder in a hand-built statement: `$n` on PostgreSQL, `?` on SQLite. */
export function placeholder(dialect: DialectName, n: number): string {
  return dialect === 'postgres' ? `$${n}` : '?';
}

/**
 * A field of a JSON text column, as SQL of the given type, read from the row alias `source`: on
 * SQLite with json_extract from `<source>.<column>`, on PostgreSQL from the parsed `<source>.j`
 * that parsedJsonRows provides.
 */
export function jsonField(dialect: DialectName, source: string, column: string, path: readonly string[], type: 'text' | 'integer' | 'number' = 'text'): RawBuilder<unknown> {
  if (dialect === 'sqlite') return sql.raw(`json_extract(${source}.${column}, '$.${path.join('.')}')`);
  const text = `(${source}.j #>> '{${path.join(',')}}')`;
  return sql.raw(type === 'text' ? text : type === 'integer' ? `${text}::integer` : `${text}::double precision`);
}

/**
 * A subquery of `table`'s rows matching `where`, aliased `alias`, for jsonField to read `column`
 * from. On PostgreSQL only `columns` and the parsed JSON (`j`) are selected, the JSON parsed once
 * per row, and `offset 0` keeps the planner from folding the subquery into the outer query, which
 * would parse each row's JSON again for every field read (a 100,000-row import took 9.6 s instead of 2).
 */
export function parsedJsonRows(dialect: DialectName, table: string, columns: readonly string[], column: string, where: RawBuilder<unknown>, alias: string): RawBuilder<unknown> {
  return dialect === 'sqlite'
    ? sql`(select * from ${sql.table(table)} where ${where}) ${sql.raw(alias)}`
    : sql`(select ${sql.join(columns.map((c) => sql.ref(c)))}, ${sql.raw(`${column}::jsonb`)} as j from ${sql.table(table)} where ${where} offset 0) ${sql.raw(alias)}`;
}

/**
 * Switches the dashboard's count triggers (migration 015) off, or on again, for the rest of the
 * transaction: a guard row on SQLite (its triggers cannot read settings), a transaction-local
 * setting on PostgreSQL.
 */
export async function setCountTriggersOff(trx: Db, off: boolean): Promise<void> {
  if (dialectOf(trx) === 'sqlite') await trx.updateTable('dashboard_counts_guard').set({ bulk: off ? 1 : 0 }).execute();
  else await sql`select set_config('qudi.bulk_counts', ${off ? 'on' : 'off'}, true)`.execute(trx);
}

/** Whether the count triggers were left switched off (only possible on SQLite, whose switch is a row; PostgreSQL's ends with its transaction). */
export async function countTriggersLeftOff(db: Db): Promise<boolean> {
  if (dialectOf(db) === 'postgres') return false;
  return (await db.selectFrom('dashboard_counts_guard').select('bulk').executeTakeFirst())?.bulk === 1;
}

/** Runs `work` in one read snapshot: a repeatable-read transaction on PostgreSQL (a SQLite transaction is one already). */
export function inSnapshot<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return dialectOf(db) === 'postgres' ? db.transaction().setIsolationLevel('repeatable read').execute(work) : db.transaction().execute(work);
}

/**
 * Refreshes the planner's statistics of the embedded database (when the server opens it, and
 * hourly): SQLite needs them to pick the town/status indexes; PostgreSQL's autovacuum keeps its own.
 */
export async function refreshEmbeddedPlannerStats(db: Kysely<Database>, dialect: DialectName): Promise<void> {
  if (dialect === 'sqlite') await refreshPlannerStats(db, dialect);
}

/**
 * Refreshes the query planner's statistics. Without them SQLite walks the scope index over the
 * whole table instead of the town/status index; PostgreSQL's autovacuum catches up on its own,
 * but only minutes after a bulk load. Call after bulk loads and (SQLite) when a connection opens.
 */
export async function refreshPlannerStats(db: Kysely<Database>, dialect: DialectName): Promise<void> {
  if (dialect === 'sqlite') {
    // Bounded sampling keeps this fast on a million rows; 0x10002 analyses every table that needs it.
    await sql`PRAGMA analysis_limit = 2000`.execute(db);
    await sql`PRAGMA optimize = 0x10002`.execute(db);
  } else {
    await sql`ANALYZE enterprises`.execute(db);
    await sql`ANALYZE enterprise_items`.execute(db);
    await sql`ANALYZE workshop_search_grams`.execute(db);
  }
}

/**
 * `column IN (ids)` with the ids bound as one parameter (SQLite: a JSON array read by json_each;
 * PostgreSQL: an integer array), so that the statement's text is the same whatever the count: one
 * prepared statement, and no query-builder node per id.
 */
export function inIdList(dialect: DialectName, column: string, ids: readonly number[]): RawBuilder<SqlBool> {
  return dialect === 'postgres'
    ? sql<SqlBool>`${sql.ref(column)} = any(cast(${`{${ids.join(',')}}`} as integer[]))`
    : sql<SqlBool>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(ids)}))`;
}

/** Whether the jobs run on pg-boss (PostgreSQL, several instances) rather than the embedded runner (SQLite, one process). */
export function sharedJobQueue(dialect: DialectName): boolean {
  return dialect === 'postgres';
}
