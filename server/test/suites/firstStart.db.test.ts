// Two servers started together on an empty database (an orchestrator starting two replicas on
// first deploy): both come up, the campaign and the administrator are created once, and exactly
// one of them prints the administrator's password (issue 18).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../fixtures/net.js';
import { dbUnavailable, TEST_DB } from '../setup/app.js';
import { dropPgDatabase } from '../setup/database.js';

const packageDir = path.join(import.meta.dirname, '..', '..', '..');

/** `qudi start` in a child process; resolves with its output once it listens (or exits). */
function start(env: NodeJS.ProcessEnv): { ready: Promise<{ listening: boolean; out: string }>; stop: () => void } {
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), path.join(packageDir, 'server', 'cli.ts'), 'start'], { env, cwd: packageDir });
  let out = '';
  const ready = new Promise<{ listening: boolean; out: string }>((resolve) => {
    const seen = (chunk: Buffer) => {
      out += chunk.toString();
      // The last line `qudi start` prints once it listens (after the password, when it printed one).
      if (/Qudi 已启动/.test(out)) resolve({ listening: true, out });
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    child.on('exit', () => resolve({ listening: false, out }));
  });
  return { ready, stop: () => child.kill('SIGKILL') };
}

describe.skipIf(dbUnavailable())(`first start (${TEST_DB})`, () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('two servers started together on an empty database both come up; one administrator, one password printed', async () => {
    const dataDirs = [0, 1].map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'qudi-first-')));
    cleanups.push(() => dataDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
    let databaseUrl = '';
    if (TEST_DB === 'postgres') {
      const adminUrl = inject('pgAdminUrl');
      const name = `qudi_first_${randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name} LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0`);
      await admin.end();
      const u = new URL(adminUrl);
      u.pathname = `/${name}`;
      databaseUrl = u.toString();
      cleanups.push(() => dropPgDatabase(name));
    } else {
      // On SQLite both share one data directory (one database file), as two processes on one host would.
      dataDirs[1] = dataDirs[0];
    }
    const servers = await Promise.all(
      dataDirs.map(async (dataDir) => start({ ...process.env, DATA_DIR: dataDir, DATABASE_URL: databaseUrl, STORAGE_URL: '', PORT: String(await freePort()), HOST: '127.0.0.1', LOG_LEVEL: 'info' })),
    );
    for (const s of servers) cleanups.push(s.stop);
    const results = await Promise.all(servers.map((s) => s.ready));
    for (const r of results) expect(r.listening, r.out).toBe(true);
    const printed = results.filter((r) => /first administrator created/.test(r.out));
    expect(printed.length).toBe(1);

    const sqlite = TEST_DB === 'sqlite' ? (await import('better-sqlite3')).default : null;
    let counts: { users: number; campaigns: number };
    if (sqlite) {
      const db = new sqlite(path.join(dataDirs[0], 'qudi.db'), { readonly: true });
      counts = { users: (db.prepare('select count(*) n from users').get() as { n: number }).n, campaigns: (db.prepare('select count(*) n from campaigns').get() as { n: number }).n };
      db.close();
    } else {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      counts = { users: Number((await client.query('select count(*) n from users')).rows[0].n), campaigns: Number((await client.query('select count(*) n from campaigns')).rows[0].n) };
      await client.end();
    }
    expect(counts).toEqual({ users: 1, campaigns: 1 });
    for (const s of servers) s.stop();
  }, 120_000);
});
