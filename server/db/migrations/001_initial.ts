import { sql, type Kysely } from 'kysely';
import { binaryText, idColumn, type DialectName } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
type AnyDb = Kysely<any>;

export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  const id = idColumn(dialect);
  const pathType = binaryText(dialect);

  await db.schema
    .createTable('org_units')
    .addColumn('id', 'integer', id)
    .addColumn('parent_id', 'integer', (c) => c.references('org_units.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('path', pathType, (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('org_units_parent_name').on('org_units').columns(['parent_id', 'name']).unique().execute();
  await db.schema.createIndex('org_units_kind').on('org_units').columns(['kind', 'path']).execute();

  await db.schema
    .createTable('departments')
    .addColumn('id', 'integer', id)
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('duties', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('campaigns')
    .addColumn('id', 'integer', id)
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('document_number', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('is_current', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('liaison_pairs')
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
    .addColumn('org_unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addPrimaryKeyConstraint('liaison_pairs_pk', ['campaign_id', 'department_id', 'org_unit_id'])
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'integer', id)
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('role_assignments')
    .addColumn('id', 'integer', id)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('org_unit_id', 'integer', (c) => c.references('org_units.id'))
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    .execute();
  await db.schema.createIndex('role_assignments_user').on('role_assignments').column('user_id').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('enterprises')
    .addColumn('id', 'integer', id)
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('town_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('village_id', 'integer', (c) => c.references('org_units.id'))
    .addColumn('org_path', pathType, (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('lng', 'double precision')
    .addColumn('lat', 'double precision')
    .addColumn('contact_person', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('power_source', 'text', (c) => c.notNull())
    .addColumn('power_account', 'text', (c) => c.notNull())
    .addColumn('water_source', 'text', (c) => c.notNull())
    .addColumn('land_type', 'text', (c) => c.notNull())
    .addColumn('land_owner', 'text', (c) => c.notNull())
    .addColumn('land_lease', 'text', (c) => c.notNull())
    .addColumn('licence_business', 'text', (c) => c.notNull())
    .addColumn('licence_eia', 'text', (c) => c.notNull())
    .addColumn('licence_land', 'text', (c) => c.notNull())
    .addColumn('production_status', 'text', (c) => c.notNull())
    .addColumn('raw_materials', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('discovery_source', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_reason', 'text', (c) => c.notNull())
    .addColumn('items_done', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // The list's filters are equality on town/village/status plus a scope range on org_path; each
  // index ends in id so that "ORDER BY id DESC LIMIT n" walks the index without sorting.
  // org_path at the end lets counts and scope checks be answered from the index alone.
  await db.schema.createIndex('enterprises_town_status').on('enterprises').columns(['campaign_id', 'town_id', 'status', 'id', 'org_path']).execute();
  await db.schema.createIndex('enterprises_status').on('enterprises').columns(['campaign_id', 'status', 'id']).execute();
  await db.schema.createIndex('enterprises_village').on('enterprises').columns(['campaign_id', 'village_id', 'id']).execute();
  await db.schema.createIndex('enterprises_path').on('enterprises').columns(['campaign_id', 'org_path']).execute();
  await db.schema.createIndex('enterprises_phone').on('enterprises').columns(['phone']).execute();

  await db.schema
    .createTable('enterprise_items')
    .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('enterprises.id').onDelete('cascade'))
    .addColumn('item_code', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('person', 'text', (c) => c.notNull())
    .addColumn('done_on', 'text')
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text')
    .addPrimaryKeyConstraint('enterprise_items_pk', ['enterprise_id', 'item_code'])
    .execute();
  await db.schema.createIndex('enterprise_items_code_state').on('enterprise_items').columns(['item_code', 'state']).execute();
  // Covering index for the dashboard's per-item counts.
  await db.schema.createIndex('enterprise_items_covering').on('enterprise_items').columns(['enterprise_id', 'item_code', 'state']).execute();

  await db.schema
    .createTable('verdicts')
    .addColumn('id', 'integer', id)
    .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('enterprises.id').onDelete('cascade'))
    .addColumn('verdict', 'text', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('findings', 'text', (c) => c.notNull())
    .addColumn('inspector_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('verdicts_enterprise').on('verdicts').column('enterprise_id').execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'integer', id)
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('scope_path', pathType)
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .execute();
  await db.schema.createIndex('audit_entity').on('audit_log').columns(['entity_type', 'entity_id', 'id']).execute();
  void sql;
}
