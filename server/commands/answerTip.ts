// 核查答复: the town a tip was given to verifies it on the ground and answers — what the tipster is
// told, what the record keeps, and the registered workshops it concerns (a site that came back, or a
// new one registered from it). Linking makes the tip part of those workshops' story; a site found
// producing again is reopened by a patrol or 确认反弹, in its own right.
import type { TipAnswer, TipStatus } from '../../domain/tips.js';
import { nowIso } from '../../domain/time.js';
import { TIP_WORKFLOW } from '../../domain/workflows/tip.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { invalid } from '../errors.js';
import { authorize, can, enterpriseSubject } from '../policies/index.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { findEnterprise } from '../repositories/enterprises.js';
import { updateTipAtVersion } from '../repositories/tips.js';
import { readableTip, TIP_CHANGED, tipSubject } from './lib/tip.js';
import { requireTransition, staleVersion } from './lib/transition.js';

export async function answerTip(ctx: AppContext, actor: Actor, input: { id: number } & TipAnswer): Promise<void> {
  const campaign = await currentCampaign(ctx.db);
  await inTransaction(ctx.db, async (trx) => {
    const row = await readableTip(trx, actor, campaign, input.id, { forUpdate: true });
    if (row.version !== input.version) throw staleVersion(TIP_CHANGED);
    requireTransition(TIP_WORKFLOW, row.status as TipStatus, 'answer');
    authorize(actor, 'tip.answer', tipSubject(row, campaign.rootPath));
    const ids = [...new Set(input.enterpriseIds)];
    for (const id of ids) {
      const e = await findEnterprise(trx, id);
      if (!e || e.campaign_id !== campaign.id || !can(actor, 'enterprise.read', enterpriseSubject(e)))
        throw invalid('关联的企业不存在或不在您的管辖范围内', [{ path: 'enterpriseIds', message: '关联的企业不存在或不在您的管辖范围内' }]);
    }
    const at = nowIso();
    const changes = { status: 'answered', verdict: input.verdict, public_answer: input.publicAnswer, internal_note: input.internalNote, enterprise_ids: JSON.stringify(ids), answered_by: actor.id, answered_at: at };
    if (!(await updateTipAtVersion(trx, row, changes))) throw staleVersion(TIP_CHANGED);
    await writeAudit(trx, {
      actor,
      action: 'tip.answer',
      entityType: 'tip',
      entityId: row.id,
      scopePath: row.org_path ?? campaign.rootPath,
      before: { status: row.status },
      after: { status: 'answered', verdict: input.verdict, publicAnswer: input.publicAnswer, enterpriseIds: ids },
    });
    // Each linked workshop's history tells that a tip concerned it.
    for (const id of ids) {
      const e = (await findEnterprise(trx, id))!;
      await writeAudit(trx, { actor, action: 'tip.link', entityType: 'enterprise', entityId: id, scopePath: e.org_path, after: { tipId: row.id, verdict: input.verdict } });
    }
  });
}
