// The app's background jobs, on whichever queue the database calls for: pg-boss on PostgreSQL, the
// embedded runner on SQLite. Started by `qudi start` (JOBS=off leaves them out, e.g. on an instance
// that should only answer requests; any instance may run them — pg-boss runs each job once).
//
// - `reminders`, every minute: the reminder sweep; the notices it newly writes are queued for the
//   units' group robots as `webhook` jobs; from DAILY_REPORT_HOUR, the day's 日报 to the district's and
//   towns' robots, once per robot and day.
// - `webhook`: one message to one group robot (data: robot id and message), keyed so that a message
//   is queued once; retried with backoff when the robot could not be reached (network, 5xx, rate
//   limit), never when it refused the message.
import { webhookJobSchema, type WebhookJob } from '../../domain/webhooks.js';
import { pushDailyReport } from '../commands/pushDailyReport.js';
import { deliverWebhook } from '../commands/deliverWebhook.js';
import { sendReminders } from '../commands/sendReminders.js';
import type { AppContext } from '../context.js';
import { sharedJobQueue } from '../db/dialect.js';
import { EmbeddedQueue } from './embeddedQueue.js';
import { PgBossQueue } from './pgBossQueue.js';
import type { JobQueue } from './queue.js';

export const REMINDER_JOB = 'reminders';
export const WEBHOOK_JOB = 'webhook';
/** Tries of a robot's message after the first: 10 s, 20 s, 40 s … about ten minutes in all. */
export const WEBHOOK_RETRIES = 6;

/** The `webhook` job's handler and the reminder sweep's queuing of it, on `queue`. */
export function registerWebhookJob(ctx: AppContext, queue: JobQueue): void {
  queue.work(WEBHOOK_JOB, async (data) => {
    await deliverWebhook(ctx, webhookJobSchema.parse(data));
  });
}

export function createQueue(ctx: AppContext, onError: (err: Error) => void, options: { pollMs?: number; now?: () => Date } = {}): JobQueue {
  const queue: JobQueue =
    sharedJobQueue(ctx.dialect) && ctx.config.databaseUrl ? new PgBossQueue(ctx.config.databaseUrl, onError) : new EmbeddedQueue(ctx.db, (err) => onError(err), options);
  queue.everyMinute(REMINDER_JOB, async () => {
    const now = options.now?.() ?? new Date();
    const pushWebhook = (job: WebhookJob, key: string) => queue.send(WEBHOOK_JOB, job, { key, retryLimit: WEBHOOK_RETRIES });
    await sendReminders(ctx, now, { pushWebhook });
    await pushDailyReport(ctx, now, pushWebhook);
  });
  registerWebhookJob(ctx, queue);
  return queue;
}
