import { describe, expect, it } from 'vitest';
import { cellAt, clustersOf, levelForView, levelForZoom, MAP_LEVELS, MAX_CELLS, cellsSpanned, tileOrigins, viewCells } from './map.js';

describe('map levels', () => {
  it('reads coarser cells as the map zooms out, and single workshops from street scale', () => {
    const levels = Array.from({ length: 20 }, (_, i) => levelForZoom(i + 1));
    for (let i = 1; i < levels.length; i++) {
      const [a, b] = [levels[i - 1], levels[i]];
      if (a !== null && b !== null) expect(b).toBeLessThanOrEqual(a);
    }
    expect(levelForZoom(9)).toBe(64);
    expect(levelForZoom(14)).toBe(1);
    expect(levelForZoom(15)).toBeNull();
    expect(MAP_LEVELS).toEqual([1, 4, 16, 64, 256]);
  });

  it('never answers more than MAX_CELLS cells unless the coarsest level is reached', () => {
    const province = viewCells({ south: 30, west: 110, north: 40, east: 125 });
    const level = levelForView(14, province)!;
    expect(cellsSpanned(province, level)).toBeLessThanOrEqual(MAX_CELLS);
    expect(levelForView(16, province)).not.toBeNull();
    expect(levelForView(16, viewCells({ south: 35.05, west: 117.44, north: 35.07, east: 117.46 }))).toBeNull();
  });

  it('rounds cells down on both sides of zero, as the database does', () => {
    expect([cellAt(5, 4), cellAt(-1, 4), cellAt(-4, 4), cellAt(-5, 4)]).toEqual([1, -1, -1, -2]);
  });

  it('puts one cluster per cell at its workshops’ mean position, with counts by status', () => {
    const clusters = clustersOf(
      [
        { row: 10, col: 20, status: 'surveyed', n: 2, sumLat: 2 * 0.052, sumLng: 2 * 0.101 },
        { row: 10, col: 20, status: 'shut_down', n: 1, sumLat: 0.055, sumLng: 0.104 },
        { row: 11, col: 20, status: 'surveyed', n: 0, sumLat: 0, sumLng: 0 },
      ],
      1,
    );
    expect(clusters).toEqual([{ lat: 0.053, lng: 0.102, n: 3, byStatus: { surveyed: 2, shut_down: 1 }, south: 0.05, west: 0.1, north: 0.055, east: 0.105 }]);
  });
});

describe('tile origins (what the Content-Security-Policy lets the map load)', () => {
  it('expands {s} with each subdomain letter, as Leaflet does, and keeps the port', () => {
    expect(tileOrigins({ url: 'https://t{s}.tianditu.gov.cn/vec_w/wmts?tk=abc&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}', subdomains: '012' })).toEqual([
      'https://t0.tianditu.gov.cn',
      'https://t1.tianditu.gov.cn',
      'https://t2.tianditu.gov.cn',
    ]);
    expect(tileOrigins({ url: 'http://10.1.2.3:8080/tiles/{z}/{x}/{y}.png', subdomains: 'abc' })).toEqual(['http://10.1.2.3:8080']);
  });
  it('refuses a template that is no URL', () => {
    expect(() => tileOrigins({ url: 'tiles/{z}/{x}/{y}.png', subdomains: 'abc' })).toThrow();
  });
});
