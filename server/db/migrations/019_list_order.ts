import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
type AnyDb = Kysely<any>;

/**
 * The workshop list's two orders that no index walked (issue 13): the whole campaign newest first
 * (the default page for the office and for every user whose scope is a path range) and by last
 * change. Without them the list read every match and sorted it (a temp B-tree on SQLite, a Sort
 * on PostgreSQL) to show 50 rows. org_path at the end lets a scope range be checked in the index
 * while it is walked in order, before any row is read.
 */
export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  void dialect;
  await db.schema.createIndex('enterprises_list_id').on('enterprises').columns(['campaign_id', 'id', 'org_path']).execute();
  await db.schema.createIndex('enterprises_list_updated').on('enterprises').columns(['campaign_id', 'updated_at', 'id', 'org_path']).execute();
}
