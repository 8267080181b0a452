// PostgreSQL: parameterised statements go as named prepared statements, parsed once per connection
// (server/db/connect.ts), unless PG_PREPARED_STATEMENTS=off; answers are the same either way.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Db } from '../../db/connect.js';
import { dbUnavailable, setupTestApp, TEST_DB, type TestApp } from '../setup/app.js';

describe.skipIf(dbUnavailable() || TEST_DB !== 'postgres')('prepared statements (postgres)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await setupTestApp();
  });
  afterAll(() => t.close());

  /** Runs one parameterised select twice on one connection; answers its rows and the connection's prepared statements. */
  async function twiceOnOneConnection(opened: Db) {
    return opened.db.transaction().execute(async (trx) => {
      const run = () => trx.selectFrom('org_units').select(['id', 'name']).where('kind', '=', 'town').orderBy('id').execute();
      const first = await run();
      const second = await run();
      const prepared = await sql<{ name: string }>`select name from pg_prepared_statements`.execute(trx);
      return { first, second, names: prepared.rows.map((r) => r.name) };
    });
  }

  it('prepares a statement once per connection and answers the same; off sends it unnamed', async () => {
    const url = t.ctx.config.databaseUrl!;
    const on = connect({ dataDir: '', databaseUrl: url, poolSize: 1 });
    const off = connect({ dataDir: '', databaseUrl: url, poolSize: 1, preparedStatements: false });
    try {
      const a = await twiceOnOneConnection(on);
      const b = await twiceOnOneConnection(off);
      expect(a.first).toEqual(a.second);
      expect(a.first).toEqual(b.first);
      expect(a.first.length).toBe(t.towns.length);
      expect(a.names.filter((n) => n.startsWith('q_'))).toHaveLength(1);
      expect(b.names).toEqual([]);
    } finally {
      await on.db.destroy();
      await off.db.destroy();
    }
  });
});
