import type { Kysely } from 'kysely';
import { idColumn, type DialectName } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
type AnyDb = Kysely<any>;

/** Town reports (附件2 报送): each submission freezes the town's task table as a new version. */
export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('town_reports')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('town_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('phase_code', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    // submitted → signed; a newer submission supersedes an unsigned one.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('content_sha256', 'text', (c) => c.notNull())
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('due_date', 'text')
    .addColumn('submitted_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('signed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('signed_at', 'text')
    .addColumn('late', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('town_reports_version')
    .on('town_reports')
    .columns(['campaign_id', 'town_id', 'phase_code', 'version'])
    .unique()
    .execute();
}
