import type { Kysely } from 'kysely';
import { idColumn, type DialectName } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
type AnyDb = Kysely<any>;

/**
 * Truck interceptions (运输车辆查处, issue 14). The destination town's path (when known) is the scope a
 * town sees them by; the recording departments and the office see all.
 */
export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('interceptions')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('intercepted_on', 'text', (c) => c.notNull())
    .addColumn('plate', 'text', (c) => c.notNull())
    .addColumn('vehicle_type', 'text', (c) => c.notNull())
    .addColumn('cargo', 'text', (c) => c.notNull())
    .addColumn('cargo_note', 'text', (c) => c.notNull())
    .addColumn('quantity', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('destination_town_id', 'integer', (c) => c.references('org_units.id'))
    .addColumn('destination_path', 'text')
    .addColumn('destination_enterprise_id', 'integer', (c) => c.references('enterprises.id'))
    .addColumn('destination_place', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_unit', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('interceptions_campaign').on('interceptions').columns(['campaign_id', 'id']).execute();
  await db.schema.createIndex('interceptions_week').on('interceptions').columns(['campaign_id', 'intercepted_on']).execute();
}
