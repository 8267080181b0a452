// 书面说明: the failed town's principal writes (or rewrites) the town's written explanation, at the
// version read; every version stays in the audit.
import { nowIso } from '../../domain/time.js';
import type { TownAcceptanceStatus } from '../../domain/workflows/townAcceptance.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { AppError } from '../errors.js';
import { authorize } from '../policies/index.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { findTownAcceptance, writeTownAcceptance } from '../repositories/townAcceptances.js';
import { lockOrgUnit } from '../repositories/orgUnits.js';
import { townOfPath } from './lib/town.js';
import { staleVersion } from './lib/transition.js';

export async function explainTownAcceptance(ctx: AppContext, actor: Actor, input: { townId: number; version: number; explanation: string }): Promise<void> {
  const campaign = await currentCampaign(ctx.db);
  const town = await townOfPath(ctx.db, actor, campaign, input.townId, 'acceptance.read');
  await inTransaction(ctx.db, async (trx) => {
    await lockOrgUnit(trx, town.id);
    const row = await findTownAcceptance(trx, campaign.id, town.id);
    const status = (row?.status ?? 'pending') as TownAcceptanceStatus;
    if (status !== 'failed' && status !== 'rectifying') throw new AppError('invalid_transition', '镇街验收不通过后才需要书面说明');
    authorize(actor, 'townAcceptance.explain', { orgPath: town.path, status });
    const stale = () => staleVersion('该镇街的验收结论刚被他人更新，请刷新后重试');
    if (input.version !== row!.version) throw stale();
    const id = await writeTownAcceptance(trx, { campaignId: campaign.id, townId: town.id, orgPath: town.path }, input.version, { explanation: input.explanation, explained_by: actor.id, explained_at: nowIso() });
    if (id === null) throw stale();
    await writeAudit(trx, { actor, action: 'townAcceptance.explain', entityType: 'town_acceptance', entityId: id, scopePath: town.path, before: { explanation: row!.explanation }, after: { town: town.name, explanation: input.explanation } });
  });
}
