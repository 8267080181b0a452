// 交办: the office gives a public tip to the town it concerns (suggested from its location), with a
// deadline for the town's verification; a tip given to the wrong town is given to another.
import type { TipAssign, TipStatus } from '../../domain/tips.js';
import { nowIso } from '../../domain/time.js';
import { TIP_WORKFLOW } from '../../domain/workflows/tip.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { invalid } from '../errors.js';
import { authorize } from '../policies/index.js';
import { moveRecordAttachments } from '../repositories/attachments.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { findCampaignTown } from '../repositories/orgUnits.js';
import { updateTipAtVersion } from '../repositories/tips.js';
import { readableTip, TIP_CHANGED, tipSubject } from './lib/tip.js';
import { requireTransition, staleVersion } from './lib/transition.js';

export async function assignTip(ctx: AppContext, actor: Actor, input: { id: number } & TipAssign): Promise<void> {
  const campaign = await currentCampaign(ctx.db);
  await inTransaction(ctx.db, async (trx) => {
    const row = await readableTip(trx, actor, campaign, input.id, { forUpdate: true });
    if (row.version !== input.version) throw staleVersion(TIP_CHANGED);
    requireTransition(TIP_WORKFLOW, row.status as TipStatus, 'assign');
    authorize(actor, 'tip.assign', tipSubject(row, campaign.rootPath));
    const town = await findCampaignTown(trx, campaign.rootPath, input.townId);
    if (!town) throw invalid('没有这个镇街', [{ path: 'townId', message: '请选择镇街' }]);
    const at = nowIso();
    if (!(await updateTipAtVersion(trx, row, { status: 'assigned', town_id: town.id, org_path: town.path, due_on: input.dueOn, assign_note: input.note, assigned_by: actor.id, assigned_at: at })))
      throw staleVersion(TIP_CHANGED);
    // Its photos go with it: the town now reads them.
    await moveRecordAttachments(trx, { recordType: 'tip', recordId: String(row.id) }, town.path);
    await writeAudit(trx, {
      actor,
      action: 'tip.assign',
      entityType: 'tip',
      entityId: row.id,
      scopePath: town.path,
      before: { status: row.status, townId: row.town_id },
      after: { status: 'assigned', townId: town.id, dueOn: input.dueOn, note: input.note },
    });
  });
}
