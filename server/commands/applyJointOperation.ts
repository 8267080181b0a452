// 申请联合执法: a town's keepers (or the office) apply for the town's workshops that it cannot shut
// alone, with why and a proposed date; the office then decides (decideJointOperation). Checked,
// written and audited in one transaction.
import type { JointOperationApply } from '../../domain/jointOperations.js';
import { nowIso } from '../../domain/time.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { invalid } from '../errors.js';
import { authorize } from '../policies/index.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { insertJointOperation } from '../repositories/jointOperations.js';
import { findOrgUnit } from '../repositories/orgUnits.js';
import { checkOperationWorkshops } from './lib/jointOperation.js';

export async function applyJointOperation(ctx: AppContext, actor: Actor, input: JointOperationApply): Promise<number> {
  const campaign = await currentCampaign(ctx.db);
  return inTransaction(ctx.db, async (trx) => {
    const town = await findOrgUnit(trx, input.townId);
    if (!town || town.kind !== 'town' || !town.path.startsWith(campaign.rootPath)) throw invalid('没有这个镇街', [{ path: 'townId', message: '没有这个镇街' }]);
    authorize(actor, 'jointOperation.apply', { orgPath: town.path });
    await checkOperationWorkshops(trx, campaign.id, town.path, input.workshopIds);
    const at = nowIso();
    const id = await insertJointOperation(
      trx,
      { campaignId: campaign.id, townId: town.id, orgPath: town.path, reason: input.reason, proposedOn: input.proposedOn, appliedBy: actor.id, at },
      input.workshopIds,
    );
    await writeAudit(trx, {
      actor,
      action: 'jointOperation.apply',
      entityType: 'joint_operation',
      entityId: id,
      scopePath: town.path,
      after: { town: town.name, workshopIds: input.workshopIds, reason: input.reason, proposedOn: input.proposedOn },
    });
    return id;
  });
}
