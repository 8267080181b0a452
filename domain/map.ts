// 一张图 (issue 17 §4): the district map's clusters and points, and the rule both sides use to pick
// the grid level for a zoom. The server clusters on the grid of migration 035 (cells of
// GRID_DEGREES, the `enterprises.geo_row/geo_col` columns) and keeps counts per cell at coarser
// levels (migration 038, a cell of level f holds f × f base cells), so a map of the whole district
// reads a few hundred kept rows, never the register.
import { z } from './zod.js';
import { unitRef } from './params.js';
import { GRID_DEGREES } from './sameSite.js';
import { STATUSES } from './status.js';

export { GRID_DEGREES };

/** The kept levels: a level-f cell is f × f base cells (0.005° → 0.02° → 0.08° → 0.32° → 1.28°). */
export const MAP_LEVELS = [1, 4, 16, 64, 256] as const;
export type MapLevel = (typeof MAP_LEVELS)[number];

/** Clusters about this many screen pixels apart. */
const CLUSTER_PIXELS = 72;
/** From this zoom on, the map shows each workshop rather than cells (a village at street scale). */
export const POINTS_FROM_ZOOM = 15;
/** At most this many points in one answer; past it the view is answered with the finest cells (a phone cannot tell 800 dots apart anyway). */
export const MAX_POINTS = 800;

/** The level whose cells are about CLUSTER_PIXELS wide at Leaflet's `zoom` (256-pixel tiles), or null for points. */
export function levelForZoom(zoom: number): MapLevel | null {
  if (zoom >= POINTS_FROM_ZOOM) return null;
  const wanted = (CLUSTER_PIXELS * 360) / (256 * 2 ** zoom);
  // The level whose cell is nearest the wanted size, on a log scale (the levels are ×4 apart).
  let best: MapLevel = MAP_LEVELS[0];
  for (const f of MAP_LEVELS) if (Math.abs(Math.log((f * GRID_DEGREES) / wanted)) < Math.abs(Math.log((best * GRID_DEGREES) / wanted))) best = f;
  return best;
}

/** Floor division as the database computes a cell's row or column at a level (also for negatives). */
export function cellAt(base: number, level: number): number {
  return Math.floor(base / level);
}

/** A decimal degree written in a URL: `-12.345` — no exponent, hex or blanks. */
const coordinate = (what: string, min: number, max: number) =>
  z
    .string({ error: `缺少${what}` })
    .regex(/^-?\d{1,3}(\.\d{1,15})?$/, { error: `${what}必须是十进制度数，如 34.56` })
    .transform(Number)
    .pipe(z.number().min(min, { error: `${what}超出范围` }).max(max, { error: `${what}超出范围` }));

/** The view: Leaflet's bounds and zoom. */
const viewFields = {
  south: coordinate('南边纬度', -90, 90),
  west: coordinate('西边经度', -180, 180),
  north: coordinate('北边纬度', -90, 90),
  east: coordinate('东边经度', -180, 180),
  zoom: z
    .string({ error: '缺少缩放级别' })
    .regex(/^\d{1,2}$/, { error: '缩放级别必须是 1 到 20 的整数' })
    .transform(Number)
    .pipe(z.number().min(1, { error: '缩放级别必须是 1 到 20 的整数' }).max(20, { error: '缩放级别必须是 1 到 20 的整数' })),
};

const viewChecks = <T extends { south: number; north: number; west: number; east: number }>(v: T, ctx: z.RefinementCtx) => {
  if (v.south > v.north) ctx.addIssue({ code: 'custom', path: ['south'], message: '南边纬度不能大于北边纬度' });
  if (v.west > v.east) ctx.addIssue({ code: 'custom', path: ['west'], message: '西边经度不能大于东边经度' });
};

/** `GET /api/map/workshops`: the view and the list's filters (town, village, status, search term, a department's pending item, 登记信息不全). */
export const mapQuerySchema = z
  .strictObject({
    ...viewFields,
    town: unitRef('镇街', 60).optional(),
    village: unitRef('村居', 60).optional(),
    status: z.enum(STATUSES, { error: '状态取值不正确' }).optional(),
    q: z.string().trim().max(50, { error: '搜索词不能超过 50 个字' }).optional(),
    pendingItem: z.string().regex(/^[a-z][a-z0-9_-]*$/, { error: '取缔标准项代码不正确' }).max(40).optional(),
    incomplete: z.literal('1', { error: 'incomplete 只能为 1' }).optional(),
  })
  .superRefine(viewChecks);
export type MapQuery = z.infer<typeof mapQuerySchema>;

export const MAP_LAYERS = ['tips', 'patrols', 'operations'] as const;
export type MapLayer = (typeof MAP_LAYERS)[number];

/** `GET /api/map/tips|patrols|operations`: a layer's records in the view. */
export const mapLayerQuerySchema = z.strictObject(viewFields).superRefine(viewChecks);
export type MapLayerQuery = z.infer<typeof mapLayerQuerySchema>;

const statusCounts = z.record(z.string(), z.number().int());

export const mapClusterDto = z.object({
  /** The workshops' mean position (WGS-84). */
  lat: z.number(),
  lng: z.number(),
  n: z.number().int(),
  /** Workshops by status. */
  byStatus: statusCounts,
  /** The cell's bounds, for zooming into it. */
  south: z.number(),
  west: z.number(),
  north: z.number(),
  east: z.number(),
});
export type MapClusterDto = z.infer<typeof mapClusterDto>;

export const mapPointDto = z.object({ id: z.number().int(), name: z.string(), status: z.string(), lat: z.number(), lng: z.number() });
export type MapPointDto = z.infer<typeof mapPointDto>;

export const mapAnswerDto = z
  .object({
    /** `clusters` (counts per grid cell) or `points` (each workshop, zoomed in). */
    mode: z.enum(['clusters', 'points']),
    /** The cell size of the clusters, in degrees (0 for points). */
    cellDegrees: z.number(),
    clusters: z.array(mapClusterDto),
    points: z.array(mapPointDto),
    /** Workshops in the view (with a position). */
    total: z.number().int(),
    /** Workshops matching the filters with no position recorded (not on the map). */
    unlocated: z.number().int().nullable(),
  })
  .meta({ id: 'MapView', description: '一张图：视野内的企业（聚合或逐个）' });
export type MapAnswerDto = z.infer<typeof mapAnswerDto>;

export const mapLayerPointDto = z.object({
  id: z.number().int(),
  lat: z.number(),
  lng: z.number(),
  /** Short Chinese label: the tip's code, the patrol's workshop and verdict, the operation's date and workshop. */
  label: z.string(),
  /** Where a click goes in the web. */
  link: z.string(),
  /** A state for the colour (tip status, patrol verdict, operation status). */
  state: z.string(),
});
export const mapLayerDto = z
  .object({ layer: z.enum(MAP_LAYERS), items: z.array(mapLayerPointDto), capped: z.boolean() })
  .meta({ id: 'MapLayer', description: '一张图的图层：举报、巡查、联合执法' });
export type MapLayerDto = z.infer<typeof mapLayerDto>;

/** At most this many records of a layer in one answer (the newest). */
export const MAX_LAYER_ITEMS = 1000;

/** The level whose cells bound the first view. */
export const EXTENT_LEVEL: MapLevel = 4;

/** A range of cells of `level` as degrees. */
export function cellsExtent(c: ViewCells, level: number) {
  const size = level * GRID_DEGREES;
  const round = (x: number) => Math.round(x * 1e6) / 1e6;
  return { south: round(c.rowFrom * size), west: round(c.colFrom * size), north: round((c.rowTo + 1) * size), east: round((c.colTo + 1) * size) };
}

/** A view in base grid cells (inclusive). */
export interface ViewCells {
  rowFrom: number;
  rowTo: number;
  colFrom: number;
  colTo: number;
}

/** Most cells one answer may hold: past it a coarser level is read (a wide view sent with a close zoom). */
export const MAX_CELLS = 4000;

export function viewCells(v: { south: number; west: number; north: number; east: number }): ViewCells {
  return {
    rowFrom: Math.floor(v.south / GRID_DEGREES),
    rowTo: Math.floor(v.north / GRID_DEGREES),
    colFrom: Math.floor(v.west / GRID_DEGREES),
    colTo: Math.floor(v.east / GRID_DEGREES),
  };
}

/** How many cells of `level` the view spans. */
export function cellsSpanned(c: ViewCells, level: number): number {
  return (cellAt(c.rowTo, level) - cellAt(c.rowFrom, level) + 1) * (cellAt(c.colTo, level) - cellAt(c.colFrom, level) + 1);
}

/**
 * The level to read for a view: the zoom's (null: single workshops), made coarser while the view
 * spans more than MAX_CELLS cells of it.
 */
export function levelForView(zoom: number, c: ViewCells): MapLevel | null {
  let level = levelForZoom(zoom);
  if (level === null && cellsSpanned(c, 1) > MAX_CELLS) level = MAP_LEVELS[0];
  if (level === null) return null;
  let i = MAP_LEVELS.indexOf(level);
  while (i < MAP_LEVELS.length - 1 && cellsSpanned(c, MAP_LEVELS[i]!) > MAX_CELLS) i++;
  return MAP_LEVELS[i]!;
}

/** Counts per cell and status (the repository's rows) → one cluster per cell at its workshops' mean position. */
export function clustersOf(counts: readonly { row: number; col: number; status: string; n: number; sumLat: number; sumLng: number }[], level: number): MapClusterDto[] {
  const cells = new Map<string, { row: number; col: number; n: number; lat: number; lng: number; byStatus: Record<string, number> }>();
  for (const c of counts) {
    if (c.n <= 0) continue;
    const key = `${c.row}|${c.col}`;
    let cell = cells.get(key);
    if (!cell) cells.set(key, (cell = { row: c.row, col: c.col, n: 0, lat: 0, lng: 0, byStatus: {} }));
    cell.n += c.n;
    cell.lat += c.sumLat;
    cell.lng += c.sumLng;
    cell.byStatus[c.status] = (cell.byStatus[c.status] ?? 0) + c.n;
  }
  const size = level * GRID_DEGREES;
  const round = (x: number) => Math.round(x * 1e6) / 1e6;
  return [...cells.values()]
    .sort((a, b) => a.row - b.row || a.col - b.col)
    .map((c) => ({
      lat: round(c.lat / c.n),
      lng: round(c.lng / c.n),
      n: c.n,
      byStatus: c.byStatus,
      south: round(c.row * size),
      west: round(c.col * size),
      north: round((c.row + 1) * size),
      east: round((c.col + 1) * size),
    }));
}

/** A tile server: an URL template ({s} {z} {x} {y}), the coordinates its tiles are drawn in, and Leaflet's options. */
export const mapTilesDto = z.object({ url: z.string(), coords: z.enum(['wgs84', 'gcj02']), attribution: z.string(), subdomains: z.string(), maxZoom: z.number().int() });
export type MapTilesDto = z.infer<typeof mapTilesDto>;

/**
 * The origins a tile template loads from ({s} expanded with each subdomain letter, as Leaflet does):
 * what the Content-Security-Policy's img-src must allow for the tiles to be drawn at all.
 */
export function tileOrigins(tiles: Pick<MapTilesDto, 'url' | 'subdomains'>): string[] {
  const subdomains = tiles.url.includes('{s}') ? Array.from(tiles.subdomains || 'abc') : [''];
  const origins = subdomains.map((sd) => new URL(tiles.url.replaceAll('{s}', sd).replace(/\{[a-z]+\}/gi, '0')).origin);
  return [...new Set(origins)];
}

/** The coarse level whose extent the public tip page opens on: the district, no finer than 0.32° (nothing about any workshop). */
export const PUBLIC_EXTENT_LEVEL: MapLevel = 64;

/** The public tip page's map (no login): the base map, and the district's rough extent for the first view. */
export const publicMapDto = z
  .object({
    tiles: mapTilesDto.nullable(),
    extent: z.object({ south: z.number(), west: z.number(), north: z.number(), east: z.number() }).nullable(),
  })
  .meta({ id: 'PublicMap', description: '举报页的地图：底图（未配置时为空，不显示地图选点）与本区的大致范围' });
export type PublicMapDto = z.infer<typeof publicMapDto>;

export const mapConfigDto = z
  .object({
    /** The tile server, or null: the map draws a plain grid with the towns' names (no internet needed). */
    tiles: mapTilesDto.nullable(),
    /** Each town in scope at its workshops' mean position, with how many have a position: labels, and the first view. */
    towns: z.array(z.object({ id: z.number().int(), name: z.string(), lat: z.number(), lng: z.number(), n: z.number().int() })),
    /** Where the workshops in scope lie (whole cells of 0.02°), or null when none has a position: the first view. */
    extent: z.object({ south: z.number(), west: z.number(), north: z.number(), east: z.number() }).nullable(),
    /** The layers this reader may show. */
    layers: z.array(z.enum(MAP_LAYERS)),
  })
  .meta({ id: 'MapConfig', description: '一张图的底图与镇街位置' });
export type MapConfigDto = z.infer<typeof mapConfigDto>;
