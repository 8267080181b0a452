import type { AttachmentPatch, AttachmentRecordType } from '../../domain/attachment.js';
import type { AppContext } from '../context.js';
import { conflict, notFound } from '../errors.js';
import { can, type Actor } from '../policies/index.js';
import { attachmentReadSubject, evidenceSubject } from '../presenters/attachment.js';
import { findAttachment, updateAttachmentText } from '../repositories/attachments.js';
import { writeAudit } from '../repositories/audit.js';
import type { CampaignRecord } from '../repositories/campaigns.js';
import { findEnterprise } from '../repositories/enterprises.js';
import type { Authorize } from './common.js';

/** Changes an evidence file's caption or phase (the file itself never changes), audited. */
export async function updateAttachment(ctx: AppContext, actor: Actor, authorize: Authorize, campaign: CampaignRecord, id: number, patch: AttachmentPatch): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await findAttachment(trx, id);
    if (!row || row.campaign_id !== campaign.id || !can(actor, 'attachment.read', attachmentReadSubject(row))) throw notFound();
    const enterprise = row.enterprise_id === null ? undefined : await findEnterprise(trx, row.enterprise_id, ctx.dialect);
    if (!enterprise) throw notFound();
    const item = campaign.definition.standardItems.find((i) => i.code === row.item_code) ?? null;
    authorize('attachment.update', evidenceSubject(enterprise, row.record_type as AttachmentRecordType, item));
    if (row.replaced_by !== null) throw conflict('此文件已被替换，只能修改当前文件的说明');

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
      entityType: 'enterprise',
      entityId: enterprise.id,
      scopePath: enterprise.org_path,
      before: { attachmentId: id, ...before },
      after: { attachmentId: id, ...after },
    });
  });
}
