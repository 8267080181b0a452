import type { Kysely } from 'kysely';
import { idColumn, type DialectName } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
type AnyDb = Kysely<any>;

/**
 * Cases (违法案件, issue 14): a department's violation found at a workshop, with evidence (the
 * workshop's own files, by id, JSON) and the penalty decision (number, fine in whole 分, date,
 * status; null until decided); and its transfers, one per kind per case: to the police, signed for
 * by the receiving department, or to discipline, which files a clue (`clue_id`) and keeps the
 * accusation there. Scope is the workshop's path, read through the join.
 */
export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('enforcement_cases')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('enterprises.id'))
    .addColumn('department_code', 'text', (c) => c.notNull())
    .addColumn('department_name', 'text', (c) => c.notNull())
    .addColumn('found_on', 'text', (c) => c.notNull())
    .addColumn('violation', 'text', (c) => c.notNull())
    .addColumn('evidence_ids', 'text', (c) => c.notNull())
    .addColumn('decision_number', 'text')
    .addColumn('fine_fen', 'bigint')
    .addColumn('decided_on', 'text')
    .addColumn('penalty_status', 'text')
    .addColumn('recorded_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('enforcement_cases_enterprise').on('enforcement_cases').columns(['enterprise_id', 'id']).execute();
  await db.schema.createIndex('enforcement_cases_campaign').on('enforcement_cases').columns(['campaign_id', 'id']).execute();

  await db.schema
    .createTable('case_transfers')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('case_id', 'integer', (c) => c.notNull().references('enforcement_cases.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('to_code', 'text', (c) => c.notNull())
    .addColumn('to_name', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('clue_id', 'integer', (c) => c.references('discipline_clues.id'))
    .addColumn('transferred_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('transferred_at', 'text', (c) => c.notNull())
    .addColumn('acknowledged_by', 'integer', (c) => c.references('users.id'))
    .addColumn('acknowledged_at', 'text')
    .addColumn('ack_reference', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('ack_note', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('case_transfers_case_kind').on('case_transfers').columns(['case_id', 'kind']).unique().execute();
}
