// 逐个清理: during an operation, the town's keepers record each workshop's result. "Cleared" only
// when its standard items say so (the team records them, with evidence, through the items as
// always): the workshop is shut down or accepted. Audited on the workshop's record, so that its
// history shows the operation.
import type { OperationResultInput } from '../../domain/jointOperations.js';
import type { Status } from '../../domain/status.js';
import { nowIso } from '../../domain/time.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { AppError, notFound } from '../errors.js';
import { authorize, jointOperationSubject } from '../policies/index.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { findItems } from '../repositories/enterprises.js';
import { operationWorkshops, setOperationResult } from '../repositories/jointOperations.js';
import { loadOperationForChange } from './lib/jointOperation.js';

const SHUT: readonly Status[] = ['shut_down', 'accepted'];

export async function recordOperationResult(ctx: AppContext, actor: Actor, input: { id: number; enterpriseId: number } & OperationResultInput): Promise<void> {
  const campaign = await currentCampaign(ctx.db);
  await inTransaction(ctx.db, async (trx) => {
    const row = await loadOperationForChange(trx, actor, campaign.id, input.id);
    const workshop = (await operationWorkshops(trx, row.id)).find((w) => w.enterprise_id === input.enterpriseId);
    if (!workshop) throw notFound('该企业不在这次联合执法中');
    if (row.status !== 'in_progress') throw new AppError('invalid_transition', '行动开始后才能记录各企业的结果');
    authorize(actor, 'jointOperation.recordResult', jointOperationSubject(row));
    if (input.result === 'cleared' && !SHUT.includes(workshop.status as Status)) {
      const pending = (await findItems(trx, workshop.enterprise_id)).filter((i) => i.state === 'pending').map((i) => campaign.definition.standardItems.find((d) => d.code === i.item_code)?.name ?? i.item_code);
      throw new AppError('invalid_transition', `“${workshop.name}”的取缔标准项尚未全部完成（尚未：${pending.join('、')}），请先逐项记录并上传影像`);
    }
    await setOperationResult(trx, row.id, workshop.enterprise_id, { result: input.result, note: input.note, by: actor.id, at: nowIso() });
    await writeAudit(trx, {
      actor,
      action: 'jointOperation.result',
      entityType: 'enterprise',
      entityId: workshop.enterprise_id,
      scopePath: workshop.org_path,
      before: { operationId: row.id, result: workshop.result },
      after: { operationId: row.id, result: input.result, note: input.note },
    });
  });
}
