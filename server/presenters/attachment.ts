import type { AttachmentDto, AttachmentRecordType, EvidenceKindName, EvidencePhase, LocationSourceName } from '../../domain/attachment.js';
import { fromEarlierRound } from '../../domain/evidence.js';
import { toNumber } from '../db/dialect.js';
import type { AttachmentWithUploader } from '../repositories/attachments.js';

export const attachmentFileUrl = (id: number) => `/api/attachments/${id}/file`;
export const attachmentThumbnailUrl = (id: number) => `/api/attachments/${id}/thumbnail`;

/** `reopenedAt`: when a recurrence last reopened the workshop's shutdown (files from before it are of an earlier round). */
export function presentAttachment(row: AttachmentWithUploader, abilities: AttachmentDto['abilities'], reopenedAt: string | null = null): AttachmentDto {
  return {
    id: row.id,
    recordType: row.record_type as AttachmentRecordType,
    itemCode: row.item_code,
    kind: row.kind as EvidenceKindName,
    mime: row.mime,
    size: toNumber(row.size),
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
    earlierRound: fromEarlierRound(row, reopenedAt),
    fileUrl: attachmentFileUrl(row.id),
    thumbnailUrl: row.thumbnail_key ? attachmentThumbnailUrl(row.id) : null,
    abilities,
  };
}
