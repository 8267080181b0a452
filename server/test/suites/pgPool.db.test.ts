// The server keeps running when PostgreSQL closes its idle connections (a restart, an
// administrator ending sessions): the pool reconnects for the next query.
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { dbUnavailable, setupTestApp, TEST_DB, type TestApp } from '../setup/app.js';

describe.skipIf(TEST_DB !== 'postgres' || dbUnavailable())('PostgreSQL connections closed under the pool', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await setupTestApp();
  });
  afterAll(() => t.close());

  it('logs the lost connection and answers the next request on a new one', async () => {
    const office = await t.login('office');
    expect((await office.get('/api/enterprises')).statusCode).toBe(200);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const name = new URL(t.ctx.config.databaseUrl!).pathname.slice(1);
      const admin = new pg.Client({ connectionString: inject('pgAdminUrl') });
      await admin.connect();
      const { rows } = await admin.query<{ ended: boolean }>('SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE datname = $1', [name]);
      await admin.end();
      expect(rows.length).toBeGreaterThan(0);
      // Every pooled connection's end is noticed (one warning each) before the next request: until
      // then the pool may still hand out one whose termination has not arrived yet.
      const ended = () => warn.mock.calls.filter((c) => String(c[0]).includes('57P01')).length;
      await vi.waitFor(() => expect(ended()).toBe(rows.length), { timeout: 5000 });
      const res = await office.get('/api/enterprises');
      expect(res.statusCode).toBe(200);
    } finally {
      warn.mockRestore();
    }
  });

  it('fails only the transaction whose connection is closed while it runs, and goes on', async () => {
    const office = await t.login('office');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const busy = t.ctx.db.transaction().execute(async (trx) => {
        await sql`select pg_sleep(10)`.execute(trx);
      });
      busy.catch(() => undefined);
      const admin = new pg.Client({ connectionString: inject('pgAdminUrl') });
      await admin.connect();
      try {
        const name = new URL(t.ctx.config.databaseUrl!).pathname.slice(1);
        await vi.waitFor(async () => {
          const { rows } = await admin.query<{ ended: boolean }>(`SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE datname = $1 AND query LIKE '%pg_sleep%' AND pid <> pg_backend_pid()`, [name]);
          expect(rows.length).toBe(1);
        }, { timeout: 5000 });
      } finally {
        await admin.end();
      }
      await expect(busy).rejects.toThrow();
      expect((await office.get('/api/enterprises')).statusCode).toBe(200);
    } finally {
      warn.mockRestore();
    }
  });
});
