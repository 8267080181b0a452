import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
type AnyDb = Kysely<any>;

/**
 * The workshop list's orders that no index walked (issue 13): the whole campaign newest first
 * (the default page for the office and for every user whose scope is a path range), by name and
 * by last change. Without them the list read every match and sorted it (a temp B-tree on SQLite, a Sort
 * on PostgreSQL) to show 50 rows. org_path at the end lets a scope range be checked in the index
 * while it is walked in order, before any row is read.
 *
 * The list's total without a search term is summed from dashboard_status_counts (migration 015),
 * keyed by path: a town's rows are read by town through dashboard_status_counts_town, not by walking the
 * whole campaign's count rows.
 */
export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  void dialect;
  await db.schema.createIndex('enterprises_list_id').on('enterprises').columns(['campaign_id', 'id', 'org_path']).execute();
  await db.schema.createIndex('enterprises_list_name').on('enterprises').columns(['campaign_id', 'name', 'id', 'org_path']).execute();
  await db.schema.createIndex('enterprises_list_updated').on('enterprises').columns(['campaign_id', 'updated_at', 'id', 'org_path']).execute();
  await db.schema.createIndex('dashboard_status_counts_town').on('dashboard_status_counts').columns(['campaign_id', 'town_id', 'status', 'org_path', 'n']).execute();
}
