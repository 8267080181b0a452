import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { bumpDataVersion } from '../dataVersion.js';
import { nowIso } from '../time.js';

export interface AuditEntry {
  actor: { id: number; displayName: string } | null;
  action: string;
  entityType: string;
  entityId: string | number;
  scopePath?: string | null;
  before?: unknown;
  after?: unknown;
}

function auditRow(e: AuditEntry, at: string) {
  return {
    at,
    actor_id: e.actor?.id ?? null,
    actor_name: e.actor?.displayName ?? '系统',
    action: e.action,
    entity_type: e.entityType,
    entity_id: String(e.entityId),
    scope_path: e.scopePath ?? null,
    before: e.before === undefined ? null : JSON.stringify(e.before),
    after: e.after === undefined ? null : JSON.stringify(e.after),
  };
}

/** Writes one audit record; call it with the transaction that makes the change. */
export async function writeAudit(trx: Kysely<Database>, e: AuditEntry): Promise<void> {
  await writeAuditBatch(trx, [e]);
}

/** Writes audit records in order, in one statement (bulk changes such as an import's workshops). */
export async function writeAuditBatch(trx: Kysely<Database>, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  bumpDataVersion();
  const at = nowIso();
  await trx.insertInto('audit_log').values(entries.map((e) => auditRow(e, at))).execute();
}

export async function listAuditForEntity(db: Kysely<Database>, entityType: string, entityId: string | number) {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', String(entityId))
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
}
