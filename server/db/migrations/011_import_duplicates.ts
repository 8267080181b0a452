import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
type AnyDb = Kysely<any>;

/**
 * Imported rows that look like a workshop already on the register: the matches found at preview,
 * the user's decision (the same site, or a different workshop) and, for the same site, the
 * workshop the row was linked to. The import header counts such rows, and keeps a hash of all
 * its staged rows.
 */
export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  void dialect;
  await db.schema.alterTable('import_rows').addColumn('matches', 'text').execute();
  await db.schema.alterTable('import_rows').addColumn('decision', 'text').execute();
  await db.schema.alterTable('import_rows').addColumn('linked_id', 'integer').execute();
  await db.schema.alterTable('imports').addColumn('duplicate_count', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  // SHA-256 over the staged rows (row_no LF data LF, in row order): the imported workshops' audit
  // records name their import row, and the import's confirmation record carries this hash.
  await db.schema.alterTable('imports').addColumn('rows_sha256', 'text').execute();
}
