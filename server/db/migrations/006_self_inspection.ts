import type { Kysely } from 'kysely';
import { binaryText, idColumn, type DialectName } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
type AnyDb = Kysely<any>;

/**
 * Self-inspection (自查自纠): the local "土政策" each town finds and clears, and the restricted
 * disciplinary clues about cadres, forwarded to the discipline department. Plus the office
 * director flag on role assignments (the director sees the clues).
 */
export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  const pathType = binaryText(dialect);
  await db.schema
    .alterTable('role_assignments')
    .addColumn('is_director', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('self_policies')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('town_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('org_path', pathType, (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'text')
    .addColumn('found_on', 'text')
    .addColumn('action_taken', 'text', (c) => c.notNull())
    .addColumn('cleared', 'integer', (c) => c.notNull())
    .addColumn('cleared_on', 'text')
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('self_policies_path').on('self_policies').columns(['campaign_id', 'org_path', 'id']).execute();

  await db.schema
    .createTable('discipline_clues')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('town_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('org_path', pathType, (c) => c.notNull())
    .addColumn('person', 'text', (c) => c.notNull())
    .addColumn('post', 'text', (c) => c.notNull())
    .addColumn('conduct', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('enterprise_id', 'integer', (c) => c.references('enterprises.id'))
    // received → forwarded → closed
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reported_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('reported_at', 'text', (c) => c.notNull())
    .addColumn('forwarded_by', 'integer', (c) => c.references('users.id'))
    .addColumn('forwarded_at', 'text')
    .addColumn('forwarded_to_code', 'text')
    .addColumn('forwarded_to', 'text')
    .addColumn('forward_note', 'text', (c) => c.notNull())
    .addColumn('closed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('closed_at', 'text')
    .addColumn('closing_note', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('discipline_clues_path').on('discipline_clues').columns(['campaign_id', 'org_path', 'id']).execute();
}
