import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
type AnyDb = Kysely<any>;

/**
 * When a confirmed recurrence (死灰复燃) last reopened the workshop's shutdown. Evidence uploaded
 * before it belongs to the earlier shutdown: it stays in the record, but the items done again must
 * be proven with files taken for this round.
 */
export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  void dialect;
  await db.schema.alterTable('enterprises').addColumn('reopened_at', 'text').execute();
}
