// 添加领导机构成员: a member of the town's leading body for the campaign. A town has one first
// responsible person (第一责任人): naming a new one replaces the old, in the same transaction.
import type { LeadingMemberCreate } from '../../domain/mobilisation.js';
import { nowIso } from '../../domain/time.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { writeAudit } from '../repositories/audit.js';
import { clearPrincipal, insertLeadingMember } from '../repositories/mobilisation.js';
import { writableTown } from './lib/townRecord.js';

export async function addLeadingMember(ctx: AppContext, actor: Actor, input: LeadingMemberCreate): Promise<number> {
  const { campaign, town } = await writableTown(ctx, actor, input.townId);
  return inTransaction(ctx.db, async (trx) => {
    if (input.isPrincipal) await clearPrincipal(trx, campaign.id, town.id);
    const id = await insertLeadingMember(trx, {
      campaign_id: campaign.id,
      town_id: town.id,
      position: input.position,
      name: input.name,
      title: input.title,
      is_principal: input.isPrincipal ? 1 : 0,
      created_by: actor.id,
      created_at: nowIso(),
    });
    await writeAudit(trx, { actor, action: 'leadingMember.create', entityType: 'town_leading_members', entityId: id, scopePath: town.path, after: input });
    return id;
  });
}
