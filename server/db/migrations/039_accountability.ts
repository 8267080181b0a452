import type { Kysely } from 'kysely';
import { idColumn, type DialectName } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
type AnyDb = Kysely<any>;

/**
 * 约谈与问责 (issue 17 §6): one row per 约谈 (level 'interview': scheduled → held) or 问责 ('accountability':
 * decided), either withdrawable. The person held to account is kept as written (name, position, the
 * unit: a town or village org unit, or a department, and its name then). What it concerns: a town
 * (always, for scope and the list's filter), optionally a workshop, the 督办 it follows (a
 * workshop_remarks row) and the previous record of the chain. `org_path` is the workshop's path, or
 * the town's, for scope. Versioned for optimistic locking.
 */
export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('accountability_actions')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('person_name', 'text', (c) => c.notNull())
    .addColumn('person_position', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('unit_kind', 'text', (c) => c.notNull())
    .addColumn('unit_org_id', 'integer', (c) => c.references('org_units.id'))
    .addColumn('unit_department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('unit_name', 'text', (c) => c.notNull())
    .addColumn('town_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('org_path', 'text', (c) => c.notNull())
    .addColumn('enterprise_id', 'integer', (c) => c.references('enterprises.id'))
    .addColumn('remark_id', 'integer', (c) => c.references('workshop_remarks.id'))
    .addColumn('previous_id', 'integer', (c) => c.references('accountability_actions.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('scheduled_on', 'text')
    .addColumn('conducted_by', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('measure', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_unit', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // The list newest first; by town and person (the accountability list's counts); a 督办's follow-ups; 约谈 by day (reminders).
  await db.schema.createIndex('accountability_actions_campaign').on('accountability_actions').columns(['campaign_id', 'id']).execute();
  await db.schema.createIndex('accountability_actions_person').on('accountability_actions').columns(['campaign_id', 'town_id', 'person_name']).execute();
  await db.schema.createIndex('accountability_actions_remark').on('accountability_actions').columns(['remark_id']).execute();
  await db.schema.createIndex('accountability_actions_scheduled').on('accountability_actions').columns(['state', 'scheduled_on']).execute();
}
