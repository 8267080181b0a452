// 举报照片 for the staff: the photos and videos a tipster sent with a tip, for whoever reads the tip (404 otherwise).
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { authorize, type EvidenceSubject } from '../policies/index.js';
import { listRecordAttachments, type AttachmentWithUploader } from '../repositories/attachments.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { readableTip } from './lib/tip.js';

export async function listTipFiles(ctx: AppContext, actor: Actor, input: { id: number; history: boolean }): Promise<{ rows: AttachmentWithUploader[]; subject: EvidenceSubject }> {
  const campaign = await currentCampaign(ctx.db);
  const tip = await readableTip(ctx.db, actor, campaign, input.id);
  const orgPath = tip.org_path ?? campaign.rootPath;
  authorize(actor, 'attachment.read', { recordType: 'tip', orgPath, recorders: [] }, 'attachment.read');
  const rows = await listRecordAttachments(ctx.db, { recordType: 'tip', recordId: String(tip.id) }, { history: input.history });
  return { rows, subject: { recordType: 'tip', orgPath } };
}
