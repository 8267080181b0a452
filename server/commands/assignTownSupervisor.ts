// 明确镇街主管领导、监管责任人: a town's keepers name (or change) the town's 主管领导 or 监管责任人, naming the
// current row they replace; under the town's lock, closed, inserted and audited on the town in one transaction.
import type { SupervisorAssign, TownSupervisorRole } from '../../domain/supervisors.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { authorize } from '../policies/index.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { lockOrgUnit } from '../repositories/orgUnits.js';
import { nameSupervisor } from './lib/supervisor.js';
import { townOfPath } from './lib/town.js';

export async function assignTownSupervisor(ctx: AppContext, actor: Actor, input: { townId: number; role: TownSupervisorRole } & SupervisorAssign): Promise<number> {
  const campaign = await currentCampaign(ctx.db);
  const town = await townOfPath(ctx.db, actor, campaign, input.townId, 'supervisor.read');
  authorize(actor, 'supervisor.assign.town', { orgPath: town.path });
  const { townId: _town, role, ...person } = input;
  return inTransaction(ctx.db, async (trx) => {
    await lockOrgUnit(trx, town.id);
    return nameSupervisor(
      trx,
      actor,
      { campaignId: campaign.id, kind: 'town', subjectId: town.id, townId: town.id, orgPath: town.path, role, audit: { entityType: 'org_unit', entityId: town.id } },
      person,
    );
  });
}
