// Loading a department request for a change, shared by the request commands.
import type { Actor } from '../../auth/actor.js';
import type { Db, DepartmentRequestRow, EnterpriseRow } from '../../db/schema.js';
import { notFound } from '../../errors.js';
import { can, departmentRequestSubject } from '../../policies/index.js';
import { findDepartmentRequest } from '../../repositories/departmentRequests.js';
import { findEnterprise } from '../../repositories/enterprises.js';

/** The refusal when the request changed since the officer read it. */
export const REQUEST_CHANGED = '该请求已被他人处理，请刷新后查看最新状态';

/**
 * The request (locked for the transaction) and its workshop (locked too, when `lockWorkshop`, for a
 * change of its items); 404 unless the actor may read the request.
 */
export async function loadRequestForChange(
  trx: Db,
  actor: Actor,
  campaignId: number,
  id: number,
  opts: { lockWorkshop?: boolean } = {},
): Promise<{ request: DepartmentRequestRow; workshop: EnterpriseRow }> {
  const request = await findDepartmentRequest(trx, campaignId, id, { forUpdate: true });
  const workshop = request && (await findEnterprise(trx, request.enterprise_id, { forUpdate: opts.lockWorkshop === true }));
  if (!request || !workshop || !can(actor, 'departmentRequest.read', departmentRequestSubject(request, workshop))) throw notFound();
  return { request, workshop };
}
