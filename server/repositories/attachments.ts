// Evidence file rows. Rows are only ever added, re-captioned or marked replaced; never deleted.
import type { Insertable, Kysely } from 'kysely';
import { WORKSHOP_RECORD_TYPES, type AttachmentRecordType } from '../../domain/attachment.js';
import { distanceMetres } from '../../domain/geo.js';
import { toNumber } from '../db/dialect.js';
import type { AttachmentRow, AttachmentTable, Database } from '../db/schema.js';
import { fromEarlierRound } from '../../domain/evidence.js';

/** An attachment row as callers get it: `size` a number on both databases (PostgreSQL answers its bigint as text). */
export type AttachmentRecord = Omit<AttachmentRow, 'size'> & { size: number };
export type AttachmentWithUploader = AttachmentRecord & { uploader_name: string };

const sized = <R extends { size: number | string }>(row: R): Omit<R, 'size'> & { size: number } => ({ ...row, size: toNumber(row.size) });

/** A record that carries evidence: its type, id and (for 'item') the standard item's code. */
export interface RecordRef {
  recordType: AttachmentRecordType;
  recordId: string;
  itemCode: string | null;
}

/** The workshop records (the workshop and its items) are stored under the workshop's id. */
const ENTERPRISE_RECORD_TYPES: AttachmentRecordType[] = [...WORKSHOP_RECORD_TYPES];

function withUploader(db: Kysely<Database>) {
  return db
    .selectFrom('attachments')
    .innerJoin('users', 'users.id', 'attachments.uploaded_by')
    .selectAll('attachments')
    .select('users.display_name as uploader_name');
}

export async function insertAttachment(db: Kysely<Database>, row: Insertable<AttachmentTable>): Promise<number> {
  const { id } = await db.insertInto('attachments').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function findAttachment(db: Kysely<Database>, id: number): Promise<AttachmentWithUploader | undefined> {
  const row = await withUploader(db).where('attachments.id', '=', id).executeTakeFirst();
  return row && sized(row);
}

/** The current (not replaced) file with these bytes on this record, if any: the same upload sent twice. */
export async function findCurrentDuplicate(db: Kysely<Database>, record: RecordRef, sha256: string): Promise<AttachmentWithUploader | undefined> {
  let q = withUploader(db)
    .where('attachments.record_type', '=', record.recordType)
    .where('attachments.record_id', '=', record.recordId)
    .where('attachments.sha256', '=', sha256)
    .where('attachments.replaced_by', 'is', null);
  q = record.itemCode === null ? q.where('attachments.item_code', 'is', null) : q.where('attachments.item_code', '=', record.itemCode);
  const row = await q.orderBy('attachments.id').executeTakeFirst();
  return row && sized(row);
}

/** A workshop's files and its items' files in upload order; replaced ones only with `history`. */
export async function listEnterpriseAttachments(
  db: Kysely<Database>,
  enterpriseId: number,
  opts: { history: boolean; itemCode?: string },
): Promise<AttachmentWithUploader[]> {
  let q = withUploader(db)
    .where('attachments.record_type', 'in', ENTERPRISE_RECORD_TYPES)
    .where('attachments.record_id', '=', String(enterpriseId));
  if (opts.itemCode !== undefined) q = q.where('attachments.item_code', '=', opts.itemCode);
  if (!opts.history) q = q.where('attachments.replaced_by', 'is', null);
  return (await q.orderBy('attachments.id').execute()).map(sized);
}

/** Ids per IN list: far below both databases' parameter limits. */
const ID_CHUNK = 500;

/** Every file of the workshops (on the workshop itself or one of its items), current and replaced, in id order per workshop. */
export async function listWorkshopsAttachments(db: Kysely<Database>, enterpriseIds: readonly number[]): Promise<AttachmentRecord[]> {
  const out: AttachmentRecord[] = [];
  for (let i = 0; i < enterpriseIds.length; i += ID_CHUNK) {
    const rows = await db.selectFrom('attachments').selectAll().where('enterprise_id', 'in', enterpriseIds.slice(i, i + ID_CHUNK)).orderBy('id').execute();
    out.push(...rows.map(sized));
  }
  return out;
}

/** One record's files (a clue's) in upload order; replaced ones only with `history`. */
export async function listRecordAttachments(
  db: Kysely<Database>,
  record: Pick<RecordRef, 'recordType' | 'recordId'>,
  opts: { history: boolean },
): Promise<AttachmentWithUploader[]> {
  let q = withUploader(db).where('attachments.record_type', '=', record.recordType).where('attachments.record_id', '=', record.recordId);
  if (!opts.history) q = q.where('attachments.replaced_by', 'is', null);
  return (await q.orderBy('attachments.id').execute()).map(sized);
}

/**
 * Current evidence files per standard item of a workshop (items without any are absent), counting
 * only files of the current shutdown round (see fromEarlierRound). A workshop has tens of files:
 * they are judged here, by the same rule the gallery shows, rather than in SQL.
 */
export async function countItemEvidence(db: Kysely<Database>, enterpriseId: number, reopenedAt: string | null, itemCode?: string): Promise<Map<string, number>> {
  let q = db
    .selectFrom('attachments')
    .select(['item_code', 'uploaded_at', 'captured_at', 'captured_at_local'])
    .where('record_type', '=', 'item')
    .where('record_id', '=', String(enterpriseId))
    .where('replaced_by', 'is', null);
  if (itemCode !== undefined) q = q.where('item_code', '=', itemCode);
  const counts = new Map<string, number>();
  for (const f of await q.execute()) {
    if (fromEarlierRound(f, reopenedAt)) continue;
    const code = f.item_code ?? '';
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return counts;
}

/** Current (not replaced) evidence files on one standard item of a workshop, of the current round (see countItemEvidence). */
export async function countCurrentItemEvidence(db: Kysely<Database>, enterpriseId: number, itemCode: string, reopenedAt: string | null): Promise<number> {
  return (await countItemEvidence(db, enterpriseId, reopenedAt, itemCode)).get(itemCode) ?? 0;
}

/** Marks `oldId` as replaced by `newId`; false when it was replaced already (by someone else, just now). */
export async function markReplaced(db: Kysely<Database>, oldId: number, newId: number): Promise<boolean> {
  const res = await db.updateTable('attachments').set({ replaced_by: newId }).where('id', '=', oldId).where('replaced_by', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function updateAttachmentText(db: Kysely<Database>, id: number, changes: { caption?: string; phase?: string }): Promise<void> {
  await db.updateTable('attachments').set(changes).where('id', '=', id).execute();
}

/** A workshop moved to another town or village: its files follow it into the new scope. */
export async function moveEnterpriseAttachments(db: Kysely<Database>, enterpriseId: number, orgPath: string): Promise<void> {
  await db.updateTable('attachments').set({ org_path: orgPath }).where('enterprise_id', '=', enterpriseId).execute();
}

/**
 * The workshop's coordinates changed: distances (and the far flag) of its located files are
 * measured again from the new position, or cleared when the workshop has none.
 */
export async function remeasureEnterpriseAttachments(
  db: Kysely<Database>,
  enterpriseId: number,
  site: { lat: number | null; lng: number | null },
  thresholdMetres: number,
): Promise<void> {
  const rows = await db
    .selectFrom('attachments')
    .select(['id', 'gps_lat', 'gps_lng'])
    .where('enterprise_id', '=', enterpriseId)
    .where('gps_lat', 'is not', null)
    .execute();
  for (const r of rows) {
    const metres =
      site.lat === null || site.lng === null || r.gps_lat === null || r.gps_lng === null
        ? null
        : Math.round(distanceMetres({ lat: r.gps_lat, lng: r.gps_lng }, { lat: site.lat, lng: site.lng }));
    await db
      .updateTable('attachments')
      .set({ distance_m: metres, far: metres !== null && metres > thresholdMetres ? 1 : 0 })
      .where('id', '=', r.id)
      .execute();
  }
}

/** What the store check reads of each attachment. */
export type StoredFileRow = Pick<AttachmentRecord, 'id' | 'enterprise_id' | 'record_type' | 'storage_key' | 'sha256' | 'size' | 'thumbnail_key'>;

/** Up to `limit` attachments after id `afterId`, in id order: for walking all of them. */
export async function listStoredFiles(db: Kysely<Database>, afterId: number, limit: number): Promise<StoredFileRow[]> {
  const rows = await db
    .selectFrom('attachments')
    .select(['id', 'enterprise_id', 'record_type', 'storage_key', 'sha256', 'size', 'thumbnail_key'])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(sized);
}

/** Which of `keys` an attachment names now, as its original or its thumbnail. */
export async function storageKeysInUse(db: Kysely<Database>, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db
    .selectFrom('attachments')
    .select(['storage_key', 'thumbnail_key'])
    .where((eb) => eb.or([eb('storage_key', 'in', keys), eb('thumbnail_key', 'in', keys)]))
    .execute();
  return new Set(rows.flatMap((r) => [r.storage_key, r.thumbnail_key ?? '']));
}

/** Of `ids`, the files not replaced, with when each was uploaded. */
export async function currentAttachmentsUploaded(db: Kysely<Database>, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('attachments').select(['id', 'uploaded_at']).where('id', 'in', ids).where('replaced_by', 'is', null).execute();
  return new Map(rows.map((r) => [r.id, r.uploaded_at]));
}

/** A record's files take its new scope path (a public tip given to a town). */
export async function moveRecordAttachments(db: Kysely<Database>, record: Pick<RecordRef, 'recordType' | 'recordId'>, orgPath: string): Promise<void> {
  await db.updateTable('attachments').set({ org_path: orgPath }).where('record_type', '=', record.recordType).where('record_id', '=', record.recordId).execute();
}

/** How many files a record holds (current and replaced). */
export async function countRecordAttachments(db: Kysely<Database>, record: Pick<RecordRef, 'recordType' | 'recordId'>): Promise<number> {
  const r = await db.selectFrom('attachments').select((eb) => eb.fn.countAll<number | string>().as('n')).where('record_type', '=', record.recordType).where('record_id', '=', record.recordId).executeTakeFirstOrThrow();
  return toNumber(r.n);
}
