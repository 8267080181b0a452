// Worker-thread entry for the server's WAL checkpoints (walCheckpointer.ts): a connection of its
// own that copies committed pages from the write-ahead log into the database file every second,
// so that the request which happens to cross the log's size limit does not do it on the main
// thread (a 100,000-row import left 0.4 s of it to its confirm, and every other request waited).
import SqliteDatabase from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

export interface CheckpointerInput {
  file: string;
  intervalMs: number;
}

if (!parentPort) throw new Error('walCheckpointWorker runs in a worker thread');
const port = parentPort;
const { file, intervalMs } = workerData as CheckpointerInput;
const db = new SqliteDatabase(file, { fileMustExist: true });
db.pragma('cache_size = -2048');

/** Failed checkpoints in a row after which this worker stops and the server's connection checkpoints again. */
const MAX_FAILURES = 5;
let failures = 0;

// PASSIVE: copies what no reader still needs and never waits for (or blocks) the server's
// readers and writers (contention is not a failure: it answers busy); the log is reused from its
// start once everything in it is copied.
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
    failures = 0;
  } catch (err) {
    port.postMessage({ error: err instanceof Error ? err.message : String(err) });
    if (++failures < MAX_FAILURES) return;
    clearInterval(timer);
    db.close();
    process.exit(1); // ends this worker only; the server's connection takes the checkpoints back
  }
}, intervalMs);

port.on('message', (m) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  db.close();
  port.close();
});
