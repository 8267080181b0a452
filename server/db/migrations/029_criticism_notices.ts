import type { Kysely } from 'kysely';
import { idColumn, type DialectName } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
type AnyDb = Kysely<any>;

/**
 * 通报批评 (issue 15): the criticism notices of the acceptance — the towns named (JSON ids), each field of
 * the 公文 as edited, and once issued its sequence number in the campaign and year, its 发文字号, and the
 * .docx as issued (base64, with its SHA-256): the archive copy, never changed, kept with the record
 * rather than among the evidence files (whose check would take it for a stray object).
 */
export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('criticism_notices')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('town_ids', 'text', (c) => c.notNull())
    .addColumn('issuer_mark', 'text', (c) => c.notNull())
    .addColumn('number_prefix', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('addressees', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('dated_on', 'text', (c) => c.notNull())
    .addColumn('copy_to', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('printed_by', 'text', (c) => c.notNull())
    .addColumn('printed_on', 'text', (c) => c.notNull())
    .addColumn('year', 'integer')
    .addColumn('seq', 'integer')
    .addColumn('number', 'text')
    .addColumn('document', 'text')
    .addColumn('document_sha256', 'text')
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'integer', (c) => c.references('users.id'))
    .addColumn('issued_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('criticism_notices_campaign').on('criticism_notices').columns(['campaign_id', 'id']).execute();
  // Numbers in sequence, never twice: two issuing at once get 1 and 2, or one of them a 409.
  await db.schema.createIndex('criticism_notices_number').on('criticism_notices').columns(['campaign_id', 'number_prefix', 'year', 'seq']).unique().execute();
}
