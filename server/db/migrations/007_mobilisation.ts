import type { Kysely } from 'kysely';
import { idColumn, type DialectName } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
type AnyDb = Kysely<any>;

/** Mobilisation (宣传发动): each town's own leading body, and its publicity log. */
export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('town_leading_members')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('town_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('position', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('is_principal', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('town_leading_members_town').on('town_leading_members').columns(['campaign_id', 'town_id']).execute();

  await db.schema
    .createTable('publicity_events')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('town_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('attendees', 'integer')
    .addColumn('vehicles', 'integer')
    .addColumn('outlet', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('link', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('publicity_events_town').on('publicity_events').columns(['campaign_id', 'town_id', 'held_on']).execute();
}
