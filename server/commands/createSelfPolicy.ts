// 登记土政策: a town (or the office) records a local policy found in self-inspection (自查自纠).
import type { SelfPolicyCreate } from '../../domain/selfInspection.js';
import { nowIso } from '../../domain/time.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { authorize } from '../policies/index.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { insertSelfPolicy } from '../repositories/selfPolicies.js';
import { readableTown } from './lib/town.js';

export async function createSelfPolicy(ctx: AppContext, actor: Actor, input: SelfPolicyCreate): Promise<number> {
  const campaign = await currentCampaign(ctx.db);
  const town = await readableTown(ctx.db, actor, campaign, input.townId, 'selfPolicy.read');
  authorize(actor, 'selfPolicy.create', { orgPath: town.path }, 'selfPolicy.read');
  const now = nowIso();
  return inTransaction(ctx.db, async (trx) => {
    const id = await insertSelfPolicy(trx, {
      campaign_id: campaign.id,
      town_id: town.id,
      org_path: town.path,
      title: input.title,
      issued_by: input.issuedBy,
      issued_on: input.issuedOn,
      found_on: input.foundOn,
      action_taken: input.actionTaken,
      cleared: input.cleared ? 1 : 0,
      cleared_on: input.cleared ? input.clearedOn : null,
      notes: input.notes,
      version: 1,
      created_by: actor.id,
      created_at: now,
      updated_by: actor.id,
      updated_at: now,
    });
    await writeAudit(trx, { actor, action: 'selfPolicy.create', entityType: 'self_policy', entityId: id, scopePath: town.path, after: { town: town.name, ...input } });
    return id;
  });
}
