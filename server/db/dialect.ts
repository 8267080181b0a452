// The few places where SQLite and PostgreSQL differ. Everything else is one Kysely code path.
import { sql, type ColumnDefinitionBuilder, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from './schema.js';

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

export function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
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
  }
}
