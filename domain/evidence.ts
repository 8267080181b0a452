// The rules of 全程影像记录: which evidence files count for a standard item, and how many an item
// needs before it may be marked done. Shared by the server (which enforces them) and the browser
// (which shows them).
import { captureInstant } from './time.js';

/** When a file was uploaded and, as its own metadata says, taken (ISO strings; see domain/time.ts). */
export interface FileTimes {
  uploaded_at: string;
  captured_at: string | null;
  captured_at_local: string | null;
}

/**
 * Whether a file belongs to a shutdown round before the workshop was last reopened (a recurrence):
 * uploaded before it, or taken before it by its own metadata (an old photo from the phone's
 * gallery, uploaded now). It stays in the record but proves nothing about the shutdown done again.
 */
export function fromEarlierRound(f: FileTimes, reopenedAt: string | null): boolean {
  if (reopenedAt === null) return false;
  if (f.uploaded_at <= reopenedAt) return true;
  const taken = captureInstant(f.captured_at, f.captured_at_local);
  return taken !== null && taken <= reopenedAt;
}

/**
 * Why a standard item may not be marked done yet for want of evidence, or null when its current
 * files (of this round) are enough: `files` counted by fromEarlierRound's rule, `evidenceMin` from
 * the campaign definition, `reopened` when a recurrence reopened the shutdown.
 */
export function evidenceShortfall(item: { name: string; evidenceMin: number }, files: number, reopened: boolean): string | null {
  const { name, evidenceMin } = item;
  if (evidenceMin <= 0 || files >= evidenceMin) return null;
  if (files > 0) return `“${name}”须有至少 ${evidenceMin} 张现场照片或视频才能标记为完成（全程影像记录），目前只有 ${files} 张，请先上传`;
  return reopened
    ? `该企业反弹后重新取缔：请上传本轮取缔的现场照片或视频（至少 ${evidenceMin} 张），再将“${name}”标记为完成；反弹前拍摄或上传的影像不计入（以照片或视频自带的拍摄时间为准）`
    : `请先上传至少 ${evidenceMin} 张现场照片或视频，再将“${name}”标记为完成（全程影像记录）`;
}
