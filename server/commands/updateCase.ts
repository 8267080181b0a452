// 补充处罚决定: the recording department (or the office) adds or corrects a case's penalty decision,
// its facts or its evidence, at the version it read; audited on the workshop's record.
import type { CaseUpdate } from '../../domain/cases.js';
import { nowIso } from '../../domain/time.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { authorize } from '../policies/index.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { penaltyColumns, updateCaseAtVersion, type CaseChanges } from '../repositories/cases.js';
import { CASE_CHANGED, loadCaseForChange } from './lib/case.js';
import { requireOwnEvidence } from './lib/evidence.js';
import { staleVersion } from './lib/transition.js';

export async function updateCase(ctx: AppContext, actor: Actor, input: { id: number } & CaseUpdate): Promise<void> {
  const campaign = await currentCampaign(ctx.db);
  await inTransaction(ctx.db, async (trx) => {
    const { row, workshop, subject } = await loadCaseForChange(trx, actor, campaign, input.id);
    authorize(actor, 'case.update', subject);
    if (input.version !== row.version) throw staleVersion(CASE_CHANGED);
    if (input.evidenceIds) await requireOwnEvidence(trx, workshop.id, input.evidenceIds);
    const changes: CaseChanges = {
      ...(input.violation !== undefined ? { violation: input.violation } : {}),
      ...(input.evidenceIds !== undefined ? { evidence_ids: JSON.stringify(input.evidenceIds) } : {}),
      ...(input.penalty !== undefined ? penaltyColumns(input.penalty) : {}),
      updated_at: nowIso(),
    };
    if (!(await updateCaseAtVersion(trx, row, changes))) throw staleVersion(CASE_CHANGED);
    await writeAudit(trx, {
      actor,
      action: 'case.update',
      entityType: 'enterprise',
      entityId: row.enterprise_id,
      scopePath: workshop.org_path,
      before: { caseId: row.id, decisionNumber: row.decision_number, fineFen: row.fine_fen, decidedOn: row.decided_on, penaltyStatus: row.penalty_status },
      after: { caseId: row.id, ...(input.violation !== undefined ? { violation: input.violation } : {}), ...(input.penalty !== undefined ? { penalty: input.penalty } : {}) },
    });
  });
}
