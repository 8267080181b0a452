import { sql, type Kysely } from 'kysely';
import { idColumn, type DialectName } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
type AnyDb = Kysely<any>;

/**
 * 监管责任人 on file (issue 16 §1): one row per person named for a role on a subject — a town
 * (`subject_kind` 'town', `subject_id` its org unit; roles 'leader' 主管领导 and 'supervisor' 监管责任人)
 * or a workshop under supervision ('workshop', its enterprise id; role 'village_contact' 村居监管责任人).
 * Rows are never edited: naming someone else closes the current row (`ended_at`, `ended_by`) and
 * inserts the next. At most one current row per subject and role: the partial unique index turns two
 * people naming the same role at once into one success and a 409. `org_path` is the town's path or
 * the workshop's, for scope.
 */
export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('supervisors')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'integer', (c) => c.notNull())
    .addColumn('town_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('org_path', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('assigned_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('ended_by', 'integer', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .createIndex('supervisors_current')
    .on('supervisors')
    .columns(['campaign_id', 'subject_kind', 'subject_id', 'role'])
    .unique()
    .where(sql.ref('ended_at'), 'is', null)
    .execute();
  await db.schema.createIndex('supervisors_subject').on('supervisors').columns(['subject_kind', 'subject_id']).execute();
}
