// 排除: a flagged power account is set aside with the reason (a household's heat pump, a farm's irrigation
// pump, a site already known), once.
import type { PowerDismiss, PowerFlagState } from '../../domain/powerCheck.js';
import { nowIso } from '../../domain/time.js';
import { POWER_FLAG_WORKFLOW } from '../../domain/workflows/powerFlag.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { AppError } from '../errors.js';
import { authorize } from '../policies/index.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { decidePowerFlag } from '../repositories/powerCheck.js';
import { POWER_FLAG_CHANGED, powerFlagSubject, readablePowerAccount } from './lib/powerCheck.js';
import { requireTransition, staleVersion } from './lib/transition.js';

export async function dismissPowerFlag(ctx: AppContext, actor: Actor, input: { id: number } & PowerDismiss): Promise<void> {
  const campaign = await currentCampaign(ctx.db);
  await inTransaction(ctx.db, async (trx) => {
    const row = await readablePowerAccount(trx, actor, campaign.id, input.id, { forUpdate: true });
    if (row.state === null) throw new AppError('invalid_transition', '该用电户不是待核查的异常户');
    requireTransition(POWER_FLAG_WORKFLOW, row.state as PowerFlagState, 'dismiss');
    authorize(actor, 'powerFlag.dismiss', powerFlagSubject(row), 'powerFlag.read');
    if (!(await decidePowerFlag(trx, row.id, { state: 'dismissed', review_reason: input.reason, reviewed_by: actor.id, reviewed_at: nowIso() }))) throw staleVersion(POWER_FLAG_CHANGED);
    await writeAudit(trx, { actor, action: 'powerFlag.dismiss', entityType: 'power_account', entityId: row.id, scopePath: row.org_path, before: { state: row.state }, after: { state: 'dismissed', reason: input.reason } });
  });
}
