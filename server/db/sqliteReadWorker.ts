// Worker-thread entry for long reads on SQLite (readers.ts): its own read-only connection to the
// database file, so that a district-wide export's queries run beside the thread that writes the
// workbook instead of taking turns with it. WAL mode lets it read while the server writes.
import SqliteDatabase from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

export interface ReadRequest {
  id: number;
  sql: string;
  parameters: unknown[];
}
export type ReadReply = { id: number; rows: unknown[] } | { id: number; error: string };

if (!parentPort) throw new Error('sqliteReadWorker runs in a worker thread');
const port = parentPort;
const db = new SqliteDatabase((workerData as { file: string }).file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
// The same page cache as the server's connection: searches read scattered rows of the register here.
db.pragma('cache_size = -16384');
const statements = new Map<string, SqliteDatabase.Statement>();

port.on('message', (m: ReadRequest) => {
  try {
    let stmt = statements.get(m.sql);
    if (!stmt) {
      stmt = db.prepare(m.sql);
      if (statements.size > 50) statements.clear();
      statements.set(m.sql, stmt);
    }
    port.postMessage({ id: m.id, rows: stmt.all(...m.parameters) } satisfies ReadReply);
  } catch (err) {
    port.postMessage({ id: m.id, error: err instanceof Error ? err.message : String(err) } satisfies ReadReply);
  }
});
