import type { Kysely } from 'kysely';
import { chainHash } from '../db/auditChain.js';
import { bulkInsert } from '../db/bulk.js';
import { identitySync } from '../db/dialect.js';
import type { AuditRow, Database } from '../db/schema.js';
import { nowIso } from '../../domain/time.js';

export interface AuditEntry {
  actor: { id: number; displayName: string } | null;
  action: string;
  entityType: string;
  entityId: string | number;
  scopePath?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Rows per INSERT: 12 parameters each stays far below both databases' parameter limits. */
const INSERT_CHUNK = 2000;
const AUDIT_COLUMNS = ['id', 'at', 'actor_id', 'actor_name', 'action', 'entity_type', 'entity_id', 'scope_path', 'before', 'after', 'prev_hash', 'hash'] as const;

function auditRow(e: AuditEntry, id: number, at: string, prevHash: string) {
  const row = {
    id,
    at,
    actor_id: e.actor?.id ?? null,
    actor_name: e.actor?.displayName ?? '系统',
    action: e.action,
    entity_type: e.entityType,
    entity_id: String(e.entityId),
    scope_path: e.scopePath ?? null,
    before: e.before === undefined ? null : JSON.stringify(e.before),
    after: e.after === undefined ? null : JSON.stringify(e.after),
    prev_hash: prevHash,
    hash: '',
  };
  row.hash = chainHash(prevHash, row);
  return row;
}

/**
 * Reserves `n` ids after the chain's head and locks the head until the transaction ends, so that
 * audit appends from concurrent transactions (and server instances) form one linear chain in id
 * order. An UPDATE rather than SELECT … FOR UPDATE: it is the same statement on both databases, and
 * on SQLite it takes the write lock at once instead of upgrading a read snapshot later. On
 * PostgreSQL the identity sequence is moved along with it, so it never lags behind explicit ids.
 */
async function reserveIds(trx: Kysely<Database>, n: number): Promise<{ firstId: number; prevHash: string }> {
  const sequence = identitySync(trx, 'audit_log', 'last_id');
  const head = await trx
    .updateTable('audit_chain_head')
    .set((eb) => ({ last_id: eb('last_id', '+', n) }))
    .where('id', '=', 1)
    .returning(['last_id', 'last_hash'])
    .$if(sequence !== null, (q) => q.returning(sequence!))
    .executeTakeFirst();
  if (!head) throw new Error('审计链头缺失（audit_chain_head）/ the audit chain head row is missing');
  return { firstId: Number(head.last_id) - n + 1, prevHash: head.last_hash };
}

/**
 * Locks the chain's head until the transaction ends without appending: for a transaction that is
 * about to change shared rows (the dashboard's counts) which other audited changes also change,
 * so that all of them take their locks in the same order (see migration 015).
 */
export async function lockAuditHead(trx: Kysely<Database>): Promise<void> {
  await trx.updateTable('audit_chain_head').set((eb) => ({ last_id: eb.ref('last_id') })).where('id', '=', 1).execute();
}

/** Writes one audit record; call it with the transaction that makes the change. */
export async function writeAudit(trx: Kysely<Database>, e: AuditEntry): Promise<void> {
  await writeAuditBatch(trx, [e]);
}

/**
 * Appends audit records, in order, to the hash chain (server/db/auditChain.ts): one multi-row insert
 * per few hundred records, ids and hashes computed here. Pass the transaction that makes the change;
 * given a plain connection it opens a transaction of its own. The chain's head stays locked until
 * the caller's transaction ends, which serialises audited changes — keep audit writes near the end.
 */
export async function writeAuditBatch(trx: Kysely<Database>, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  if (!trx.isTransaction) return trx.transaction().execute((t) => writeAuditBatch(t, entries));
  const { firstId, prevHash } = await reserveIds(trx, entries.length);
  // Read the clock under the lock, so that on one server times never run backwards along the chain.
  const at = nowIso();
  let prev = prevHash;
  const rows = entries.map((e, i) => {
    const row = auditRow(e, firstId + i, at, prev);
    prev = row.hash;
    return row;
  });
  for (let i = 0; i < rows.length; i += INSERT_CHUNK)
    await bulkInsert(trx, 'audit_log', AUDIT_COLUMNS, rows.slice(i, i + INSERT_CHUNK).map((r) => AUDIT_COLUMNS.map((c) => r[c])));
  await trx.updateTable('audit_chain_head').set({ last_hash: prev }).where('id', '=', 1).execute();
}

function auditOfEntity(db: Kysely<Database>, entityType: string, entityId: string | number) {
  return db.selectFrom('audit_log').selectAll().where('entity_type', '=', entityType).where('entity_id', '=', String(entityId));
}

/** The entity's latest audit records, newest first, as a history shows them. */
export async function listAuditForEntity(db: Kysely<Database>, entityType: string, entityId: string | number) {
  return auditOfEntity(db, entityType, entityId).orderBy('id', 'desc').limit(200).execute();
}

/** The entity's whole history, oldest first (an evidence package states all of it, with its hash-chain links). */
export async function listAllAuditForEntity(db: Kysely<Database>, entityType: string, entityId: string | number) {
  return auditOfEntity(db, entityType, entityId).orderBy('id').execute();
}

/** Up to `limit` audit records of one action after id `afterId`, in id order: for walking all of them. */
export async function listAuditByAction(db: Kysely<Database>, action: string, afterId: number, limit: number): Promise<Pick<AuditRow, 'id' | 'after'>[]> {
  return db.selectFrom('audit_log').select(['id', 'after']).where('action', '=', action).where('id', '>', afterId).orderBy('id').limit(limit).execute();
}

/** The chain's head (the last id and hash appended), or undefined when the row is missing. */
export async function readChainHead(db: Kysely<Database>) {
  return db.selectFrom('audit_chain_head').select(['last_id', 'last_hash']).where('id', '=', 1).executeTakeFirst();
}

/** Audit rows with ids in (`after`, `upTo`], in id order, at most `limit`: the chain as it is walked. */
export async function auditRowsInOrder(db: Kysely<Database>, range: { after: number; upTo: number; limit: number }) {
  return db
    .selectFrom('audit_log')
    .select(['id', 'at', 'actor_id', 'actor_name', 'action', 'entity_type', 'entity_id', 'scope_path', 'before', 'after', 'prev_hash', 'hash'])
    .where('id', '>', range.after)
    .where('id', '<=', range.upTo)
    .orderBy('id')
    .limit(range.limit)
    .execute();
}

/** The first audit id after `id`, or null. */
export async function firstAuditIdAfter(db: Kysely<Database>, id: number): Promise<number | null> {
  const row = await db.selectFrom('audit_log').select('id').where('id', '>', id).orderBy('id').limit(1).executeTakeFirst();
  return row ? Number(row.id) : null;
}
