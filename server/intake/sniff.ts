// The real type of an evidence file, from its first bytes (file-type), never from its name or the
// Content-Type the browser sent. Only what a phone camera produces is accepted, and PDF documents
// where the caller says the record takes them (a disciplinary clue).
import { stat } from 'node:fs/promises';
import { fileTypeFromBuffer, fileTypeFromFile, type FileTypeResult } from 'file-type';
import type { EvidenceRefusal, EvidenceType } from './types.js';

export type SniffResult = ({ ok: true } & EvidenceType) | (EvidenceRefusal & { detected: { mime: string; ext: string } | null });

const ACCEPTED: readonly EvidenceType[] = [
  { kind: 'photo', mime: 'image/jpeg', ext: 'jpg' },
  { kind: 'photo', mime: 'image/png', ext: 'png' },
  // iPhones and many Android phones: major brand heic/heix. Some write the generic mif1 brand.
  { kind: 'photo', mime: 'image/heic', ext: 'heic' },
  { kind: 'photo', mime: 'image/heif', ext: 'heif' },
  // file-type answers video/mp4 for every ISO-BMFF brand it has no special case for (isom, mp41,
  // mp42, avc1, iso5…), which is what Android cameras write; it has other extensions for the
  // video/mp4 cousins (f4v, m4p) that no phone camera makes, hence matching on mime *and* ext.
  { kind: 'video', mime: 'video/mp4', ext: 'mp4' },
  { kind: 'video', mime: 'video/quicktime', ext: 'mov' },
];

const DOCUMENTS: readonly EvidenceType[] = [{ kind: 'document', mime: 'application/pdf', ext: 'pdf' }];

const ACCEPTED_LIST = '只接受照片（JPG、PNG、HEIC）和视频（MP4、MOV）';
const ACCEPTED_LIST_WITH_DOCUMENTS = '只接受照片（JPG、PNG、HEIC）、视频（MP4、MOV）和 PDF 文档';

export interface SniffOptions {
  /** Accept PDF documents too (kind 'document'). */
  documents?: boolean;
}

// Names people recognise for things a phone or an office PC may send by mistake.
const FRIENDLY: Record<string, string> = {
  'image/heic-sequence': 'HEIC 图像序列',
  'image/heif-sequence': 'HEIF 图像序列',
  'image/avif': 'AVIF 图片',
  'image/webp': 'WebP 图片',
  'image/gif': 'GIF 图片',
  'video/3gpp': '3GP 视频',
  'video/x-m4v': 'M4V 视频',
  'application/pdf': 'PDF 文档',
  'application/zip': 'ZIP 压缩包',
  'application/x-rar-compressed': 'RAR 压缩包',
};

function classify(found: FileTypeResult | undefined, empty: boolean, opts: SniffOptions): SniffResult {
  if (found) {
    const accepted = [...ACCEPTED, ...(opts.documents ? DOCUMENTS : [])].find((t) => t.mime === found.mime && t.ext === extOf(found));
    if (accepted) return { ok: true, ...accepted };
  }
  const detected = found ? { mime: found.mime, ext: found.ext } : null;
  const what = empty
    ? '文件是空的'
    : detected
      ? `此文件实际是 ${FRIENDLY[detected.mime] ?? `${detected.ext.toUpperCase()} 文件`}（${detected.mime}）`
      : '无法识别此文件的类型';
  const list = opts.documents ? ACCEPTED_LIST_WITH_DOCUMENTS : ACCEPTED_LIST;
  return { ok: false, code: 'unsupported_media_type', message: `文件类型不支持：${list}，${what}`, detected };
}

// file-type names a mif1-branded HEIF `heic` with mime image/heif; we store it as .heif.
const extOf = (t: FileTypeResult): string => (t.mime === 'image/heif' && t.ext === 'heic' ? 'heif' : t.ext);

/** The evidence type of the file at `file` (a path on local disk), or the refusal (415). */
export async function sniffEvidenceType(file: string, opts: SniffOptions = {}): Promise<SniffResult> {
  const found = await fileTypeFromFile(file);
  if (found) return classify(found, false, opts);
  const { size } = await stat(file);
  return classify(undefined, size === 0, opts);
}

/**
 * The same from the first bytes alone — give it at least the first 4100 bytes, what file-type
 * reads — e.g. the first chunk of an upload, to refuse early before the rest is stored.
 */
export async function sniffEvidenceBytes(head: Uint8Array, opts: SniffOptions = {}): Promise<SniffResult> {
  return classify(await fileTypeFromBuffer(head), head.length === 0, opts);
}
