import type { AttachmentDto, AttachmentRecordType, EvidenceKindName, EvidencePhase, LocationSourceName, WorkshopRecordType } from '../../domain/attachment.js';
import type { StandardItem } from '../../domain/campaign.js';
import type { DisciplineClueRow, EnterpriseRow } from '../db/schema.js';
import { toNumber } from '../db/dialect.js';
import type { AttachmentReadSubject, ClueEvidenceSubject, WorkshopEvidenceSubject } from '../policies/index.js';
import { fromEarlierRound, type AttachmentWithUploader } from '../repositories/attachments.js';
import { enterpriseSubject } from './enterprise.js';

/** The record a file goes on, for the evidence policies: a workshop, or one of its standard items. */
export function evidenceSubject(row: Pick<EnterpriseRow, 'org_path' | 'status'>, recordType: WorkshopRecordType, item: StandardItem | null): WorkshopEvidenceSubject {
  return { recordType, enterprise: enterpriseSubject(row), itemDepartments: item?.departments ?? [] };
}

/** A disciplinary clue as the record its files go on. */
export function clueEvidenceSubject(row: Pick<DisciplineClueRow, 'org_path' | 'status'>): ClueEvidenceSubject {
  return { recordType: 'clue', clue: { orgPath: row.org_path, status: row.status } };
}

export function attachmentReadSubject(row: Pick<AttachmentWithUploader, 'record_type' | 'org_path'>): AttachmentReadSubject {
  return { recordType: row.record_type as AttachmentRecordType, orgPath: row.org_path };
}

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
