import { describe, expect, it } from 'vitest';
import { GCJ02, WGS84 } from './projection.js';

describe('map projections', () => {
  it('shifts a position in China to GCJ-02 by a few hundred metres, and back to within a metre', () => {
    const [lat, lng] = GCJ02.show(35.06, 117.45);
    const metres = Math.hypot((lat - 35.06) * 111_000, (lng - 117.45) * 111_000 * Math.cos((35.06 * Math.PI) / 180));
    expect(metres).toBeGreaterThan(100);
    expect(metres).toBeLessThan(1000);
    const [lat2, lng2] = GCJ02.back(lat, lng);
    expect(Math.abs(lat2 - 35.06) * 111_000).toBeLessThan(1);
    expect(Math.abs(lng2 - 117.45) * 111_000).toBeLessThan(1);
    expect(WGS84.show(35.06, 117.45)).toEqual([35.06, 117.45]);
  });
});
