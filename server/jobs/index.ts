// The app's background jobs, on whichever queue the database calls for: pg-boss on PostgreSQL, the
// embedded runner on SQLite. Started by `qudi start` (JOBS=off leaves them out, e.g. on an instance
// that should only answer requests; any instance may run them — pg-boss runs each job once).
import { sendReminders } from '../commands/sendReminders.js';
import type { AppContext } from '../context.js';
import { sharedJobQueue } from '../db/dialect.js';
import { EmbeddedQueue } from './embeddedQueue.js';
import { PgBossQueue } from './pgBossQueue.js';
import type { JobQueue } from './queue.js';

export const REMINDER_JOB = 'reminders';

export function createQueue(ctx: AppContext, onError: (err: Error) => void, options: { pollMs?: number; now?: () => Date } = {}): JobQueue {
  const queue: JobQueue =
    sharedJobQueue(ctx.dialect) && ctx.config.databaseUrl ? new PgBossQueue(ctx.config.databaseUrl, onError) : new EmbeddedQueue(ctx.db, (err) => onError(err), options);
  queue.everyMinute(REMINDER_JOB, async () => {
    await sendReminders(ctx, options.now?.() ?? new Date());
  });
  return queue;
}
