// 明确村居监管责任人: the register's keepers (a village head in their own village) name (or change) the
// contact who watches a site, naming the current row they replace; under the workshop's lock, closed,
// inserted and audited on the workshop in one transaction. An excluded workshop takes none.
import type { Status } from '../../domain/status.js';
import { siteSupervisorAssignable, type SupervisorAssign } from '../../domain/supervisors.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { AppError } from '../errors.js';
import { authorize } from '../policies/index.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { nameSupervisor } from './lib/supervisor.js';
import { loadWorkshopForChange } from './lib/workshop.js';

export async function assignSiteSupervisor(ctx: AppContext, actor: Actor, input: { enterpriseId: number } & SupervisorAssign): Promise<number> {
  const campaign = await currentCampaign(ctx.db);
  const { enterpriseId, ...person } = input;
  return inTransaction(ctx.db, async (trx) => {
    const workshop = await loadWorkshopForChange(trx, actor, enterpriseId, campaign.id);
    authorize(actor, 'supervisor.assign.site', { orgPath: workshop.org_path });
    if (!siteSupervisorAssignable(workshop.status as Status)) throw new AppError('invalid_transition', '该企业已排除，不需明确监管责任人');
    return nameSupervisor(
      trx,
      actor,
      {
        campaignId: campaign.id,
        kind: 'workshop',
        subjectId: workshop.id,
        townId: workshop.town_id,
        orgPath: workshop.org_path,
        role: 'village_contact',
        audit: { entityType: 'enterprise', entityId: workshop.id },
      },
      person,
    );
  });
}
