import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
type AnyDb = Kysely<any>;

/**
 * When a confirmed recurrence (死灰复燃) last reopened the workshop's shutdown. Evidence uploaded
 * before it belongs to the earlier shutdown: it stays in the record, but the items done again must
 * be proven with files taken for this round.
 */
export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  void dialect;
  await db.schema.alterTable('enterprises').addColumn('reopened_at', 'text').execute();
  await backfillReopenedAt(db);
}

/**
 * Workshops that recurred before the column existed get the time of their last confirmed
 * recurrence, from the audit log, so the rule holds for a campaign already under way.
 */
export async function backfillReopenedAt(db: AnyDb): Promise<void> {
  const entityId = sql`cast(enterprises.id as text)`;
  await sql`update enterprises set reopened_at = (
      select max(a.at) from audit_log a where a.action = 'status.recur' and a.entity_type = 'enterprise' and a.entity_id = ${entityId})
    where exists (select 1 from audit_log a where a.action = 'status.recur' and a.entity_type = 'enterprise' and a.entity_id = ${entityId})`.execute(db);
}
