// 现场检查: the inspection group records, for one workshop of a published sample, what it found
// against each standard item, the photos it took (the workshop's own files), and the site's verdict.
// The verdict moves the workshop as a verdict does: accepted; or rejected, with the items found not
// held set back to pending — the town's to-do until it shuts the site down again. One check per
// sampled workshop; written, moved and audited in one transaction.
import { parseSample, type SiteCheckInput } from '../../domain/acceptance.js';
import type { Status } from '../../domain/status.js';
import { nowIso } from '../../domain/time.js';
import { canTransition, findTransition } from '../../domain/workflows/workflow.js';
import { WORKSHOP_WORKFLOW } from '../../domain/workflows/workshop.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { AppError, conflict, invalid } from '../errors.js';
import { authorize, drawSubject } from '../policies/index.js';
import { findCheck, insertCheck, reopenItems } from '../repositories/acceptanceChecks.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { findItems, insertVerdict, updateEnterpriseAtVersion } from '../repositories/enterprises.js';
import { readableDraw } from './lib/acceptance.js';
import { lockOrgUnit } from '../repositories/orgUnits.js';
import { requireEveryStandardItem } from './lib/checklist.js';
import { requireOwnEvidence } from './lib/evidence.js';
import { staleVersion } from './lib/transition.js';
import { loadWorkshopForChange, WORKSHOP_CHANGED } from './lib/workshop.js';

export async function recordSiteCheck(ctx: AppContext, actor: Actor, input: { drawId: number } & SiteCheckInput): Promise<number> {
  const campaign = await currentCampaign(ctx.db);
  const standard = campaign.definition.standardItems.map((i) => i.code);
  return inTransaction(ctx.db, async (trx) => {
    const { draw: seen } = await readableDraw(trx, actor, campaign, input.drawId);
    // The town first, as a redraw does: a check and a redraw at once run one after the other.
    await lockOrgUnit(trx, seen.town_id);
    const { draw } = await readableDraw(trx, actor, campaign, input.drawId);
    if (draw.status !== 'published')
      throw new AppError('invalid_transition', draw.status === 'drawn' ? '抽查结果发布给镇街后才能现场检查' : '该抽查已被重新抽取的结果取代，请在新的抽查中检查');
    authorize(actor, 'acceptanceCheck.record', drawSubject(draw));
    if (!parseSample(draw.sample).some((s) => s.id === input.enterpriseId)) throw invalid('该企业不在本次抽查中', [{ path: 'enterpriseId', message: '该企业不在本次抽查中' }]);
    requireEveryStandardItem(standard, input.items.map((i) => i.code));
    const result = input.result;
    const notHeld = input.items.filter((i) => !i.held).map((i) => i.code);
    if (result.verdict === 'accepted' && notHeld.length > 0) throw invalid('有不符合取缔标准的项目，不能验收通过', [{ path: 'result', message: '有不符合取缔标准的项目，不能验收通过' }]);
    if (await findCheck(trx, draw.id, input.enterpriseId)) throw conflict('该企业在本次抽查中已有现场检查记录');
    await requireOwnEvidence(trx, input.enterpriseId, input.evidenceIds);

    const row = await loadWorkshopForChange(trx, actor, input.enterpriseId, campaign.id);
    const status = row.status as Status;
    const event = result.verdict === 'accepted' ? 'accept' : 'reject';
    if (event === 'accept' && status !== 'accepted' && !canTransition(WORKSHOP_WORKFLOW, status, 'accept')) throw invalid('该企业尚未完成取缔，不能验收通过', [{ path: 'result', message: '该企业尚未完成取缔，不能验收通过' }]);
    const reasons = result.verdict === 'rejected' ? result.reasons : [];
    const at = nowIso();
    const id = await insertCheck(trx, {
      campaign_id: campaign.id,
      draw_id: draw.id,
      enterprise_id: row.id,
      org_path: row.org_path,
      items: JSON.stringify(input.items),
      verdict: result.verdict,
      reasons: JSON.stringify(reasons),
      findings: result.findings,
      evidence_ids: JSON.stringify(input.evidenceIds),
      checked_by: actor.id,
      checked_at: at,
    });

    let to = status;
    if (canTransition(WORKSHOP_WORKFLOW, status, event)) {
      to = findTransition(WORKSHOP_WORKFLOW, status, event)!.to;
      await insertVerdict(trx, { enterpriseId: row.id, verdict: result.verdict, reasons, findings: result.findings, inspectorId: actor.id, at });
      const items = await findItems(trx, row.id);
      await reopenItems(trx, row.id, notHeld, at, actor.id);
      const itemsDone = items.filter((i) => i.state !== 'pending' && !notHeld.includes(i.item_code)).length;
      const reason = result.verdict === 'rejected' ? result.findings : '';
      if (!(await updateEnterpriseAtVersion(trx, row, { status: to, status_reason: reason, items_done: itemsDone, updated_at: at }))) throw staleVersion(WORKSHOP_CHANGED);
      await writeAudit(trx, {
        actor,
        action: `status.${event}`,
        entityType: 'enterprise',
        entityId: row.id,
        scopePath: row.org_path,
        before: { status },
        after: { status: to, ...(reason ? { reason } : {}), verdict: result.verdict, reasons, findings: result.findings, siteCheck: id, ...(notHeld.length > 0 ? { reopenedItems: notHeld } : {}) },
      });
    }
    await writeAudit(trx, {
      actor,
      action: 'acceptanceCheck.record',
      entityType: 'acceptance_draw',
      entityId: draw.id,
      scopePath: row.org_path,
      after: { check: id, enterpriseId: row.id, items: input.items, verdict: result.verdict, reasons, findings: result.findings, evidenceIds: input.evidenceIds, status: to },
    });
    return id;
  });
}
