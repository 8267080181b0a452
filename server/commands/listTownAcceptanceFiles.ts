// 镇街验收文件: the signed 书面说明 and stamped 书面材料 a town filed (the one attachment mechanism:
// uploads through /api/uploads with recordType 'town_acceptance' and the town's id), for whoever
// reads the town's acceptance (404 otherwise).
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { authorize, type EvidenceSubject } from '../policies/index.js';
import { listRecordAttachments, type AttachmentWithUploader } from '../repositories/attachments.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { townOfPath } from './lib/town.js';

export async function listTownAcceptanceFiles(ctx: AppContext, actor: Actor, input: { townId: number; history: boolean }): Promise<{ rows: AttachmentWithUploader[]; subject: EvidenceSubject }> {
  const campaign = await currentCampaign(ctx.db);
  const town = await townOfPath(ctx.db, actor, campaign, input.townId, 'acceptance.read');
  authorize(actor, 'attachment.read', { recordType: 'town_acceptance', orgPath: town.path, recorders: [] }, 'attachment.read');
  const rows = await listRecordAttachments(ctx.db, { recordType: 'town_acceptance', recordId: String(town.id) }, { history: input.history });
  return { rows, subject: { recordType: 'town_acceptance', orgPath: town.path } };
}
