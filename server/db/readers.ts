// Where long read-only queries run. On PostgreSQL the pool does (the work happens in the database
// server anyway). On SQLite, whose driver runs each query on the calling thread, a worker thread
// with its own read-only connection does (sqliteReadWorker.ts), so that an export's next chunk is
// read while this thread writes the previous one into the workbook, and the server keeps
// answering meanwhile. The worker starts on first use and stops after a minute without reads.
import type { CompiledQuery, Kysely } from 'kysely';
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../workers/moduleWorker.js';
import type { ReadReply } from './sqliteReadWorker.js';

export interface ReadRunner {
  all<R>(query: CompiledQuery<R>): Promise<R[]>;
}

/** SQLite database files by their Kysely instance (registered by connect). */
const sqliteFiles = new WeakMap<object, string>();
const workers = new WeakMap<object, SqliteReadWorker>();

export function registerSqliteFile(db: object, file: string): void {
  sqliteFiles.set(db, file);
}

const IDLE_MS = 60_000;

class SqliteReadWorker implements ReadRunner {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (rows: unknown[]) => void; reject: (e: Error) => void }>();
  private idle: NodeJS.Timeout | null = null;
  /** Reads sent to the worker so far (what tests check a query was routed here by). */
  sent = 0;

  constructor(private readonly file: string) {}

  all<R>(query: CompiledQuery<R>): Promise<R[]> {
    const worker = this.start();
    this.sent++;
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    const id = this.nextId++;
    // Referenced while a read is waiting (a CLI export has nothing else keeping it alive), not while idle.
    if (this.waiting.size === 0) worker.ref();
    return new Promise<R[]>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (rows: unknown[]) => void, reject });
      worker.postMessage({ id, sql: query.sql, parameters: query.parameters });
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = startModuleWorker(import.meta.url, 'sqliteReadWorker', { file: this.file }, { maxOldGenerationSizeMb: 64 });
    worker.on('message', (m: ReadReply) => {
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      if ('error' in m) w.reject(new Error(`read worker: ${m.error}`));
      else w.resolve(m.rows);
      if (this.waiting.size === 0) {
        worker.unref();
        this.idle = setTimeout(() => this.stop(), IDLE_MS);
        this.idle.unref();
      }
    });
    const fail = (err: Error) => {
      if (this.worker !== worker) return; // a worker stopped when idle
      this.worker = null;
      for (const w of this.waiting.values()) w.reject(err);
      this.waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`read worker exited (${code})`)));
    // Unreferenced whenever no read waits (in the message handler above), so an idle worker never keeps the process alive.
    this.worker = worker;
    return worker;
  }

  private stop(): void {
    const worker = this.worker;
    this.worker = null;
    if (worker && this.waiting.size === 0) void worker.terminate();
  }

  /** Stops the worker now, failing any read still waiting. */
  async close(): Promise<void> {
    if (this.idle) clearTimeout(this.idle);
    const worker = this.worker;
    this.worker = null;
    for (const w of this.waiting.values()) w.reject(new Error('read worker closed'));
    this.waiting.clear();
    if (worker) await worker.terminate();
  }
}

/** Stops the read worker of `db`, if one was started (call before destroying the database). */
/** How many reads the SQLite read worker of `db` has been sent (0 without one). */
export function workerReads(db: object): number {
  return workers.get(db)?.sent ?? 0;
}

export async function closeReadWorker(db: object): Promise<void> {
  await workers.get(db)?.close();
}

/** The runner for long reads on `db`: a read worker for a SQLite file, else the database itself. */
export function readRunner<DB>(db: Kysely<DB>): ReadRunner {
  const file = sqliteFiles.get(db);
  if (!file) return { all: async <R>(q: CompiledQuery<R>) => (await db.executeQuery(q)).rows };
  let w = workers.get(db);
  if (!w) {
    w = new SqliteReadWorker(file);
    workers.set(db, w);
  }
  return w;
}
