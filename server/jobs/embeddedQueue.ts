// The job queue on the embedded SQLite default: one process, an in-process runner over the `jobs`
// table (migration 036). A job is a row per name and key (a second send is ignored), due at run_at,
// run one at a time, retried with backoff, given up after its tries; rows survive a restart (a job
// that was running when the process stopped runs again). Scaled out (several instances) the app
// runs on PostgreSQL and pg-boss instead.
import type { Db } from '../db/schema.js';
import { claimDueJob, deleteDoneJobs, failJob, finishJob, insertJob, requeueActiveJobs } from '../repositories/jobs.js';
import { backoffSeconds, type JobHandler, type JobQueue, type SendOptions } from './queue.js';

const DONE_KEPT_MS = 7 * 24 * 3600 * 1000;

export class EmbeddedQueue implements JobQueue {
  readonly kind = 'embedded' as const;
  private readonly workers = new Map<string, JobHandler>();
  private readonly minutely = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;

  constructor(
    private readonly db: Db,
    private readonly onError: (err: Error, job: { name: string; key: string }) => void,
    private readonly options: { pollMs?: number; now?: () => Date } = {},
  ) {}

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  work(name: string, handler: JobHandler): void {
    this.workers.set(name, handler);
  }

  everyMinute(name: string, handler: JobHandler): void {
    this.workers.set(name, handler);
    this.minutely.add(name);
  }

  async send(name: string, data: unknown, options: SendOptions): Promise<void> {
    const now = this.now();
    await insertJob(this.db, {
      name,
      key: options.key,
      data: JSON.stringify(data ?? {}),
      runAt: new Date(now.getTime() + (options.delaySeconds ?? 0) * 1000).toISOString(),
      maxAttempts: 1 + (options.retryLimit ?? 5),
      at: now.toISOString(),
    });
  }

  private scheduled = '';
  private pruned = 0;

  /**
   * This minute's run of every minutely job (its key the minute: once, even across a restart). Written
   * once a minute, not on every poll: a CLI command working on the same SQLite file (qudi demo, an
   * import) meets as few of the runner's writes as possible.
   */
  private async scheduleMinute(): Promise<void> {
    const minute = this.now().toISOString().slice(0, 16);
    if (minute === this.scheduled) return;
    for (const name of this.minutely) await this.send(name, {}, { key: `minute:${minute}`, retryLimit: 0 });
    this.scheduled = minute;
  }

  /** Runs the jobs due now, one at a time, until none is; answers how many ran. */
  async runDue(): Promise<number> {
    let ran = 0;
    for (;;) {
      const job = await claimDueJob(this.db, this.now().toISOString());
      if (!job) return ran;
      ran++;
      const handler = this.workers.get(job.name);
      try {
        if (!handler) throw new Error(`no worker for job ${job.name}`);
        await handler(JSON.parse(job.data));
        await finishJob(this.db, job.id, this.now().toISOString());
      } catch (err) {
        const at = this.now();
        const retryAt = job.attempts >= job.max_attempts ? null : new Date(at.getTime() + backoffSeconds(job.attempts) * 1000).toISOString();
        await failJob(this.db, job.id, String(err instanceof Error ? err.message : err), retryAt, at.toISOString());
        this.onError(err instanceof Error ? err : new Error(String(err)), job);
      }
    }
  }

  private async tick(): Promise<void> {
    await this.scheduleMinute();
    await this.runDue();
    if (this.now().getTime() - this.pruned >= 3600_000) {
      this.pruned = this.now().getTime();
      await deleteDoneJobs(this.db, new Date(this.pruned - DONE_KEPT_MS).toISOString());
    }
  }

  async start(): Promise<void> {
    // A job that was running when the process stopped runs again.
    await requeueActiveJobs(this.db);
    this.stopped = false;
    const loop = () => {
      if (this.stopped) return;
      this.running = this.tick()
        .catch((err: unknown) => this.onError(err instanceof Error ? err : new Error(String(err)), { name: 'tick', key: '' }))
        .finally(() => {
          this.running = null;
          if (!this.stopped) this.timer = setTimeout(loop, this.options.pollMs ?? 2000);
        });
    };
    loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
