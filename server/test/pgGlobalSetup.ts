// Migrates one PostgreSQL template database per test run; each test file clones it
// (CREATE DATABASE … TEMPLATE), so files never see each other's rows.
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { connect } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { ensureDefaultCampaign } from '../commands/installCampaign.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgTemplate: string;
    pgAdminUrl: string;
  }
}

export const PG_ADMIN_URL = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function dbUrl(admin: string, name: string): string {
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  try {
    await admin.connect();
  } catch (err) {
    const msg = `PostgreSQL is not reachable at ${PG_ADMIN_URL}: ${(err as Error).message}`;
    if (process.env.CI === 'true') throw new Error(`${msg} — the PostgreSQL suite is required in CI`);
    console.warn(`\n[postgres] ${msg}; skipping the PostgreSQL suite (set CI=true to make this fatal)\n`);
    project.provide('pgTemplate', '');
    project.provide('pgAdminUrl', PG_ADMIN_URL);
    return;
  }
  const template = `qudi_tpl_${process.pid}`;
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  // C.UTF-8 so that pg_trgm and collation behave the same for Chinese text everywhere.
  await admin.query(`CREATE DATABASE ${template} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`);
  const { db, dialect } = connect({ dataDir: '', databaseUrl: dbUrl(PG_ADMIN_URL, template), poolSize: 2 });
  await migrateToLatest(db, dialect);
  await ensureDefaultCampaign({ db });
  await db.destroy();
  project.provide('pgTemplate', template);
  project.provide('pgAdminUrl', PG_ADMIN_URL);

  return async () => {
    const left = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'qudi_t_${process.pid}_%'`);
    for (const row of left.rows) await admin.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await admin.end();
  };
}
