// 登记违法案件: a department the campaign marks as recording cases (or the office) records, for a
// workshop, the violation found with the workshop's files as evidence (实体取证) and, if already
// made, the penalty decision. Checked, written and audited on the workshop's record in one transaction.
import { caseParties, type CaseCreate } from '../../domain/cases.js';
import { nowIso } from '../../domain/time.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { actingGrant, authorize, caseSubjectOf } from '../policies/index.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { insertCase } from '../repositories/cases.js';
import { requireOwnEvidence } from './lib/evidence.js';
import { unitOf } from './lib/remark.js';
import { loadWorkshopForChange } from './lib/workshop.js';

export async function recordCase(ctx: AppContext, actor: Actor, input: { enterpriseId: number } & CaseCreate): Promise<number> {
  const campaign = await currentCampaign(ctx.db);
  const who = caseParties(campaign.definition);
  return inTransaction(ctx.db, async (trx) => {
    const workshop = await loadWorkshopForChange(trx, actor, input.enterpriseId, campaign.id);
    const subject = caseSubjectOf({ org_path: workshop.org_path, department_code: null }, who);
    authorize(actor, 'case.create', subject);
    await requireOwnEvidence(trx, workshop.id, input.evidenceIds);
    const grant = actingGrant(actor, 'case.create', subject)!;
    const department = { code: grant.departmentCode ?? '', name: unitOf(grant) };
    const at = nowIso();
    const { enterpriseId: _requested, ...fields } = input;
    const id = await insertCase(trx, { ...fields, campaignId: campaign.id, enterpriseId: workshop.id, department, by: actor.id, at });
    await writeAudit(trx, {
      actor,
      action: 'case.create',
      entityType: 'enterprise',
      entityId: workshop.id,
      scopePath: workshop.org_path,
      after: { caseId: id, department: department.name, foundOn: input.foundOn, violation: input.violation, ...(input.penalty ? { penalty: input.penalty } : {}) },
    });
    return id;
  });
}
