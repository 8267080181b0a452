// The job queue every background task goes through (reminders, escalations, webhook deliveries):
// on PostgreSQL pg-boss (row locking: several app instances run each job once), on the embedded
// SQLite default an in-process runner over the `jobs` table (one process). Same interface, so
// that the tasks never know which one runs them.

export type JobHandler = (data: unknown) => Promise<void>;

export interface SendOptions {
  /** The job's identity: a second send with the same name and key, while the first is kept, does nothing. */
  key: string;
  /** Not before this many seconds from now. */
  delaySeconds?: number;
  /** Tries before it is given up (each retry later than the one before: 10 s, 20 s, 40 s …). */
  retryLimit?: number;
}

export interface JobQueue {
  readonly kind: 'pg-boss' | 'embedded';
  /** Runs `handler` for each job of `name` (registered before start). */
  work(name: string, handler: JobHandler): void;
  /** Runs `name` once a minute, on one instance; `handler` as for work. */
  everyMinute(name: string, handler: JobHandler): void;
  send(name: string, data: unknown, options: SendOptions): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Backoff before retry `attempt` (1-based): 10 s, 20 s, 40 s … at most an hour. */
export function backoffSeconds(attempt: number): number {
  return Math.min(3600, 10 * 2 ** Math.max(0, attempt - 1));
}
