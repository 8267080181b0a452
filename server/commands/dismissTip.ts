// 不予受理: the office sets a public tip aside (not a 土小企业 matter, already known, nonsense) with the
// explanation the tipster reads with their receipt code.
import type { TipDismiss, TipStatus } from '../../domain/tips.js';
import { nowIso } from '../../domain/time.js';
import { TIP_WORKFLOW } from '../../domain/workflows/tip.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { authorize } from '../policies/index.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { updateTipAtVersion } from '../repositories/tips.js';
import { readableTip, TIP_CHANGED, tipSubject } from './lib/tip.js';
import { requireTransition, staleVersion } from './lib/transition.js';

export async function dismissTip(ctx: AppContext, actor: Actor, input: { id: number } & TipDismiss): Promise<void> {
  const campaign = await currentCampaign(ctx.db);
  await inTransaction(ctx.db, async (trx) => {
    const row = await readableTip(trx, actor, campaign, input.id, { forUpdate: true });
    if (row.version !== input.version) throw staleVersion(TIP_CHANGED);
    requireTransition(TIP_WORKFLOW, row.status as TipStatus, 'dismiss');
    authorize(actor, 'tip.dismiss', tipSubject(row, campaign.rootPath));
    const at = nowIso();
    if (!(await updateTipAtVersion(trx, row, { status: 'dismissed', public_answer: input.publicAnswer, answered_by: actor.id, answered_at: at }))) throw staleVersion(TIP_CHANGED);
    await writeAudit(trx, { actor, action: 'tip.dismiss', entityType: 'tip', entityId: row.id, scopePath: row.org_path ?? campaign.rootPath, before: { status: row.status }, after: { status: 'dismissed', publicAnswer: input.publicAnswer } });
  });
}
