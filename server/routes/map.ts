// 一张图 (issue 17 §4): the workshops in a map view, clustered on the server (kept counts per grid
// cell, migration 038) or one by one when zoomed in, with the list's filters; and the layers —
// tips, patrols and joint operations — each as its own list would show them to the reader.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { TAGS } from '../../domain/contract.js';
import {
  cellsExtent,
  clustersOf,
  EXTENT_LEVEL,
  levelForView,
  MAP_LEVELS,
  MAX_LAYER_ITEMS,
  MAX_POINTS,
  mapAnswerDto,
  mapConfigDto,
  mapLayerDto,
  mapLayerQuerySchema,
  mapQuerySchema,
  viewCells,
  type MapAnswerDto,
  type MapConfigDto,
  type MapLayerDto,
} from '../../domain/map.js';
import type { AppContext } from '../context.js';
import { can, patrolPrefixes, tipPrefixes } from '../policies/index.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { countFromStatusCounts, type ListFilter } from '../repositories/enterprises.js';
import { computedCells, keptCells, type CellCount, keptCountsAnswer, locatedTotal, operationsInView, patrolsInView, pointsInView, tipsInView, townCentres, occupiedCells } from '../repositories/map.js';
import { resolveUnitFilter } from '../repositories/unitFilter.js';

const EMPTY: MapAnswerDto = { mode: 'clusters', cellDegrees: 0, clusters: [], points: [], total: 0, unlocated: 0 };

export function mapRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/map/config', {
    config: { action: 'enterprise.list' },
    schema: { tags: [TAGS.overview.name], summary: '一张图的底图（瓦片地址模板及其坐标系，未配置时为空：显示网格）与管辖范围内各镇街的位置', response: { 200: mapConfigDto } },
  }, async (request): Promise<MapConfigDto> => {
    const actor = request.requireActor();
    request.authorize('enterprise.list', null);
    const campaign = await currentCampaign(ctx.db);
    const layers = (
      [
        ['tips', 'tip.list'],
        ['patrols', 'patrol.list'],
        ['operations', 'jointOperation.list'],
      ] as const
    )
      .filter(([, action]) => can(actor, action, null))
      .map(([layer]) => layer);
    const f = { campaignId: campaign.id, rootPath: campaign.rootPath };
    const [towns, cells] = await Promise.all([townCentres(ctx.db, actor, f, MAP_LEVELS[MAP_LEVELS.length - 1]), occupiedCells(ctx.db, actor, f, EXTENT_LEVEL)]);
    return { tiles: ctx.config.mapTiles, towns, extent: cells && cellsExtent(cells, EXTENT_LEVEL), layers };
  });

  r.get('/api/map/workshops', {
    config: { action: 'enterprise.list' },
    schema: {
      tags: [TAGS.overview.name],
      summary: '一张图：视野内管辖范围的企业，按网格聚合（各状态家数）或放大后逐个，筛选条件同企业列表',
      querystring: mapQuerySchema,
      response: { 200: mapAnswerDto },
    },
  }, async (request): Promise<MapAnswerDto> => {
    const actor = request.requireActor();
    request.authorize('enterprise.list', null);
    const campaign = await currentCampaign(ctx.db);
    const q = request.query;
    const units = await resolveUnitFilter(ctx.db, actor, q.town, q.village);
    if (units === 'none') return EMPTY;
    const filter: ListFilter = { campaignId: campaign.id, rootPath: campaign.rootPath, townId: units.townId, villageId: units.villageId, status: q.status, q: q.q || undefined, pendingItem: q.pendingItem, incomplete: q.incomplete === '1' };
    const cells = viewCells(q);
    const kept = keptCountsAnswer(filter);
    // Workshops matching the filters without a position: only where the kept counts give it cheaply.
    const unlocated = kept ? Promise.all([countFromStatusCounts(ctx.db, actor, filter), locatedTotal(ctx.db, actor, filter, MAP_LEVELS[MAP_LEVELS.length - 1])]).then(([all, located]) => Math.max(0, all - located)) : Promise.resolve(null);
    let level = levelForView(q.zoom, cells);
    let counts: CellCount[] | null = null;
    if (level === null) {
      // With the kept counts, the finest cells say whether the view holds too many to list, before reading any workshop.
      if (kept) counts = await keptCells(ctx.db, actor, filter, MAP_LEVELS[0], cells);
      if (!counts || counts.reduce((n, c) => n + c.n, 0) <= MAX_POINTS) {
        const points = await pointsInView(ctx.db, actor, filter, cells, q, MAX_POINTS + 1);
        if (points.length <= MAX_POINTS) return { mode: 'points', cellDegrees: 0, clusters: [], points, total: points.length, unlocated: await unlocated };
      }
      level = MAP_LEVELS[0];
    }
    counts ??= kept ? await keptCells(ctx.db, actor, filter, level, cells) : await computedCells(ctx.db, actor, filter, level, cells);
    const clusters = clustersOf(counts, level);
    return { mode: 'clusters', cellDegrees: clusters.length ? clusters[0]!.north - clusters[0]!.south : 0, clusters, points: [], total: clusters.reduce((s, c) => s + c.n, 0), unlocated: await unlocated };
  });

  r.get('/api/map/tips', {
    config: { action: 'tip.list' },
    schema: { tags: [TAGS.overview.name], summary: '一张图的举报图层：视野内管辖范围的群众举报（最新的在前，至多 1000 条）', querystring: mapLayerQuerySchema, response: { 200: mapLayerDto } },
  }, async (request): Promise<MapLayerDto> => {
    const actor = request.requireActor();
    request.authorize('tip.list', null);
    const campaign = await currentCampaign(ctx.db);
    const rows = await tipsInView(ctx.db, tipPrefixes(actor), { campaignId: campaign.id, rootPath: campaign.rootPath }, request.query, MAX_LAYER_ITEMS + 1);
    return {
      layer: 'tips',
      capped: rows.length > MAX_LAYER_ITEMS,
      items: rows.slice(0, MAX_LAYER_ITEMS).map((t) => ({ id: t.id, lat: Number(t.lat), lng: Number(t.lng), label: t.address || `举报 ${t.submitted_at.slice(0, 10)}`, link: '/tips', state: t.status })),
    };
  });

  r.get('/api/map/patrols', {
    config: { action: 'patrol.list' },
    schema: { tags: [TAGS.overview.name], summary: '一张图的巡查图层：视野内管辖范围的巡查记录，标在被巡查企业的位置（最新的在前，至多 1000 条）', querystring: mapLayerQuerySchema, response: { 200: mapLayerDto } },
  }, async (request): Promise<MapLayerDto> => {
    const actor = request.requireActor();
    request.authorize('patrol.list', null);
    const campaign = await currentCampaign(ctx.db);
    const rows = await patrolsInView(ctx.db, patrolPrefixes(actor), campaign.id, request.query, MAX_LAYER_ITEMS + 1);
    return {
      layer: 'patrols',
      capped: rows.length > MAX_LAYER_ITEMS,
      items: rows
        .slice(0, MAX_LAYER_ITEMS)
        .filter((p) => p.lat !== null && p.lng !== null)
        .map((p) => ({ id: p.id, lat: Number(p.lat), lng: Number(p.lng), label: `${p.name} · ${p.patrolled_on}`, link: `/enterprises/${p.enterprise_id}`, state: p.verdict })),
    };
  });

  r.get('/api/map/operations', {
    config: { action: 'jointOperation.list' },
    schema: { tags: [TAGS.overview.name], summary: '一张图的联合执法图层：视野内管辖范围的联合执法行动所列企业（最新的在前，至多 1000 条）', querystring: mapLayerQuerySchema, response: { 200: mapLayerDto } },
  }, async (request): Promise<MapLayerDto> => {
    const actor = request.requireActor();
    request.authorize('jointOperation.list', null);
    const campaign = await currentCampaign(ctx.db);
    const rows = await operationsInView(ctx.db, actor, { campaignId: campaign.id, rootPath: campaign.rootPath }, request.query, MAX_LAYER_ITEMS + 1);
    return {
      layer: 'operations',
      capped: rows.length > MAX_LAYER_ITEMS,
      items: rows
        .slice(0, MAX_LAYER_ITEMS)
        .filter((o) => o.lat !== null && o.lng !== null)
        .map((o) => ({ id: o.id, lat: Number(o.lat), lng: Number(o.lng), label: `${o.name} · ${o.operation_on ?? o.proposed_on}`, link: `/joint-operations/${o.id}`, state: o.result })),
    };
  });
}
