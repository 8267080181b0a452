// The server's WAL checkpoints on a worker thread: the main connection no longer copies the log
// into the database file at commit; the worker does, within a second or two; and if the worker
// cannot run, the main connection checkpoints again as SQLite does by default.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startWalCheckpointer } from './walCheckpointer.js';

const dirs: string[] = [];
function freshDb(): { sqlite: SqliteDatabase.Database; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qudi-wal-'));
  dirs.push(dir);
  const file = path.join(dir, 'qudi.db');
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.exec('create table probe (id integer primary key, body text not null)');
  return { sqlite, file };
}

/** Writes about 8 MB in one transaction: well past SQLite's 1,000-page checkpoint threshold. */
function writeLots(sqlite: SqliteDatabase.Database): void {
  const insert = sqlite.prepare('insert into probe (body) values (?)');
  sqlite.transaction(() => {
    for (let i = 0; i < 4000; i++) insert.run('取'.repeat(700) + i);
  })();
}

afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('background WAL checkpoints', () => {
  it('leave the commit to the log and copy it into the database file on the worker', async () => {
    const { sqlite, file } = freshDb();
    const checkpointer = startWalCheckpointer(sqlite, file, 100);
    try {
      expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      const before = fs.statSync(file).size;
      writeLots(sqlite);
      await vi.waitFor(() => expect(fs.statSync(file).size).toBeGreaterThan(before + 4_000_000), { timeout: 10_000, interval: 50 });
      expect(sqlite.prepare('select count(*) as n from probe').get()).toEqual({ n: 4000 });
    } finally {
      await checkpointer.stop();
    }
    // Stopped: the connection checkpoints at commit again.
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    sqlite.close();
  });

  it('hand the checkpoints back to the connection when the worker cannot run', async () => {
    const { sqlite } = freshDb();
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      // A database file the worker cannot open: it fails at once.
      const checkpointer = startWalCheckpointer(sqlite, path.join(os.tmpdir(), 'qudi-wal-missing', 'none.db'), 100);
      await vi.waitFor(() => expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000), { timeout: 10_000, interval: 50 });
      expect(error.mock.calls.flat().join(' ')).toContain('WAL 检查点线程已停止');
      await checkpointer.stop();
    } finally {
      error.mockRestore();
      sqlite.close();
    }
  });

  it('do not keep a process alive that has nothing else to do', () => {
    const { sqlite, file } = freshDb();
    sqlite.close();
    const module = pathToFileURL(fileURLToPath(new URL('./walCheckpointer.ts', import.meta.url))).href;
    const script = `import Db from 'better-sqlite3'; const { startWalCheckpointer } = await import(${JSON.stringify(module)});
      const db = new Db(${JSON.stringify(file)}); startWalCheckpointer(db, ${JSON.stringify(file)}, 100);`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: process.cwd(), timeout: 20_000, encoding: 'utf8' });
    expect(run.error, run.stderr).toBeUndefined(); // a timeout: the worker kept the process running
    expect(run.status, run.stderr).toBe(0);
  });
});
