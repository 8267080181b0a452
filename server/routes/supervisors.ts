// 监管责任人 (issue 16 §1): the towns in the reader's scope with their 主管领导 and 监管责任人, one town's with
// its history, naming one; a site's 村居监管责任人 and naming one; and the gaps (towns and sites under
// supervision with nobody named). Out of scope answers 404.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { TAGS } from '../../domain/contract.js';
import { idParams, townParams } from '../../domain/params.js';
import type { Status } from '../../domain/status.js';
import {
  siteSupervisorDto,
  supervisionGapsDto,
  supervisionGapsQuerySchema,
  supervisorAssignSchema,
  townSupervisorListDto,
  townSupervisorParams,
  townSupervisorsDto,
  TOWN_SUPERVISOR_ROLES,
  type SiteSupervisorDto,
  type SupervisionGapsDto,
  type TownSupervisorListDto,
  type TownSupervisorsDto,
} from '../../domain/supervisors.js';
import type { Actor } from '../auth/actor.js';
import { assignSiteSupervisor } from '../commands/assignSiteSupervisor.js';
import { assignTownSupervisor } from '../commands/assignTownSupervisor.js';
import { townOfPath } from '../commands/lib/town.js';
import type { AppContext } from '../context.js';
import { notFound } from '../errors.js';
import { can } from '../policies/index.js';
import { presentSiteSupervisor, presentTownSupervisors } from '../presenters/supervisors.js';
import { currentCampaign, type CampaignRecord } from '../repositories/campaigns.js';
import { findEnterprise } from '../repositories/enterprises.js';
import { listChildUnits } from '../repositories/orgUnits.js';
import { currentSupervisorRoles, sitesWithoutContact, supervisorsOf } from '../repositories/supervisors.js';

export function supervisorRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  /** The campaign's towns whose supervisors the actor reads. */
  async function townsInScope(actor: Actor, campaign: CampaignRecord) {
    return (await listChildUnits(ctx.db, campaign.rootId, 'town')).filter((t) => can(actor, 'supervisor.read', { orgPath: t.path }));
  }

  async function townDto(actor: Actor, townId: number, authorize: (orgPath: string) => void): Promise<TownSupervisorsDto> {
    const campaign = await currentCampaign(ctx.db);
    const town = await townOfPath(ctx.db, actor, campaign, townId, 'supervisor.read');
    authorize(town.path);
    return presentTownSupervisors(town, await supervisorsOf(ctx.db, campaign.id, 'town', [town.id]), actor);
  }

  async function siteDto(actor: Actor, enterpriseId: number, authorize: (orgPath: string) => void): Promise<SiteSupervisorDto> {
    const campaign = await currentCampaign(ctx.db);
    const workshop = await findEnterprise(ctx.db, enterpriseId);
    if (!workshop || workshop.campaign_id !== campaign.id) throw notFound();
    authorize(workshop.org_path);
    return presentSiteSupervisor(workshop, await supervisorsOf(ctx.db, campaign.id, 'workshop', [workshop.id]), actor);
  }

  r.get('/api/supervision/towns', {
    config: { action: 'supervisor.list' },
    schema: { tags: [TAGS.supervision.name], summary: '管辖范围内各镇街的现任主管领导和监管责任人，及尚未明确的角色', response: { 200: townSupervisorListDto } },
  }, async (request): Promise<TownSupervisorListDto> => {
    const actor = request.requireActor();
    request.authorize('supervisor.list', null);
    const campaign = await currentCampaign(ctx.db);
    const towns = await townsInScope(actor, campaign);
    const rows = await supervisorsOf(ctx.db, campaign.id, 'town', towns.map((t) => t.id));
    return {
      items: towns.map((t) => {
        const { history: _history, ...dto } = presentTownSupervisors(t, rows.filter((s) => s.subject_id === t.id), actor);
        return dto;
      }),
    };
  });

  r.get('/api/supervision/towns/:townId/supervisors', {
    config: { action: 'supervisor.read' },
    schema: { tags: [TAGS.supervision.name], summary: '镇街的主管领导和监管责任人：现任及变更历史（最近的在前）', params: townParams, response: { 200: townSupervisorsDto } },
  }, async (request): Promise<TownSupervisorsDto> => {
    const actor = request.requireActor();
    return townDto(actor, request.params.townId, (orgPath) => request.authorize('supervisor.read', { orgPath }, 'supervisor.read'));
  });

  r.put('/api/supervision/towns/:townId/supervisors/:role', {
    config: { action: 'supervisor.assign.town', problems: ['stale_version', 'conflict'] },
    schema: {
      tags: [TAGS.supervision.name],
      summary: '明确或变更镇街的主管领导（leader）或监管责任人（supervisor）；须带被替换的现任人员编号 replaces（尚无现任时为 null）',
      params: townSupervisorParams,
      body: supervisorAssignSchema,
      response: { 200: townSupervisorsDto },
    },
  }, async (request): Promise<TownSupervisorsDto> => {
    const actor = request.requireActor();
    await assignTownSupervisor(ctx, actor, { townId: request.params.townId, role: request.params.role, ...request.body });
    return townDto(actor, request.params.townId, () => undefined);
  });

  r.get('/api/enterprises/:id/supervisor', {
    config: { action: 'supervisor.read' },
    schema: { tags: [TAGS.supervision.name], summary: '企业的村居监管责任人：现任及变更历史（最近的在前）', params: idParams, response: { 200: siteSupervisorDto } },
  }, async (request): Promise<SiteSupervisorDto> => {
    const actor = request.requireActor();
    return siteDto(actor, request.params.id, (orgPath) => request.authorize('supervisor.read', { orgPath }, 'supervisor.read'));
  });

  r.put('/api/enterprises/:id/supervisor', {
    config: { action: 'supervisor.assign.site', problems: ['stale_version', 'conflict', 'invalid_transition'] },
    schema: {
      tags: [TAGS.supervision.name],
      summary: '明确或变更企业的村居监管责任人（村居负责人限本村居）；须带被替换的现任人员编号 replaces（尚无现任时为 null）',
      params: idParams,
      body: supervisorAssignSchema,
      response: { 200: siteSupervisorDto },
    },
  }, async (request): Promise<SiteSupervisorDto> => {
    const actor = request.requireActor();
    await assignSiteSupervisor(ctx, actor, { enterpriseId: request.params.id, ...request.body });
    return siteDto(actor, request.params.id, () => undefined);
  });

  r.get('/api/supervision/gaps', {
    config: { action: 'supervisor.gaps' },
    schema: {
      tags: [TAGS.supervision.name],
      summary: '管辖范围内尚未明确主管领导或监管责任人的镇街，及已取缔、验收通过或反弹而尚未明确村居监管责任人的企业（分页，最新登记的在前）',
      querystring: supervisionGapsQuerySchema,
      response: { 200: supervisionGapsDto },
    },
  }, async (request): Promise<SupervisionGapsDto> => {
    const actor = request.requireActor();
    request.authorize('supervisor.gaps', null);
    const campaign = await currentCampaign(ctx.db);
    const { town, page, pageSize } = request.query;
    const towns = (await townsInScope(actor, campaign)).filter((t) => town === undefined || t.id === town);
    const filled = await currentSupervisorRoles(ctx.db, campaign.id, 'town', towns.map((t) => t.id));
    const gaps = towns
      .map((t) => ({ townId: t.id, townName: t.name, missing: TOWN_SUPERVISOR_ROLES.filter((role) => !filled.some((f) => f.subject_id === t.id && f.role === role)) }))
      .filter((t) => t.missing.length > 0);
    const sites = await sitesWithoutContact(ctx.db, actor, { campaignId: campaign.id, rootPath: campaign.rootPath, townId: town, page, pageSize });
    return {
      towns: gaps,
      sites: {
        items: sites.rows.map((s) => ({ id: s.id, name: s.name, status: s.status as Status, townName: s.town_name ?? '', villageName: s.village_name ?? null })),
        total: sites.total,
      },
    };
  });
}
