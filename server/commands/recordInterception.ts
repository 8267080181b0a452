// 记录运输车辆查处: the transport bureau or the traffic police (or the office) record a truck they
// stopped. A destination workshop must be the campaign's and in the destination town (which it gives
// when none is named). Written and audited in one transaction.
import { departmentsRecording } from '../../domain/campaign.js';
import type { InterceptionCreate } from '../../domain/interceptions.js';
import { nowIso } from '../../domain/time.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { invalid } from '../errors.js';
import { actingGrant, authorize } from '../policies/index.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { findEnterprise } from '../repositories/enterprises.js';
import { insertInterception } from '../repositories/interceptions.js';
import { findOrgUnit } from '../repositories/orgUnits.js';
import { unitOf } from './lib/remark.js';

export async function recordInterception(ctx: AppContext, actor: Actor, input: InterceptionCreate): Promise<number> {
  const campaign = await currentCampaign(ctx.db);
  const subject = { recorders: departmentsRecording(campaign.definition, 'interceptions') };
  authorize(actor, 'interception.create', subject);
  return inTransaction(ctx.db, async (trx) => {
    let townId = input.destinationTownId;
    if (input.destinationEnterpriseId !== null) {
      const workshop = await findEnterprise(trx, input.destinationEnterpriseId);
      if (!workshop || workshop.campaign_id !== campaign.id) throw invalid('没有这家企业', [{ path: 'destinationEnterpriseId', message: '没有这家企业' }]);
      if (townId !== null && workshop.town_id !== townId) throw invalid('目的地企业不在所选镇街', [{ path: 'destinationEnterpriseId', message: '目的地企业不在所选镇街' }]);
      townId = workshop.town_id;
    }
    const town = townId === null ? null : await findOrgUnit(trx, townId);
    if (townId !== null && (!town || town.kind !== 'town' || !town.path.startsWith(campaign.rootPath))) throw invalid('没有这个镇街', [{ path: 'destinationTownId', message: '没有这个镇街' }]);
    const at = nowIso();
    const unit = unitOf(actingGrant(actor, 'interception.create', subject)!);
    const id = await insertInterception(trx, { ...input, destinationTownId: townId, campaignId: campaign.id, destinationPath: town?.path ?? null, by: actor.id, unit, at });
    await writeAudit(trx, {
      actor,
      action: 'interception.create',
      entityType: 'interception',
      entityId: id,
      scopePath: town?.path ?? campaign.rootPath,
      after: { ...input, destinationTownId: townId, unit },
    });
    return id;
  });
}
