import type { Kysely } from 'kysely';
import { idColumn, type DialectName } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
type AnyDb = Kysely<any>;

/**
 * Obstruction incidents during enforcement (阻碍执法事件, issue 14), recorded against a workshop and
 * optionally a joint operation. Scope is the workshop's path, read through the join (an incident
 * follows its workshop). Evidence is the workshop's own files, by id (JSON), so that one upload
 * pipeline keeps every file. `version` refuses an update on a stale read.
 */
export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('incidents')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('enterprises.id'))
    .addColumn('operation_id', 'integer', (c) => c.references('joint_operations.id'))
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('persons', 'text', (c) => c.notNull())
    .addColumn('injuries', 'text', (c) => c.notNull())
    .addColumn('damage', 'text', (c) => c.notNull())
    .addColumn('case_number', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('evidence_ids', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_unit', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('incidents_enterprise').on('incidents').columns(['enterprise_id', 'id']).execute();
  await db.schema.createIndex('incidents_campaign').on('incidents').columns(['campaign_id', 'id']).execute();
}
