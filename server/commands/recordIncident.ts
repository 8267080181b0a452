// 记录阻碍执法事件: the police, or the town's keepers, record an obstruction at a workshop (in a joint
// operation, if given), with the workshop's own files as evidence. Checked, written and audited on
// the workshop's record in one transaction.
import { departmentsRecording } from '../../domain/campaign.js';
import type { IncidentCreate } from '../../domain/incidents.js';
import { nowIso } from '../../domain/time.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { invalid } from '../errors.js';
import { actingGrant, authorize } from '../policies/index.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { insertIncident } from '../repositories/incidents.js';
import { operationWorkshops } from '../repositories/jointOperations.js';
import { requireOwnEvidence } from './lib/evidence.js';
import { unitOf } from './lib/remark.js';
import { loadWorkshopForChange } from './lib/workshop.js';

export async function recordIncident(ctx: AppContext, actor: Actor, input: { enterpriseId: number } & IncidentCreate): Promise<number> {
  const campaign = await currentCampaign(ctx.db);
  const recorders = departmentsRecording(campaign.definition, 'incidents');
  return inTransaction(ctx.db, async (trx) => {
    const workshop = await loadWorkshopForChange(trx, actor, input.enterpriseId, campaign.id);
    const subject = { orgPath: workshop.org_path, recorders };
    authorize(actor, 'incident.create', subject);
    if (input.operationId !== null && !(await operationWorkshops(trx, input.operationId)).some((w) => w.enterprise_id === workshop.id))
      throw invalid('该企业不在这次联合执法中', [{ path: 'operationId', message: '该企业不在这次联合执法中' }]);
    await requireOwnEvidence(trx, workshop.id, input.evidenceIds);
    const at = nowIso();
    const unit = unitOf(actingGrant(actor, 'incident.create', subject)!);
    const { enterpriseId: _requested, ...fields } = input;
    const id = await insertIncident(trx, { ...fields, campaignId: campaign.id, enterpriseId: workshop.id, by: actor.id, unit, at });
    await writeAudit(trx, {
      actor,
      action: 'incident.create',
      entityType: 'enterprise',
      entityId: workshop.id,
      scopePath: workshop.org_path,
      after: { incidentId: id, kind: input.kind, occurredOn: input.occurredOn, description: input.description, unit, ...(input.caseNumber ? { caseNumber: input.caseNumber } : {}) },
    });
    return id;
  });
}
