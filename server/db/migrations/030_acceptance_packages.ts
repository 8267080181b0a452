import type { Kysely } from 'kysely';
import { idColumn, type DialectName } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
type AnyDb = Kysely<any>;

/**
 * 验收材料 (issue 15 §1): each version of a town's acceptance package, frozen like a town report — the
 * written report, the figures and lists drawn from the register, and the image files named with their
 * hashes (JSON), the content's SHA-256, who submitted it, and the principal's signature (late or not).
 */
export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('acceptance_packages')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('town_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('org_path', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('content_sha256', 'text', (c) => c.notNull())
    .addColumn('workshop_count', 'integer', (c) => c.notNull())
    .addColumn('image_count', 'integer', (c) => c.notNull())
    .addColumn('due_date', 'text')
    .addColumn('submitted_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('signed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('signed_at', 'text')
    .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('acceptance_packages_town').on('acceptance_packages').columns(['campaign_id', 'town_id', 'version']).unique().execute();
}
