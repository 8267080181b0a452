// 重新提交: the town corrects an application the office returned (its workshops, why, the date) and
// submits it again. Re-checks the workflow table, authorizes, writes at the version read, audits.
import type { JointOperationResubmit } from '../../domain/jointOperations.js';
import { nowIso } from '../../domain/time.js';
import { findTransition } from '../../domain/workflows/workflow.js';
import { JOINT_OPERATION_WORKFLOW, type JointOperationStatus } from '../../domain/workflows/jointOperation.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { authorize, jointOperationSubject } from '../policies/index.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { changeJointOperation, setOperationWorkshops } from '../repositories/jointOperations.js';
import { checkOperationWorkshops, loadOperationForChange, OPERATION_CHANGED } from './lib/jointOperation.js';
import { requireTransition, staleVersion } from './lib/transition.js';

export async function resubmitJointOperation(ctx: AppContext, actor: Actor, input: { id: number } & JointOperationResubmit): Promise<void> {
  const campaign = await currentCampaign(ctx.db);
  await inTransaction(ctx.db, async (trx) => {
    const row = await loadOperationForChange(trx, actor, campaign.id, input.id);
    const status = row.status as JointOperationStatus;
    requireTransition(JOINT_OPERATION_WORKFLOW, status, 'resubmit');
    authorize(actor, 'jointOperation.resubmit', jointOperationSubject(row));
    if (input.version !== row.version) throw staleVersion(OPERATION_CHANGED);
    await checkOperationWorkshops(trx, campaign.id, row.org_path, input.workshopIds, row.id);
    const to = findTransition(JOINT_OPERATION_WORKFLOW, status, 'resubmit')!.to;
    if (!(await changeJointOperation(trx, row, { status: to, at: nowIso(), by: actor.id, reason: input.reason, proposedOn: input.proposedOn })))
      throw staleVersion(OPERATION_CHANGED);
    await setOperationWorkshops(trx, row.id, input.workshopIds);
    await writeAudit(trx, {
      actor,
      action: 'jointOperation.resubmit',
      entityType: 'joint_operation',
      entityId: row.id,
      scopePath: row.org_path,
      before: { status },
      after: { status: to, workshopIds: input.workshopIds, reason: input.reason, proposedOn: input.proposedOn },
    });
  });
}
