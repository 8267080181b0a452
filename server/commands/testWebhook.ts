// 发送测试消息: sends a test message to the robot now (not through the queue, not retried) and answers
// the outcome, which is also kept as the robot's latest delivery.
import type { WebhookTestResultDto } from '../../domain/webhooks.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { sendToRobot } from './deliverWebhook.js';
import { loadManagedWebhook, testMessage } from './lib/webhook.js';

export async function testWebhook(ctx: AppContext, actor: Actor, id: number): Promise<WebhookTestResultDto> {
  const robot = await loadManagedWebhook(ctx.db, actor, id);
  const result = await sendToRobot(ctx, robot, testMessage(ctx, robot));
  return { ok: result.status === 'ok', ...result };
}
