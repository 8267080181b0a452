import { sql, type Kysely } from 'kysely';
import { idColumn, type DialectName } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
type AnyDb = Kysely<any>;

/**
 * 用电核查 (issue 16 §4). `power_imports`: each account list the office uploads for a town, a preview until
 * confirmed (or discarded), with the months its kWh columns hold and what was found. `power_accounts`: one row
 * per account of the list, its monthly use (JSON, kWh or null per month), the workshop it was matched to and
 * how, its flag (resumed | unlisted) and — once the list is confirmed — the review of a flagged account
 * (open → recurred | registered | dismissed). The register's power account numbers are compared without
 * spaces and dashes, through an index on that expression (repositories/powerCheck.ts uses the same one).
 */
export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('power_imports')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('town_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('org_path', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('months', 'text', (c) => c.notNull())
    .addColumn('columns', 'text', (c) => c.notNull())
    .addColumn('row_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('matched_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('resumed_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unlisted_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('problem_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
    .addColumn('confirmed_at', 'text')
    .execute();
  await db.schema.createIndex('power_imports_campaign').on('power_imports').columns(['campaign_id', 'id']).execute();
  await db.schema.createIndex('power_imports_town').on('power_imports').columns(['town_id', 'id']).execute();

  await db.schema
    .createTable('power_accounts')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('import_id', 'integer', (c) => c.notNull().references('power_imports.id'))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('town_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('org_path', 'text', (c) => c.notNull())
    .addColumn('row_no', 'integer', (c) => c.notNull())
    .addColumn('account_no', 'text', (c) => c.notNull())
    .addColumn('account_key', 'text', (c) => c.notNull())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('station', 'text', (c) => c.notNull())
    .addColumn('line', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('lng', 'real')
    .addColumn('lat', 'real')
    .addColumn('usage', 'text', (c) => c.notNull())
    .addColumn('problems', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('enterprise_id', 'integer', (c) => c.references('enterprises.id'))
    .addColumn('match_reason', 'text')
    .addColumn('flag', 'text')
    .addColumn('state', 'text')
    .addColumn('review_reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('reviewed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('reviewed_at', 'text')
    .addColumn('created_enterprise_id', 'integer', (c) => c.references('enterprises.id'))
    .execute();
  await db.schema.createIndex('power_accounts_import').on('power_accounts').columns(['import_id', 'row_no']).execute();
  // The review list: flagged accounts of confirmed lists (state set), by campaign or town, newest first.
  await db.schema.createIndex('power_accounts_review').on('power_accounts').columns(['campaign_id', 'state', 'flag', 'id']).execute();
  await db.schema.createIndex('power_accounts_town_review').on('power_accounts').columns(['town_id', 'state', 'id']).execute();
  await db.schema.createIndex('power_accounts_account').on('power_accounts').columns(['campaign_id', 'account_key']).execute();
  // Matching an account to the register by its number, compared without spaces and dashes.
  await sql`create index enterprises_power_account_key on enterprises (campaign_id, (replace(replace(power_account, ' ', ''), '-', '')))`.execute(db);
}
