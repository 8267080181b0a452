import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
type AnyDb = Kysely<any>;

/**
 * A fingerprint of the town's part of the register as an import's preview read it (SHA-256 over
 * its workshops' ids and versions and its villages' ids; server/commands/lib/importRegister.ts,
 * registerMark). Confirming compares it with the register as it is then: unchanged, the preview's
 * duplicate and village checks still hold and need not be run again over every row.
 */
export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  void dialect;
  await db.schema.alterTable('imports').addColumn('register_mark', 'text').execute();
}
