// A disciplinary clue's files (线索附件), kept by the one attachment mechanism (uploads through
// /api/uploads with recordType 'clue', files through /api/attachments/:id/…). Only whoever may read
// the clue may list, open or add them, and every reading is written to the audit log like a view
// of the clue, under the clue and never under a workshop it may name.
import type { Kysely } from 'kysely';
import type { ClueAttachmentListDto } from '../../domain/attachment.js';
import { attachmentAbilities } from '../commands/lib/evidenceTarget.js';
import type { AppContext } from '../context.js';
import type { AttachmentRow, Database } from '../db/schema.js';
import { authorize, can, clueEvidenceSubject } from '../policies/index.js';
import { type Actor } from '../auth/actor.js';
import { presentAttachment } from '../presenters/attachment.js';
import { listRecordAttachments } from '../repositories/attachments.js';
import { writeAudit } from '../repositories/audit.js';
import type { CampaignRecord } from '../repositories/campaigns.js';
import { readableClue } from '../commands/lib/clue.js';

/** A clue's files (replaced ones too with `history`), the listing audited in the same transaction. */
export async function listClueAttachments(
  ctx: AppContext,
  actor: Actor,
  campaign: CampaignRecord,
  clueId: number,
  opts: { history: boolean },
): Promise<ClueAttachmentListDto> {
  return ctx.db.transaction().execute(async (trx) => {
    const clue = await readableClue(trx, actor, campaign, clueId);
    authorize(actor, 'attachment.read', { recordType: 'clue', orgPath: clue.org_path }, 'attachment.read');
    const rows = await listRecordAttachments(trx, { recordType: 'clue', recordId: String(clue.id) }, opts);
    await writeAudit(trx, {
      actor,
      action: 'clue.attachment.list',
      entityType: 'clue',
      entityId: clue.id,
      scopePath: clue.org_path,
      after: { attachmentIds: rows.map((r) => r.id), history: opts.history },
    });
    const subject = clueEvidenceSubject(clue);
    const limits = ctx.config.evidenceLimits;
    return {
      items: rows.map((row) => presentAttachment(row, attachmentAbilities(actor, subject, row))),
      total: rows.length,
      limits: { photoMaxBytes: limits.photoMaxBytes, videoMaxBytes: limits.videoMaxBytes, documentMaxBytes: limits.photoMaxBytes },
      abilities: { upload: can(actor, 'evidence.upload', subject) },
    };
  });
}

/** What of a clue's file was read: its bytes, its thumbnail, or its details. */
export type ClueFilePart = 'file' | 'thumbnail' | 'info';

/**
 * One reading of a clue's file, written to the audit log before anything of it is answered (and
 * nothing is answered if the record cannot be written): every request, ranges and revalidations
 * included, since each one shows the file again.
 */
export async function auditClueFileRead(
  db: Kysely<Database>,
  actor: Actor,
  row: Pick<AttachmentRow, 'id' | 'record_id' | 'org_path' | 'sha256'>,
  read: { part: ClueFilePart; method: string; range?: string },
): Promise<void> {
  await writeAudit(db, {
    actor,
    action: 'clue.attachment.view',
    entityType: 'clue',
    entityId: row.record_id,
    scopePath: row.org_path,
    after: { attachmentId: row.id, sha256: row.sha256, part: read.part, method: read.method, ...(read.range ? { range: read.range } : {}) },
  });
}
