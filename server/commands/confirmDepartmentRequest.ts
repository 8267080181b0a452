// 确认完成: the requested department confirms it has done what was asked — its photos and video are
// already on the item through the evidence pipeline — which records the item done in its name (执行单位:
// the department, 执行人: the officer) and may complete the workshop's shutdown. Request and item
// change together in one transaction, or neither does.
import type { RequestConfirm } from '../../domain/departmentRequests.js';
import { nowIso } from '../../domain/time.js';
import { findTransition } from '../../domain/workflows/workflow.js';
import { DEPARTMENT_REQUEST_WORKFLOW, type DepartmentRequestStatus } from '../../domain/workflows/departmentRequest.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { notFound } from '../errors.js';
import { authorize, departmentRequestSubject } from '../policies/index.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { changeDepartmentRequest } from '../repositories/departmentRequests.js';
import { findDepartmentById } from '../repositories/departments.js';
import { loadRequestForChange, REQUEST_CHANGED } from './lib/departmentRequest.js';
import { applyItemRecord, requireItemsEditable } from './lib/item.js';
import { requireTransition, staleVersion } from './lib/transition.js';

export async function confirmDepartmentRequest(ctx: AppContext, actor: Actor, input: { id: number } & RequestConfirm): Promise<void> {
  const campaign = await currentCampaign(ctx.db);
  await inTransaction(ctx.db, async (trx) => {
    const { request, workshop } = await loadRequestForChange(trx, actor, campaign.id, input.id, { lockWorkshop: true });
    const status = request.status as DepartmentRequestStatus;
    requireTransition(DEPARTMENT_REQUEST_WORKFLOW, status, 'confirm');
    requireItemsEditable(workshop);
    authorize(actor, 'departmentRequest.confirm', departmentRequestSubject(request, workshop));
    if (input.version !== request.version) throw staleVersion(REQUEST_CHANGED);
    const def = campaign.definition.standardItems.find((i) => i.code === request.item_code);
    const department = await findDepartmentById(trx, request.department_id);
    if (!def || !department) throw notFound('取缔标准中已没有这一项');
    await applyItemRecord(
      trx,
      actor,
      workshop,
      def,
      { state: 'done', unit: department.name, person: actor.displayName, date: input.date, note: input.note },
      department.id,
    );
    const to = findTransition(DEPARTMENT_REQUEST_WORKFLOW, status, 'confirm')!.to;
    if (!(await changeDepartmentRequest(trx, request, { status: to, at: nowIso(), by: actor.id, note: input.note }))) throw staleVersion(REQUEST_CHANGED);
    await writeAudit(trx, {
      actor,
      action: 'request.confirm',
      entityType: 'enterprise',
      entityId: workshop.id,
      scopePath: workshop.org_path,
      before: { requestId: request.id, status },
      after: { requestId: request.id, status: to, date: input.date, note: input.note },
    });
  });
}
