// Obstruction incidents (阻碍执法事件): a workshop's, recording one, the list in the reader's scope,
// and the police's update. Out of scope answers 404; readers other than the police, the town and the office see none.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { departmentsRecording } from '../../domain/campaign.js';
import { TAGS } from '../../domain/contract.js';
import { incidentCreateSchema, incidentDto, incidentListDto, incidentQuerySchema, incidentUpdateSchema, type IncidentDto, type IncidentListDto } from '../../domain/incidents.js';
import { idParams } from '../../domain/params.js';
import type { Actor } from '../auth/actor.js';
import { recordIncident } from '../commands/recordIncident.js';
import { updateIncident } from '../commands/updateIncident.js';
import type { AppContext } from '../context.js';
import { notFound } from '../errors.js';
import { can, incidentPrefixes } from '../policies/index.js';
import { presentIncident } from '../presenters/incidents.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { findEnterprise } from '../repositories/enterprises.js';
import { findIncidentView, listIncidents } from '../repositories/incidents.js';

async function incidentDtoOf(ctx: AppContext, actor: Actor, id: number): Promise<IncidentDto> {
  const campaign = await currentCampaign(ctx.db);
  const view = await findIncidentView(ctx.db, id);
  if (!view) throw notFound();
  return presentIncident(view, departmentsRecording(campaign.definition, 'incidents'), actor);
}

export function incidentRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/enterprises/:id/incidents', {
    config: { action: 'incident.read' },
    schema: { tags: [TAGS.incidents.name], summary: '企业的阻碍执法事件（最新的在前），及当前用户可否记录', params: idParams, response: { 200: incidentListDto } },
  }, async (request): Promise<IncidentListDto> => {
    const actor = request.requireActor();
    const campaign = await currentCampaign(ctx.db);
    const recorders = departmentsRecording(campaign.definition, 'incidents');
    const workshop = await findEnterprise(ctx.db, request.params.id);
    if (!workshop || workshop.campaign_id !== campaign.id) throw notFound();
    const subject = { orgPath: workshop.org_path, recorders };
    request.authorize('incident.read', subject, 'incident.read');
    const { rows, total } = await listIncidents(ctx.db, incidentPrefixes(actor, recorders), { campaignId: campaign.id, enterpriseId: workshop.id, page: 1, pageSize: 100 });
    return { items: rows.map((v) => presentIncident(v, recorders, actor)), total, canRecord: can(actor, 'incident.create', subject) };
  });

  r.post('/api/enterprises/:id/incidents', {
    config: { action: 'incident.create' },
    schema: { tags: [TAGS.incidents.name], summary: '记录阻碍执法事件（公安；镇街；办公室）', params: idParams, body: incidentCreateSchema, response: { 201: incidentDto } },
  }, async (request, reply): Promise<IncidentDto> => {
    const actor = request.requireActor();
    const id = await recordIncident(ctx, actor, { enterpriseId: request.params.id, ...request.body });
    reply.status(201);
    return incidentDtoOf(ctx, actor, id);
  });

  r.get('/api/incidents', {
    config: { action: 'incident.list' },
    schema: { tags: [TAGS.incidents.name], summary: '管辖范围内的阻碍执法事件（公安、镇街、办公室），最新的在前', querystring: incidentQuerySchema, response: { 200: incidentListDto } },
  }, async (request): Promise<IncidentListDto> => {
    const actor = request.requireActor();
    request.authorize('incident.list', null);
    const campaign = await currentCampaign(ctx.db);
    const recorders = departmentsRecording(campaign.definition, 'incidents');
    const { rows, total } = await listIncidents(ctx.db, incidentPrefixes(actor, recorders), { campaignId: campaign.id, townId: request.query.town, page: request.query.page, pageSize: request.query.pageSize });
    return { items: rows.map((v) => presentIncident(v, recorders, actor)), total, canRecord: false };
  });

  r.patch('/api/incidents/:id', {
    config: { action: 'incident.update', problems: ['stale_version'] },
    schema: { tags: [TAGS.incidents.name], summary: '补充公安案件编号和处理结果（需带版本号）', params: idParams, body: incidentUpdateSchema, response: { 200: incidentDto } },
  }, async (request): Promise<IncidentDto> => {
    const actor = request.requireActor();
    await updateIncident(ctx, actor, { id: request.params.id, ...request.body });
    return incidentDtoOf(ctx, actor, request.params.id);
  });
}
