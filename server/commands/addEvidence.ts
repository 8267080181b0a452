// 上传证据文件: a finished upload becomes an evidence file on the record its metadata names, if
// the uploader may document that record now (the evidence.upload policy, judged again under lock
// when the file is recorded). See lib/evidenceFile.ts for what happens to the file. Answers the
// file as it now stands, with its record, for the uploader to see.
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { recordEvidenceFile, type AddedEvidence, type EvidenceFile } from './lib/evidenceFile.js';
import { loadAttachmentView, resolveEvidenceTarget, type AttachmentView } from './lib/evidenceTarget.js';

export type { AddedEvidence, EvidenceFile } from './lib/evidenceFile.js';

export async function addEvidence(ctx: AppContext, actor: Actor, file: EvidenceFile): Promise<AddedEvidence & { file: AttachmentView }> {
  const campaign = await currentCampaign(ctx.db);
  const added = await recordEvidenceFile(ctx, actor, campaign, file, (db, opts) => resolveEvidenceTarget(db, campaign, actor, file.meta, opts));
  return { ...added, file: await loadAttachmentView(ctx.db, campaign, added.id) };
}
