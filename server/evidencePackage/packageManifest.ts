// The evidence package's manifest: what it names, how it is written and signed, and how its paths
// are made. Shared by the writer (package.ts) and the offline verifier (packageVerify.ts); no
// database here. docs/evidence-package.md describes the same format for other tools.
import { sign, verify, type KeyObject } from 'node:crypto';
import { z } from '../../domain/zod.js';

export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.sig';
export const PUBLIC_KEY_FILE = 'public-key.pem';
export const README_FILE = '说明.txt';
export const RECORD_DOCX = '记录.docx';
export const RECORD_JSON = '记录.json';
export const EVIDENCE_DIR = 'evidence';
/** Folder of the evidence files attached to the workshop itself rather than to a standard item. */
export const WORKSHOP_FOLDER = 'workshop';

export const MANIFEST_FORMAT = 'qudi-evidence-package';
export const MANIFEST_VERSION = 1;

/** The two files the manifest cannot list: itself and its signature. */
export const UNLISTED_FILES: readonly string[] = [MANIFEST_FILE, SIGNATURE_FILE];

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

export const manifestFileSchema = z.object({
  path: z.string().min(1),
  size: z.number().int().nonnegative(),
  sha256: sha256Hex,
  /** Evidence files: the attachment's id and the SHA-256 recorded at upload (always equal to sha256). */
  attachmentId: z.number().int().positive().optional(),
  recordedSha256: sha256Hex.optional(),
});
export type ManifestFile = z.infer<typeof manifestFileSchema>;

const named = z.object({ id: z.number().int(), name: z.string() });

// Readers accept unknown members (a later minor addition must not break an older verifier); the
// writer produces exactly PackageManifest.
export const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  formatVersion: z.literal(MANIFEST_VERSION),
  generator: z.string(),
  generatedAt: z.string(),
  generatedBy: z.object({ userId: z.number().int(), name: z.string() }),
  kind: z.enum(['workshop', 'town']),
  campaign: z.object({ id: z.number().int(), code: z.string(), documentNumber: z.string(), title: z.string() }),
  district: z.string(),
  town: named,
  workshop: named.optional(),
  workshops: z.array(named.extend({ folder: z.string() })),
  publicKey: z.object({ algorithm: z.literal('Ed25519'), fingerprintSha256: sha256Hex, file: z.string() }),
  files: z.array(manifestFileSchema),
});
export type PackageManifest = z.infer<typeof manifestSchema>;

/** The exact bytes of manifest.json: UTF-8 JSON, two-space indented, ending in one LF. */
export function serializeManifest(manifest: PackageManifest): Buffer {
  return Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
}

/** manifest.sig: the base64 of the 64-byte Ed25519 signature over the bytes of manifest.json, plus LF. */
export function signManifest(manifestBytes: Buffer, privateKey: KeyObject): Buffer {
  return Buffer.from(`${sign(null, manifestBytes, privateKey).toString('base64')}\n`, 'ascii');
}

/** The signature in manifest.sig, or null when it is not 64 bytes of base64. */
export function decodeSignature(sigFile: Buffer): Buffer | null {
  const text = sigFile.toString('ascii').trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return null;
  const sig = Buffer.from(text, 'base64');
  return sig.length === 64 ? sig : null;
}

export function signatureValid(manifestBytes: Buffer, signature: Buffer, publicKey: KeyObject): boolean {
  try {
    return verify(null, manifestBytes, publicKey, signature);
  } catch {
    return false;
  }
}

const UNSAFE = /[\u0000-\u001f\u007f/\\:*?"<>|]/g;

/**
 * One path segment from a name people typed (a workshop name, an uploaded file's name): no
 * separators, no characters Windows refuses, no leading dots (so never `..`), no trailing dots or
 * spaces, at most `maxChars` characters with the extension kept. Never empty.
 */
export function safeSegment(name: string, maxChars = 80): string {
  let s = name.normalize('NFC').replace(UNSAFE, '_').trim();
  s = s.replace(/^\.+/, '_').replace(/[. ]+$/, '');
  if (!s) return '_';
  const chars = [...s];
  if (chars.length <= maxChars) return s;
  const dot = s.lastIndexOf('.');
  const ext = dot > 0 && s.length - dot <= 10 ? s.slice(dot) : '';
  return [...s.slice(0, s.length - ext.length)].slice(0, maxChars - ext.length).join('') + ext;
}

/** `<workshop id>-<name>`: a workshop's folder in a town package. */
export function workshopFolder(id: number, name: string): string {
  return `${id}-${safeSegment(name, 60)}`;
}

/** `evidence/<item code or "workshop">/<attachment id>-<original name>` (under the workshop's folder in a town package). */
export function evidencePath(folder: string, group: string, attachmentId: number, originalName: string): string {
  return joinPath(folder, EVIDENCE_DIR, safeSegment(group, 40), `${attachmentId}-${safeSegment(originalName || 'file')}`);
}

export function joinPath(...parts: string[]): string {
  return parts.filter(Boolean).join('/');
}
