// 上传证据文件: a finished upload becomes an evidence file on the record its metadata names, if
// the uploader may document that record now (the evidence.upload policy, judged again under lock
// when the file is recorded). See lib/evidenceFile.ts for what happens to the file.
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { recordEvidenceFile, type AddedEvidence, type EvidenceFile } from './lib/evidenceFile.js';
import { resolveEvidenceTarget } from './lib/evidenceTarget.js';

export type { AddedEvidence, EvidenceFile } from './lib/evidenceFile.js';

export async function addEvidence(ctx: AppContext, actor: Actor, file: EvidenceFile): Promise<AddedEvidence> {
  const campaign = await currentCampaign(ctx.db);
  return recordEvidenceFile(ctx, actor, campaign, file, (db, opts) => resolveEvidenceTarget(db, campaign, actor, file.meta, opts));
}
