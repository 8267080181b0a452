import { sql, type Kysely } from 'kysely';
import { idColumn, type DialectName } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
type AnyDb = Kysely<any>;

/**
 * Spot-check draws (验收抽查, issue 15): per town and round, every draw ever made — its parameters,
 * the server-generated seed, the eligible workshops as they stood (ids ascending, JSON, with their
 * hash), the chosen sites and the sample in draw order (JSON). A redraw supersedes the live draw
 * and keeps it. At most one live (not superseded) draw per town and round: the partial unique
 * index turns two inspectors drawing at once into one draw and a 409.
 */
export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('acceptance_draws')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('town_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('org_path', 'text', (c) => c.notNull())
    .addColumn('round', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('share_percent', 'integer', (c) => c.notNull())
    .addColumn('minimum', 'integer', (c) => c.notNull())
    .addColumn('algorithm', 'text', (c) => c.notNull())
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('eligible_ids', 'text', (c) => c.notNull())
    .addColumn('eligible_sha256', 'text', (c) => c.notNull())
    .addColumn('chosen_ids', 'text', (c) => c.notNull())
    .addColumn('sample', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('drawn_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('drawn_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'integer', (c) => c.references('users.id'))
    .addColumn('published_at', 'text')
    .addColumn('superseded_by', 'integer')
    .addColumn('superseded_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('acceptance_draws_town').on('acceptance_draws').columns(['campaign_id', 'town_id', 'round', 'seq']).execute();
  await db.schema
    .createIndex('acceptance_draws_live')
    .on('acceptance_draws')
    .columns(['campaign_id', 'town_id', 'round'])
    .unique()
    .where(sql.ref('status'), '!=', 'superseded')
    .execute();
}
