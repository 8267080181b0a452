// 认定同一场所: a keeper of the register confirms that a workshop is a shut site come back (改头换面) —
// or dismisses the likeness with a reason. The pair is kept once; the decision can be changed, each
// decision audited on both workshops, so that each one's history names the other.
import { likeness, SAME_SITE_STATUSES, siteFeatures, type SameSiteDecisionInput } from '../../domain/sameSite.js';
import { nowIso } from '../../domain/time.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { AppError, notFound } from '../errors.js';
import { authorize, can, enterpriseSubject } from '../policies/index.js';
import { writeAuditBatch } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { findEnterprise } from '../repositories/enterprises.js';
import { saveSiteLink, siteLinksOf, siteRecordOf } from '../repositories/sameSite.js';
import { loadWorkshopForChange } from './lib/workshop.js';

export async function decideSameSite(ctx: AppContext, actor: Actor, input: { id: number; siteId: number } & SameSiteDecisionInput): Promise<void> {
  const campaign = await currentCampaign(ctx.db);
  await inTransaction(ctx.db, async (trx) => {
    const workshop = await loadWorkshopForChange(trx, actor, input.id, campaign.id);
    const site = input.siteId === workshop.id ? undefined : await findEnterprise(trx, input.siteId);
    if (!site || site.campaign_id !== campaign.id || !can(actor, 'enterprise.read', enterpriseSubject(site))) throw notFound();
    authorize(actor, 'enterprise.decideSameSite', enterpriseSubject(workshop));
    const decided = (await siteLinksOf(trx, workshop.id)).some((l) => l.other_id === site.id);
    // A pair is one a person can judge when the other side is a shut site (or was judged before).
    if (!decided && !(SAME_SITE_STATUSES as readonly string[]).includes(site.status))
      throw new AppError('invalid_transition', '只能与已取缔、已验收或反弹的场所认定为同一场所');
    const { score, reasons } = likeness(siteFeatures(siteRecordOf(workshop)), siteFeatures(siteRecordOf(site)));
    const { before } = await saveSiteLink(trx, { campaignId: campaign.id, a: workshop.id, b: site.id, decision: input.decision, score, reasons, note: input.note, by: actor.id, at: nowIso() });
    const action = input.decision === 'confirmed' ? 'site.confirm' : 'site.dismiss';
    const side = (self: typeof workshop, other: typeof site) => ({
      actor,
      action,
      entityType: 'enterprise',
      entityId: self.id,
      scopePath: self.org_path,
      before: before === null ? null : { siteId: other.id, decision: before },
      after: { siteId: other.id, siteName: other.name, decision: input.decision, score, note: input.note },
    });
    await writeAuditBatch(trx, [side(workshop, site), side(site, workshop)]);
  });
}
