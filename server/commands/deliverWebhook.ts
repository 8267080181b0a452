// A robot's job (`webhook`, server/jobs): post the message to the robot and record the outcome on it.
// Delivered or refused (a bad payload, a wrong key: errcode ≠ 0 or 4xx) ends the job; what may succeed
// later (network, timeout, 5xx, rate limit) is recorded as failed and thrown, so that the queue tries
// again with backoff. A robot deleted or disabled since the job was queued is not sent anything.
import { nowIso } from '../../domain/time.js';
import type { WebhookJob, WebhookPlatform, WebhookStatus } from '../../domain/webhooks.js';
import type { AppContext } from '../context.js';
import type { WebhookRow } from '../db/schema.js';
import { deliver, formatFor, RetryableDeliveryError } from '../notify/robots.js';
import { findWebhook, recordDelivery } from '../repositories/webhooks.js';
import { disallowedRobotHost } from './lib/webhook.js';

export interface DeliveryResult {
  status: WebhookStatus;
  error: string | null;
}

/** Sends now and records the outcome; a retryable failure is recorded and answered as failed (the caller decides whether to retry). */
class RefusedHost extends Error {
  constructor(host: string) {
    super(`主机 ${host} 不在允许范围内（WEBHOOK_HOSTS），未推送`);
  }
}

export async function sendToRobot(ctx: AppContext, robot: Pick<WebhookRow, 'id' | 'platform' | 'url' | 'secret'>, message: WebhookJob['message'], fetchImpl?: typeof fetch): Promise<DeliveryResult> {
  const platform = robot.platform as WebhookPlatform;
  let result: DeliveryResult;
  const refusedHost = disallowedRobotHost(ctx, robot.url);
  try {
    // A robot kept from before WEBHOOK_HOSTS was narrowed is refused, not posted to.
    if (refusedHost !== null) throw new RefusedHost(refusedHost);
    const outcome = await deliver({ platform, url: robot.url, secret: robot.secret }, formatFor(platform, message), fetchImpl);
    result = outcome.status === 'ok' ? { status: 'ok', error: null } : { status: 'refused', error: outcome.error };
  } catch (err) {
    if (err instanceof RefusedHost) result = { status: 'refused', error: err.message };
    else if (err instanceof RetryableDeliveryError) result = { status: 'failed', error: err.message };
    else throw err;
  }
  await recordDelivery(ctx.db, robot.id, { ...result, at: nowIso() });
  return result;
}

export async function deliverWebhook(ctx: AppContext, job: WebhookJob, fetchImpl?: typeof fetch): Promise<DeliveryResult | null> {
  const robot = await findWebhook(ctx.db, job.robotId);
  if (!robot || robot.enabled !== 1) return null;
  const result = await sendToRobot(ctx, robot, job.message, fetchImpl);
  if (result.status === 'failed') throw new RetryableDeliveryError(result.error ?? '推送失败');
  return result;
}
