// 登记企业: registers one workshop on the form, after the duplicate warning has been answered.
import type { EnterpriseCreate } from '../../domain/enterprise.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import type { Db } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { AppError } from '../errors.js';
import { authorize } from '../policies/index.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign, type CampaignRecord } from '../repositories/campaigns.js';
import { findDuplicates } from '../repositories/duplicates.js';
import { insertEnterprise, workshopRow } from '../repositories/enterprises.js';
import { nowIso } from '../../domain/time.js';
import { checkKind } from './lib/kind.js';
import { resolvePlacement } from './lib/placement.js';

export async function createEnterprise(ctx: AppContext, actor: Actor, input: EnterpriseCreate): Promise<number> {
  const campaign: CampaignRecord = await currentCampaign(ctx.db);
  checkKind(campaign, input.kind);
  return inTransaction(ctx.db, (trx) => registerWorkshop(trx, ctx, actor, campaign, input));
}

/**
 * The registration inside the caller's transaction (a flagged power account registered as a workshop
 * records its decision in the same transaction): placement, the policy, the duplicate warning, the
 * insert and its audit record.
 */
export async function registerWorkshop(trx: Db, ctx: AppContext, actor: Actor, campaign: CampaignRecord, input: EnterpriseCreate): Promise<number> {
  checkKind(campaign, input.kind);
  const place = await resolvePlacement(trx, actor, campaign.rootPath, input.townId, input.villageId);
  authorize(actor, 'enterprise.create', { orgPath: place.path });
  // Warn before registering what may be a site already on the register; the user either opens
  // that record or confirms the new one is different (the confirmation stays in the audit record).
  const matches = await findDuplicates(trx, actor, campaign, input, ctx.config.duplicateDistanceMetres);
  const unconfirmed = matches.filter((m) => !input.confirmedDistinctFrom.includes(m.id));
  if (unconfirmed.length > 0)
    throw new AppError('possible_duplicate', `可能与已登记的 ${unconfirmed.length} 家企业重复：${unconfirmed.map((m) => m.name).join('、')}`, undefined, { duplicates: unconfirmed });
  const id = await insertEnterprise(trx, workshopRow(actor, campaign, place, input, nowIso()), campaign.definition.standardItems.map((i) => i.code));
  await writeAudit(trx, { actor, action: 'enterprise.create', entityType: 'enterprise', entityId: id, scopePath: place.path, after: input });
  return id;
}
