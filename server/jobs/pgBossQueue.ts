// The job queue on PostgreSQL: pg-boss 10 (MIT, maintained; runs on Node 20), in its own schema
// `pgboss` of the app's database. Jobs are fetched with SELECT … FOR UPDATE SKIP LOCKED, so with
// several app instances each job runs once; its cron runs a minute's schedule on one instance.
import PgBoss from 'pg-boss';
import type { JobHandler, JobQueue, SendOptions } from './queue.js';

export class PgBossQueue implements JobQueue {
  readonly kind = 'pg-boss' as const;
  private readonly boss: PgBoss;
  private readonly workers = new Map<string, JobHandler>();
  private readonly minutely = new Set<string>();

  constructor(connectionString: string, private readonly onError: (err: Error) => void) {
    this.boss = new PgBoss({ connectionString, schema: 'pgboss', application_name: 'qudi-jobs', max: 4 });
    this.boss.on('error', (err) => this.onError(err));
  }

  work(name: string, handler: JobHandler): void {
    this.workers.set(name, handler);
  }

  everyMinute(name: string, handler: JobHandler): void {
    this.workers.set(name, handler);
    this.minutely.add(name);
  }

  async send(name: string, data: unknown, options: SendOptions): Promise<void> {
    await this.boss.send(name, (data ?? {}) as object, {
      singletonKey: options.key,
      startAfter: options.delaySeconds ?? 0,
      retryLimit: options.retryLimit ?? 5,
      retryDelay: 10,
      retryBackoff: true,
    });
  }

  async start(): Promise<void> {
    await this.boss.start();
    for (const [name, handler] of this.workers) {
      await this.boss.createQueue(name, { name, retryLimit: 5, retryDelay: 10, retryBackoff: true });
      await this.boss.work(name, { batchSize: 1, pollingIntervalSeconds: 2 }, async ([job]) => {
        if (job) await handler(job.data);
      });
      if (this.minutely.has(name)) await this.boss.schedule(name, '* * * * *', {}, { tz: 'Asia/Shanghai' });
    }
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }
}
