import { sql, type Kysely } from 'kysely';
import { idColumn, type DialectName } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
type AnyDb = Kysely<any>;

/**
 * Notifications and jobs (issue 17 §2–3).
 *
 * - `notifications`: a user's inbox. `key` names what the notice is about and when (e.g. a request's
 *   due day), unique per user, so that a reminder is written once however many times, or on however
 *   many instances, the sweep that finds it runs.
 * - `jobs`: the embedded runner's queue (SQLite, one process): a job per name and key, due at
 *   `run_at`, retried with backoff; kept across restarts. On PostgreSQL pg-boss keeps its own tables
 *   (schema `pgboss`) and this one stays empty.
 */
export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('link', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema.createIndex('notifications_key').on('notifications').columns(['user_id', 'key']).unique().execute();
  await db.schema.createIndex('notifications_inbox').on('notifications').columns(['user_id', 'id']).execute();
  await db.schema.createIndex('notifications_unread').on('notifications').columns(['user_id', 'id']).where(sql.ref('read_at'), 'is', null).execute();

  // The reminder sweep reads deadlines by day: open department requests, tips awaiting the town's answer, open escalations.
  await db.schema.createIndex('department_requests_due').on('department_requests').columns(['due_on', 'id']).where(sql.ref('is_open'), '=', 1).execute();
  await db.schema.createIndex('tips_due').on('tips').columns(['due_on', 'id']).where(sql.ref('status'), '=', 'assigned').execute();
  await db.schema.createIndex('workshop_remarks_due').on('workshop_remarks').columns(['due_on', 'id']).where(sql.ref('status'), '=', 'open').execute();

  await db.schema
    .createTable('jobs')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('run_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('jobs_key').on('jobs').columns(['name', 'key']).unique().execute();
  await db.schema.createIndex('jobs_due').on('jobs').columns(['state', 'run_at', 'id']).execute();
}
