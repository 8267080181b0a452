import type { Kysely } from 'kysely';
import { idColumn, type DialectName } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
type AnyDb = Kysely<any>;

/**
 * 群众举报 (issue 16 §5–6). `tips`: each public tip, found again only by the SHA-256 of its receipt code
 * (the code itself is never stored), with its triage to a town, the town's answer and the workshops it
 * concerns (JSON ids); a complaint about management fees is a disciplinary clue (`clue_id`) and nothing
 * else. `tip_challenges`: the proof-of-work challenges handed out, each usable once (`used_at`).
 * `rate_limits`: counters per key (a hashed address or device) and window, shared by every instance.
 */
export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('tips')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('receipt_sha256', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('lat', 'real')
    .addColumn('lng', 'real')
    .addColumn('reported_town_id', 'integer', (c) => c.references('org_units.id'))
    .addColumn('anonymous', 'integer', (c) => c.notNull())
    .addColumn('contact_name', 'text', (c) => c.notNull())
    .addColumn('contact_phone', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('town_id', 'integer', (c) => c.references('org_units.id'))
    .addColumn('org_path', 'text')
    .addColumn('due_on', 'text')
    .addColumn('assign_note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('assigned_by', 'integer', (c) => c.references('users.id'))
    .addColumn('assigned_at', 'text')
    .addColumn('verdict', 'text')
    .addColumn('public_answer', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('internal_note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('enterprise_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('answered_by', 'integer', (c) => c.references('users.id'))
    .addColumn('answered_at', 'text')
    .addColumn('clue_id', 'integer', (c) => c.references('discipline_clues.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('tips_campaign').on('tips').columns(['campaign_id', 'kind', 'id']).execute();
  await db.schema.createIndex('tips_town').on('tips').columns(['town_id', 'id']).execute();
  await db.schema
    .createTable('tip_challenges')
    .addColumn('challenge', 'text', (c) => c.primaryKey())
    .addColumn('difficulty', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('tip_challenges_expiry').on('tip_challenges').column('expires_at').execute();
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_limits_pk', ['key', 'window_start'])
    .execute();
}
