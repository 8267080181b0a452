// The job queue on the embedded SQLite default: one process, an in-process runner over the `jobs`
// table (migration 036). A job is a row per name and key (a second send is ignored), due at run_at,
// run one at a time, retried with backoff, given up after its tries; rows survive a restart (a job
// that was running when the process stopped runs again). Scaled out (several instances) the app
// runs on PostgreSQL and pg-boss instead.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
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
    private readonly db: Kysely<Database>,
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
    await this.db
      .insertInto('jobs')
      .values({
        name,
        key: options.key,
        data: JSON.stringify(data ?? {}),
        state: 'queued',
        run_at: new Date(now.getTime() + (options.delaySeconds ?? 0) * 1000).toISOString(),
        max_attempts: 1 + (options.retryLimit ?? 5),
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      })
      .onConflict((oc) => oc.columns(['name', 'key']).doNothing())
      .execute();
  }

  /** This minute's run of every minutely job (its key the minute: once, even across a restart). */
  private async scheduleMinute(): Promise<void> {
    const minute = this.now().toISOString().slice(0, 16);
    for (const name of this.minutely) await this.send(name, {}, { key: `minute:${minute}`, retryLimit: 0 });
  }

  /** Runs the jobs due now, one at a time, until none is; answers how many ran. */
  async runDue(): Promise<number> {
    let ran = 0;
    for (;;) {
      const now = this.now().toISOString();
      const job = await this.db
        .selectFrom('jobs')
        .selectAll()
        .where('state', '=', 'queued')
        .where('run_at', '<=', now)
        .orderBy('run_at')
        .orderBy('id')
        .limit(1)
        .executeTakeFirst();
      if (!job) return ran;
      const claimed = await this.db.updateTable('jobs').set({ state: 'active', attempts: job.attempts + 1, updated_at: now }).where('id', '=', job.id).where('state', '=', 'queued').executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) continue;
      ran++;
      const handler = this.workers.get(job.name);
      try {
        if (!handler) throw new Error(`no worker for job ${job.name}`);
        await handler(JSON.parse(job.data));
        await this.db.updateTable('jobs').set({ state: 'done', last_error: null, updated_at: this.now().toISOString() }).where('id', '=', job.id).execute();
      } catch (err) {
        const attempts = job.attempts + 1;
        const failed = attempts >= job.max_attempts;
        const at = this.now();
        await this.db
          .updateTable('jobs')
          .set({
            state: failed ? 'failed' : 'queued',
            run_at: failed ? job.run_at : new Date(at.getTime() + backoffSeconds(attempts) * 1000).toISOString(),
            last_error: String(err instanceof Error ? err.message : err).slice(0, 1000),
            updated_at: at.toISOString(),
          })
          .where('id', '=', job.id)
          .execute();
        this.onError(err instanceof Error ? err : new Error(String(err)), job);
      }
    }
  }

  private async tick(): Promise<void> {
    await this.scheduleMinute();
    await this.runDue();
    await this.db.deleteFrom('jobs').where('state', '=', 'done').where('updated_at', '<', new Date(this.now().getTime() - DONE_KEPT_MS).toISOString()).execute();
  }

  async start(): Promise<void> {
    // A job that was running when the process stopped runs again.
    await this.db.updateTable('jobs').set({ state: 'queued' }).where('state', '=', 'active').execute();
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
