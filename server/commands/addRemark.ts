// 帮包意见 / 督办: a liaison department (in its paired towns), the office, or the town's own staff
// comment on a workshop; a liaison department or the office presses the town on it (an escalation,
// open until the town answers). Written and audited on the workshop's record in one transaction.
import type { RemarkCreate } from '../../domain/remarks.js';
import { nowIso } from '../../domain/time.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { notFound } from '../errors.js';
import { actingGrant, authorize, can } from '../policies/index.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { findEnterprise } from '../repositories/enterprises.js';
import { insertRemark } from '../repositories/remarks.js';
import { unitOf } from './lib/remark.js';

export async function addRemark(ctx: AppContext, actor: Actor, input: { enterpriseId: number } & RemarkCreate): Promise<number> {
  const campaign = await currentCampaign(ctx.db);
  return inTransaction(ctx.db, async (trx) => {
    const workshop = await findEnterprise(trx, input.enterpriseId);
    if (!workshop || workshop.campaign_id !== campaign.id || !can(actor, 'remark.read', { orgPath: workshop.org_path })) throw notFound();
    const subject = { orgPath: workshop.org_path, kind: input.kind };
    authorize(actor, 'remark.create', subject, 'remark.read');
    const grant = actingGrant(actor, 'remark.create', subject)!;
    const at = nowIso();
    const dueOn = input.kind === 'escalation' ? input.dueOn : null;
    const id = await insertRemark(trx, {
      campaignId: campaign.id,
      enterpriseId: workshop.id,
      kind: input.kind,
      text: input.text,
      authorId: actor.id,
      authorRole: grant.role,
      authorUnit: unitOf(grant),
      at,
      dueOn,
    });
    await writeAudit(trx, {
      actor,
      action: input.kind === 'escalation' ? 'remark.escalate' : 'remark.comment',
      entityType: 'enterprise',
      entityId: workshop.id,
      scopePath: workshop.org_path,
      after: { remarkId: id, unit: unitOf(grant), text: input.text, ...(dueOn ? { dueOn } : {}) },
    });
    return id;
  });
}
