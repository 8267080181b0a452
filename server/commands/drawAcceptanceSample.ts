// 验收抽查: the inspection group draws a town's sample — a share of its shut-down workshops, at least
// a minimum, the chosen sites first, the rest at random from a seed the server generates
// (server/acceptance/draw.ts). A redraw names the live draw it replaces and why; the replaced draw
// is kept, superseded. Drawn, superseded and audited in one transaction; two inspectors drawing the
// same town at once get one draw and a 409 (the live-draw unique index).
import { drawRoundLabels, DRAW_ALGORITHM, type DrawInput } from '../../domain/acceptance.js';
import { nowIso } from '../../domain/time.js';
import { drawSample, eligibleSha256, newSeed } from '../acceptance/draw.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { conflict, invalid } from '../errors.js';
import { authorize, drawSubject } from '../policies/index.js';
import { drawsOfTowns, eligibleWorkshopIds, insertDraw, lastDrawSeq, linkSupersededDraw, markDrawSuperseded, townWorkshopIds } from '../repositories/acceptanceDraws.js';
import { checksOfDraws } from '../repositories/acceptanceChecks.js';
import { lockOrgUnit } from '../repositories/orgUnits.js';
import { findTownAcceptance } from '../repositories/townAcceptances.js';
import { checkedDrawReplaceable } from '../acceptance/verdictRules.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { staleVersion } from './lib/transition.js';
import { townInScope } from './lib/town.js';

const DRAW_CHANGED = '该镇街的抽查刚被他人更新，请刷新后重试';

export async function drawAcceptanceSample(ctx: AppContext, actor: Actor, input: DrawInput): Promise<number> {
  const campaign = await currentCampaign(ctx.db);
  const town = await townInScope(ctx.db, actor, campaign, input.townId);
  authorize(actor, 'acceptanceDraw.draw', { orgPath: town.path });
  const roundName = drawRoundLabels[input.round];
  return inTransaction(ctx.db, async (trx) => {
    await lockOrgUnit(trx, town.id);
    const live = (await drawsOfTowns(trx, campaign.id, [town.id])).find((d) => d.round === input.round && d.status !== 'superseded');
    if (live) {
      if (input.replaces === undefined) throw conflict(`${town.name}已有${roundName}结果（第 ${live.seq} 次抽取）；重新抽取须说明原因`);
      if (input.replaces !== live.id) throw staleVersion(DRAW_CHANGED);
      if (input.reason.length < 2) throw invalid('重新抽取须说明原因', [{ path: 'reason', message: '请说明重新抽取的原因' }]);
      // Checks already made on the live sample would lose their draw: the sample stands once checking began.
      const checked = (await checksOfDraws(trx, [live.id])).length > 0;
      if (checked && !checkedDrawReplaceable(live, (await findTownAcceptance(trx, campaign.id, town.id))?.decided_at ?? null))
        throw conflict(`${town.name}的第 ${live.seq} 次抽取已开始现场检查，不能重新抽取`);
      authorize(actor, 'acceptanceDraw.redraw', drawSubject(live));
    } else if (input.replaces !== undefined) throw staleVersion(DRAW_CHANGED);

    const theTowns = await townWorkshopIds(trx, campaign.id, town.id, input.chosen);
    const foreign = input.chosen.filter((id) => !theTowns.has(id));
    if (foreign.length > 0) {
      const message = `指定的企业不是${town.name}的企业（编号 ${foreign.join('、')}）`;
      throw invalid(message, [{ path: 'chosen', message }]);
    }
    const eligibleIds = await eligibleWorkshopIds(trx, campaign.id, town.id, input.round);
    if (eligibleIds.length === 0 && input.chosen.length === 0)
      throw conflict(input.round === 'initial' ? `${town.name}目前没有已取缔或验收通过的企业，无可抽查` : `${town.name}目前没有验收不通过后重新取缔的企业，无可复查`);

    const seed = newSeed();
    const params = { seed, eligibleIds, chosenIds: input.chosen, sharePercent: input.sharePercent, minimum: input.minimum };
    const sample = drawSample(params);
    const at = nowIso();
    const seq = (await lastDrawSeq(trx, campaign.id, town.id, input.round)) + 1;
    if (live && !(await markDrawSuperseded(trx, live, at))) throw staleVersion(DRAW_CHANGED);
    const hash = eligibleSha256(eligibleIds);
    const id = await insertDraw(trx, {
      campaign_id: campaign.id,
      town_id: town.id,
      org_path: town.path,
      round: input.round,
      seq,
      status: 'drawn',
      share_percent: input.sharePercent,
      minimum: input.minimum,
      algorithm: DRAW_ALGORITHM,
      seed,
      eligible_ids: JSON.stringify(eligibleIds),
      eligible_sha256: hash,
      chosen_ids: JSON.stringify(input.chosen),
      sample: JSON.stringify(sample),
      reason: live ? input.reason : '',
      drawn_by: actor.id,
      drawn_at: at,
      published_by: null,
      published_at: null,
      superseded_by: null,
      superseded_at: null,
    });
    if (live) await linkSupersededDraw(trx, live.id, id);
    await writeAudit(trx, {
      actor,
      action: live ? 'acceptanceDraw.redraw' : 'acceptanceDraw.draw',
      entityType: 'acceptance_draw',
      entityId: id,
      scopePath: town.path,
      before: live ? { replaces: live.id, seq: live.seq, status: live.status, seed: live.seed } : undefined,
      after: {
        town: town.name,
        round: input.round,
        seq,
        algorithm: DRAW_ALGORITHM,
        seed,
        sharePercent: input.sharePercent,
        minimum: input.minimum,
        chosen: input.chosen,
        eligibleCount: eligibleIds.length,
        eligibleSha256: hash,
        sample: sample.map((s) => s.id),
        ...(live ? { reason: input.reason } : {}),
      },
    });
    return id;
  });
}
