// Cases as the web shows them: the penalty in yuan, the transfers the reader may see (a transfer to
// discipline only to discipline, the office director and the department that made it, and then only
// its clue number), and what the reader may do.
import { yuanOf, type CaseDto, type CaseParties, type PenaltyStatus, type TransferKind } from '../../domain/cases.js';
import type { Actor } from '../auth/actor.js';
import { can, caseSubjectOf, seesDisciplineTransfer } from '../policies/index.js';
import type { CaseView } from '../repositories/cases.js';
import { evidenceIdsOf } from './evidenceIds.js';


export function presentCase(r: CaseView, who: CaseParties, actor: Actor): CaseDto {
  const subject = caseSubjectOf(r, who);
  const transfers = r.transfers
    .filter((x) => x.kind !== 'discipline' || seesDisciplineTransfer(actor, subject))
    .map((x) => {
      const kind = x.kind as TransferKind;
      return {
        id: x.id,
        kind,
        to: x.to_name,
        toCode: x.to_code,
        reason: x.reason,
        clueId: x.clue_id,
        transferredBy: x.transferred_by_name ?? '',
        transferredAt: x.transferred_at,
        acknowledged: x.acknowledged_at
          ? kind === 'discipline' && !can(actor, 'clue.read', { orgPath: r.org_path })
            ? { by: '', at: x.acknowledged_at, reference: '', note: '' } // the clue's own, like a clue's filer, sees only that it was received
            : { by: x.acknowledged_by_name ?? '', at: x.acknowledged_at, reference: x.ack_reference, note: x.ack_note }
          : null,
        abilities: { acknowledge: x.acknowledged_at === null && can(actor, 'case.acknowledge', { ...subject, kind, toCode: x.to_code }) },
      };
    });
  const transferred = (kind: TransferKind) => r.transfers.some((x) => x.kind === kind);
  const mayTransfer = can(actor, 'case.transfer', subject);
  return {
    id: r.id,
    version: r.version,
    enterprise: { id: r.enterprise_id, name: r.enterprise_name, townName: r.town_name ?? '', villageName: r.village_name ?? null },
    department: { code: r.department_code, name: r.department_name },
    foundOn: r.found_on,
    violation: r.violation,
    evidenceIds: evidenceIdsOf(r.evidence_ids),
    penalty:
      r.decision_number !== null && r.decided_on !== null && r.penalty_status !== null
        ? { decisionNumber: r.decision_number, amount: yuanOf(Number(r.fine_fen ?? 0)), decidedOn: r.decided_on, status: r.penalty_status as PenaltyStatus }
        : null,
    transfers,
    recordedBy: r.recorded_by_name ?? '',
    recordedAt: r.recorded_at,
    abilities: {
      update: can(actor, 'case.update', subject),
      transferPolice: mayTransfer && who.receivers.length > 0 && !transferred('police'),
      transferDiscipline: mayTransfer && who.hasDiscipline && !transferred('discipline'),
    },
  };
}
