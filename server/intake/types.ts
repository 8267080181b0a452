// Shapes shared by the evidence checks. The refusal codes are the ids of server/errors.ts, so the
// caller can answer `new AppError(refusal.code, refusal.message)` (415 / 413) without a mapping.
import type { ErrorCode } from '../errors.js';

/** 'document' (PDF) is accepted only where the record takes documents (a clue), never on a workshop. */
export type EvidenceKind = 'photo' | 'video' | 'document';

/** What the bytes really are, once accepted. `ext` is the canonical extension to store under. */
export interface EvidenceType {
  kind: EvidenceKind;
  mime: 'image/jpeg' | 'image/png' | 'image/heic' | 'image/heif' | 'video/mp4' | 'video/quicktime' | 'application/pdf';
  ext: 'jpg' | 'png' | 'heic' | 'heif' | 'mp4' | 'mov' | 'pdf';
}

/** Why a file is turned away, with a message for the person who sent it (zh-CN). */
export interface EvidenceRefusal {
  ok: false;
  code: Extract<ErrorCode, 'unsupported_media_type' | 'payload_too_large'>;
  message: string;
}

/** A WGS-84 position in decimal degrees. */
export interface LatLng {
  lat: number;
  lng: number;
}
