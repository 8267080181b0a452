import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
type AnyDb = Kysely<any>;

/**
 * What the town's part of the register looked like when an import's preview read it (its
 * workshops' count, highest id and sum of versions; its villages' count and highest id). Confirming
 * compares it with the register as it is then: unchanged, the preview's duplicate and village
 * checks still hold and need not be run again over every row.
 */
export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  void dialect;
  await db.schema.alterTable('imports').addColumn('register_mark', 'text').execute();
}
