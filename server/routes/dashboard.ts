import type { FastifyInstance } from 'fastify';
import type { DashboardDto, DashboardTownRow } from '../../domain/api.js';
import { STATUSES, type Status } from '../../domain/status.js';
import type { AppContext } from '../context.js';
import type { Actor } from '../auth/actor.js';
import { currentCampaign, type CampaignRecord } from '../repositories/campaigns.js';
import { itemCountsByTown, statusCountsByTown } from '../repositories/dashboard.js';
import { listVisibleOrgUnits, orgUnitNames } from '../repositories/orgUnits.js';

function emptyRow(townId: number, townName: string, itemCodes: string[]): DashboardTownRow {
  return {
    townId,
    townName,
    total: 0,
    byStatus: Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>,
    items: Object.fromEntries(itemCodes.map((c) => [c, { done: 0, notApplicable: 0, pending: 0 }])),
  };
}

export function dashboardRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/dashboard', {
    config: { action: 'dashboard.read' },
    schema: { tags: ['dashboard'], summary: '各镇街取缔进度（按状态、按取缔标准项）' },
  }, async (request): Promise<DashboardDto> => {
    const actor = request.requireActor();
    request.authorize('dashboard.read', null);
    const campaign = await currentCampaign(ctx.db);
    // Read from the counts the database keeps with every change (migration 015): milliseconds at
    // any size, and current on every instance, so there is no cache.
    return computeDashboard(actor, campaign);
  });

  async function computeDashboard(actor: Actor, campaign: CampaignRecord): Promise<DashboardDto> {
    const codes = campaign.definition.standardItems.map((i) => i.code);
    const [statusRows, itemRows, towns] = await Promise.all([
      statusCountsByTown(ctx.db, actor, campaign.id, campaign.rootPath),
      itemCountsByTown(ctx.db, actor, campaign.id, campaign.rootPath),
      listVisibleOrgUnits(ctx.db, actor, { kind: 'town' }),
    ]);
    const rows = new Map<number, DashboardTownRow>(towns.map((t) => [t.id, emptyRow(t.id, t.name, codes)]));
    const missing = [...statusRows.map((r) => r.townId)].filter((id) => !rows.has(id));
    const names = await orgUnitNames(ctx.db, missing);
    const rowFor = (id: number) => {
      let row = rows.get(id);
      if (!row) rows.set(id, (row = emptyRow(id, names.get(id) ?? '', codes)));
      return row;
    };
    for (const s of statusRows) {
      const row = rowFor(s.townId);
      row.byStatus[s.status as Status] += s.n;
      row.total += s.n;
    }
    for (const i of itemRows) {
      const cell = rowFor(i.townId).items[i.item];
      if (!cell) continue;
      if (i.state === 'done') cell.done += i.n;
      else if (i.state === 'not_applicable') cell.notApplicable += i.n;
      else cell.pending += i.n;
    }
    const list = [...rows.values()];
    const totals = emptyRow(0, '合计', codes);
    for (const row of list) {
      totals.total += row.total;
      for (const s of STATUSES) totals.byStatus[s] += row.byStatus[s];
      for (const c of codes) {
        totals.items[c].done += row.items[c].done;
        totals.items[c].notApplicable += row.items[c].notApplicable;
        totals.items[c].pending += row.items[c].pending;
      }
    }
    return { towns: list, totals };
  }
}
