// 答复督办: the town's staff answer an open escalation on one of their workshops, which closes it.
// Re-checks the escalation workflow table, authorizes, writes and audits in one transaction.
import type { RemarkAnswer } from '../../domain/remarks.js';
import { nowIso } from '../../domain/time.js';
import { findTransition } from '../../domain/workflows/workflow.js';
import { ESCALATION_WORKFLOW, type EscalationStatus } from '../../domain/workflows/escalation.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import type { WorkshopRemarkRow } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { AppError, notFound } from '../errors.js';
import { actingGrant, authorize, can, escalationSubject } from '../policies/index.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { findEnterprise } from '../repositories/enterprises.js';
import { findRemark, setEscalationAnswer } from '../repositories/remarks.js';
import { requireTransition } from './lib/transition.js';
import { unitOf } from './lib/remark.js';

export async function answerEscalation(ctx: AppContext, actor: Actor, input: { id: number } & RemarkAnswer): Promise<WorkshopRemarkRow> {
  const campaign = await currentCampaign(ctx.db);
  return inTransaction(ctx.db, async (trx) => {
    const remark = await findRemark(trx, campaign.id, input.id, { forUpdate: true });
    const workshop = remark && (await findEnterprise(trx, remark.enterprise_id));
    if (!remark || !workshop || !can(actor, 'remark.read', { orgPath: workshop.org_path })) throw notFound();
    if (remark.kind !== 'escalation') throw new AppError('invalid_transition', '这是一条意见，不是督办，无需答复');
    const status = remark.status as EscalationStatus;
    requireTransition(ESCALATION_WORKFLOW, status, 'answer');
    const subject = escalationSubject(workshop, remark);
    authorize(actor, 'remark.answer', subject, 'remark.read');
    const unit = unitOf(actingGrant(actor, 'remark.answer', subject)!);
    const to = findTransition(ESCALATION_WORKFLOW, status, 'answer')!.to;
    // Someone answered it between the read and the write (SQLite takes no row lock).
    if (!(await setEscalationAnswer(trx, remark.id, { status: to, text: input.text, by: actor.id, unit, at: nowIso() })))
      throw new AppError('invalid_transition', ESCALATION_WORKFLOW.refusal('answered', 'answer'));
    await writeAudit(trx, {
      actor,
      action: 'remark.answer',
      entityType: 'enterprise',
      entityId: workshop.id,
      scopePath: workshop.org_path,
      before: { remarkId: remark.id, status },
      after: { remarkId: remark.id, status: to, unit, text: input.text },
    });
    return (await findRemark(trx, campaign.id, remark.id))!;
  });
}
