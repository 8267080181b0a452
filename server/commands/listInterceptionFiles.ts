// 查处照片列表: a truck interception's photos and videos (the one attachment mechanism: uploads
// through /api/uploads with recordType 'interception', files through /api/attachments/:id/…), for
// whoever sees the interception (404 otherwise).
import { departmentsRecording } from '../../domain/campaign.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { notFound } from '../errors.js';
import { authorize, can, interceptionEvidenceSubject, type EvidenceSubject } from '../policies/index.js';
import { listRecordAttachments, type AttachmentWithUploader } from '../repositories/attachments.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { findInterception } from '../repositories/interceptions.js';

export async function listInterceptionFiles(ctx: AppContext, actor: Actor, input: { id: number; history: boolean }): Promise<{ rows: AttachmentWithUploader[]; subject: EvidenceSubject }> {
  const campaign = await currentCampaign(ctx.db);
  const recorders = departmentsRecording(campaign.definition, 'interceptions');
  const row = await findInterception(ctx.db, campaign.id, input.id);
  if (!row || !can(actor, 'interception.read', { destinationPath: row.destination_path, recorders })) throw notFound();
  const path = row.destination_path ?? campaign.rootPath;
  authorize(actor, 'attachment.read', { recordType: 'interception', orgPath: path, recorders }, 'attachment.read');
  const rows = await listRecordAttachments(ctx.db, { recordType: 'interception', recordId: String(row.id) }, { history: input.history });
  return { rows, subject: interceptionEvidenceSubject(path, campaign.rootPath, recorders) };
}
