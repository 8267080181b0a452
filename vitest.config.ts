import { defineConfig } from 'vitest/config';

// Four tiers, each a project: `unit` (domain, policies, the web's pure logic; no database), `sqlite` and `postgres`
// (the same route and repository suites, once per database), `e2e` (headless Chromium). Every answer
// the suites and e2e receive is checked against the route's declared contract (QUDI_CONTRACT=strict).
const dbSuites = ['server/**/*.db.test.ts'];

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['domain/**/*.test.ts', 'server/**/*.unit.test.ts', 'web/**/*.test.ts', 'contract/**/*.test.ts'] } },
      { test: { name: 'sqlite', include: dbSuites, env: { QUDI_TEST_DB: 'sqlite', QUDI_CONTRACT: 'strict' }, testTimeout: 30_000, hookTimeout: 60_000 } },
      {
        test: {
          name: 'postgres',
          include: dbSuites,
          env: { QUDI_TEST_DB: 'postgres', QUDI_CONTRACT: 'strict' },
          globalSetup: ['server/test/pgGlobalSetup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      // A loaded 2-core CI machine can take seconds to repaint; polls wait up to 15 s.
      { test: { name: 'e2e', include: ['e2e/**/*.test.ts'], testTimeout: 180_000, hookTimeout: 180_000, fileParallelism: false, expect: { poll: { timeout: 15_000, interval: 100 } } } },
    ],
  },
});
