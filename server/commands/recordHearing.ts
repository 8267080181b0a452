// 听取汇报: the inspection group records a town's report to it — the day, who reported, a summary.
import type { HearingInput } from '../../domain/acceptance.js';
import { nowIso } from '../../domain/time.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { authorize } from '../policies/index.js';
import { insertHearing } from '../repositories/acceptanceChecks.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { townOfPath } from './lib/town.js';

export async function recordHearing(ctx: AppContext, actor: Actor, input: { townId: number } & HearingInput): Promise<number> {
  const campaign = await currentCampaign(ctx.db);
  const town = await townOfPath(ctx.db, actor, campaign, input.townId, 'acceptance.read');
  authorize(actor, 'acceptanceHearing.record', { orgPath: town.path });
  return inTransaction(ctx.db, async (trx) => {
    const id = await insertHearing(trx, {
      campaign_id: campaign.id,
      town_id: town.id,
      org_path: town.path,
      held_on: input.heldOn,
      reporter: input.reporter,
      summary: input.summary,
      recorded_by: actor.id,
      recorded_at: nowIso(),
    });
    await writeAudit(trx, { actor, action: 'acceptanceHearing.record', entityType: 'acceptance_hearing', entityId: id, scopePath: town.path, after: { town: town.name, heldOn: input.heldOn, reporter: input.reporter, summary: input.summary } });
    return id;
  });
}
