// 巡查 (长效监管): a workshop's patrols and schedule, recording one, the patrols in the reader's scope,
// and the sites due for a patrol (the schedule, earliest due first). Out of scope answers 404.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { TAGS } from '../../domain/contract.js';
import { idParams } from '../../domain/params.js';
import { patrolCreateSchema, patrolDto, patrolDueListDto, patrolDueQuerySchema, patrolListDto, patrolQuerySchema, type PatrolDto, type PatrolDueListDto, type PatrolListDto } from '../../domain/patrols.js';
import type { Status } from '../../domain/status.js';
import { addDays, todayInChina } from '../../domain/time.js';
import { recordPatrol } from '../commands/recordPatrol.js';
import type { AppContext } from '../context.js';
import { notFound } from '../errors.js';
import { can, patrolPrefixes } from '../policies/index.js';
import { presentPatrol, presentPatrolDue, presentPatrolSchedule } from '../presenters/patrols.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { findEnterprise } from '../repositories/enterprises.js';
import { findOrgUnit } from '../repositories/orgUnits.js';
import { findPatrolView, listPatrols, listPatrolsDue } from '../repositories/patrols.js';

/** The whole schedule: no site is due later than this. */
const NO_BOUND = '9999-12-31';

export function patrolRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/enterprises/:id/patrols', {
    config: { action: 'patrol.read' },
    schema: { tags: [TAGS.supervision.name], summary: '企业的巡查记录（最新的在前）、巡查安排，及当前用户可否记录巡查', params: idParams, response: { 200: patrolListDto } },
  }, async (request): Promise<PatrolListDto> => {
    const actor = request.requireActor();
    const campaign = await currentCampaign(ctx.db);
    const workshop = await findEnterprise(ctx.db, request.params.id);
    if (!workshop || workshop.campaign_id !== campaign.id) throw notFound();
    request.authorize('patrol.read', { orgPath: workshop.org_path }, 'enterprise.read');
    const [{ rows, total }, town] = await Promise.all([
      listPatrols(ctx.db, patrolPrefixes(actor), { campaignId: campaign.id, enterpriseId: workshop.id, page: 1, pageSize: 100 }),
      findOrgUnit(ctx.db, workshop.town_id),
    ]);
    return {
      items: rows.map(presentPatrol),
      total,
      canRecord: can(actor, 'patrol.create', { orgPath: workshop.org_path, status: workshop.status as Status }),
      schedule: presentPatrolSchedule(workshop, campaign.definition, town?.name ?? '', todayInChina()),
    };
  });

  r.post('/api/enterprises/:id/patrols', {
    config: { action: 'patrol.create', problems: ['invalid_transition', 'stale_version'] },
    schema: {
      tags: [TAGS.supervision.name],
      summary: '记录巡查（镇街、村居；已取缔或验收通过的企业）：各取缔标准项是否仍落实、现场照片、结论；结论为恢复生产时企业转为反弹并重新取缔',
      params: idParams,
      body: patrolCreateSchema,
      response: { 201: patrolDto },
    },
  }, async (request, reply): Promise<PatrolDto> => {
    const actor = request.requireActor();
    const id = await recordPatrol(ctx, actor, { enterpriseId: request.params.id, ...request.body });
    const view = await findPatrolView(ctx.db, id);
    if (!view) throw notFound();
    reply.status(201);
    return presentPatrol(view);
  });

  r.get('/api/patrols', {
    config: { action: 'patrol.list' },
    schema: { tags: [TAGS.supervision.name], summary: '管辖范围内的巡查记录，最新的在前', querystring: patrolQuerySchema, response: { 200: patrolListDto } },
  }, async (request): Promise<PatrolListDto> => {
    const actor = request.requireActor();
    request.authorize('patrol.list', null);
    const campaign = await currentCampaign(ctx.db);
    const { rows, total } = await listPatrols(ctx.db, patrolPrefixes(actor), { campaignId: campaign.id, townId: request.query.town, page: request.query.page, pageSize: request.query.pageSize });
    return { items: rows.map(presentPatrol), total, canRecord: false, schedule: null };
  });

  r.get('/api/patrols/due', {
    config: { action: 'patrol.list' },
    schema: {
      tags: [TAGS.supervision.name],
      summary: '管辖范围内须巡查的企业（已取缔、验收通过），截止日期早的在前；overdue=true 只列逾期未巡查的',
      querystring: patrolDueQuerySchema,
      response: { 200: patrolDueListDto },
    },
  }, async (request): Promise<PatrolDueListDto> => {
    const actor = request.requireActor();
    request.authorize('patrol.list', null);
    const campaign = await currentCampaign(ctx.db);
    const today = todayInChina();
    const q = request.query;
    const { rows, total, overdue } = await listPatrolsDue(ctx.db, patrolPrefixes(actor), {
      campaignId: campaign.id,
      townId: q.town,
      dueBy: q.overdue === 'true' ? addDays(today, -1) : NO_BOUND,
      today,
      page: q.page,
      pageSize: q.pageSize,
    });
    return { items: rows.map((row) => presentPatrolDue(row, today)), total, overdue };
  });
}
