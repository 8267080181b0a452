// 修改群机器人: its name, remark, URL, 加签 secret (null clears it) or whether it is enabled. The
// platform and the unit stay. Audited before and after with the URL masked.
import type { WebhookUpdate } from '../../domain/webhooks.js';
import { nowIso } from '../../domain/time.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { invalid } from '../errors.js';
import { writeAudit } from '../repositories/audit.js';
import { findWebhook, updateWebhook as writeWebhook, type WebhookWithUnit } from '../repositories/webhooks.js';
import { auditedWebhook, checkRobotHost, loadManagedWebhook } from './lib/webhook.js';

export async function updateWebhook(ctx: AppContext, actor: Actor, id: number, change: WebhookUpdate): Promise<WebhookWithUnit> {
  return inTransaction(ctx.db, async (trx) => {
    const before = await loadManagedWebhook(trx, actor, id);
    if (change.url !== undefined) checkRobotHost(ctx, change.url);
    if (typeof change.secret === 'string' && before.platform !== 'dingtalk') throw invalid('只有钉钉机器人使用加签密钥', [{ path: 'secret', message: '只有钉钉机器人使用加签密钥' }]);
    await writeWebhook(trx, id, change, { id: actor.id, at: nowIso() });
    const after = (await findWebhook(trx, id))!;
    await writeAudit(trx, { actor, action: 'webhook.update', entityType: 'webhook', entityId: id, scopePath: after.unit_path, before: auditedWebhook(before), after: auditedWebhook(after) });
    return after;
  });
}
