// 线索附件列表: a disciplinary clue's files (kept by the one attachment mechanism: uploads through
// /api/uploads with recordType 'clue', files through /api/attachments/:id/…). Only whoever may read
// the clue may list them, and every listing is written to the audit log like a view of the clue,
// in the same transaction as the reading.
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { authorize, clueEvidenceSubject, type EvidenceSubject } from '../policies/index.js';
import { listRecordAttachments, type AttachmentWithUploader } from '../repositories/attachments.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { readableClue } from './lib/clue.js';

export interface ClueFiles {
  rows: AttachmentWithUploader[];
  /** The clue as the record its files are on (who may add or change them). */
  subject: EvidenceSubject;
}

/** The clue's files (replaced ones too with `history`). */
export async function listClueFiles(ctx: AppContext, actor: Actor, input: { id: number; history: boolean }): Promise<ClueFiles> {
  const campaign = await currentCampaign(ctx.db);
  return inTransaction(ctx.db, async (trx) => {
    const clue = await readableClue(trx, actor, campaign, input.id);
    authorize(actor, 'attachment.read', { recordType: 'clue', orgPath: clue.org_path }, 'attachment.read');
    const rows = await listRecordAttachments(trx, { recordType: 'clue', recordId: String(clue.id) }, { history: input.history });
    await writeAudit(trx, {
      actor,
      action: 'clue.attachment.list',
      entityType: 'clue',
      entityId: clue.id,
      scopePath: clue.org_path,
      after: { attachmentIds: rows.map((r) => r.id), history: input.history },
    });
    return { rows, subject: clueEvidenceSubject(clue) };
  });
}
