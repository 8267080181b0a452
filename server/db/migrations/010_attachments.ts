import type { Kysely } from 'kysely';
import { bigIntegerType, binaryText, idColumn, type DialectName } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
type AnyDb = Kysely<any>;

/**
 * Evidence files (issue 4), one table for every kind of record that carries them: a workshop
 * ('enterprise'), one of its standard items ('item'), and later stages' records. The file itself
 * lives in content-addressed storage (storage_key); a row is never deleted, and replacing a file
 * adds a row and points the old one at it (replaced_by), so the record keeps its history.
 */
export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('attachments')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('record_type', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('enterprise_id', 'integer', (c) => c.references('enterprises.id'))
    .addColumn('item_code', 'text')
    // The owning record's scope path, so that "within scope" is one indexed range as everywhere else.
    .addColumn('org_path', binaryText(dialect), (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    // Videos run to gigabytes: bigint on PostgreSQL (read back through toNumber); SQLite integers are 64-bit.
    .addColumn('size', bigIntegerType(dialect), (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('caption', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('phase', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('captured_at_local', 'text')
    .addColumn('captured_at', 'text')
    // double precision like enterprises.lat/lng: a 4-byte real would round a position by metres.
    .addColumn('gps_lat', 'double precision')
    .addColumn('gps_lng', 'double precision')
    .addColumn('location_source', 'text')
    .addColumn('device_accuracy_m', 'double precision')
    .addColumn('distance_m', 'integer')
    .addColumn('far', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('thumbnail_key', 'text')
    .addColumn('uploaded_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addColumn('replaces_id', 'integer', (c) => c.references('attachments.id'))
    .addColumn('replaced_by', 'integer', (c) => c.references('attachments.id'))
    .execute();
  // A record's files in upload order (and per item), the scope range, and "have these bytes been stored".
  await db.schema.createIndex('attachments_record').on('attachments').columns(['record_type', 'record_id', 'item_code', 'id']).execute();
  await db.schema.createIndex('attachments_path').on('attachments').column('org_path').execute();
  await db.schema.createIndex('attachments_sha256').on('attachments').column('sha256').execute();
}
