// The embedded job runner's queue (jobs, migration 036): a row per name and key, due at run_at.
import type { Kysely } from 'kysely';
import type { Database, JobTable } from '../db/schema.js';
import type { Selectable } from 'kysely';

export type JobRow = Selectable<JobTable>;

/** Adds a job unless one of the same name and key is kept already. */
export async function insertJob(db: Kysely<Database>, job: { name: string; key: string; data: string; runAt: string; maxAttempts: number; at: string }): Promise<void> {
  await db
    .insertInto('jobs')
    .values({ name: job.name, key: job.key, data: job.data, state: 'queued', run_at: job.runAt, max_attempts: job.maxAttempts, created_at: job.at, updated_at: job.at })
    .onConflict((oc) => oc.columns(['name', 'key']).doNothing())
    .execute();
}

/** The next job due by `now`, claimed (active, one more attempt); undefined when none is due. */
export async function claimDueJob(db: Kysely<Database>, now: string): Promise<JobRow | undefined> {
  for (;;) {
    const job = await db.selectFrom('jobs').selectAll().where('state', '=', 'queued').where('run_at', '<=', now).orderBy('run_at').orderBy('id').limit(1).executeTakeFirst();
    if (!job) return undefined;
    const claimed = await db.updateTable('jobs').set({ state: 'active', attempts: job.attempts + 1, updated_at: now }).where('id', '=', job.id).where('state', '=', 'queued').executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 1) return { ...job, state: 'active', attempts: job.attempts + 1 };
  }
}

export async function finishJob(db: Kysely<Database>, id: number, at: string): Promise<void> {
  await db.updateTable('jobs').set({ state: 'done', last_error: null, updated_at: at }).where('id', '=', id).execute();
}

/** A failed try: queued again at `retryAt`, or failed for good when null. */
export async function failJob(db: Kysely<Database>, id: number, error: string, retryAt: string | null, at: string): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ state: retryAt ? 'queued' : 'failed', ...(retryAt ? { run_at: retryAt } : {}), last_error: error.slice(0, 1000), updated_at: at })
    .where('id', '=', id)
    .execute();
}

/** Jobs left running by a process that stopped: queued again. */
export async function requeueActiveJobs(db: Kysely<Database>): Promise<void> {
  await db.updateTable('jobs').set({ state: 'queued' }).where('state', '=', 'active').execute();
}

export async function deleteDoneJobs(db: Kysely<Database>, before: string): Promise<void> {
  await db.deleteFrom('jobs').where('state', '=', 'done').where('updated_at', '<', before).execute();
}
