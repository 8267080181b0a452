// 签收移交: the receiving unit signs for a transferred case — the police department it went to, or,
// for a transfer to discipline, discipline or the office director (who alone see it) — once, with
// its own reference number. Audited where the transfer is seen: a police transfer on the workshop's
// record, a discipline transfer on its clue's.
import type { TransferAcknowledge, TransferKind } from '../../domain/cases.js';
import { nowIso } from '../../domain/time.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { conflict, notFound } from '../errors.js';
import { authorize, seesDisciplineTransfer } from '../policies/index.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { acknowledgeTransfer, findTransfer } from '../repositories/cases.js';
import { findClue } from '../repositories/clues.js';
import { loadCaseForChange } from './lib/case.js';

/** Answers the case the transfer belongs to. */
export async function acknowledgeCaseTransfer(ctx: AppContext, actor: Actor, input: { id: number } & TransferAcknowledge): Promise<number> {
  const campaign = await currentCampaign(ctx.db);
  return inTransaction(ctx.db, async (trx) => {
    const transfer = await findTransfer(trx, input.id, { forUpdate: true });
    if (!transfer) throw notFound();
    const { workshop, subject } = await loadCaseForChange(trx, actor, campaign, transfer.case_id);
    const kind = transfer.kind as TransferKind;
    if (kind === 'discipline' && !seesDisciplineTransfer(actor, subject)) throw notFound();
    const transferSubject = { ...subject, kind, toCode: transfer.to_code };
    authorize(actor, 'case.acknowledge', transferSubject);
    if (!(await acknowledgeTransfer(trx, transfer.id, { by: actor.id, at: nowIso(), reference: input.reference, note: input.note }))) throw conflict('该移交已签收');
    const after = { caseId: transfer.case_id, transferId: transfer.id, kind, reference: input.reference };
    if (kind === 'discipline') {
      const clue = transfer.clue_id !== null ? await findClue(trx, campaign.id, transfer.clue_id) : undefined;
      await writeAudit(trx, { actor, action: 'case.acknowledge', entityType: 'clue', entityId: transfer.clue_id ?? transfer.id, scopePath: clue?.org_path ?? workshop.org_path, after });
    } else {
      await writeAudit(trx, { actor, action: 'case.acknowledge', entityType: 'enterprise', entityId: workshop.id, scopePath: workshop.org_path, after: { ...after, to: transfer.to_name } });
    }
    return transfer.case_id;
  });
}
