// 删除群机器人: the robot and its ledger of notices sent go; the audit log keeps what it was (URL masked).
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { writeAudit } from '../repositories/audit.js';
import { deleteWebhook as removeWebhook } from '../repositories/webhooks.js';
import { auditedWebhook, loadManagedWebhook } from './lib/webhook.js';

export async function deleteWebhook(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  await inTransaction(ctx.db, async (trx) => {
    const before = await loadManagedWebhook(trx, actor, id);
    await removeWebhook(trx, id);
    await writeAudit(trx, { actor, action: 'webhook.delete', entityType: 'webhook', entityId: id, scopePath: before.unit_path, before: auditedWebhook(before) });
  });
}
