// 确认反弹 from the power data: a shut site's account whose use rose again is confirmed as a recurrence —
// the workshop recurs through the same transition as a patrol's or a hand-marked one (every item pending,
// off the patrol schedule), the reason citing the account and the months, in the workshop's history — and
// the flag is closed, in one transaction.
import { describeResumption, type PowerFlagState, type PowerRecur } from '../../domain/powerCheck.js';
import { nowIso } from '../../domain/time.js';
import { POWER_FLAG_WORKFLOW } from '../../domain/workflows/powerFlag.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { AppError } from '../errors.js';
import { authorize } from '../policies/index.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { decidePowerFlag, findPowerImport } from '../repositories/powerCheck.js';
import { POWER_FLAG_CHANGED, powerFlagSubject, readablePowerAccount } from './lib/powerCheck.js';
import { requireTransition, staleVersion } from './lib/transition.js';
import { loadWorkshopForChange } from './lib/workshop.js';
import { applyWorkshopTransition, recurrence } from './lib/workshopTransition.js';

export async function recurPowerFlag(ctx: AppContext, actor: Actor, input: { id: number } & PowerRecur): Promise<{ enterpriseId: number }> {
  const campaign = await currentCampaign(ctx.db);
  return inTransaction(ctx.db, async (trx) => {
    const row = await readablePowerAccount(trx, actor, campaign.id, input.id, { forUpdate: true });
    if (row.state === null) throw new AppError('invalid_transition', '该用电户不是待核查的异常户');
    requireTransition(POWER_FLAG_WORKFLOW, row.state as PowerFlagState, 'recur');
    authorize(actor, 'powerFlag.recur', powerFlagSubject(row), 'powerFlag.read');
    if (row.enterprise_id === null) throw new AppError('invalid_transition', '该用电户没有对上台账中的企业，不能确认反弹');
    const list = await findPowerImport(trx, campaign.id, row.import_id);
    const months = JSON.parse(list?.months ?? '[]') as string[];
    const reason = [describeResumption(row.account_no, months, JSON.parse(row.usage) as (number | null)[]), input.note].filter(Boolean).join('；');
    const workshop = await loadWorkshopForChange(trx, actor, row.enterprise_id, campaign.id);
    const t = recurrence(actor, { id: workshop.id, reason });
    await applyWorkshopTransition(trx, actor, workshop, { ...t, extra: async (x, now) => ({ ...(await t.extra!(x, now)), powerAccountId: row.id, accountNo: row.account_no }) });
    const at = nowIso();
    if (!(await decidePowerFlag(trx, row.id, { state: 'recurred', review_reason: reason, reviewed_by: actor.id, reviewed_at: at }))) throw staleVersion(POWER_FLAG_CHANGED);
    await writeAudit(trx, {
      actor,
      action: 'powerFlag.recur',
      entityType: 'power_account',
      entityId: row.id,
      scopePath: row.org_path,
      before: { state: row.state },
      after: { state: 'recurred', enterpriseId: workshop.id, reason },
    });
    return { enterpriseId: workshop.id };
  });
}
