// 请求部门协办: a town's keepers (or the office) ask the department whose duty a standard item is to
// act on one workshop, with what the town knows and a due date. One open request per item at a
// time; checked, written and audited in one transaction with the workshop locked (two clicks at once
// make one request).
import type { DepartmentRequestCreate } from '../../domain/departmentRequests.js';
import { defaultRequestDue } from '../../domain/departmentRequests.js';
import { nowIso } from '../../domain/time.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { AppError, conflict, invalid } from '../errors.js';
import { actingGrant, authorize, itemSubject } from '../policies/index.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { insertDepartmentRequest, openRequestFor } from '../repositories/departmentRequests.js';
import { findDepartmentByCode } from '../repositories/departments.js';
import { findItems } from '../repositories/enterprises.js';
import { requireItemsEditable } from './lib/item.js';
import { unitOf } from './lib/remark.js';
import { loadWorkshopForChange } from './lib/workshop.js';

export async function requestDepartment(ctx: AppContext, actor: Actor, input: { enterpriseId: number } & DepartmentRequestCreate): Promise<number> {
  const campaign = await currentCampaign(ctx.db);
  const def = campaign.definition.standardItems.find((i) => i.code === input.itemCode);
  return inTransaction(ctx.db, async (trx) => {
    const row = await loadWorkshopForChange(trx, actor, input.enterpriseId, campaign.id);
    if (!def) throw invalid('取缔标准中没有这一项', [{ path: 'itemCode', message: '取缔标准中没有这一项' }]);
    if (def.departments.length === 0) throw invalid(`“${def.name}”由镇街自行完成，不需要部门协办`, [{ path: 'itemCode', message: '该项没有执行部门' }]);
    requireItemsEditable(row);
    const subject = itemSubject(row, def);
    authorize(actor, 'departmentRequest.create', subject);
    const code = input.departmentCode ?? (def.departments.length === 1 ? def.departments[0] : null);
    if (code === null) throw invalid('请选择承办部门', [{ path: 'departmentCode', message: '请选择承办部门' }]);
    if (!def.departments.includes(code)) throw invalid(`该部门不负责“${def.name}”`, [{ path: 'departmentCode', message: `该部门不负责“${def.name}”` }]);
    const department = await findDepartmentByCode(trx, code);
    if (!department) throw invalid('没有这个部门', [{ path: 'departmentCode', message: '没有这个部门' }]);
    const item = (await findItems(trx, row.id)).find((i) => i.item_code === def.code);
    if (item && item.state !== 'pending') throw new AppError('invalid_transition', `“${def.name}”已记录完成或不适用，无需再请求部门`);
    const open = await openRequestFor(trx, row.id, def.code);
    if (open) throw conflict(`“${def.name}”已有一条尚未办结的协办请求（编号 ${open.id}），请等待部门办理或由部门退回后再提出`);
    const phase = campaign.definition.phases.find((p) => p.itemsDue);
    const dueOn = input.dueOn ?? defaultRequestDue(phase?.itemsDue);
    const at = nowIso();
    const grant = actingGrant(actor, 'departmentRequest.create', subject)!;
    const id = await insertDepartmentRequest(trx, {
      campaignId: campaign.id,
      enterpriseId: row.id,
      itemCode: def.code,
      departmentId: department.id,
      townId: row.town_id,
      orgPath: row.org_path,
      details: input.details,
      dueOn,
      requesterUnit: unitOf(grant),
      requestedBy: actor.id,
      at,
    });
    await writeAudit(trx, {
      actor,
      action: 'request.create',
      entityType: 'enterprise',
      entityId: row.id,
      scopePath: row.org_path,
      after: { requestId: id, item: def.code, department: department.name, dueOn, details: input.details },
    });
    return id;
  });
}
