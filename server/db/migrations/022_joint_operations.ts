import type { Kysely } from 'kysely';
import { idColumn, type DialectName } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
type AnyDb = Kysely<any>;

/**
 * Joint enforcement (联合执法, issue 14): a town's application (its workshops, why, a proposed date),
 * the office's decision, and — once approved — the team, date and machinery (JSON, as written), and
 * each workshop's result. Scope is the town's path; `version` refuses a second decision on a state
 * already left (domain/workflows/jointOperation.ts).
 */
export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('joint_operations')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('town_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('org_path', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('proposed_on', 'text', (c) => c.notNull())
    .addColumn('applied_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .addColumn('decision_reason', 'text')
    .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('operation_on', 'text')
    // JSON: [{ unit, people }] and { loader, excavator, truck }.
    .addColumn('team', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('machinery', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('completed_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('joint_operations_campaign').on('joint_operations').columns(['campaign_id', 'id']).execute();
  await db.schema.createIndex('joint_operations_town').on('joint_operations').columns(['campaign_id', 'town_id', 'id']).execute();

  await db.schema
    .createTable('joint_operation_workshops')
    .addColumn('operation_id', 'integer', (c) => c.notNull().references('joint_operations.id'))
    .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('enterprises.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    // pending | cleared | not_cleared
    .addColumn('result', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('recorded_by', 'integer', (c) => c.references('users.id'))
    .addColumn('recorded_at', 'text')
    .addPrimaryKeyConstraint('joint_operation_workshops_pk', ['operation_id', 'enterprise_id'])
    .execute();
  await db.schema.createIndex('joint_operation_workshops_enterprise').on('joint_operation_workshops').columns(['enterprise_id']).execute();
}
