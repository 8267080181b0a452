import { sql, type Kysely } from 'kysely';
import { idColumn, type DialectName } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
type AnyDb = Kysely<any>;

/**
 * 巡查 (issue 16 §2): each patrol of a shut site — the standard items still holding (JSON), the verdict,
 * the findings, the workshop's own files it cites (JSON), and whether it reopened the site (反弹). The
 * workshop keeps its last patrol day and its next patrol's due day, indexed, so that the lists of sites
 * due or overdue are range reads and no scan; the due day is written from the campaign's schedule
 * whenever a site is shut down or patrolled (nothing to backfill: no campaign had a schedule before).
 */
export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('patrols')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('enterprises.id'))
    .addColumn('patrolled_on', 'text', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('verdict', 'text', (c) => c.notNull())
    .addColumn('findings', 'text', (c) => c.notNull())
    .addColumn('evidence_ids', 'text', (c) => c.notNull())
    .addColumn('recurred', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('recorded_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_unit', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('patrols_enterprise').on('patrols').columns(['enterprise_id', 'id']).execute();
  await db.schema.createIndex('patrols_campaign').on('patrols').columns(['campaign_id', 'id']).execute();
  await db.schema.alterTable('enterprises').addColumn('last_patrol_on', 'text').execute();
  await db.schema.alterTable('enterprises').addColumn('patrol_due_on', 'text').execute();
  // Partial: only sites with a due day are in them, and no other query of the register (which never
  // says `patrol_due_on is not null`) can be planned on them — a full index led by town_id took over the
  // village list's plan on PostgreSQL.
  await db.schema.createIndex('enterprises_patrol_due').on('enterprises').columns(['campaign_id', 'patrol_due_on', 'id']).where(sql.ref('patrol_due_on'), 'is not', null).execute();
  await db.schema.createIndex('enterprises_town_patrol_due').on('enterprises').columns(['town_id', 'patrol_due_on', 'id']).where(sql.ref('patrol_due_on'), 'is not', null).execute();
}
