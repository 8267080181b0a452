// 登记为企业: a workshop-sized account matched to no workshop (清单外) is registered as a workshop through the
// register's own path (placement, policy, duplicate warning, audit), discovery source 用电核查, its power
// account number and 台区/线路 taken from the list and the rest as the reviewer edited it; the flag is closed
// in the same transaction.
import { enterpriseCreateSchema } from '../../domain/enterprise.js';
import type { PowerFlagState, PowerRegister } from '../../domain/powerCheck.js';
import { nowIso } from '../../domain/time.js';
import { POWER_FLAG_WORKFLOW } from '../../domain/workflows/powerFlag.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { AppError, invalid } from '../errors.js';
import { authorize } from '../policies/index.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { decidePowerFlag } from '../repositories/powerCheck.js';
import { registerWorkshop } from './createEnterprise.js';
import { POWER_FLAG_CHANGED, powerFlagSubject, readablePowerAccount } from './lib/powerCheck.js';
import { requireTransition, staleVersion } from './lib/transition.js';

export async function registerPowerFlag(ctx: AppContext, actor: Actor, input: { id: number } & PowerRegister): Promise<{ enterpriseId: number }> {
  const campaign = await currentCampaign(ctx.db);
  return inTransaction(ctx.db, async (trx) => {
    const row = await readablePowerAccount(trx, actor, campaign.id, input.id, { forUpdate: true });
    if (row.state === null) throw new AppError('invalid_transition', '该用电户不是待核查的异常户');
    requireTransition(POWER_FLAG_WORKFLOW, row.state as PowerFlagState, 'register');
    authorize(actor, 'powerFlag.register', powerFlagSubject(row), 'powerFlag.read');
    const parsed = enterpriseCreateSchema.safeParse({
      name: input.name,
      kind: input.kind,
      townId: row.town_id,
      villageId: input.villageId,
      address: input.address,
      contactPerson: input.contactPerson,
      phone: input.phone,
      notes: input.notes,
      lng: row.lng !== null && row.lat !== null ? row.lng : null,
      lat: row.lng !== null && row.lat !== null ? row.lat : null,
      powerAccount: row.account_no,
      powerSource: [row.station, row.line].filter(Boolean).join(' ').slice(0, 200),
      discoverySource: 'power',
      confirmedDistinctFrom: input.confirmedDistinctFrom,
    });
    if (!parsed.success) throw invalid(parsed.error.issues[0].message, parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
    const enterpriseId = await registerWorkshop(trx, ctx, actor, campaign, parsed.data);
    if (!(await decidePowerFlag(trx, row.id, { state: 'registered', created_enterprise_id: enterpriseId, reviewed_by: actor.id, reviewed_at: nowIso() }))) throw staleVersion(POWER_FLAG_CHANGED);
    await writeAudit(trx, { actor, action: 'powerFlag.register', entityType: 'power_account', entityId: row.id, scopePath: row.org_path, before: { state: row.state }, after: { state: 'registered', enterpriseId } });
    return { enterpriseId };
  });
}
