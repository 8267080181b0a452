// The office's steps on a joint operation: 批准 (with the team, the date and the machinery the town
// provides), 退回修改 or 不予批准 (with the reason), 开始行动, 结束行动 (only once every workshop on it
// has its result). Each re-checks the workflow table, authorizes, writes at the version the office
// read (two at once: one succeeds, the other gets 409) and audits, in one transaction.
import type { JointOperationApprove, JointOperationReason } from '../../domain/jointOperations.js';
import { nowIso } from '../../domain/time.js';
import { findTransition } from '../../domain/workflows/workflow.js';
import { JOINT_OPERATION_WORKFLOW, type JointOperationStatus } from '../../domain/workflows/jointOperation.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { AppError } from '../errors.js';
import { authorize, jointOperationSubject } from '../policies/index.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { changeJointOperation, operationWorkshops, type OperationChange } from '../repositories/jointOperations.js';
import { loadOperationForChange, OPERATION_CHANGED } from './lib/jointOperation.js';
import { requireTransition, staleVersion } from './lib/transition.js';

export type OperationDecision =
  | ({ event: 'approve' } & JointOperationApprove)
  | ({ event: 'return' | 'refuse' } & JointOperationReason)
  | { event: 'start' | 'complete'; version: number };

export async function decideJointOperation(ctx: AppContext, actor: Actor, input: { id: number } & OperationDecision): Promise<void> {
  const campaign = await currentCampaign(ctx.db);
  await inTransaction(ctx.db, async (trx) => {
    const row = await loadOperationForChange(trx, actor, campaign.id, input.id);
    const status = row.status as JointOperationStatus;
    requireTransition(JOINT_OPERATION_WORKFLOW, status, input.event);
    authorize(actor, `jointOperation.${input.event}`, jointOperationSubject(row));
    if (input.version !== row.version) throw staleVersion(OPERATION_CHANGED);
    if (input.event === 'complete') {
      const pending = (await operationWorkshops(trx, row.id)).filter((w) => w.result === 'pending');
      if (pending.length > 0) throw new AppError('invalid_transition', `还有 ${pending.length} 家企业未记录结果：${pending.map((w) => w.name).join('、')}`);
    }
    const to = findTransition(JOINT_OPERATION_WORKFLOW, status, input.event)!.to;
    const at = nowIso();
    const change: OperationChange = { status: to, at, by: actor.id };
    if (input.event === 'approve') Object.assign(change, { decisionReason: input.note, operationOn: input.operationOn, team: input.team, machinery: input.machinery });
    if (input.event === 'return' || input.event === 'refuse') change.decisionReason = input.reason;
    if (input.event === 'complete') change.completed = true;
    if (!(await changeJointOperation(trx, row, change))) throw staleVersion(OPERATION_CHANGED);
    const { version: _version, event: _event, id: _id, ...details } = input;
    await writeAudit(trx, {
      actor,
      action: `jointOperation.${input.event}`,
      entityType: 'joint_operation',
      entityId: row.id,
      scopePath: row.org_path,
      before: { status },
      after: { status: to, ...details },
    });
  });
}
