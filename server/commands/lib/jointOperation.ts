// Shared by the joint-enforcement commands: loading an operation for a change, and checking the
// workshops an application lists.
import { statusLabels } from '../../../domain/i18n/labels.zh-CN.js';
import type { Status } from '../../../domain/status.js';
import { itemsEditable } from '../../../domain/workflows/workshop.js';
import type { Actor } from '../../auth/actor.js';
import type { Db, JointOperationRow } from '../../db/schema.js';
import { conflict, invalid, notFound } from '../../errors.js';
import { can, jointOperationSubject } from '../../policies/index.js';
import { findEnterprise } from '../../repositories/enterprises.js';
import { findJointOperation, workshopsOnOpenOperations } from '../../repositories/jointOperations.js';

/** The refusal when the operation changed since the user read it. */
export const OPERATION_CHANGED = '该联合执法已被他人处理，请刷新后查看最新状态';

/** The operation, locked for the transaction; 404 unless the actor may read it. */
export async function loadOperationForChange(trx: Db, actor: Actor, campaignId: number, id: number): Promise<JointOperationRow> {
  const row = await findJointOperation(trx, campaignId, id, { forUpdate: true });
  if (!row || !can(actor, 'jointOperation.read', jointOperationSubject(row))) throw notFound();
  return row;
}

/**
 * Checks that every listed workshop is the campaign's, in the town, still being shut down, and on
 * no other open operation; 400 naming the ones that are not (a workshop outside the town is
 * reported as not found, never by name), 409 for one already on an open operation.
 */
export async function checkOperationWorkshops(trx: Db, campaignId: number, townPath: string, ids: readonly number[], exceptOperation?: number): Promise<void> {
  const rows = await Promise.all(ids.map((id) => findEnterprise(trx, id)));
  const missing = ids.filter((_, k) => !rows[k] || rows[k]!.campaign_id !== campaignId || !rows[k]!.org_path.startsWith(townPath));
  if (missing.length > 0) throw invalid(`该镇街没有这些企业：编号 ${missing.join('、')}`, [{ path: 'workshopIds', message: '只能选择本镇街的企业' }]);
  const done = rows.filter((r) => !itemsEditable(r!.status as Status));
  if (done.length > 0)
    throw invalid(
      `这些企业已不在取缔中，无需联合执法：${done.map((r) => `${r!.name}（${statusLabels[r!.status as Status]}）`).join('、')}`,
      [{ path: 'workshopIds', message: '只能选择尚在取缔中的企业' }],
    );
  const busy = await workshopsOnOpenOperations(trx, ids, exceptOperation);
  if (busy.size > 0) {
    const names = rows.filter((r) => busy.has(r!.id)).map((r) => `${r!.name}（联合执法编号 ${busy.get(r!.id)}）`);
    throw conflict(`这些企业已在另一次尚未结束的联合执法中：${names.join('、')}`);
  }
}
