import type { Kysely } from 'kysely';
import { bigIntegerType, type DialectName } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
type AnyDb = Kysely<any>;

/**
 * Evidence uploads in progress and just finished (issue 18). The bytes of an unfinished upload are
 * staged on disk (`<DATA_DIR>/uploads/<id>`, their size is the offset); what the upload is and how it
 * ended is here, durable with the database, so that a server killed at any moment knows after its
 * restart which uploads are still coming, which are complete and must be recorded, and which
 * attachment a finished one became (answered to a client that asks again: HEAD, a repeated PATCH,
 * GET /api/uploads/:id). Recording the attachment and setting attachment_id happen in one
 * transaction, with the row locked, so an upload is recorded exactly once. Finished rows are kept for
 * a while for late askers, then swept (server/uploads/stagingStore.ts).
 */
export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('uploads')
    // The tus upload id (random hex, the last segment of the upload's URL).
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('uploader_id', 'integer', (c) => c.notNull().references('users.id'))
    // The declared length (Upload-Length): the upload is complete when this many bytes are staged.
    .addColumn('size', bigIntegerType(dialect), (c) => c.notNull())
    // The tus metadata as the client sent it (and the server's own keys), JSON.
    .addColumn('metadata', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    // Set when the upload was recorded or refused.
    .addColumn('finished_at', 'text')
    .addColumn('attachment_id', 'integer', (c) => c.references('attachments.id'))
    // The same bytes were already on the record: attachment_id names that file.
    .addColumn('duplicate', 'integer', (c) => c.notNull().defaultTo(0))
    // Why the complete upload was not taken (a problem document, JSON): answered again to whoever asks.
    .addColumn('refusal', 'text')
    .execute();
  // The sweep's two questions: unfinished uploads (by age) and finished ones past keeping.
  await db.schema.createIndex('uploads_finished').on('uploads').columns(['finished_at', 'created_at']).execute();
}
