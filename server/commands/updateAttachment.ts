// 修改证据文件说明: an evidence file's caption or phase changes (the file itself never does), audited.
import { phaseRefusal, type AttachmentPatch } from '../../domain/attachment.js';
import { departmentsRecording } from '../../domain/campaign.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { conflict, invalid, notFound } from '../errors.js';
import { attachmentReadSubject, authorize, can } from '../policies/index.js';
import { findAttachment, updateAttachmentText } from '../repositories/attachments.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { ownerOfAttachment } from './lib/evidenceTarget.js';

export async function updateAttachment(ctx: AppContext, actor: Actor, input: { id: number; patch: AttachmentPatch }): Promise<void> {
  const { id, patch } = input;
  const campaign = await currentCampaign(ctx.db);
  await inTransaction(ctx.db, async (trx) => {
    const row = await findAttachment(trx, id);
    if (!row || row.campaign_id !== campaign.id || !can(actor, 'attachment.read', attachmentReadSubject(row, departmentsRecording(campaign.definition, 'interceptions')))) throw notFound();
    const owner = await ownerOfAttachment(trx, campaign, row, { forUpdate: true });
    if (!owner) throw notFound();
    authorize(actor, 'attachment.update', owner.subject);
    if (row.replaced_by !== null) throw conflict('此文件已被替换，只能修改当前文件的说明');
    const clue = owner.auditEntity.entityType === 'clue';
    const noPhase = phaseRefusal(row.record_type);
    if (noPhase && patch.phase) throw invalid(noPhase, [{ path: 'phase', message: noPhase }]);

    const before: Record<string, string> = {};
    const after: Record<string, string> = {};
    const changes: { caption?: string; phase?: string } = {};
    if (patch.caption !== undefined && patch.caption !== row.caption) {
      [before.caption, after.caption, changes.caption] = [row.caption, patch.caption, patch.caption];
    }
    if (patch.phase !== undefined && patch.phase !== row.phase) {
      [before.phase, after.phase, changes.phase] = [row.phase, patch.phase, patch.phase];
    }
    if (Object.keys(changes).length === 0) return;
    await updateAttachmentText(trx, id, changes);
    await writeAudit(trx, {
      actor,
      action: 'attachment.update',
      ...owner.auditEntity,
      // A clue's audit says what changed, not the words (they may repeat the accusation).
      before: clue ? { attachmentId: id } : { attachmentId: id, ...before },
      after: clue ? { attachmentId: id, changed: Object.keys(changes) } : { attachmentId: id, ...after },
    });
  });
}
