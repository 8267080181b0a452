// 查阅证据文件: one reading of a stored file — its bytes, its thumbnail or its details — by someone
// who may see it (404 otherwise, whether it exists or not). Reading a clue's file is a view of the
// clue: it is written to the audit log, under the clue and never under a workshop it may name,
// before anything of it is answered (and nothing is answered if the record cannot be written):
// every request, ranges and revalidations included, since each one shows the file again.
import { departmentsRecording } from '../../domain/campaign.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { notFound } from '../errors.js';
import { attachmentReadSubject, authorize } from '../policies/index.js';
import { findAttachment, type AttachmentWithUploader } from '../repositories/attachments.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';

/** What of a file was read: its bytes, its thumbnail, or its details. */
export type AttachmentPart = 'file' | 'thumbnail' | 'info';

/** A reading as the request made it; null for a file answered after a change to it (not another reading). */
export interface AttachmentReading {
  part: AttachmentPart;
  method: string;
  /** The request's Range header, if any. */
  range?: string;
}

export async function readAttachment(ctx: AppContext, actor: Actor, input: { id: number; reading: AttachmentReading | null }): Promise<AttachmentWithUploader> {
  const { id, reading } = input;
  const campaign = await currentCampaign(ctx.db);
  const row = await findAttachment(ctx.db, id);
  if (!row || row.campaign_id !== campaign.id) throw notFound('文件不存在或不在您的管辖范围内');
  authorize(actor, 'attachment.read', attachmentReadSubject(row, departmentsRecording(campaign.definition, 'interceptions')), 'attachment.read');
  if (reading && row.record_type === 'clue') {
    await inTransaction(ctx.db, (trx) =>
      writeAudit(trx, {
        actor,
        action: 'clue.attachment.view',
        entityType: 'clue',
        entityId: row.record_id,
        scopePath: row.org_path,
        after: { attachmentId: row.id, sha256: row.sha256, part: reading.part, method: reading.method, ...(reading.range ? { range: reading.range } : {}) },
      }),
    );
  }
  return row;
}
