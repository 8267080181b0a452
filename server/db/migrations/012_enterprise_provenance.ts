import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
type AnyDb = Kysely<any>;

/**
 * Where a workshop came from when it was imported: the import and the sheet row. Shown with the
 * record, and how a confirmed import finds its new workshops again (items, audit records).
 */
export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  void dialect;
  await db.schema.alterTable('enterprises').addColumn('import_id', 'integer').execute();
  await db.schema.alterTable('enterprises').addColumn('import_row', 'integer').execute();
}
