// 开始上传: before the bytes of an evidence file come, the record its upload names must take a
// file from this user now (evidence.upload; 404 out of sight), and a file it replaces must be a
// current file of that record. Nothing is written: the file is recorded when the upload completes
// (addEvidence), where all of this is judged again.
import type { UploadMetadata } from '../../domain/attachment.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { checkReplaceable, resolveEvidenceTarget } from './lib/evidenceTarget.js';

export async function beginUpload(ctx: AppContext, actor: Actor, meta: UploadMetadata): Promise<void> {
  const campaign = await currentCampaign(ctx.db);
  const target = await resolveEvidenceTarget(ctx.db, campaign, actor, meta);
  if (meta.replacesId !== undefined) await checkReplaceable(ctx.db, target.record, meta.replacesId);
}
