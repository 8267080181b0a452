// The crash test's short run (bench/crash.ts; 100 kills on each database and store by hand): the
// built server is killed 5 times with SIGKILL, at random moments and at an upload's last PATCH or
// an import's confirm, while workshops are created and edited, photos uploaded and items recorded;
// after each restart nothing acknowledged is lost, imports are all or nothing, every upload is
// recorded or resumable from its acknowledged offset, and the audit chain, the dashboard counts and
// the evidence store check out.
import { describe, expect, it } from 'vitest';
import { runCrashTest } from '../bench/crash.js';

describe('crash safety (SQLite, local disk)', () => {
  it('loses nothing acknowledged across 5 kills, and every upload is recorded or resumable', async () => {
    const lines: string[] = [];
    const report = await runCrashTest({ kills: 5, db: 'sqlite', storage: 'local', seed: 18, log: (l) => lines.push(l) });
    expect(report.failures, lines.join('\n')).toEqual([]);
    expect(report.kills).toBe(5);
    expect(report.acknowledged.uploads).toBeGreaterThan(0);
    expect(report.acknowledged.workshops).toBeGreaterThan(0);
  });
});
