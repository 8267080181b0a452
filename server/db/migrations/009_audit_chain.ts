// The tamper-evident audit log (issue 4): every record carries the previous record's hash and its
// own, and a one-row head names the newest record so that deleting the newest rows is detected
// too. Records written before this migration are chained here, in id order and in batches.
import { sql, type Kysely } from 'kysely';
import { chainHash, GENESIS_HASH, type ChainedRecord } from '../auditChain.js';
import type { DialectName } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
type AnyDb = Kysely<any>;

const BACKFILL_BATCH = 1000;

export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  void dialect;
  // PostgreSQL runs each migration in a transaction; SQLite's migrator does not, so open one here:
  // the backfill is all or nothing, and one transaction is much faster than a commit per batch.
  if (!db.isTransaction) {
    await db.transaction().execute((trx) => run(trx));
    return;
  }
  await run(db);
}

async function run(db: AnyDb): Promise<void> {
  // '' rather than NULL for a row that bypassed the writer: the verifier reports it like any bad hash.
  await db.schema.alterTable('audit_log').addColumn('prev_hash', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('audit_log').addColumn('hash', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema
    .createTable('audit_chain_head')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('last_id', 'integer', (c) => c.notNull())
    .addColumn('last_hash', 'text', (c) => c.notNull())
    .execute();

  let prev = GENESIS_HASH;
  let lastId = 0;
  for (;;) {
    const rows = (await db
      .selectFrom('audit_log')
      .select(['id', 'at', 'actor_id', 'actor_name', 'action', 'entity_type', 'entity_id', 'scope_path', 'before', 'after'])
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(BACKFILL_BATCH)
      .execute()) as (ChainedRecord & { id: number })[];
    if (rows.length === 0) break;
    const values = rows.map((r) => {
      const hash = chainHash(prev, r);
      const value = sql`(cast(${r.id} as integer), ${prev}, ${hash})`;
      prev = hash;
      return value;
    });
    // One statement per batch on both databases: UPDATE … FROM (VALUES …), whose columns both
    // name column1, column2, column3.
    await sql`update audit_log set prev_hash = v.column2, hash = v.column3 from (values ${sql.join(values)}) as v where audit_log.id = v.column1`.execute(db);
    lastId = Number(rows[rows.length - 1].id);
  }
  await db.insertInto('audit_chain_head').values({ id: 1, last_id: lastId, last_hash: prev }).execute();
}
