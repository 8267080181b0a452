// 补充案件编号和处理结果: the police (or the office) add the case number and the outcome to an
// incident, at the version they read; audited on the workshop's record.
import { departmentsRecording } from '../../domain/campaign.js';
import type { IncidentUpdate } from '../../domain/incidents.js';
import { nowIso } from '../../domain/time.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { notFound } from '../errors.js';
import { authorize, can } from '../policies/index.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { findEnterprise } from '../repositories/enterprises.js';
import { findIncident, updateIncidentAtVersion } from '../repositories/incidents.js';
import { staleVersion } from './lib/transition.js';

const CHANGED = '该事件已被他人修改，请刷新后重试';

export async function updateIncident(ctx: AppContext, actor: Actor, input: { id: number } & IncidentUpdate): Promise<void> {
  const campaign = await currentCampaign(ctx.db);
  const recorders = departmentsRecording(campaign.definition, 'incidents');
  await inTransaction(ctx.db, async (trx) => {
    const row = await findIncident(trx, campaign.id, input.id, { forUpdate: true });
    const workshop = row && (await findEnterprise(trx, row.enterprise_id));
    const subject = workshop && { orgPath: workshop.org_path, recorders };
    if (!row || !subject || !can(actor, 'incident.read', subject)) throw notFound();
    authorize(actor, 'incident.update', subject);
    if (input.version !== row.version) throw staleVersion(CHANGED);
    const changes = { ...(input.caseNumber !== undefined ? { case_number: input.caseNumber } : {}), ...(input.outcome !== undefined ? { outcome: input.outcome } : {}) };
    if (!(await updateIncidentAtVersion(trx, row, { ...changes, updated_at: nowIso() }))) throw staleVersion(CHANGED);
    await writeAudit(trx, {
      actor,
      action: 'incident.update',
      entityType: 'enterprise',
      entityId: row.enterprise_id,
      scopePath: workshop.org_path,
      before: { incidentId: row.id, caseNumber: row.case_number, outcome: row.outcome },
      after: { incidentId: row.id, caseNumber: input.caseNumber ?? row.case_number, outcome: input.outcome ?? row.outcome },
    });
  });
}
