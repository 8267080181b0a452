import { sql, type Kysely } from 'kysely';
import { idColumn, type DialectName } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
type AnyDb = Kysely<any>;

/**
 * 改头换面 (issue 16 §3): finding the shut site a workshop may be by index, and the decisions on it.
 *
 * - `enterprises.geo_row` / `geo_col`: the workshop's cell of a 0.005° grid (GRID_DEGREES in
 *   domain/sameSite.ts), computed by the database from lat/lng (a generated column: no writer can
 *   forget it), indexed with the campaign — the places within 300 m are a few index ranges.
 * - an index on the operator's name (only where there is one), beside the existing ones on the
 *   phone, the name key and the power account (migration 034's, spaces and dashes ignored).
 * - `site_links`: a person's decision on a pair (the record, the shut site): confirmed as one site
 *   or dismissed with a reason; the pair kept once, the smaller id first.
 */
export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  if (dialect === 'postgres') {
    await sql`alter table enterprises add column geo_row integer generated always as (floor(lat / 0.005)::integer) stored`.execute(db);
    await sql`alter table enterprises add column geo_col integer generated always as (floor(lng / 0.005)::integer) stored`.execute(db);
  } else {
    await sql`alter table enterprises add column geo_row integer generated always as (cast(floor(lat / 0.005) as integer)) virtual`.execute(db);
    await sql`alter table enterprises add column geo_col integer generated always as (cast(floor(lng / 0.005) as integer)) virtual`.execute(db);
  }
  // Partial: only workshops with a place are in it, and only queries naming a cell can use it.
  await db.schema.createIndex('enterprises_geo_cell').on('enterprises').columns(['campaign_id', 'geo_row', 'geo_col']).where(sql.ref('geo_row'), 'is not', null).execute();
  await db.schema.createIndex('enterprises_operator').on('enterprises').columns(['campaign_id', 'contact_person']).where(sql.ref('contact_person'), '<>', '').execute();

  await db.schema
    .createTable('site_links')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('low_id', 'integer', (c) => c.notNull().references('enterprises.id'))
    .addColumn('high_id', 'integer', (c) => c.notNull().references('enterprises.id'))
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('score', 'real', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('decided_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('site_links_pair').on('site_links').columns(['low_id', 'high_id']).unique().execute();
  await db.schema.createIndex('site_links_high').on('site_links').columns(['high_id', 'low_id']).execute();
}
