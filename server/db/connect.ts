import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, sql, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DialectName } from './dialect.js';
import { registerSqliteFile } from './readers.js';
import { startWalCheckpointer, type WalCheckpointer } from './walCheckpointer.js';
import type { Database } from './schema.js';

export interface Db {
  db: Kysely<Database>;
  dialect: DialectName;
  describe: string;
  /** SQLite with `backgroundCheckpoints`: the worker that checkpoints the log; stop it before closing. */
  checkpointer?: WalCheckpointer;
}

export function isPostgresUrl(url: string | undefined): url is string {
  return !!url && /^postgres(ql)?:\/\//.test(url);
}

/** Named statements a PostgreSQL connection keeps at most; past that, statements go unnamed (parsed and planned each time). */
const PREPARED_PER_CONNECTION = 400;
/** Longer statements (bulk inserts, long id lists) are not worth keeping. */
const PREPARED_MAX_LENGTH = 8192;

/**
 * Sends each parameterised statement as a named prepared statement, once per connection: PostgreSQL
 * then parses it once and, after a few runs, keeps its plan, instead of planning it on every request
 * (the department queue spent 0.9 ms of 4.9 ms a request preparing; bench/README.md, issue 14). The
 * name is the text's hash; a connection keeps at most PREPARED_PER_CONNECTION of them. Statements
 * without parameters (transactions, DDL) and cursors go as they are.
 */
function prepareStatements(client: pg.PoolClient): void {
  const named = new Set<string>();
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (text: unknown, values?: unknown, callback?: unknown) => {
    if (typeof text === 'string' && Array.isArray(values) && values.length > 0 && callback === undefined && text.length <= PREPARED_MAX_LENGTH) {
      const name = `q_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
      if (named.has(name) || named.size < PREPARED_PER_CONNECTION) {
        named.add(name);
        return query({ name, text, values });
      }
    }
    return query(text, values, callback);
  };
}

/**
 * Opens the database: PostgreSQL when `databaseUrl` is given, else SQLite under `dataDir`. With
 * `backgroundCheckpoints` (the server), SQLite's WAL checkpoints run on a worker thread.
 */
export function connect(opts: { dataDir: string; databaseUrl?: string; poolSize?: number; backgroundCheckpoints?: boolean; preparedStatements?: boolean }): Db {
  if (opts.databaseUrl && !isPostgresUrl(opts.databaseUrl))
    throw new Error('DATABASE_URL 只支持 postgres:// 地址 / DATABASE_URL must start with postgres://');
  if (isPostgresUrl(opts.databaseUrl)) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    // A connection can be closed under the server: PostgreSQL restarting, an administrator ending
    // sessions, a network timeout. pg then emits 'error' on the connection (and, for one idle in
    // the pool, on the pool too), which would crash the server if nobody listened; pg-pool listens
    // only while the connection is idle. The query that was running fails on its own (its request
    // answers an error), the pool drops the connection and opens a new one for the next query, so
    // this is only worth a line in the log.
    pool.on('connect', (client) => {
      let logged = false; // pg reports a terminated session twice (the server's message, then the closed socket)
      client.on('error', (err: Error & { code?: string }) => {
        if (logged) return;
        logged = true;
        console.warn(`[qudi] a PostgreSQL connection was closed (${err.code ?? 'no code'}): ${err.message}`);
      });
    });
    pool.on('error', () => undefined); // the same error, already logged by the connection's listener
    if (opts.preparedStatements ?? true) pool.on('connect', (client) => prepareStatements(client));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const u = new URL(opts.databaseUrl);
    return { db, dialect: 'postgres', describe: `PostgreSQL ${u.host}${u.pathname}` };
  }
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const file = path.join(opts.dataDir, 'qudi.db');
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  // 16 MiB of page cache per connection: the OS caches the file too, and a bigger cache only
  // raised the server's peak memory during district-wide exports and imports.
  sqlite.pragma('cache_size = -16384');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: statementCache(sqlite) }) });
  registerSqliteFile(db, file); // long reads (exports) may run on a read-only connection of their own
  const checkpointer = opts.backgroundCheckpoints ? startWalCheckpointer(sqlite, file) : undefined;
  return { db, dialect: 'sqlite', describe: `SQLite ${file}`, checkpointer };
}

/** Statements kept per connection, and the longest SQL text kept (bulk inserts of one batch size). */
const STATEMENT_CACHE_SIZE = 200;
const STATEMENT_CACHE_MAX_SQL = 256 * 1024;

/**
 * Kysely's SQLite driver prepares every query anew; compiling the SQL costs more than running many
 * of the register's queries, and a bulk insert re-prepares the same 200-row statement for each
 * batch. This keeps recently used statements by their SQL text (least recently used goes first).
 * A statement still being iterated (a streamed select) is never handed out twice.
 */
export function statementCache(sqlite: SqliteDatabase.Database): { close(): void; prepare(sql: string): SqliteDatabase.Statement } {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sqlText: string) {
      const hit = cache.get(sqlText);
      if (hit && !hit.busy) {
        cache.delete(sqlText);
        cache.set(sqlText, hit);
        return hit;
      }
      const stmt = sqlite.prepare(sqlText);
      if (sqlText.length <= STATEMENT_CACHE_MAX_SQL && !hit) {
        cache.set(sqlText, stmt);
        if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      }
      return stmt;
    },
  };
}

/** The advisory lock key first starts take on PostgreSQL (any fixed 64-bit number; "qudi" in ASCII). */
const STARTUP_LOCK_KEY = 0x71756469;
/** How long a start waits for another one to finish its first-start work. */
const STARTUP_LOCK_WAIT_MS = 10 * 60_000;

/**
 * Runs a start's first-start work (migrations, the default campaign, the first administrator) while
 * no other instance runs its own, so that two servers started together on an empty database do not
 * both create what only one may: the second waits, then finds everything there. On PostgreSQL a
 * session advisory lock on one connection, and `work` runs on that connection; on SQLite an
 * exclusive transaction on a lock file beside the database (the operating system releases it if
 * the process dies). Either way a crashed start leaves no lock behind.
 */
export async function underStartupLock<T>(opened: Db, dataDir: string, work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  if (opened.dialect === 'postgres') {
    return opened.db.connection().execute(async (one) => {
      await sql`select pg_advisory_lock(${STARTUP_LOCK_KEY})`.execute(one);
      try {
        return await work(one);
      } finally {
        await sql`select pg_advisory_unlock(${STARTUP_LOCK_KEY})`.execute(one).catch(() => undefined);
      }
    });
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const lock = new SqliteDatabase(path.join(dataDir, 'qudi.startup.lock'));
  try {
    lock.pragma(`busy_timeout = ${STARTUP_LOCK_WAIT_MS}`);
    // Blocks this thread while another process holds it: nothing else runs yet at start.
    lock.exec('BEGIN EXCLUSIVE');
    try {
      return await work(opened.db);
    } finally {
      lock.exec('ROLLBACK');
    }
  } finally {
    lock.close();
  }
}
