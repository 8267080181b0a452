// 报告违纪线索: town staff, the office or discipline file a clue about a cadre. The filer gets only
// its id back; the audit keeps who filed it and where, not the accusation itself.
import type { ClueCreate } from '../../domain/selfInspection.js';
import { nowIso } from '../../domain/time.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { invalid } from '../errors.js';
import { authorize, can, enterpriseSubject } from '../policies/index.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { findEnterprise } from '../repositories/enterprises.js';
import { registerClue } from './lib/clue.js';
import { readableTown } from './lib/town.js';

export async function fileClue(ctx: AppContext, actor: Actor, input: ClueCreate): Promise<number> {
  const campaign = await currentCampaign(ctx.db);
  const town = await readableTown(ctx.db, actor, campaign, input.townId, 'selfPolicy.read');
  authorize(actor, 'clue.create', { orgPath: town.path }, 'selfPolicy.read');
  if (input.enterpriseId !== null) {
    const e = await findEnterprise(ctx.db, input.enterpriseId);
    if (!e || e.campaign_id !== campaign.id || !can(actor, 'enterprise.read', enterpriseSubject(e)))
      throw invalid('关联企业不存在或不在您的管辖范围内', [{ path: 'enterpriseId', message: '关联企业不存在或不在您的管辖范围内' }]);
  }
  const { townId: _town, ...clue } = input;
  return inTransaction(ctx.db, (trx) => registerClue(trx, actor, campaign.id, town, clue, nowIso()));
}
