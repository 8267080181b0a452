// Remarks on a workshop (帮包意见与督办): liaison departments and the office comment on and escalate
// a workshop, the town answers; and the open escalations in the user's scope, the town's to-do list.
// Each route validates with a domain schema, runs one command or reads through a repository, and
// presents. Out of scope answers 404 like a workshop that is not there.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { TAGS } from '../../domain/contract.js';
import { idParams } from '../../domain/params.js';
import {
  openEscalationListDto,
  openEscalationQuerySchema,
  remarkAnswerSchema,
  remarkCreateSchema,
  remarkDto,
  remarkListDto,
  type OpenEscalationListDto,
  type RemarkDto,
  type RemarkListDto,
} from '../../domain/remarks.js';
import type { Actor } from '../auth/actor.js';
import { addRemark } from '../commands/addRemark.js';
import { answerEscalation } from '../commands/answerEscalation.js';
import type { AppContext } from '../context.js';
import type { EnterpriseRow, WorkshopRemarkRow } from '../db/schema.js';
import { notFound } from '../errors.js';
import { presentOpenEscalation, presentRemark, presentRemarkList } from '../presenters/remarks.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { findEnterprise } from '../repositories/enterprises.js';
import { findRemark, listOpenEscalations, listRemarks } from '../repositories/remarks.js';
import { userNames } from '../repositories/users.js';

const people = (rows: WorkshopRemarkRow[]) => rows.flatMap((r) => [r.author_id, r.answered_by]);

/** A workshop of the current campaign (its remarks are checked against it by the caller), else 404. */
async function workshopOf(ctx: AppContext, id: number): Promise<EnterpriseRow> {
  const campaign = await currentCampaign(ctx.db);
  const row = await findEnterprise(ctx.db, id);
  if (!row || row.campaign_id !== campaign.id) throw notFound();
  return row;
}

/** One remark (just written by the actor) as it now stands, presented for them. */
async function remarkDtoOf(ctx: AppContext, actor: Actor, id: number): Promise<RemarkDto> {
  const campaign = await currentCampaign(ctx.db);
  const remark = await findRemark(ctx.db, campaign.id, id);
  if (!remark) throw notFound();
  const workshop = await workshopOf(ctx, remark.enterprise_id);
  return presentRemark(remark, workshop, await userNames(ctx.db, people([remark])), actor);
}

export function remarkRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/enterprises/:id/remarks', {
    config: { action: 'remark.read' },
    schema: { tags: [TAGS.remarks.name], summary: '企业的帮包意见与督办（最早的在前），及当前用户可否提出意见、督办', params: idParams, response: { 200: remarkListDto } },
  }, async (request): Promise<RemarkListDto> => {
    const actor = request.requireActor();
    const workshop = await workshopOf(ctx, request.params.id);
    request.authorize('remark.read', { orgPath: workshop.org_path }, 'remark.read');
    const rows = await listRemarks(ctx.db, workshop.id);
    return presentRemarkList(rows, workshop, await userNames(ctx.db, people(rows)), actor);
  });

  r.post('/api/enterprises/:id/remarks', {
    config: { action: 'remark.create' },
    schema: {
      tags: [TAGS.remarks.name],
      summary: '提出意见或督办（帮包部门限所联系的镇街；办公室；镇街可提出意见）',
      params: idParams,
      body: remarkCreateSchema,
      response: { 201: remarkDto },
    },
  }, async (request, reply): Promise<RemarkDto> => {
    const actor = request.requireActor();
    const id = await addRemark(ctx, actor, { enterpriseId: request.params.id, ...request.body });
    reply.status(201);
    return remarkDtoOf(ctx, actor, id);
  });

  r.post('/api/remarks/:id/answer', {
    config: { action: 'remark.answer', problems: ['invalid_transition'] },
    schema: { tags: [TAGS.remarks.name], summary: '镇街答复督办（答复后督办办结，不能再次答复）', params: idParams, body: remarkAnswerSchema, response: { 200: remarkDto } },
  }, async (request): Promise<RemarkDto> => {
    const actor = request.requireActor();
    const answered = await answerEscalation(ctx, actor, { id: request.params.id, ...request.body });
    return remarkDtoOf(ctx, actor, answered.id);
  });

  r.get('/api/remarks/open-escalations', {
    config: { action: 'remark.openList' },
    schema: { tags: [TAGS.remarks.name], summary: '管辖范围内待答复的督办（镇街的待办），最新的在前', querystring: openEscalationQuerySchema, response: { 200: openEscalationListDto } },
  }, async (request): Promise<OpenEscalationListDto> => {
    const actor = request.requireActor();
    request.authorize('remark.openList', null);
    const campaign = await currentCampaign(ctx.db);
    const { rows, total } = await listOpenEscalations(ctx.db, actor, campaign, request.query);
    return { items: rows.map((row) => presentOpenEscalation(row)), total };
  });
}
