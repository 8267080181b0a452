import { describe, expect, it } from 'vitest';
import { checkDraw, drawSample, eligibleSha256, newSeed, rankKey } from './draw.js';
import { DRAW_ALGORITHM, sampleSize } from '../../domain/acceptance.js';

const ids = (n: number) => Array.from({ length: n }, (_, i) => i * 3 + 10);

describe('the spot-check draw (sha256-rank-v1)', () => {
  it('sizes the sample: the share rounded up, at least the minimum, never more than there are', () => {
    expect(sampleSize(23, 20, 3)).toBe(5); // 4.6 → 5
    expect(sampleSize(10, 20, 3)).toBe(3); // the minimum
    expect(sampleSize(2, 20, 3)).toBe(2); // all there are
    expect(sampleSize(0, 20, 3)).toBe(0);
    expect(sampleSize(100, 100, 0)).toBe(100);
  });

  it('ranks by SHA-256 of "seed:id", so the published vector can be checked by hand', () => {
    // echo -n "00112233445566778899aabbccddeeff:42" | sha256sum
    expect(rankKey('00112233445566778899aabbccddeeff', 42)).toBe('7b3b098f58012e7d32d1b88bb5c8c546db559a7456e83c682c425606378d844d');
    expect(eligibleSha256([3, 5, 8])).toBe(eligibleSha256([3, 5, 8]));
    expect(eligibleSha256([3, 5, 8])).not.toBe(eligibleSha256([3, 5, 9]));
  });

  it('draws the same sample from the same seed, a different one from another seed', () => {
    const p = { seed: 'a1b2c3', eligibleIds: ids(50), chosenIds: [], sharePercent: 20, minimum: 3 };
    const once = drawSample(p);
    expect(once).toHaveLength(10);
    expect(drawSample(p)).toEqual(once);
    expect(new Set(once.map((s) => s.id)).size).toBe(10);
    expect(drawSample({ ...p, seed: 'a1b2c4' }).map((s) => s.id)).not.toEqual(once.map((s) => s.id));
    // The sample does not depend on the order the ids were listed in, only on the seed.
    expect(drawSample({ ...p, eligibleIds: [...p.eligibleIds].reverse() }).map((s) => s.id).sort()).toEqual(once.map((s) => s.id).sort());
  });

  it('puts the chosen sites first and draws only the rest; a chosen site outside the eligible list is added', () => {
    const p = { seed: newSeed(), eligibleIds: ids(20), chosenIds: [13, 999], sharePercent: 20, minimum: 0 };
    const sample = drawSample(p);
    expect(sample.slice(0, 2)).toEqual([{ id: 13, how: 'chosen' }, { id: 999, how: 'chosen' }]);
    // n = 4, one eligible chosen: three drawn, none of them the chosen one.
    expect(sample.filter((s) => s.how === 'random')).toHaveLength(3);
    expect(sample.filter((s) => s.id === 13)).toHaveLength(1);
  });

  it('spreads over the whole list: across seeds every workshop is drawn about as often', () => {
    const hits = new Map<number, number>();
    const eligible = ids(10);
    for (let i = 0; i < 2000; i++) for (const s of drawSample({ seed: `seed-${i}`, eligibleIds: eligible, chosenIds: [], sharePercent: 30, minimum: 0 })) hits.set(s.id, (hits.get(s.id) ?? 0) + 1);
    // 2000 draws × 3 of 10: each about 600.
    for (const id of eligible) expect(hits.get(id)).toBeGreaterThan(500);
    for (const id of eligible) expect(hits.get(id)).toBeLessThan(700);
  });

  it('checks a recorded draw: it reproduces; a changed sample, list or seed does not', () => {
    const params = { seed: newSeed(), eligibleIds: ids(30), chosenIds: [16], sharePercent: 20, minimum: 2 };
    const record = { ...params, algorithm: DRAW_ALGORITHM, eligibleSha256: eligibleSha256(params.eligibleIds), sample: drawSample(params).map((s) => ({ enterpriseId: s.id, how: s.how })) };
    expect(checkDraw(record)).toEqual([]);
    const swapped = record.eligibleIds.find((id) => !record.sample.some((s) => s.enterpriseId === id))!;
    expect(checkDraw({ ...record, sample: [...record.sample.slice(0, -1), { enterpriseId: swapped, how: 'random' }] })[0]).toContain('不一致');
    expect(checkDraw({ ...record, eligibleIds: record.eligibleIds.slice(1) }).join()).toContain('校验值不符');
    expect(checkDraw({ ...record, seed: newSeed() }).join()).toContain('不一致');
    expect(checkDraw({ ...record, algorithm: 'v0' })[0]).toContain('不认识');
  });
});
