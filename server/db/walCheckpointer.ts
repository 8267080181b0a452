// Background WAL checkpoints for the server's SQLite database. SQLite normally checkpoints inside
// the commit that takes the write-ahead log past 1,000 pages, on the connection that committed:
// for the server that is the main thread, which then answers nobody until the pages are copied.
// `qudi start` turns that off on its connection and lets a worker thread with a connection of its
// own checkpoint every second instead (walCheckpointWorker.ts). Should the worker fail, the main
// connection checkpoints as before.
import type SqliteDatabase from 'better-sqlite3';
import { startModuleWorker } from '../workers/moduleWorker.js';
import type { CheckpointerInput } from './walCheckpointWorker.js';

export interface WalCheckpointer {
  /** Stops the worker (after a checkpoint it is running) and gives the checkpoints back to the connection. */
  stop(): Promise<void>;
}

/** SQLite's default: checkpoint on commit once the log holds this many pages. */
const AUTOCHECKPOINT_PAGES = 1000;

export function startWalCheckpointer(sqlite: SqliteDatabase.Database, file: string, intervalMs = 1000): WalCheckpointer {
  const input: CheckpointerInput = { file, intervalMs };
  const worker = startModuleWorker(import.meta.url, 'walCheckpointWorker', input, { maxOldGenerationSizeMb: 16 });
  sqlite.pragma('wal_autocheckpoint = 0');
  let stopping = false;
  const fallback = (why: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`WAL 检查点线程已停止，改由主连接执行 / WAL checkpoint worker stopped (${why}); the main connection checkpoints again`);
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  };
  worker.on('message', (m: { error?: string }) => {
    if (m.error) console.error(`WAL 检查点失败 / WAL checkpoint failed: ${m.error}`);
  });
  worker.on('error', (err) => fallback(err.message));
  worker.on('exit', (code) => fallback(`exit ${code}`));
  // Never what keeps a process alive; after the listeners, as adding a 'message' listener refs the worker again.
  worker.unref();
  return {
    stop: async () => {
      if (stopping) return;
      stopping = true;
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage('stop');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
      await worker.terminate();
      if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
    },
  };
}
