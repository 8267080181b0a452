// Checks on one evidence file on local disk, for the upload code to call when an upload completes:
// what it really is, whether it is within the size limit, when and where the photo says it was
// taken, how far that is from the workshop, and a thumbnail. No routes, database or storage here.
export type { EvidenceKind, EvidenceRefusal, EvidenceType, LatLng } from './types.js';
export { sniffEvidenceBytes, sniffEvidenceType, type SniffOptions, type SniffResult } from './sniff.js';
export {
  DEFAULT_EVIDENCE_LIMITS,
  DEFAULT_MAX_DISTANCE_M,
  checkEvidenceSize,
  evidenceLimitsFromEnv,
  evidenceMaxBytes,
  evidenceMaxDistanceFromEnv,
  formatSize,
  type EvidenceLimits,
} from './limits.js';
export { EMPTY_PHOTO_METADATA, readPhotoMetadata, type PhotoMetadata } from './metadata.js';
export { readVideoMetadata, type VideoMetadata } from './videoMetadata.js';
export { distanceMetres, locationCheck, type LocationCheck, type LocationSource, type SiteCoords } from './location.js';
export { THUMBNAIL_MAX_SIDE, makeThumbnail, type ThumbnailOptions } from './thumbnail.js';
