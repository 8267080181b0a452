// 一张图 (issue 17 §4): the map answers each reader with clusters of the workshops in its scope —
// counted per grid cell by kept counts that follow every registration, move and status change —
// and single workshops once zoomed in; the list's filters apply; layers follow their lists' scope;
// bad views are refused in Chinese.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MapAnswerDto, MapConfigDto, MapLayerDto, MapTilesDto, PublicMapDto } from '../../../domain/map.js';
import { checkDashboardCounts } from '../../repositories/dashboard.js';
import { dbUnavailable, setupTestApp, TEST_DB, type Agent, type TestApp } from '../setup/app.js';

const CHINESE = /[\u4e00-\u9fff]/;
// The whole district at zoom 9, and one village street at zoom 16.
const DISTRICT = { south: '34.5', west: '116.5', north: '35.5', east: '118.0', zoom: '9' };
const STREET = { south: '35.058', west: '117.448', north: '35.066', east: '117.46', zoom: '16' };
const qs = (v: Record<string, string>) => new URLSearchParams(v).toString();
// 高德's road tiles, as a deployment would name them (MAP_TILE_URL, four subdomains, GCJ-02).
const TILES: MapTilesDto = { url: 'https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&style=8&x={x}&y={y}&z={z}', coords: 'gcj02', attribution: '© 高德地图', subdomains: '1234', maxZoom: 18 };

describe.skipIf(dbUnavailable())(`map (${TEST_DB})`, () => {
  let t: TestApp;
  let townA: { id: number; name: string };
  let townB: { id: number; name: string };
  let office: Agent;
  let clerkA: Agent;
  const ids: Record<string, number> = {};

  const view = async (agent: Agent, v: Record<string, string>) => {
    const res = await agent.get(`/api/map/workshops?${qs(v)}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as MapAnswerDto;
  };
  const byStatus = (a: MapAnswerDto) => {
    const out: Record<string, number> = {};
    for (const c of a.clusters) for (const [s, n] of Object.entries(c.byStatus)) out[s] = (out[s] ?? 0) + n;
    return out;
  };

  beforeAll(async () => {
    t = await setupTestApp({ config: { mapTiles: TILES } });
    [townA, townB] = [t.towns[0], t.towns[1]];
    office = await t.login('office');
    clerkA = await t.login('town', townA.name);
    const at = (i: number) => ({ lat: 35.06 + i * 0.0004, lng: 117.45 + i * 0.0005 });
    ids.a1 = (await t.createWorkshop({ townName: townA.name, name: '北岭塑料颗粒厂', phone: '13900006001', ...at(0) })).id;
    ids.a2 = (await t.createWorkshop({ townName: townA.name, name: '北岭洗选点', phone: '13900006002', ...at(3), confirmedDistinctFrom: [ids.a1] })).id;
    ids.a3 = (await t.createWorkshop({ townName: townA.name, name: '南洼铸造作坊', phone: '13900006003', lat: 34.9, lng: 117.1 })).id;
    ids.b1 = (await t.createWorkshop({ townName: townB.name, name: '西岗酸洗加工点', phone: '13900006004', lat: 35.3, lng: 117.8 })).id;
    ids.unlocated = (await t.createWorkshop({ townName: townA.name, name: '无坐标印染作坊', phone: '13900006005' })).id;
    await t.shutDown(ids.a1);
  });
  afterAll(() => t.close());

  it('clusters the whole district for the office, with counts by status, and leaves out workshops without a position', async () => {
    const all = await view(office, DISTRICT);
    expect(all.mode).toBe('clusters');
    expect(all.total).toBe(4);
    expect(all.unlocated).toBe(1);
    expect(byStatus(all)).toEqual({ shut_down: 1, surveyed: 3 });
    for (const c of all.clusters) {
      expect(c.lat).toBeGreaterThanOrEqual(c.south);
      expect(c.lat).toBeLessThanOrEqual(c.north);
    }
    // The two neighbours in one cell at this zoom, drawn at their mean position.
    const pair = all.clusters.find((c) => c.n === 2)!;
    expect(pair.lat).toBeCloseTo(35.06 + 0.0006, 5);
    expect(await checkDashboardCounts(t.ctx.db)).toEqual({ mismatches: [], triggersOff: false });
  });

  it('shows a town only its own workshops, in clusters and as points', async () => {
    const a = await view(clerkA, DISTRICT);
    expect(a.total).toBe(3);
    expect(a.unlocated).toBe(1);
    const points = await view(clerkA, { south: '34.89', west: '117.09', north: '35.07', east: '117.46', zoom: '15' });
    expect(points.mode).toBe('points');
    expect(points.points.map((p) => p.id).sort()).toEqual([ids.a1, ids.a2, ids.a3].sort());
    expect(JSON.stringify(points)).not.toContain('西岗');
    // The same zoom over a view too wide to list one by one: clusters, never thousands of points.
    expect((await view(clerkA, { ...DISTRICT, zoom: '15' })).mode).toBe('clusters');
  });

  it('places each town in scope at its workshops’ mean position, and names the configured tile server', async () => {
    const config = (await office.get('/api/map/config')).json() as MapConfigDto;
    expect(config.tiles).toEqual(TILES);
    expect(config.towns.map((x) => [x.name, x.n])).toEqual([[townA.name, 3], [townB.name, 1]]);
    // The first view holds every located workshop: 34.9–35.3°N, 117.1–117.8°E.
    expect(config.extent!.south).toBeLessThanOrEqual(34.9);
    expect(config.extent!.north).toBeGreaterThanOrEqual(35.3);
    expect(config.extent!.west).toBeLessThanOrEqual(117.1);
    expect(config.extent!.east).toBeGreaterThan(117.8);
    expect(config.layers).toEqual(['tips', 'patrols', 'operations']);
    const own = (await clerkA.get('/api/map/config')).json() as MapConfigDto;
    expect(own.towns.map((x) => x.name)).toEqual([townA.name]);
  });

  it('lets the browser load the tiles from the tile server’s hosts, and from no other', async () => {
    const res = await t.anonymous.get('/api/public/map');
    const imgSrc = String(res.headers['content-security-policy']).split(';').find((d) => d.trim().startsWith('img-src'))!;
    expect(imgSrc.trim().split(/\s+/).slice(1)).toEqual(["'self'", 'data:', 'blob:', ...['1', '2', '3', '4'].map((n) => `https://webrd0${n}.is.autonavi.com`)]);
  });

  it('gives the public tip page the tile server and the district’s rough extent, and nothing about any workshop', async () => {
    const res = await t.anonymous.get('/api/public/map');
    expect(res.statusCode, res.body).toBe(200);
    const map = res.json() as PublicMapDto;
    expect(Object.keys(map).sort()).toEqual(['extent', 'tiles']);
    expect(map.tiles).toEqual(TILES);
    // Whole cells of 0.32°: the district, not where any workshop stands.
    const e = map.extent!;
    for (const v of Object.values(e)) expect(Math.abs(v / 0.32 - Math.round(v / 0.32))).toBeLessThan(1e-6);
    expect(e.south).toBeLessThanOrEqual(34.9);
    expect(e.north).toBeGreaterThanOrEqual(35.3);
    expect(e.east - e.west).toBeGreaterThanOrEqual(0.64);
  });

  it('gives single workshops when zoomed in, with name, status and position', async () => {
    const street = await view(office, STREET);
    expect(street.mode).toBe('points');
    expect(street.points.map((p) => [p.id, p.status]).sort()).toEqual([[ids.a1, 'shut_down'], [ids.a2, 'surveyed']].sort());
    expect(street.points.find((p) => p.id === ids.a1)).toMatchObject({ name: '北岭塑料颗粒厂', lat: 35.06, lng: 117.45 });
  });

  it('applies the list’s filters: town, status, and a search term (counted over the register)', async () => {
    expect((await view(office, { ...DISTRICT, town: String(townB.id) })).total).toBe(1);
    expect((await view(office, { ...DISTRICT, status: 'shut_down' })).total).toBe(1);
    const searched = await view(office, { ...DISTRICT, q: '北岭' });
    expect(searched.total).toBe(2);
    expect(searched.unlocated).toBeNull();
    // A town outside the reader's scope finds nothing.
    expect((await view(clerkA, { ...DISTRICT, town: String(townB.id) })).total).toBe(0);
  });

  it('follows a move and a status change through the kept counts', async () => {
    const res = await office.get(`/api/enterprises/${ids.a3}`);
    const before = res.json() as { version: number };
    const patched = await office.patch(`/api/enterprises/${ids.a3}`, { version: before.version, lat: 35.25, lng: 117.75 });
    expect(patched.statusCode, patched.body).toBe(200);
    const moved = await view(office, { south: '35.2', west: '117.7', north: '35.35', east: '117.85', zoom: '12' });
    expect(moved.total).toBe(2);
    expect(await checkDashboardCounts(t.ctx.db)).toEqual({ mismatches: [], triggersOff: false });
  });

  it('answers the layers as their lists would: the office sees tips and operations, a department no tips', async () => {
    const tips = await office.get(`/api/map/tips?${qs({ south: '34', west: '116', north: '36', east: '118', zoom: '9' })}`);
    expect(tips.statusCode, tips.body).toBe(200);
    expect((tips.json() as MapLayerDto).layer).toBe('tips');
    const ops = await office.get(`/api/map/operations?${qs({ south: '34', west: '116', north: '36', east: '118', zoom: '9' })}`);
    expect(ops.statusCode, ops.body).toBe(200);
    const power = await t.login('department', 'power_office');
    expect((await power.get(`/api/map/tips?${qs({ south: '34', west: '116', north: '36', east: '118', zoom: '9' })}`)).statusCode).toBe(403);
  });

  it('refuses a bad view with a Chinese problem', async () => {
    for (const bad of [
      { ...DISTRICT, zoom: '30' },
      { ...DISTRICT, south: '36', north: '35' },
      { ...DISTRICT, west: '1e2' },
      { ...DISTRICT, extra: '1' },
      { south: '34', west: '116', north: '35' },
    ]) {
      const res = await office.get(`/api/map/workshops?${qs(bad as Record<string, string>)}`);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json().detail).toMatch(CHINESE);
    }
    expect((await t.anonymous.get(`/api/map/workshops?${qs(DISTRICT)}`)).statusCode).toBe(401);
  });
});
