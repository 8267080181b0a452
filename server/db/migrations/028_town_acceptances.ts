import type { Kysely } from 'kysely';
import { idColumn, type DialectName } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
type AnyDb = Kysely<any>;

/**
 * Each town's acceptance verdict (镇街验收结论, issue 15): its status (domain/workflows/townAcceptance.ts),
 * the notice's reasons and the findings of the last decision, the rectification deadline and what is
 * required (限期整改), and the principal's written explanation (书面说明). One row per campaign and town,
 * written at the version read.
 */
export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('town_acceptances')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('town_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('org_path', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('findings', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('rectify_by', 'text')
    .addColumn('requirements', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('explanation', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('explained_by', 'integer', (c) => c.references('users.id'))
    .addColumn('explained_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('town_acceptances_town').on('town_acceptances').columns(['campaign_id', 'town_id']).unique().execute();
}
