// Adds one evidence file to a record: the file as received (a finished upload on local disk) is
// checked for what it really is and its size, hashed, read for where and when it was taken, given
// a thumbnail, handed to write-once storage byte for byte, and recorded with its audit record in
// one transaction. The same bytes sent to the same record twice are recorded once.
import fsp from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { AttachmentRecordType, UploadMetadata } from '../../domain/attachment.js';
import type { StandardItem } from '../../domain/campaign.js';
import type { AppContext } from '../context.js';
import type { DialectName } from '../db/dialect.js';
import type { Database, EnterpriseRow } from '../db/schema.js';
import { AppError, notFound } from '../errors.js';
import {
  EMPTY_PHOTO_METADATA,
  checkEvidenceSize,
  locationCheck,
  makeThumbnail,
  readPhotoMetadata,
  sniffEvidenceType,
  type EvidenceType,
} from '../evidence/index.js';
import { can, type Actor, type EvidenceSubject } from '../policies/index.js';
import { enterpriseSubject } from '../presenters/enterprise.js';
import { evidenceSubject } from '../presenters/attachment.js';
import { findAttachment, findCurrentDuplicate, insertAttachment, markReplaced, type RecordRef } from '../repositories/attachments.js';
import { writeAudit } from '../repositories/audit.js';
import type { CampaignRecord } from '../repositories/campaigns.js';
import { findEnterprise } from '../repositories/enterprises.js';
import { hashFile } from '../storage/hashing.js';
import { nowIso } from '../time.js';
import type { Authorize } from './common.js';

/** The record an upload names, loaded, with what the policies need to judge it. */
export interface EvidenceTarget {
  enterprise: EnterpriseRow;
  item: StandardItem | null;
  record: RecordRef;
  subject: EvidenceSubject;
}

type TargetRef = Pick<UploadMetadata, 'recordType' | 'recordId' | 'itemCode'>;

/**
 * Loads the record named by an upload and checks that the actor may add evidence to it now:
 * 404 when it does not exist or is outside the actor's scope, 403 when it is in scope but not
 * theirs to document (or no longer: a shut-down workshop's items are frozen).
 */
export async function resolveEvidenceTarget(
  db: Kysely<Database>,
  campaign: CampaignRecord,
  actor: Actor,
  authorize: Authorize,
  ref: TargetRef,
  lockFor?: DialectName,
): Promise<EvidenceTarget> {
  const recordType: AttachmentRecordType = ref.recordType;
  const enterprise = await findEnterprise(db, Number(ref.recordId), lockFor);
  if (!enterprise || enterprise.campaign_id !== campaign.id || !can(actor, 'enterprise.read', enterpriseSubject(enterprise))) throw notFound();
  let item: StandardItem | null = null;
  if (recordType === 'item') {
    item = campaign.definition.standardItems.find((i) => i.code === ref.itemCode) ?? null;
    if (!item) throw notFound('取缔标准中没有这一项');
  }
  const subject = evidenceSubject(enterprise, recordType, item);
  authorize('evidence.upload', subject);
  return { enterprise, item, subject, record: { recordType, recordId: String(enterprise.id), itemCode: item?.code ?? null } };
}

/** The file a new upload replaces must be a current file of the same record. */
export async function checkReplaceable(db: Kysely<Database>, record: RecordRef, replacesId: number): Promise<void> {
  const old = await findAttachment(db, replacesId);
  if (!old || old.record_type !== record.recordType || old.record_id !== record.recordId || old.item_code !== record.itemCode)
    throw notFound('要替换的文件不存在，或不属于这条记录');
  if (old.replaced_by !== null) throw alreadyReplaced();
}

// Not 409: tus clients take 409 for "resume from elsewhere" and retry it; this refusal is final.
const alreadyReplaced = () => new AppError('validation_failed', '要替换的文件已被替换过，请刷新后重试', [{ path: 'replacesId', message: '该文件已被替换' }]);

export interface EvidenceFile {
  /** A complete file on local disk. It is handed over: moved into storage, or removed when refused. */
  path: string;
  /** SHA-256 computed while the bytes arrived, when known (saves reading the file again). */
  sha256?: string | null;
  meta: UploadMetadata;
}

export interface AddedEvidence {
  id: number;
  /** The same bytes were already on this record: that file is answered and nothing is added. */
  duplicate: boolean;
}

/** Checks, stores and records one evidence file; see the top of this file. */
export async function addEvidence(ctx: AppContext, actor: Actor, authorize: Authorize, campaign: CampaignRecord, file: EvidenceFile): Promise<AddedEvidence> {
  try {
    return await add(ctx, actor, authorize, campaign, file);
  } finally {
    // Moved into storage by now, unless refused or failed: nothing is left behind either way.
    await fsp.rm(file.path, { force: true });
  }
}

async function add(ctx: AppContext, actor: Actor, authorize: Authorize, campaign: CampaignRecord, file: EvidenceFile): Promise<AddedEvidence> {
  const { meta } = file;
  const sniffed = await sniffEvidenceType(file.path);
  if (!sniffed.ok) throw new AppError(sniffed.code, sniffed.message);
  const type: EvidenceType = { kind: sniffed.kind, mime: sniffed.mime, ext: sniffed.ext };
  const { size } = await fsp.stat(file.path);
  const tooLarge = checkEvidenceSize(type.kind, size, ctx.config.evidenceLimits);
  if (tooLarge) throw new AppError(tooLarge.code, tooLarge.message);

  const target = await resolveEvidenceTarget(ctx.db, campaign, actor, authorize, meta);
  const sha256 = file.sha256 ?? (await hashFile(file.path)).sha256;
  const existing = await findCurrentDuplicate(ctx.db, target.record, sha256);
  if (existing) return { id: existing.id, duplicate: true };
  if (meta.replacesId !== undefined) await checkReplaceable(ctx.db, target.record, meta.replacesId);

  const exif = type.kind === 'photo' ? await readPhotoMetadata(file.path).catch(() => EMPTY_PHOTO_METADATA) : EMPTY_PHOTO_METADATA;
  const device = meta.deviceLat !== undefined && meta.deviceLng !== undefined ? { lat: meta.deviceLat, lng: meta.deviceLng } : null;
  const where = locationCheck({ exif: exif.gps, device }, { lat: target.enterprise.lat, lng: target.enterprise.lng }, ctx.config.evidenceMaxDistanceMetres);
  const thumbnail = type.kind === 'photo' ? await makeThumbnail(file.path) : null;
  const thumbnailKey = thumbnail ? (await ctx.storage.putBuffer(thumbnail, { contentType: 'image/jpeg' })).key : null;
  // The original, byte for byte; on local disk this is a link, not a copy.
  const stored = await ctx.storage.putFile(file.path, { contentType: type.mime, sha256 });

  return ctx.db.transaction().execute(async (trx) => {
    // Locked (PostgreSQL) and judged again: the workshop may have moved on while the bytes arrived.
    const { enterprise, record } = await resolveEvidenceTarget(trx, campaign, actor, authorize, meta, ctx.dialect);
    const again = await findCurrentDuplicate(trx, record, sha256);
    if (again) return { id: again.id, duplicate: true };
    const row = {
      campaign_id: campaign.id,
      record_type: record.recordType,
      record_id: record.recordId,
      enterprise_id: enterprise.id,
      item_code: record.itemCode,
      org_path: enterprise.org_path,
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
    await writeAudit(trx, {
      actor,
      action: 'attachment.create',
      entityType: 'enterprise',
      entityId: enterprise.id,
      scopePath: enterprise.org_path,
      after: {
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
        originalName: row.original_name,
        caption: row.caption,
        phase: row.phase,
        capturedAtLocal: row.captured_at_local,
        capturedAt: row.captured_at,
        gps: where.position,
        locationSource: row.location_source,
        distanceM: row.distance_m,
        far: where.far,
        replacesId: row.replaces_id,
      },
    });
    return { id, duplicate: false };
  });
}
