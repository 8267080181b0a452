import type { Kysely } from 'kysely';
import { idColumn, type DialectName } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
type AnyDb = Kysely<any>;

/**
 * Group-robot webhooks (issue 17 §3): 企业微信 and 钉钉 group robots that receive a unit's reminders.
 *
 * - `webhooks`: a robot of one unit — an org unit (the district, i.e. the office, or a town) or a
 *   department, exactly one of the two set. `url` (it carries the robot's key or token) and the
 *   钉钉 加签 `secret` are secrets: written here, read only to send, never answered or audited in
 *   full. `last_*` is the outcome of the latest delivery (ok, refused, failed).
 * - `webhook_pushes`: which notice (its key) each robot has been sent, once: two sweeps, or two
 *   instances, never push the same reminder to a robot twice.
 */
export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('webhooks')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('org_unit_id', 'integer', (c) => c.references('org_units.id'))
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('remark', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('secret', 'text')
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('last_status', 'text')
    .addColumn('last_at', 'text')
    .addColumn('last_error', 'text')
    .execute();
  await db.schema.createIndex('webhooks_unit').on('webhooks').columns(['org_unit_id']).execute();
  await db.schema.createIndex('webhooks_department').on('webhooks').columns(['department_id']).execute();

  await db.schema
    .createTable('webhook_pushes')
    .addColumn('webhook_id', 'integer', (c) => c.notNull().references('webhooks.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('webhook_pushes_key').on('webhook_pushes').columns(['webhook_id', 'key']).unique().execute();
}
