// Adding one evidence file to a record, whoever decided the record may take it: the file as
// received (a finished upload on local disk) is checked for what it really is and its size, hashed,
// read for where and when it was taken, given a thumbnail, copied to write-once storage byte for
// byte, and recorded with its audit record in one transaction. The same bytes sent to the same
// record twice are recorded once. The addEvidence command decides with the upload policy; the demo
// seeder documents its synthetic history without it.
//
// The file on disk is removed only once the outcome is final: recorded, or refused for what it is
// or where it goes. When anything else fails (storage or database unavailable, the process killed)
// it stays, so that the same file can be recorded again later. An upload's file (uploadId) is
// recorded exactly once: its uploads row is locked in the recording transaction and names the
// attachment it became.
import fsp from 'node:fs/promises';
import { acceptsDocuments, type UploadMetadata } from '../../../domain/attachment.js';
import { nowIso } from '../../../domain/time.js';
import type { Actor } from '../../auth/actor.js';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/schema.js';
import { inTransaction } from '../../db/transaction.js';
import { AppError } from '../../errors.js';
import {
  EMPTY_PHOTO_METADATA,
  checkEvidenceSize,
  locationCheck,
  makeThumbnail,
  readPhotoMetadata,
  readVideoMetadata,
  sniffEvidenceType,
  type EvidenceType,
} from '../../intake/index.js';
import { findCurrentDuplicate, insertAttachment, markReplaced } from '../../repositories/attachments.js';
import { writeAudit } from '../../repositories/audit.js';
import { findUpload, finishUploadRow } from '../../repositories/uploads.js';
import type { CampaignRecord } from '../../repositories/campaigns.js';
import { hashFile } from '../../storage/hashing.js';
import { alreadyReplaced, checkReplaceable, type EvidenceTarget } from './evidenceTarget.js';

export interface EvidenceFile {
  /** A complete file on local disk. It is handed over: moved into storage, or removed when refused. */
  path: string;
  /** SHA-256 computed while the bytes arrived, when known (saves reading the file again). */
  sha256?: string | null;
  meta: UploadMetadata;
  /** The tus upload the file completed: its row is marked with the outcome in the same transaction. */
  uploadId?: string;
}

export interface AddedEvidence {
  id: number;
  /** The same bytes were already on this record: that file is answered and nothing is added. */
  duplicate: boolean;
}

/**
 * Loads (and, for a person's upload, judges) the record the file goes on: first without locks,
 * then again inside the recording transaction, locked, since the record may have moved on while
 * the bytes arrived.
 */
export type TargetLoader = (db: Db, opts: { forUpdate?: boolean }) => Promise<EvidenceTarget>;

/** Checks, stores and records one evidence file; see the top of this file. */
export async function recordEvidenceFile(ctx: AppContext, actor: Actor, campaign: CampaignRecord, file: EvidenceFile, loadTarget: TargetLoader): Promise<AddedEvidence> {
  let added: AddedEvidence;
  try {
    added = await add(ctx, actor, campaign, file, loadTarget);
  } catch (err) {
    // Refused: the file will never be taken. Anything else may pass on a later try: it stays.
    if (isRefusal(err)) await fsp.rm(file.path, { force: true });
    throw err;
  }
  // In storage (or already there) and recorded: the staged copy has served.
  await fsp.rm(file.path, { force: true });
  return added;
}

/** A refusal for what the file is or where it goes (4xx), as opposed to a failure that may pass. */
export const isRefusal = (err: unknown): err is AppError => err instanceof AppError && err.status < 500;

/**
 * The outcome of an upload, once: the upload's row locked, an outcome another request recorded
 * first wins. Runs inside the recording transaction.
 */
async function settleUpload(trx: Db, uploadId: string | undefined, outcome: AddedEvidence): Promise<AddedEvidence> {
  if (uploadId === undefined) return outcome;
  const claim = await findUpload(trx, uploadId, { forUpdate: true });
  if (claim?.attachment_id != null) return { id: claim.attachment_id, duplicate: claim.duplicate === 1 };
  await finishUploadRow(trx, uploadId, { attachmentId: outcome.id, duplicate: outcome.duplicate }, nowIso());
  return outcome;
}

/** An outcome recorded for the upload already (by another request, or before a crash), if any. */
async function recordedOutcome(trx: Db, uploadId: string | undefined): Promise<AddedEvidence | null> {
  if (uploadId === undefined) return null;
  const claim = await findUpload(trx, uploadId, { forUpdate: true });
  return claim?.attachment_id != null ? { id: claim.attachment_id, duplicate: claim.duplicate === 1 } : null;
}

async function add(ctx: AppContext, actor: Actor, campaign: CampaignRecord, file: EvidenceFile, loadTarget: TargetLoader): Promise<AddedEvidence> {
  const { meta } = file;
  const sniffed = await sniffEvidenceType(file.path, { documents: acceptsDocuments(meta.recordType) });
  if (!sniffed.ok) throw new AppError(sniffed.code, sniffed.message);
  const type: EvidenceType = { kind: sniffed.kind, mime: sniffed.mime, ext: sniffed.ext };
  const { size } = await fsp.stat(file.path);
  const tooLarge = checkEvidenceSize(type.kind, size, ctx.config.evidenceLimits);
  if (tooLarge) throw new AppError(tooLarge.code, tooLarge.message);

  const target = await loadTarget(ctx.db, {});
  const sha256 = file.sha256 ?? (await hashFile(file.path)).sha256;
  const existing = await findCurrentDuplicate(ctx.db, target.record, sha256);
  if (existing) return inTransaction(ctx.db, (trx) => settleUpload(trx, file.uploadId, { id: existing.id, duplicate: true }));
  if (meta.replacesId !== undefined) await checkReplaceable(ctx.db, target.record, meta.replacesId);

  // Where and when the file says it was taken: a photo's EXIF, a video's movie box.
  const exif =
    type.kind === 'photo'
      ? await readPhotoMetadata(file.path).catch(() => EMPTY_PHOTO_METADATA)
      : type.kind === 'video'
        ? await readVideoMetadata(file.path).catch(() => EMPTY_PHOTO_METADATA)
        : EMPTY_PHOTO_METADATA;
  const device = meta.deviceLat !== undefined && meta.deviceLng !== undefined ? { lat: meta.deviceLat, lng: meta.deviceLng } : null;
  // Measured against the workshop's site; a clue has none (distance null, never far).
  const site = target.enterprise ? { lat: target.enterprise.lat, lng: target.enterprise.lng } : null;
  const where = locationCheck({ exif: exif.gps, device }, site, ctx.config.evidenceMaxDistanceMetres);
  const thumbnail = type.kind === 'photo' ? await makeThumbnail(file.path) : null;
  const thumbnailKey = thumbnail ? (await ctx.storage.putBuffer(thumbnail, { contentType: 'image/jpeg' })).key : null;
  // The original, byte for byte; on local disk this is a link, not a copy. The staged file stays
  // until the record is committed: a crash in between leaves it to be recorded again.
  const stored = await ctx.storage.putFile(file.path, { contentType: type.mime, sha256 });

  return inTransaction(ctx.db, async (trx) => {
    // Locked and judged again: the workshop (or clue) may have moved on while the bytes arrived.
    const { enterprise, record, orgPath, auditEntity } = await loadTarget(trx, { forUpdate: true });
    const settled = await recordedOutcome(trx, file.uploadId);
    if (settled) return settled;
    const again = await findCurrentDuplicate(trx, record, sha256);
    if (again) return settleUpload(trx, file.uploadId, { id: again.id, duplicate: true });
    const row = {
      campaign_id: campaign.id,
      record_type: record.recordType,
      record_id: record.recordId,
      enterprise_id: enterprise?.id ?? null,
      item_code: record.itemCode,
      org_path: orgPath,
      storage_key: stored.key,
      sha256,
      size,
      mime: type.mime,
      kind: type.kind,
      original_name: meta.filename,
      caption: meta.caption,
      phase: meta.phase,
      captured_at_local: exif.capturedAtLocal,
      captured_at: exif.capturedAt,
      gps_lat: where.position?.lat ?? null,
      gps_lng: where.position?.lng ?? null,
      location_source: where.source,
      device_accuracy_m: where.source === 'device' ? (meta.deviceAccuracy ?? null) : null,
      distance_m: where.distanceMetres,
      far: where.far ? 1 : 0,
      thumbnail_key: thumbnailKey,
      uploaded_by: actor.id,
      uploaded_at: nowIso(),
      replaces_id: meta.replacesId ?? null,
    };
    const id = await insertAttachment(trx, row);
    if (meta.replacesId !== undefined && !(await markReplaced(trx, meta.replacesId, id))) throw alreadyReplaced();
    const identity = {
      attachmentId: id,
      recordType: row.record_type,
      recordId: row.record_id,
      itemCode: row.item_code,
      sha256,
      size,
      mime: row.mime,
      kind: row.kind,
      storageKey: row.storage_key,
      thumbnailKey: row.thumbnail_key,
    };
    const described = {
      originalName: row.original_name,
      caption: row.caption,
      phase: row.phase,
      capturedAtLocal: row.captured_at_local,
      capturedAt: row.captured_at,
      gps: where.position,
      locationSource: row.location_source,
      distanceM: row.distance_m,
      far: where.far,
    };
    // A clue's audit keeps the file's identity and hash, not words or places that may repeat the accusation (as clue.create does).
    const after = auditEntity.entityType === 'clue' ? { ...identity, replacesId: row.replaces_id } : { ...identity, ...described, replacesId: row.replaces_id };
    await writeAudit(trx, { actor, action: 'attachment.create', ...auditEntity, after });
    return settleUpload(trx, file.uploadId, { id, duplicate: false });
  });
}
