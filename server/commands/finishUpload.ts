// 完成上传: an upload whose bytes are all staged becomes an evidence file, exactly once, whichever
// request finds it complete — the PATCH that brought the last byte, a repeated PATCH, a HEAD or a
// GET after a restart, or the sweep at start-up (finishStrandedUpload, as the uploader). The outcome
// stays with the upload (its uploads row): a recorded upload answers the same attachment to every
// later asker, a refused one the same refusal; a failure that may pass (storage or database down)
// leaves the upload complete and unrecorded, to be finished by the next asker.
import { uploadMetadataSchema, type UploadMetadata } from '../../domain/attachment.js';
import { nowIso } from '../../domain/time.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { AppError, notFound } from '../errors.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { findUpload, finishUploadRow, type UploadRecord } from '../repositories/uploads.js';
import { findUserById, loadActor } from '../repositories/users.js';
import { refusalError, refusalOf, UPLOADER_KEY } from '../uploads/stagingStore.js';
import { addEvidence } from './addEvidence.js';
import { isRefusal } from './lib/evidenceFile.js';
import { loadAttachmentView, type AttachmentView } from './lib/evidenceTarget.js';

export interface FinishedUpload {
  attachmentId: number;
  /** The same bytes were already on the record: the file answered is that one. */
  duplicate: boolean;
  file: AttachmentView;
}

export interface StagedUpload {
  id: string;
  /** Where its bytes are staged. */
  path: string;
  /** Bytes staged now. */
  staged: number;
  /** SHA-256 computed as the bytes arrived, when this process saw them all. */
  sha256: string | null;
}

/**
 * The client's metadata of an upload, checked: as the client sent it (`stored` false: a key of the
 * server's own is refused like any unknown key), or as stored (the server's key set aside).
 */
export function uploadMetadataOf(metadata: Record<string, string | null | undefined> | undefined, stored = true): UploadMetadata {
  const client = { ...metadata };
  if (stored) delete client[UPLOADER_KEY];
  const parsed = uploadMetadataSchema.safeParse(client);
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  throw new AppError('validation_failed', `上传信息有误：${errors.map((e) => e.message).join('；')}`, errors);
}

/** How an upload ended, if it has: the file it became (or the refusal, thrown); null while open. */
export async function uploadOutcome(ctx: AppContext, row: UploadRecord): Promise<FinishedUpload | null> {
  if (row.refusal !== null) throw refusalError(row);
  if (row.attachment_id === null) return null;
  const campaign = await currentCampaign(ctx.db);
  return { attachmentId: row.attachment_id, duplicate: row.duplicate === 1, file: await loadAttachmentView(ctx.db, campaign, row.attachment_id) };
}

/** Records a complete upload as `actor` (its uploader, authorized to resume it), or answers how it already ended. */
export async function finishUpload(ctx: AppContext, actor: Actor, upload: StagedUpload): Promise<FinishedUpload> {
  const row = await findUpload(ctx.db, upload.id);
  if (!row || row.uploader_id !== actor.id) throw notFound('上传不存在或已结束，请重新上传');
  const ended = await uploadOutcome(ctx, row);
  if (ended) return ended;
  if (upload.staged !== row.size) throw new AppError('conflict', `上传尚未完成：服务器已收到 ${Math.max(upload.staged, 0)} / ${row.size} 字节，请续传`);
  try {
    const meta = uploadMetadataOf(row.metadata);
    const added = await addEvidence(ctx, actor, { path: upload.path, sha256: upload.sha256, meta, uploadId: upload.id });
    return { attachmentId: added.id, duplicate: added.duplicate, file: added.file };
  } catch (err) {
    // A final refusal is kept, so that whoever asks again is told the same; a recorded outcome wins:
    // another request or server may have recorded the upload meanwhile, its staged file going with it.
    if (isRefusal(err)) await finishUploadRow(ctx.db, upload.id, { refusal: refusalOf(err) }, nowIso());
    const after = await findUpload(ctx.db, upload.id);
    if (after?.attachment_id != null) return (await uploadOutcome(ctx, after))!;
    throw err;
  }
}

/** A complete upload nobody asked about since a restart: recorded as its uploader, if still active. */
export async function finishStrandedUpload(ctx: AppContext, row: UploadRecord, upload: StagedUpload): Promise<FinishedUpload> {
  const user = await findUserById(ctx.db, row.uploader_id);
  if (!user || user.active !== 1) {
    const refused = new AppError('forbidden', '上传者的账号已停用，上传的文件未能入档，请由其他人员重新上传');
    await finishUploadRow(ctx.db, row.id, { refusal: refusalOf(refused) }, nowIso());
    throw refused;
  }
  const actor = await loadActor(ctx.db, user, await currentCampaign(ctx.db));
  return finishUpload(ctx, actor, upload);
}
