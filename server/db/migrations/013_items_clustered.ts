import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
type AnyDb = Kysely<any>;

/**
 * SQLite: the standard items become a WITHOUT ROWID table clustered on (enterprise_id, item_code).
 * Every workshop has one row per item (five in the notice), so the items table is the register's
 * largest; clustered, a row lives in one B-tree instead of three (rowid table, primary key index,
 * covering index), which halves the cost of registering and importing workshops and still
 * answers the dashboard's per-item counts from one tree. PostgreSQL keeps its layout.
 */
export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  if (dialect !== 'sqlite') return;
  await sql`create table enterprise_items_clustered (
    enterprise_id integer not null references enterprises (id) on delete cascade,
    item_code text not null,
    state text not null,
    unit text not null,
    person text not null,
    done_on text,
    note text not null,
    reason text not null,
    updated_by integer references users (id),
    updated_at text,
    primary key (enterprise_id, item_code)
  ) without rowid`.execute(db);
  await sql`insert into enterprise_items_clustered select enterprise_id, item_code, state, unit, person, done_on, note, reason, updated_by, updated_at from enterprise_items`.execute(db);
  await sql`drop table enterprise_items`.execute(db);
  await sql`alter table enterprise_items_clustered rename to enterprise_items`.execute(db);
  await sql`create index enterprise_items_code_state on enterprise_items (item_code, state)`.execute(db);
}
