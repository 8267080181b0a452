import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distanceMetres } from './geo.js';
import {
  accountKey,
  gridCell,
  gridCellsAround,
  LIKELY_SAME_SITE,
  likeness,
  operatorKey,
  proximity,
  SAME_SITE_RADIUS_M,
  siteFeatures,
  type SiteRecord,
} from './sameSite.js';

const toFullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

const NAMES = ['宏达塑料颗粒', '鑫源洗选', '李庄废塑料造粒', '南石村塑料颗粒', 'ABC洗沙', '王记再生', '东洼小电镀'];
const SUFFIXES = ['', '厂', '加工点', '作坊', '加工厂', '有限公司'];
const PEOPLE = ['张伟', '李志强', '刘德明', '', '无'];

const point = fc.record({ lat: fc.double({ min: 34.9, max: 35.2, noNaN: true }), lng: fc.double({ min: 117.3, max: 117.6, noNaN: true }) });
const record: fc.Arbitrary<SiteRecord> = fc.record({
  name: fc.tuple(fc.constantFrom(...NAMES), fc.constantFrom(...SUFFIXES)).map(([n, s]) => n + s),
  phone: fc.constantFrom('13241101026', '0632-1234567', '', '1234'),
  contactPerson: fc.constantFrom(...PEOPLE),
  powerAccount: fc.constantFrom('3704060101', '3704060110', '', '12'),
  lat: fc.option(point.map((p) => p.lat), { nil: null }),
  lng: fc.option(point.map((p) => p.lng), { nil: null }),
});

describe('the likeness of two sites (改头换面)', () => {
  it('is symmetric, in score and in reasons', () => {
    fc.assert(
      fc.property(record, record, (a, b) => {
        const ab = likeness(siteFeatures(a), siteFeatures(b));
        const ba = likeness(siteFeatures(b), siteFeatures(a));
        expect(ba.score).toBe(ab.score);
        expect(ba.reasons).toEqual(ab.reasons);
      }),
    );
  });

  it('never falls as two places come closer (the other signs held)', () => {
    fc.assert(
      fc.property(record, record, point, fc.double({ min: 0, max: 1, noNaN: true }), (a, b, p, t) => {
        // b moved along the line from where it is towards a: closer, never farther.
        const fa = siteFeatures({ ...a, lat: p.lat, lng: p.lng });
        const far = { lat: p.lat + 0.004, lng: p.lng + 0.003 };
        const near = { lat: far.lat + (p.lat - far.lat) * t, lng: far.lng + (p.lng - far.lng) * t };
        expect(distanceMetres(near, p)).toBeLessThanOrEqual(distanceMetres(far, p) + 1e-6);
        const sFar = likeness(fa, siteFeatures({ ...b, ...far })).score;
        const sNear = likeness(fa, siteFeatures({ ...b, ...near })).score;
        expect(sNear).toBeGreaterThanOrEqual(sFar);
      }),
    );
    expect(proximity(0)).toBe(1);
    expect(proximity(SAME_SITE_RADIUS_M)).toBe(0);
    expect(proximity(100)).toBeGreaterThan(proximity(200));
  });

  it('stays in [0, 1] and only rises with another sign in common', () => {
    fc.assert(
      fc.property(record, record, (a, b) => {
        const s = likeness(siteFeatures(a), siteFeatures(b)).score;
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        const withPhone = likeness(siteFeatures({ ...a, phone: '13900000001' }), siteFeatures({ ...b, phone: '13900000001' })).score;
        const withoutPhone = likeness(siteFeatures({ ...a, phone: '' }), siteFeatures({ ...b, phone: '' })).score;
        expect(withPhone).toBeGreaterThanOrEqual(withoutPhone);
      }),
    );
  });

  it('reads full-width characters, spaces and suffixes such as 加工点/厂/作坊 as the same name', () => {
    fc.assert(
      fc.property(record, fc.constantFrom(...NAMES), fc.constantFrom(...SUFFIXES), fc.constantFrom(...SUFFIXES), (other, name, s1, s2) => {
        const plain = likeness(siteFeatures({ ...other, name: name + s1 }), siteFeatures(other)).score;
        const dressed = likeness(siteFeatures({ ...other, name: ` ${toFullWidth(name)} ${s2}` }), siteFeatures(other)).score;
        expect(dressed).toBe(plain);
      }),
    );
    expect(siteFeatures({ name: 'ＡＢＣ洗沙加工点' }).nameKey).toBe(siteFeatures({ name: 'abc洗沙厂' }).nameKey);
    expect(siteFeatures({ phone: '１３２４１１０１０２６' }).phone).toBe(siteFeatures({ phone: '132 4110 1026' }).phone);
    expect(accountKey('户号：３７０４ ０６０１０１')).toBe('3704060101');
    expect(operatorKey(' 张 伟 ')).toBe(operatorKey('张伟'));
    expect(operatorKey('无')).toBe('');
  });

  it('finds the comeback under a new name: same place and operator, other name', () => {
    const shut = siteFeatures({ name: '孙某某废塑料造粒厂', contactPerson: '孙大勇', phone: '', lat: 35.0612, lng: 117.4531 });
    const back = siteFeatures({ name: '北岭村环保再生资源回收站', contactPerson: '孙大勇', phone: '', lat: 35.0613, lng: 117.4533 });
    const result = likeness(shut, back);
    expect(result.score).toBeGreaterThanOrEqual(LIKELY_SAME_SITE);
    expect(result.reasons.map((r) => r.kind).sort()).toEqual(['distance', 'operator']);
    // The operator's name alone (another place, another name) is not enough to list.
    const elsewhere = siteFeatures({ name: '其他加工点', contactPerson: '孙大勇', lat: 35.2, lng: 117.2 });
    expect(likeness(shut, elsewhere).score).toBeLessThan(LIKELY_SAME_SITE);
    // A power account or a phone alone is.
    expect(likeness(siteFeatures({ powerAccount: '3704060101' }), siteFeatures({ powerAccount: '3704-060-101' })).score).toBeGreaterThanOrEqual(LIKELY_SAME_SITE);
    expect(likeness(siteFeatures({ phone: '13241101026' }), siteFeatures({ phone: '132-4110-1026' })).score).toBeGreaterThanOrEqual(LIKELY_SAME_SITE);
  });
});

describe('the grid that finds places near a point by index', () => {
  it('holds every point within the radius in the cells it names', () => {
    fc.assert(
      fc.property(point, fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(300, 1000), (p, angle, f, radius) => {
        const metres = radius * f * 0.999;
        const q = { lat: p.lat + (metres * Math.cos(angle)) / 111_320, lng: p.lng + (metres * Math.sin(angle)) / (111_320 * Math.cos((p.lat * Math.PI) / 180)) };
        if (distanceMetres(p, q) > radius) return;
        const cells = gridCellsAround(p, radius);
        const c = gridCell(q);
        expect(cells.rows).toContain(c.row);
        expect(c.col).toBeGreaterThanOrEqual(cells.colFrom);
        expect(c.col).toBeLessThanOrEqual(cells.colTo);
      }),
    );
  });

  it('reads a few cells for the same-site radius', () => {
    const cells = gridCellsAround({ lat: 35.06, lng: 117.45 }, SAME_SITE_RADIUS_M);
    expect(cells.rows.length).toBeLessThanOrEqual(3);
    expect(cells.colTo - cells.colFrom + 1).toBeLessThanOrEqual(3);
  });
});
