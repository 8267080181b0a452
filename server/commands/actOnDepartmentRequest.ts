// 受理 / 退回 / 排期: the requested department accepts a request, returns it with a reason, or
// schedules the day it will act. Each re-checks the workflow table, authorizes, writes at the
// version the officer read (two officers acting at once: one succeeds, the other gets 409) and
// audits on the workshop's record, in one transaction. Confirming is confirmDepartmentRequest.
import type { RequestAccept, RequestReturn, RequestSchedule } from '../../domain/departmentRequests.js';
import { nowIso } from '../../domain/time.js';
import { findTransition } from '../../domain/workflows/workflow.js';
import { DEPARTMENT_REQUEST_WORKFLOW, type DepartmentRequestStatus } from '../../domain/workflows/departmentRequest.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { authorize, departmentRequestSubject } from '../policies/index.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { changeDepartmentRequest } from '../repositories/departmentRequests.js';
import { loadRequestForChange, REQUEST_CHANGED } from './lib/departmentRequest.js';
import { requireTransition, staleVersion } from './lib/transition.js';

export type RequestAct = ({ event: 'accept' } & RequestAccept) | ({ event: 'return' } & RequestReturn) | ({ event: 'schedule' } & RequestSchedule);

export async function actOnDepartmentRequest(ctx: AppContext, actor: Actor, input: { id: number } & RequestAct): Promise<void> {
  const campaign = await currentCampaign(ctx.db);
  await inTransaction(ctx.db, async (trx) => {
    const { request, workshop } = await loadRequestForChange(trx, actor, campaign.id, input.id);
    const status = request.status as DepartmentRequestStatus;
    requireTransition(DEPARTMENT_REQUEST_WORKFLOW, status, input.event);
    authorize(actor, `departmentRequest.${input.event}`, departmentRequestSubject(request, workshop));
    if (input.version !== request.version) throw staleVersion(REQUEST_CHANGED);
    const to = findTransition(DEPARTMENT_REQUEST_WORKFLOW, status, input.event)!.to;
    const at = nowIso();
    const change = {
      status: to,
      at,
      by: actor.id,
      ...(input.event === 'schedule' ? { scheduledOn: input.scheduledOn } : {}),
      ...(input.event === 'return' ? { reason: input.reason } : {}),
    };
    if (!(await changeDepartmentRequest(trx, request, change))) throw staleVersion(REQUEST_CHANGED);
    await writeAudit(trx, {
      actor,
      action: `request.${input.event}`,
      entityType: 'enterprise',
      entityId: workshop.id,
      scopePath: workshop.org_path,
      before: { requestId: request.id, status },
      after: {
        requestId: request.id,
        status: to,
        ...(input.event === 'schedule' ? { scheduledOn: input.scheduledOn } : {}),
        ...(input.event === 'return' ? { reason: input.reason } : {}),
      },
    });
  });
}
