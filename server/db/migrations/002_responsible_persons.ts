import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
type AnyDb = Kysely<any>;

/** 附件3 (登记表): the three responsible persons of each workshop. */
export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  void dialect;
  for (const column of ['village_head', 'town_head', 'department_head'])
    await db.schema.alterTable('enterprises').addColumn(column, 'text', (c) => c.notNull().defaultTo('')).execute();
}
