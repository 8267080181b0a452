import type { Kysely } from 'kysely';
import { idColumn, type DialectName } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
type AnyDb = Kysely<any>;

/**
 * Remarks on a workshop (帮包意见与督办): a liaison department's or the office's comment (意见) or
 * escalation (督办), and the town's comments; an escalation is open until the town answers it.
 * A remark follows its workshop (scope is the workshop's path, read through the join), and the
 * author's unit is kept as written, since a user's grants can change later.
 */
export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('workshop_remarks')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('enterprises.id'))
    // comment | escalation
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('author_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('author_role', 'text', (c) => c.notNull())
    .addColumn('author_unit', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    // Escalations only (null for a comment): open → answered.
    .addColumn('status', 'text')
    .addColumn('due_on', 'text')
    .addColumn('answer', 'text')
    .addColumn('answered_by', 'integer', (c) => c.references('users.id'))
    .addColumn('answerer_unit', 'text')
    .addColumn('answered_at', 'text')
    .execute();
  // A workshop's remarks in order; the open escalations of a campaign (the to-do lists).
  await db.schema.createIndex('workshop_remarks_enterprise').on('workshop_remarks').columns(['enterprise_id', 'id']).execute();
  await db.schema.createIndex('workshop_remarks_open').on('workshop_remarks').columns(['campaign_id', 'status', 'id']).execute();
}
