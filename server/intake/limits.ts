// Size limits per kind of evidence and the distance beyond which a photo is flagged, read from the
// environment. The integrator wires these into server/config.ts; until then they stand alone.
import type { EvidenceKind, EvidenceRefusal } from './types.js';

/** Largest accepted file per kind, in bytes. */
export interface EvidenceLimits {
  photoMaxBytes: number;
  videoMaxBytes: number;
}

// "MB" in settings and messages means MiB, as phones and Windows Explorer count it.
const MB = 1024 * 1024;
const GB = 1024 * MB;

export const DEFAULT_EVIDENCE_LIMITS: Readonly<EvidenceLimits> = Object.freeze({
  photoMaxBytes: 30 * MB,
  videoMaxBytes: 2 * GB,
});

/** A photo farther than this from the workshop's coordinates is flagged. */
export const DEFAULT_MAX_DISTANCE_M = 300;

type Env = Record<string, string | undefined>;

const UNITS = { MB: ['MB', 'MB'], metres: ['米', 'metres'] } as const;

// The same rule and wording as server/config.ts, with the unit said.
function positiveIntEnv(env: Env, name: string, unit: keyof typeof UNITS, fallback: number, scale = 1): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback * scale;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n <= 0 || !Number.isSafeInteger(n * scale)) {
    const [zh, en] = UNITS[unit];
    throw new Error(`环境变量 ${name} 应为正整数（单位：${zh}）/ ${name} must be a positive integer (${en})`);
  }
  return n * scale;
}

/** EVIDENCE_PHOTO_MAX_MB and EVIDENCE_VIDEO_MAX_MB (whole MB); throws on a value that is not a positive integer. */
export function evidenceLimitsFromEnv(env: Env = process.env): EvidenceLimits {
  return {
    photoMaxBytes: positiveIntEnv(env, 'EVIDENCE_PHOTO_MAX_MB', 'MB', DEFAULT_EVIDENCE_LIMITS.photoMaxBytes / MB, MB),
    videoMaxBytes: positiveIntEnv(env, 'EVIDENCE_VIDEO_MAX_MB', 'MB', DEFAULT_EVIDENCE_LIMITS.videoMaxBytes / MB, MB),
  };
}

/** EVIDENCE_MAX_DISTANCE_M (whole metres, default 300); throws on a value that is not a positive integer. */
export function evidenceMaxDistanceFromEnv(env: Env = process.env): number {
  return positiveIntEnv(env, 'EVIDENCE_MAX_DISTANCE_M', 'metres', DEFAULT_MAX_DISTANCE_M);
}

/**
 * The limit for one kind, e.g. for the storage layer's `maxBytes` once the type is known. A document
 * (a scanned receipt or statement) is held to the photo limit: a scan is a picture of pages.
 */
export function evidenceMaxBytes(kind: EvidenceKind, limits: EvidenceLimits = DEFAULT_EVIDENCE_LIMITS): number {
  return kind === 'video' ? limits.videoMaxBytes : limits.photoMaxBytes;
}

const KIND_NAMES: Record<EvidenceKind, string> = { photo: '照片', video: '视频', document: '文档' };

/** null when `sizeBytes` is within the limit for `kind`, else the refusal (413) in Chinese. */
export function checkEvidenceSize(
  kind: EvidenceKind,
  sizeBytes: number,
  limits: EvidenceLimits = DEFAULT_EVIDENCE_LIMITS,
): EvidenceRefusal | null {
  const max = evidenceMaxBytes(kind, limits);
  if (sizeBytes <= max) return null;
  const what = KIND_NAMES[kind];
  return {
    ok: false,
    code: 'payload_too_large',
    message: `${what}不能超过 ${formatSize(max)}（此文件 ${formatSize(sizeBytes, 'up')}）`,
  };
}

/**
 * 30 MB, 2 GB, 1.5 GB, 512 KB — at most one decimal, trailing zeros dropped. A file's own size is
 * rounded up, so that a file just over a 30 MB limit reads 30.1 MB, never "30 MB".
 */
export function formatSize(bytes: number, rounding: 'nearest' | 'up' = 'nearest'): string {
  const show = (n: number) => `${+(rounding === 'up' ? Math.ceil(n * 10) / 10 : n).toFixed(1)}`;
  if (bytes >= GB) return `${show(bytes / GB)} GB`;
  if (bytes >= MB) return `${show(bytes / MB)} MB`;
  if (bytes >= 1024) return `${show(bytes / 1024)} KB`;
  return `${bytes} 字节`;
}
