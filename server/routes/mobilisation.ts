// Mobilisation (宣传发动): a town's leading body for the campaign and its publicity log. Lists are
// read through the repository, cut to the reader's scope; each change is one command.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ListResponse } from '../../domain/api.js';
import {
  leadingMemberCreateSchema,
  mobilisationTownQuerySchema,
  publicityCreateSchema,
  publicityQuerySchema,
  type LeadingMemberDto,
  type PublicityEventDto,
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
    schema: { tags: ['mobilisation'], summary: '镇街集中取缔工作领导机构成员', querystring: mobilisationTownQuerySchema },
  }, async (request): Promise<ListResponse<LeadingMemberDto>> => {
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
    schema: { tags: ['mobilisation'], summary: '添加领导机构成员', body: leadingMemberCreateSchema },
  }, async (request, reply) => {
    const id = await addLeadingMember(ctx, request.requireActor(), request.body);
    reply.status(201);
    return { id };
  });

  r.delete('/api/mobilisation/leading-members/:id', {
    config: { action: 'mobilisation.write' },
    schema: { tags: ['mobilisation'], summary: '删除领导机构成员', params: idParams },
  }, async (request, reply) => {
    await removeLeadingMember(ctx, request.requireActor(), { id: request.params.id });
    reply.status(204);
    return null;
  });

  r.get('/api/mobilisation/publicity', {
    config: { action: 'mobilisation.read' },
    schema: { tags: ['mobilisation'], summary: '宣传发动记录（村居负责人会议、宣传车、媒体报道）', querystring: publicityQuerySchema },
  }, async (request): Promise<ListResponse<PublicityEventDto>> => {
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
    schema: { tags: ['mobilisation'], summary: '登记宣传发动记录', body: publicityCreateSchema },
  }, async (request, reply) => {
    const id = await addPublicityEvent(ctx, request.requireActor(), request.body);
    reply.status(201);
    return { id };
  });

  r.delete('/api/mobilisation/publicity/:id', {
    config: { action: 'mobilisation.write' },
    schema: { tags: ['mobilisation'], summary: '删除宣传发动记录', params: idParams },
  }, async (request, reply) => {
    await removePublicityEvent(ctx, request.requireActor(), { id: request.params.id });
    reply.status(204);
    return null;
  });
}
