import { sql, type Kysely } from 'kysely';
import { idColumn, type DialectName } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
type AnyDb = Kysely<any>;

/**
 * Department requests (部门协办请求, issue 14): a town or the office asks the department whose duty
 * a standard item is to act on one workshop; the department accepts or returns it, schedules it and
 * confirms it (domain/workflows/departmentRequest.ts). A request carries its workshop's place
 * (town, org path) for scope and counts; when a workshop moves, its requests move with it
 * (server/repositories/departmentRequests.ts). `version` refuses a second act on a state already left.
 *
 * department_request_counts: requests per (campaign, department, place, status), kept by the
 * repository in the same transaction as every write, so the queue's counts never scan it.
 *
 * enterprise_items.department_id: the department that executed the item (a confirmed request, or a
 * department recording it directly), for 附件3; null when the town did it.
 */
export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('department_requests')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('enterprises.id'))
    .addColumn('item_code', 'text', (c) => c.notNull())
    .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
    .addColumn('town_id', 'integer', (c) => c.notNull())
    .addColumn('org_path', 'text', (c) => c.notNull())
    // requested | accepted | scheduled | returned | confirmed; is_open: 1 while it waits on the department.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('is_open', 'integer', (c) => c.notNull())
    // JSON: what the town knows (domain/departmentRequests.ts requestDetailsSchema).
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('scheduled_on', 'text')
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('requester_unit', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('accepted_by', 'integer', (c) => c.references('users.id'))
    .addColumn('accepted_at', 'text')
    .addColumn('confirmed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('confirmed_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // The department's queue (open ones, or one state), oldest first; a town's; a workshop's.
  await db.schema.createIndex('department_requests_open').on('department_requests').columns(['campaign_id', 'department_id', 'is_open', 'id']).execute();
  await db.schema.createIndex('department_requests_status').on('department_requests').columns(['campaign_id', 'department_id', 'status', 'id']).execute();
  await db.schema.createIndex('department_requests_all').on('department_requests').columns(['campaign_id', 'is_open', 'id']).execute();
  await db.schema.createIndex('department_requests_town').on('department_requests').columns(['campaign_id', 'town_id', 'is_open', 'id']).execute();
  await db.schema.createIndex('department_requests_enterprise').on('department_requests').columns(['enterprise_id', 'id']).execute();

  const rowid = dialect === 'sqlite' ? sql.raw(' without rowid') : sql.raw('');
  await sql`create table department_request_counts (
    campaign_id integer not null,
    department_id integer not null,
    town_id integer not null,
    org_path text not null,
    status text not null,
    n integer not null,
    primary key (campaign_id, department_id, org_path, status)
  )${rowid}`.execute(db);

  await db.schema.alterTable('enterprise_items').addColumn('department_id', 'integer').execute();
}
