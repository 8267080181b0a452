import type { FastifyInstance } from 'fastify';
import { dashboardDto, type DashboardDto } from '../../domain/api.js';
import { TAGS } from '../../domain/contract.js';
import type { AppContext } from '../context.js';
import { presentDashboard } from '../presenters/dashboard.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { itemCountsByTown, statusCountsByTown } from '../repositories/dashboard.js';
import { listVisibleOrgUnits, orgUnitNames } from '../repositories/orgUnits.js';

export function dashboardRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/dashboard', {
    config: { action: 'dashboard.read' },
    schema: { tags: [TAGS.overview.name], summary: '各镇街取缔进度（按状态、按取缔标准项）', response: { 200: dashboardDto } },
  }, async (request): Promise<DashboardDto> => {
    const actor = request.requireActor();
    request.authorize('dashboard.read', null);
    const campaign = await currentCampaign(ctx.db);
    // Read from the counts the database keeps with every change (migration 015): milliseconds at
    // any size, and current on every instance, so there is no cache.
    const [statusRows, itemRows, towns] = await Promise.all([
      statusCountsByTown(ctx.db, actor, campaign.id, campaign.rootPath),
      itemCountsByTown(ctx.db, actor, campaign.id, campaign.rootPath),
      listVisibleOrgUnits(ctx.db, actor, { kind: 'town' }),
    ]);
    const listed = new Set(towns.map((t) => t.id));
    const names = await orgUnitNames(ctx.db, statusRows.map((r) => r.townId).filter((id) => !listed.has(id)));
    return presentDashboard(campaign.definition.standardItems.map((i) => i.code), towns, statusRows, itemRows, names);
  });
}
