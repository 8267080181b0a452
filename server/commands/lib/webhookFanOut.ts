// The reminder sweep's new notices, pushed to the group robots of the units they are addressed to: a
// town's notices to that town's robots, the office's to the district's, a department's to its own —
// one message per robot per sweep. Each robot's ledger (webhook_pushes) takes a notice once, so a
// notice is never pushed to a robot twice, however often or on however many instances the sweep runs.
import { createHash } from 'node:crypto';
import type { WebhookJob } from '../../../domain/webhooks.js';
import type { AppContext } from '../../context.js';
import { claimPushes, enabledWebhooksOf } from '../../repositories/webhooks.js';
import { reminderMessage } from './webhook.js';

/** A unit notices are addressed to: an org unit (`o12`: the district, a town) or a department (`d3`). */
export type UnitKey = `o${number}` | `d${number}`;

/** Puts a robot's message on the job queue, under an idempotency key. */
export type EnqueueWebhook = (job: WebhookJob, key: string) => Promise<void>;

export interface AddressedNotice {
  key: string;
  title: string;
  body: string;
  link: string;
  units: ReadonlySet<UnitKey>;
}

/** Answers how many messages were queued. */
export async function pushToRobots(ctx: AppContext, notices: readonly AddressedNotice[], enqueue: EnqueueWebhook, at: string): Promise<number> {
  if (notices.length === 0) return 0;
  const units = new Set(notices.flatMap((n) => [...n.units]));
  const idsOf = (prefix: 'o' | 'd') => [...units].filter((u) => u.startsWith(prefix)).map((u) => Number(u.slice(1)));
  const robots = await enabledWebhooksOf(ctx.db, { orgUnitIds: idsOf('o'), departmentIds: idsOf('d') });
  let queued = 0;
  for (const robot of robots) {
    const unit: UnitKey = robot.department_id !== null ? `d${robot.department_id}` : `o${robot.org_unit_id!}`;
    const mine = notices.filter((n) => n.units.has(unit));
    if (mine.length === 0) continue;
    const claimed = new Set(await claimPushes(ctx.db, robot.id, mine.map((n) => n.key), at));
    const fresh = mine.filter((n) => claimed.has(n.key));
    if (fresh.length === 0) continue;
    const keys = fresh.map((n) => n.key).sort();
    const jobKey = `webhook:${robot.id}:${keys.length === 1 ? keys[0] : createHash('sha256').update(keys.join('\n')).digest('hex').slice(0, 32)}`;
    await enqueue({ robotId: robot.id, message: reminderMessage(ctx, fresh) }, jobKey);
    queued++;
  }
  return queued;
}
