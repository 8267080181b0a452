// A search (its index entries, the rows they name, the page) runs on SQLite's read worker, so the
// server's own thread keeps answering other requests meanwhile (issue 13, "no request holds the
// server"); a plain list page, answered from indexes and the kept counts, stays on the main connection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnterpriseSummaryDto } from '../../../domain/api.js';
import { workerReads } from '../../db/readers.js';
import { dbUnavailable, setupTestApp, TEST_DB, type Agent, type TestApp } from '../setup/app.js';

describe.skipIf(dbUnavailable() || TEST_DB !== 'sqlite')('searches on the read worker (sqlite)', () => {
  let t: TestApp;
  let office: Agent;

  beforeAll(async () => {
    t = await setupTestApp();
    office = await t.login('office');
    await t.createWorkshop({ name: '宏达塑料颗粒加工点', address: '某村村东300米', phone: '13206328899' });
    await t.createWorkshop({ name: '鑫源洗选厂', address: '某村村西' });
  });
  afterAll(() => t.close());

  it('answers a search from the worker, with the same rows and total, and a plain page without it', async () => {
    const before = workerReads(t.ctx.db);
    const plain = (await office.get('/api/enterprises?pageSize=10')).json() as { items: EnterpriseSummaryDto[]; total: number };
    expect(plain.total).toBe(2);
    expect(workerReads(t.ctx.db)).toBe(before);

    for (const [q, names] of [['颗粒', ['宏达塑料颗粒加工点']], ['村西', ['鑫源洗选厂']], ['8899', ['宏达塑料颗粒加工点']], ['%', []]] as const) {
      const res = (await office.get(`/api/enterprises?q=${encodeURIComponent(q)}`)).json() as { items: EnterpriseSummaryDto[]; total: number };
      expect(res.items.map((e) => e.name), q).toEqual(names);
      expect(res.total, q).toBe(names.length);
    }
    // Every read of a search is on the worker: at least its matches for each of the four.
    expect(workerReads(t.ctx.db)).toBeGreaterThanOrEqual(before + 4);
  });
});
