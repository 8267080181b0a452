// A fresh database per test file on the database named by QUDI_TEST_DB (sqlite | postgres): on
// SQLite a new file migrated in a temporary DATA_DIR, on PostgreSQL a copy of the template database
// that pgGlobalSetup.ts migrated once (CREATE DATABASE … TEMPLATE).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { ensureDefaultCampaign } from '../../commands/installCampaign.js';
import { loadConfig, type Config } from '../../config.js';
import type { AppContext } from '../../context.js';
import { connect } from '../../db/connect.js';
import { migrateToLatest } from '../../db/migrate.js';
import { closeReadWorker } from '../../db/readers.js';
import { LocalStorage } from '../../storage/local.js';
import { S3Storage } from '../../storage/s3.js';
import type { BlobStorage } from '../../storage/types.js';
import { parseStorageUrl } from '../../storage/url.js';

export const TEST_DB = (process.env.QUDI_TEST_DB ?? 'sqlite') as 'sqlite' | 'postgres';

/** True when this suite cannot run here (PostgreSQL absent outside CI); use with describe.skipIf. */
export function dbUnavailable(): boolean {
  return TEST_DB === 'postgres' && !inject('pgTemplate');
}

export interface TestAppOptions {
  /** Evidence files in S3-compatible storage (e.g. an s3rver peer's storageUrl) instead of DATA_DIR/files. */
  storageUrl?: string;
  /** Configuration changed for this app, e.g. small evidence limits. */
  config?: Partial<Config>;
}

export async function freshContext(opts: TestAppOptions = {}): Promise<{ ctx: AppContext; drop: () => Promise<void> }> {
  const config = { ...loadConfig({ ...process.env, DATABASE_URL: '', DATA_DIR: '', STORAGE_URL: '' }), ...opts.config };
  // One temporary DATA_DIR per test file: the SQLite database (on SQLite) and the evidence files.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qudi-test-'));
  const storage: BlobStorage = opts.storageUrl ? new S3Storage(parseStorageUrl(opts.storageUrl)) : new LocalStorage(path.join(dir, 'files'));
  const removeDir = () => fs.rmSync(dir, { recursive: true, force: true });
  if (TEST_DB === 'postgres') {
    const template = inject('pgTemplate');
    const adminUrl = inject('pgAdminUrl');
    const pid = template.replace('qudi_tpl_', '');
    const name = `qudi_t_${pid}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    await admin.end();
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    const { db, dialect } = connect({ dataDir: '', databaseUrl: u.toString(), poolSize: 4 });
    return {
      ctx: { db, dialect, storage, config: { ...config, dataDir: dir, databaseUrl: u.toString() } },
      drop: async () => {
        await db.destroy();
        await storage.close();
        await dropPgDatabase(name);
        removeDir();
      },
    };
  }
  const { db, dialect } = connect({ dataDir: dir });
  await migrateToLatest(db, dialect);
  await ensureDefaultCampaign({ db });
  return {
    ctx: { db, dialect, storage, config: { ...config, dataDir: dir } },
    drop: async () => {
      await closeReadWorker(db);
      await db.destroy();
      await storage.close();
      removeDir();
    },
  };
}

/**
 * Drops a test database on the PostgreSQL server. pg's pool.end() resolves before its sockets have
 * closed; forcing the drop at once would kill those sessions mid-goodbye, which pg reports as an
 * error (57P01) in whatever still holds them. So it waits for them to leave first.
 */
export async function dropPgDatabase(name: string): Promise<void> {
  const a = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await a.connect();
  try {
    for (let i = 0; i < 40; i++) {
      const { rows } = await a.query<{ n: string }>('SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1', [name]);
      if (Number(rows[0].n) === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await a.end();
  }
}

