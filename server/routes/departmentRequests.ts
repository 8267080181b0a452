// Department requests (部门协办请求): a town asks a department to act on a workshop's item; the
// department's queue; the department's acts. Each route validates with a domain schema, runs one
// command or reads through a repository, and presents. Out of scope answers 404.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { TAGS } from '../../domain/contract.js';
import {
  defaultRequestDue,
  departmentRequestCreateSchema,
  departmentRequestDto,
  requestAcceptSchema,
  requestConfirmSchema,
  requestQueueDto,
  requestQueueQuerySchema,
  requestReturnSchema,
  requestScheduleSchema,
  workshopRequestListDto,
  type DepartmentRequestDto,
  type RequestQueueDto,
  type WorkshopRequestListDto,
} from '../../domain/departmentRequests.js';
import { idParams } from '../../domain/params.js';
import type { Actor } from '../auth/actor.js';
import { actOnDepartmentRequest, type RequestAct } from '../commands/actOnDepartmentRequest.js';
import { confirmDepartmentRequest } from '../commands/confirmDepartmentRequest.js';
import { requestDepartment } from '../commands/requestDepartment.js';
import type { AppContext } from '../context.js';
import { notFound } from '../errors.js';
import { enterpriseSubject } from '../policies/index.js';
import { presentDepartmentRequest, presentRequestQueue, presentWorkshopRequests } from '../presenters/departmentRequests.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { findRequestView, listWorkshopRequests, requestQueue } from '../repositories/departmentRequests.js';
import { listDepartments } from '../repositories/departments.js';
import { findEnterprise, findItems } from '../repositories/enterprises.js';

/** One request as it now stands (just changed by the actor), presented for them. */
async function requestDtoOf(ctx: AppContext, actor: Actor, id: number): Promise<DepartmentRequestDto> {
  const campaign = await currentCampaign(ctx.db);
  const view = await findRequestView(ctx.db, id);
  if (!view) throw notFound();
  return presentDepartmentRequest(view, campaign.definition, actor);
}

const ACTS = [
  { event: 'accept', schema: requestAcceptSchema, summary: '承办部门受理请求' },
  { event: 'return', schema: requestReturnSchema, summary: '承办部门退回请求并说明原因（镇街补充情况后可重新提出）' },
  { event: 'schedule', schema: requestScheduleSchema, summary: '承办部门排定计划日期（可再次排期以改期）' },
] as const;

export function departmentRequestRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/enterprises/:id/requests', {
    config: { action: 'enterprise.read' },
    schema: {
      tags: [TAGS.departmentRequests.name],
      summary: '企业的部门协办请求（最早的在前），及当前用户可为哪些标准项提出请求',
      params: idParams,
      response: { 200: workshopRequestListDto },
    },
  }, async (request): Promise<WorkshopRequestListDto> => {
    const actor = request.requireActor();
    const campaign = await currentCampaign(ctx.db);
    const workshop = await findEnterprise(ctx.db, request.params.id);
    if (!workshop || workshop.campaign_id !== campaign.id) throw notFound();
    request.authorize('enterprise.read', enterpriseSubject(workshop), 'enterprise.read');
    const [rows, items, departments] = await Promise.all([
      listWorkshopRequests(ctx.db, actor, campaign.rootPath, workshop.id),
      findItems(ctx.db, workshop.id),
      listDepartments(ctx.db),
    ]);
    const due = defaultRequestDue(campaign.definition.phases.find((p) => p.itemsDue)?.itemsDue);
    return presentWorkshopRequests(rows, workshop, items, campaign.definition, departments, due, actor);
  });

  r.post('/api/enterprises/:id/requests', {
    config: { action: 'departmentRequest.create', problems: ['invalid_transition', 'conflict'] },
    schema: {
      tags: [TAGS.departmentRequests.name],
      summary: '请求部门协办（镇街、领导小组办公室）：某一取缔标准项请承办部门办理',
      params: idParams,
      body: departmentRequestCreateSchema,
      response: { 201: departmentRequestDto },
    },
  }, async (request, reply): Promise<DepartmentRequestDto> => {
    const actor = request.requireActor();
    const id = await requestDepartment(ctx, actor, { enterpriseId: request.params.id, ...request.body });
    reply.status(201);
    return requestDtoOf(ctx, actor, id);
  });

  r.get('/api/department-requests', {
    config: { action: 'departmentRequest.queue' },
    schema: {
      tags: [TAGS.departmentRequests.name],
      summary: '部门协办请求队列：部门看到本部门的请求，镇街、帮包部门、办公室看到管辖范围内的请求；最早提出的在前，及各状态件数',
      querystring: requestQueueQuerySchema,
      response: { 200: requestQueueDto },
    },
  }, async (request): Promise<RequestQueueDto> => {
    const actor = request.requireActor();
    request.authorize('departmentRequest.queue', null);
    const campaign = await currentCampaign(ctx.db);
    const q = request.query;
    const page = await requestQueue(ctx.db, actor, {
      campaignId: campaign.id,
      rootPath: campaign.rootPath,
      status: q.status,
      townId: q.town,
      departmentId: q.department,
      page: q.page,
      pageSize: q.pageSize,
    });
    return presentRequestQueue(page, campaign.definition, actor);
  });

  for (const act of ACTS)
    r.post(`/api/department-requests/:id/${act.event}`, {
      config: { action: `departmentRequest.${act.event}`, problems: ['stale_version', 'invalid_transition'] },
      schema: { tags: [TAGS.departmentRequests.name], summary: act.summary, params: idParams, body: act.schema, response: { 200: departmentRequestDto } },
    }, async (request): Promise<DepartmentRequestDto> => {
      const actor = request.requireActor();
      await actOnDepartmentRequest(ctx, actor, { id: request.params.id, event: act.event, ...request.body } as { id: number } & RequestAct);
      return requestDtoOf(ctx, actor, request.params.id);
    });

  r.post('/api/department-requests/:id/confirm', {
    config: { action: 'departmentRequest.confirm', problems: ['stale_version', 'invalid_transition', 'evidence_required'] },
    schema: {
      tags: [TAGS.departmentRequests.name],
      summary: '承办部门确认完成：该项的影像须已上传（证据上传接口，recordType item），确认后该项记为完成，执行单位为承办部门',
      params: idParams,
      body: requestConfirmSchema,
      response: { 200: departmentRequestDto },
    },
  }, async (request): Promise<DepartmentRequestDto> => {
    const actor = request.requireActor();
    await confirmDepartmentRequest(ctx, actor, { id: request.params.id, ...request.body });
    return requestDtoOf(ctx, actor, request.params.id);
  });
}
