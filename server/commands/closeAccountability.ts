// 记录约谈情况 (hold) and 撤销 (withdraw): whoever may record the record's level moves it on, at the
// version they read (two at once: one succeeds, the other 409), re-checking the workflow table;
// written and audited in one transaction.
import type { AccountabilityClose, AccountabilityLevel } from '../../domain/accountability.js';
import { nowIso } from '../../domain/time.js';
import { findTransition } from '../../domain/workflows/workflow.js';
import { ACCOUNTABILITY_WORKFLOW, type AccountabilityEvent, type AccountabilityState } from '../../domain/workflows/accountability.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { notFound } from '../errors.js';
import { authorize, can, type AccountabilityRecordSubject } from '../policies/index.js';
import { closeActionAtVersion, findAction } from '../repositories/accountability.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { requireTransition, staleVersion } from './lib/transition.js';

const CHANGED = '该记录已被他人修改，请刷新后重试';

export async function closeAccountability(ctx: AppContext, actor: Actor, event: AccountabilityEvent, input: { id: number } & AccountabilityClose): Promise<void> {
  const campaign = await currentCampaign(ctx.db);
  const action = event === 'hold' ? 'accountability.hold' : 'accountability.withdraw';
  await inTransaction(ctx.db, async (trx) => {
    const row = await findAction(trx, campaign.id, input.id, { forUpdate: true });
    if (!row || !can(actor, 'accountability.read', { orgPath: row.org_path })) throw notFound();
    const state = row.state as AccountabilityState;
    const subject: AccountabilityRecordSubject = { orgPath: row.org_path, level: row.level as AccountabilityLevel, state };
    if (input.version !== row.version) throw staleVersion(CHANGED);
    requireTransition(ACCOUNTABILITY_WORKFLOW, state, event);
    authorize(actor, action, subject, 'accountability.read');
    const to = findTransition(ACCOUNTABILITY_WORKFLOW, state, event)!.to;
    const at = nowIso();
    if (!(await closeActionAtVersion(trx, row, { state: to, outcome: input.outcome, by: actor.id, at }))) throw staleVersion(CHANGED);
    await writeAudit(trx, {
      actor,
      action,
      entityType: 'accountability',
      entityId: row.id,
      scopePath: row.org_path,
      before: { state, outcome: row.outcome },
      after: { state: to, outcome: input.outcome },
    });
  });
}
