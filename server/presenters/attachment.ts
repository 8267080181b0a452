// Evidence files as the web shows them, with what the actor may do to each (re-caption, replace).
import type {
  AttachmentDto,
  AttachmentListDto,
  AttachmentRecordType,
  RecordAttachmentListDto,
  EvidenceKindName,
  EvidencePhase,
  LocationSourceName,
  WorkshopRecordType,
} from '../../domain/attachment.js';
import type { StandardItem } from '../../domain/campaign.js';
import { fromEarlierRound } from '../../domain/evidence.js';
import type { Actor } from '../auth/actor.js';
import type { EnterpriseRow } from '../db/schema.js';
import { can, evidenceSubject, type EvidenceSubject } from '../policies/index.js';
import type { AttachmentRecord, AttachmentWithUploader } from '../repositories/attachments.js';

export const attachmentFileUrl = (id: number) => `/api/attachments/${id}/file`;
export const attachmentThumbnailUrl = (id: number) => `/api/attachments/${id}/thumbnail`;

/** The record a file is on, as presenting it needs: who may change it, and (a workshop's) last reopening. */
export interface AttachmentOwner {
  subject: EvidenceSubject;
  /** When a recurrence last reopened the workshop's shutdown (files from before it are of an earlier round); null: never, or a clue. */
  reopenedAt: string | null;
}

/** Whether the actor may re-caption (or replace) this file now. */
export function attachmentAbilities(actor: Actor, subject: EvidenceSubject, row: Pick<AttachmentRecord, 'replaced_by'>): AttachmentDto['abilities'] {
  return { update: row.replaced_by === null && can(actor, 'attachment.update', subject) };
}

export function presentAttachment(row: AttachmentWithUploader, actor: Actor, owner: AttachmentOwner): AttachmentDto {
  return {
    id: row.id,
    recordType: row.record_type as AttachmentRecordType,
    itemCode: row.item_code,
    kind: row.kind as EvidenceKindName,
    mime: row.mime,
    size: row.size,
    sha256: row.sha256,
    originalName: row.original_name,
    caption: row.caption,
    phase: row.phase as EvidencePhase,
    capturedAtLocal: row.captured_at_local,
    capturedAt: row.captured_at,
    gps: row.gps_lat !== null && row.gps_lng !== null ? { lat: row.gps_lat, lng: row.gps_lng } : null,
    locationSource: row.location_source as LocationSourceName | null,
    deviceAccuracyM: row.device_accuracy_m,
    distanceM: row.distance_m,
    far: row.far === 1,
    uploadedBy: row.uploader_name,
    uploadedAt: row.uploaded_at,
    replacesId: row.replaces_id,
    replacedBy: row.replaced_by,
    earlierRound: fromEarlierRound(row, owner.reopenedAt),
    fileUrl: attachmentFileUrl(row.id),
    thumbnailUrl: row.thumbnail_key ? attachmentThumbnailUrl(row.id) : null,
    abilities: attachmentAbilities(actor, owner.subject, row),
  };
}

/** A workshop's files and its items' files (`items`: the campaign's standard items, for who records each). */
export function presentWorkshopAttachments(
  rows: AttachmentWithUploader[],
  actor: Actor,
  workshop: Pick<EnterpriseRow, 'org_path' | 'status' | 'reopened_at'>,
  items: readonly StandardItem[],
  settings: { maxDistanceM: number; limits: AttachmentListDto['limits'] },
): AttachmentListDto {
  const subjectOf = (row: AttachmentWithUploader) =>
    evidenceSubject(workshop, row.record_type as WorkshopRecordType, items.find((i) => i.code === row.item_code) ?? null);
  return {
    items: rows.map((row) => presentAttachment(row, actor, { subject: subjectOf(row), reopenedAt: workshop.reopened_at })),
    total: rows.length,
    maxDistanceM: settings.maxDistanceM,
    limits: { ...settings.limits },
  };
}

/** A clue's or an interception's files, and whether the actor may add more (a document may be as large as a photo). */
export function presentRecordAttachments(rows: AttachmentWithUploader[], actor: Actor, subject: EvidenceSubject, limits: { photoMaxBytes: number; videoMaxBytes: number }): RecordAttachmentListDto {
  return {
    items: rows.map((row) => presentAttachment(row, actor, { subject, reopenedAt: null })),
    total: rows.length,
    limits: { photoMaxBytes: limits.photoMaxBytes, videoMaxBytes: limits.videoMaxBytes, documentMaxBytes: limits.photoMaxBytes },
    abilities: { upload: can(actor, 'evidence.upload', subject) },
  };
}
