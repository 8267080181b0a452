import type { Kysely } from 'kysely';
import { workshopNameKey } from '../../../domain/duplicates.js';
import type { DialectName } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
type AnyDb = Kysely<any>;

/** The comparison key of each workshop's name, indexed for duplicate warnings. */
export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  void dialect;
  await db.schema.alterTable('enterprises').addColumn('name_key', 'text', (c) => c.notNull().defaultTo('')).execute();
  for (let after = 0; ; ) {
    const rows: { id: number; name: string }[] = await db.selectFrom('enterprises').select(['id', 'name']).where('id', '>', after).orderBy('id').limit(1000).execute();
    if (rows.length === 0) break;
    for (const r of rows) await db.updateTable('enterprises').set({ name_key: workshopNameKey(r.name) }).where('id', '=', r.id).execute();
    after = rows[rows.length - 1].id;
  }
  await db.schema.createIndex('enterprises_name_key').on('enterprises').columns(['campaign_id', 'name_key']).execute();
  await db.schema.createIndex('enterprises_lat').on('enterprises').columns(['campaign_id', 'lat']).execute();
}
