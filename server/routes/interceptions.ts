// Truck interceptions (运输车辆查处): recording one, the list, and the weekly counts by destination
// town. The recording departments, the office and the leaders see all; a town sees those bound for it.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { departmentsRecording } from '../../domain/campaign.js';
import { interceptionAttachmentListDto, recordFilesQuerySchema, type RecordAttachmentListDto } from '../../domain/attachment.js';
import { TAGS } from '../../domain/contract.js';
import { idParams } from '../../domain/params.js';
import {
  interceptionCreateSchema,
  interceptionDto,
  interceptionListDto,
  interceptionQuerySchema,
  weekOf,
  weeklyInterceptionsDto,
  weeklyQuerySchema,
  type InterceptionDto,
  type InterceptionListDto,
  type WeeklyInterceptionsDto,
} from '../../domain/interceptions.js';
import { addDays, todayInChina } from '../../domain/time.js';
import type { Actor } from '../auth/actor.js';
import { listInterceptionFiles } from '../commands/listInterceptionFiles.js';
import { recordInterception } from '../commands/recordInterception.js';
import type { AppContext } from '../context.js';
import { notFound } from '../errors.js';
import { can, interceptionTownPrefixes, seesAllInterceptions } from '../policies/index.js';
import { presentRecordAttachments } from '../presenters/attachment.js';
import { presentInterception, presentWeekly } from '../presenters/interceptions.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { findInterceptionView, interceptionFileCounts, interceptionsByTownAndDay, listInterceptions, type InterceptionScope } from '../repositories/interceptions.js';

function scopeOf(actor: Actor, recorders: readonly string[]): InterceptionScope {
  return seesAllInterceptions(actor, recorders) ? null : interceptionTownPrefixes(actor);
}

export function interceptionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/interceptions', {
    config: { action: 'interception.create' },
    schema: { tags: [TAGS.interceptions.name], summary: '记录一次运输车辆查处（交通运输、交警；办公室）', body: interceptionCreateSchema, response: { 201: interceptionDto } },
  }, async (request, reply): Promise<InterceptionDto> => {
    const actor = request.requireActor();
    const id = await recordInterception(ctx, actor, request.body);
    const view = await findInterceptionView(ctx.db, id);
    if (!view) throw notFound();
    reply.status(201);
    return presentInterception(view);
  });

  r.get('/api/interceptions', {
    config: { action: 'interception.list' },
    schema: { tags: [TAGS.interceptions.name], summary: '运输车辆查处（最新的在前）：查处部门、办公室、领导看到全部，镇街看到目的地为本镇街的', querystring: interceptionQuerySchema, response: { 200: interceptionListDto } },
  }, async (request): Promise<InterceptionListDto> => {
    const actor = request.requireActor();
    request.authorize('interception.list', null);
    const campaign = await currentCampaign(ctx.db);
    const recorders = departmentsRecording(campaign.definition, 'interceptions');
    const { rows, total } = await listInterceptions(ctx.db, scopeOf(actor, recorders), { campaignId: campaign.id, townId: request.query.town, page: request.query.page, pageSize: request.query.pageSize });
    const files = await interceptionFileCounts(ctx.db, rows.map((r) => r.id));
    return { items: rows.map((r) => presentInterception(r, files.get(r.id) ?? 0)), total, canRecord: can(actor, 'interception.create', { recorders }) };
  });

  r.get('/api/interceptions/:id/attachments', {
    config: { action: 'attachment.read' },
    schema: {
      tags: [TAGS.interceptions.name],
      summary: '查处车辆的照片、视频（上传见 /api/uploads，recordType=interception）',
      params: idParams,
      querystring: recordFilesQuerySchema,
      response: { 200: interceptionAttachmentListDto },
    },
  }, async (request): Promise<RecordAttachmentListDto> => {
    const actor = request.requireActor();
    const files = await listInterceptionFiles(ctx, actor, { id: request.params.id, history: request.query.history });
    return presentRecordAttachments(files.rows, actor, files.subject, ctx.config.evidenceLimits);
  });

  r.get('/api/interceptions/weekly', {
    config: { action: 'interception.list' },
    schema: { tags: [TAGS.interceptions.name], summary: '按目的地镇街、按周统计的查处次数（最近若干周，含本周）', querystring: weeklyQuerySchema, response: { 200: weeklyInterceptionsDto } },
  }, async (request): Promise<WeeklyInterceptionsDto> => {
    const actor = request.requireActor();
    request.authorize('interception.list', null);
    const campaign = await currentCampaign(ctx.db);
    const recorders = departmentsRecording(campaign.definition, 'interceptions');
    const today = todayInChina();
    const weeks = request.query.weeks;
    const from = addDays(weekOf(today), -7 * (weeks - 1));
    const counts = await interceptionsByTownAndDay(ctx.db, scopeOf(actor, recorders), campaign.id, from);
    return presentWeekly(counts, today, weeks, '目的地不明');
  });
}
