import { describe, expect, it } from 'vitest';
import type { AcceptanceCheckRow, AcceptanceDrawRow } from '../db/schema.js';
import { checkedDrawReplaceable, passProblem } from './verdictRules.js';

const draw = (id: number, round: string, status: string, sample: number[], drawnAt = '2016-05-16T01:00:00.000Z') =>
  ({ id, round, status, sample: JSON.stringify(sample.map((s) => ({ id: s, how: 'random' }))), drawn_at: drawnAt }) as unknown as AcceptanceDrawRow;
let next = 1;
const check = (drawId: number, enterpriseId: number, verdict: 'accepted' | 'rejected') => ({ id: next++, draw_id: drawId, enterprise_id: enterpriseId, verdict }) as unknown as AcceptanceCheckRow;

describe('when a town may be passed', () => {
  it('needs the published acceptance sample checked in full and passed', () => {
    expect(passProblem('pending', [], [])).toContain('发布并完成现场检查');
    expect(passProblem('pending', [draw(1, 'initial', 'drawn', [10, 11])], [])).toContain('发布');
    const d = draw(1, 'initial', 'published', [10, 11]);
    expect(passProblem('pending', [d], [check(1, 10, 'accepted')])).toContain('还有 1 家未现场检查');
    expect(passProblem('pending', [d], [check(1, 10, 'accepted'), check(1, 11, 'rejected')])).toContain('1 家企业现场检查不通过');
    expect(passProblem('pending', [d], [check(1, 10, 'accepted'), check(1, 11, 'accepted')])).toBeNull();
  });

  it('after 限期整改, needs every site that failed before to pass in the re-inspection', () => {
    const first = draw(1, 'initial', 'published', [10, 11, 12]);
    const before = [check(1, 10, 'rejected'), check(1, 11, 'rejected'), check(1, 12, 'accepted')];
    // The re-inspection sampled only one of the two failed sites.
    const re = draw(2, 'reinspection', 'published', [10]);
    expect(passProblem('rectifying', [first, re], [...before, check(2, 10, 'accepted')])).toContain('此前现场检查不通过的 1 家企业');
    const full = draw(3, 'reinspection', 'published', [10, 11]);
    expect(passProblem('rectifying', [first, full], [...before, check(3, 10, 'accepted'), check(3, 11, 'accepted')])).toBeNull();
    // A site that failed, then passed an earlier re-inspection, is not owed again.
    const old = draw(4, 'reinspection', 'superseded', [11]);
    expect(passProblem('rectifying', [first, old, re], [...before, check(4, 11, 'accepted'), check(2, 10, 'accepted')])).toBeNull();
  });

  it('lets a checked re-inspection draw be replaced only once the town was decided again after it', () => {
    const re = draw(2, 'reinspection', 'published', [10], '2016-05-22T01:00:00.000Z');
    expect(checkedDrawReplaceable(re, null)).toBe(false);
    expect(checkedDrawReplaceable(re, '2016-05-21T01:00:00.000Z')).toBe(false);
    expect(checkedDrawReplaceable(re, '2016-05-23T01:00:00.000Z')).toBe(true);
    expect(checkedDrawReplaceable(draw(1, 'initial', 'published', [10]), '2016-05-23T01:00:00.000Z')).toBe(false);
  });
});
