// Evidence uploads in progress and just finished (migration 017): the durable half of an upload,
// beside its staged bytes on disk (server/uploads/stagingStore.ts).
import type { Kysely } from 'kysely';
import { forUpdate, toNumber } from '../db/dialect.js';
import type { Database, UploadRow } from '../db/schema.js';

/** An upload row as callers get it: `size` a number on both databases, metadata parsed. */
export type UploadRecord = Omit<UploadRow, 'size' | 'metadata'> & { size: number; metadata: Record<string, string | null> };

const record = (row: UploadRow): UploadRecord => ({ ...row, size: toNumber(row.size), metadata: JSON.parse(row.metadata) as Record<string, string | null> });

export async function insertUpload(db: Kysely<Database>, u: { id: string; uploaderId: number; size: number; metadata: Record<string, string | null | undefined>; createdAt: string }): Promise<void> {
  await db
    .insertInto('uploads')
    .values({ id: u.id, uploader_id: u.uploaderId, size: u.size, metadata: JSON.stringify(u.metadata), created_at: u.createdAt })
    .execute();
}

export async function findUpload(db: Kysely<Database>, id: string, opts: { forUpdate?: boolean } = {}): Promise<UploadRecord | undefined> {
  const q = db.selectFrom('uploads').selectAll().where('id', '=', id);
  const row = await (opts.forUpdate ? forUpdate(db, q) : q).executeTakeFirst();
  return row && record(row);
}

/** Records how a complete upload ended, unless it already has: answers whether this call did. */
export async function finishUploadRow(db: Kysely<Database>, id: string, end: { attachmentId: number; duplicate: boolean } | { refusal: string }, at: string): Promise<boolean> {
  const values = 'refusal' in end ? { refusal: end.refusal } : { attachment_id: end.attachmentId, duplicate: end.duplicate ? 1 : 0 };
  const r = await db.updateTable('uploads').set({ ...values, finished_at: at }).where('id', '=', id).where('finished_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function deleteUpload(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('uploads').where('id', '=', id).execute();
}

/** Every upload still open (neither recorded nor refused), oldest first. */
export async function listOpenUploads(db: Kysely<Database>): Promise<UploadRecord[]> {
  return (await db.selectFrom('uploads').selectAll().where('finished_at', 'is', null).orderBy('created_at').execute()).map(record);
}

/** Ids of every upload that has a row (to tell staged files that lost theirs). */
export async function uploadIds(db: Kysely<Database>, ids: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.selectFrom('uploads').select('id').where('id', 'in', ids.slice(i, i + 500)).execute();
    for (const r of rows) out.add(r.id);
  }
  return out;
}

/** Forgets finished uploads finished before `before`; answers how many. */
export async function deleteFinishedUploads(db: Kysely<Database>, before: string): Promise<number> {
  const r = await db.deleteFrom('uploads').where('finished_at', 'is not', null).where('finished_at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** When the oldest upload still open was created, or null with none open. */
export async function oldestOpenUpload(db: Kysely<Database>): Promise<string | null> {
  const row = await db.selectFrom('uploads').select('created_at').where('finished_at', 'is', null).orderBy('created_at').limit(1).executeTakeFirst();
  return row?.created_at ?? null;
}
