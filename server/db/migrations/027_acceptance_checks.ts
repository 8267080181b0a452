import type { Kysely } from 'kysely';
import { idColumn, type DialectName } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
type AnyDb = Kysely<any>;

/**
 * On-site checks and hearings of the acceptance (现场检查、听取汇报, issue 15): one check per sampled
 * workshop of a published draw — what was found against each standard item (JSON [{ code, held,
 * note }]), the site verdict, the workshop's own files cited as evidence (JSON ids) — and the group's
 * record of each town's report (date, who reported, summary). Scope is the workshop's, or the town's, path.
 */
export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('acceptance_checks')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('draw_id', 'integer', (c) => c.notNull().references('acceptance_draws.id'))
    .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('enterprises.id'))
    .addColumn('org_path', 'text', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('verdict', 'text', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('findings', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('evidence_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('checked_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('checked_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('acceptance_checks_site').on('acceptance_checks').columns(['draw_id', 'enterprise_id']).unique().execute();
  await db.schema.createIndex('acceptance_checks_enterprise').on('acceptance_checks').columns(['enterprise_id']).execute();

  await db.schema
    .createTable('acceptance_hearings')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('town_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('org_path', 'text', (c) => c.notNull())
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('reporter', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('acceptance_hearings_town').on('acceptance_hearings').columns(['campaign_id', 'town_id', 'id']).execute();
}
