import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
type AnyDb = Kysely<any>;

/** The order exports walk the register in (town, then id), so each chunk is one index range. */
export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  void dialect;
  await db.schema.createIndex('enterprises_export_order').on('enterprises').columns(['campaign_id', 'town_id', 'id']).execute();
}
