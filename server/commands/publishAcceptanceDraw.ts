// 发布抽查结果: the inspection group publishes a town's sample to the town, at the version it read;
// until then the town cannot see it. Published once; audited.
import { nowIso } from '../../domain/time.js';
import { DRAW_WORKFLOW, type DrawStatus } from '../../domain/workflows/acceptanceDraw.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { authorize, drawSubject } from '../policies/index.js';
import { markDrawPublished } from '../repositories/acceptanceDraws.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { readableDraw } from './lib/acceptance.js';
import { requireTransition, staleVersion } from './lib/transition.js';

export async function publishAcceptanceDraw(ctx: AppContext, actor: Actor, input: { id: number; version: number }): Promise<void> {
  const campaign = await currentCampaign(ctx.db);
  await inTransaction(ctx.db, async (trx) => {
    const { draw, town } = await readableDraw(trx, actor, campaign, input.id);
    requireTransition(DRAW_WORKFLOW, draw.status as DrawStatus, 'publish');
    authorize(actor, 'acceptanceDraw.publish', drawSubject(draw));
    const stale = () => staleVersion('该抽查刚被他人更新，请刷新后重试');
    if (input.version !== draw.version) throw stale();
    if (!(await markDrawPublished(trx, draw, actor.id, nowIso()))) throw stale();
    await writeAudit(trx, { actor, action: 'acceptanceDraw.publish', entityType: 'acceptance_draw', entityId: draw.id, scopePath: town.path, before: { status: draw.status }, after: { status: 'published', town: town.name, round: draw.round, seq: draw.seq } });
  });
}
