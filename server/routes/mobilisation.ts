// Mobilisation (宣传发动): a town's leading body for the campaign and its publicity log. Lists are
// read through the repository, cut to the reader's scope; each change is one command.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { noContent, TAGS } from '../../domain/contract.js';
import {
  createdRecordDto,
  leadingMemberCreateSchema,
  leadingMemberListDto,
  mobilisationTownQuerySchema,
  publicityCreateSchema,
  publicityEventListDto,
  publicityQuerySchema,
  type LeadingMemberListDto,
  type PublicityEventListDto,
} from '../../domain/mobilisation.js';
import { idParams } from '../../domain/params.js';
import { addLeadingMember } from '../commands/addLeadingMember.js';
import { addPublicityEvent } from '../commands/addPublicityEvent.js';
import { removeLeadingMember } from '../commands/removeLeadingMember.js';
import { removePublicityEvent } from '../commands/removePublicityEvent.js';
import type { AppContext } from '../context.js';
import { presentLeadingMember, presentPublicityEvent } from '../presenters/mobilisation.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { listLeadingMembers, listPublicityEvents } from '../repositories/mobilisation.js';
import { resolveUnitFilter } from '../repositories/unitFilter.js';
import { userNames } from '../repositories/users.js';

export function mobilisationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/mobilisation/leading-members', {
    config: { action: 'mobilisation.read' },
    schema: { tags: [TAGS.mobilisation.name], summary: '镇街集中取缔工作领导机构成员', querystring: mobilisationTownQuerySchema, response: { 200: leadingMemberListDto } },
  }, async (request): Promise<LeadingMemberListDto> => {
    const actor = request.requireActor();
    request.authorize('mobilisation.read', null);
    const campaign = await currentCampaign(ctx.db);
    const units = await resolveUnitFilter(ctx.db, actor, request.query.town, undefined);
    if (units === 'none') return { items: [], total: 0 };
    const rows = await listLeadingMembers(ctx.db, actor, campaign.id, units.townId);
    return { items: rows.map((m) => presentLeadingMember(m, actor)), total: rows.length };
  });

  r.post('/api/mobilisation/leading-members', {
    config: { action: 'mobilisation.write' },
    schema: { tags: [TAGS.mobilisation.name], summary: '添加领导机构成员', body: leadingMemberCreateSchema, response: { 201: createdRecordDto } },
  }, async (request, reply) => {
    const id = await addLeadingMember(ctx, request.requireActor(), request.body);
    reply.status(201);
    return { id };
  });

  r.delete('/api/mobilisation/leading-members/:id', {
    config: { action: 'mobilisation.write' },
    schema: { tags: [TAGS.mobilisation.name], summary: '删除领导机构成员', params: idParams, response: { 204: noContent } },
  }, async (request, reply) => {
    await removeLeadingMember(ctx, request.requireActor(), { id: request.params.id });
    reply.status(204);
    return null;
  });

  r.get('/api/mobilisation/publicity', {
    config: { action: 'mobilisation.read' },
    schema: { tags: [TAGS.mobilisation.name], summary: '宣传发动记录（村居负责人会议、宣传车、媒体报道）', querystring: publicityQuerySchema, response: { 200: publicityEventListDto } },
  }, async (request): Promise<PublicityEventListDto> => {
    const actor = request.requireActor();
    request.authorize('mobilisation.read', null);
    const campaign = await currentCampaign(ctx.db);
    const units = await resolveUnitFilter(ctx.db, actor, request.query.town, undefined);
    if (units === 'none') return { items: [], total: 0 };
    const rows = await listPublicityEvents(ctx.db, actor, campaign.id, { townId: units.townId, kind: request.query.kind });
    const names = await userNames(ctx.db, rows.map((e) => e.created_by));
    return { items: rows.map((e) => presentPublicityEvent(e, names.get(e.created_by) ?? '', actor)), total: rows.length };
  });

  r.post('/api/mobilisation/publicity', {
    config: { action: 'mobilisation.write' },
    schema: { tags: [TAGS.mobilisation.name], summary: '登记宣传发动记录', body: publicityCreateSchema, response: { 201: createdRecordDto } },
  }, async (request, reply) => {
    const id = await addPublicityEvent(ctx, request.requireActor(), request.body);
    reply.status(201);
    return { id };
  });

  r.delete('/api/mobilisation/publicity/:id', {
    config: { action: 'mobilisation.write' },
    schema: { tags: [TAGS.mobilisation.name], summary: '删除宣传发动记录', params: idParams, response: { 204: noContent } },
  }, async (request, reply) => {
    await removePublicityEvent(ctx, request.requireActor(), { id: request.params.id });
    reply.status(204);
    return null;
  });
}
