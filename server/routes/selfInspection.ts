// Self-inspection (自查自纠): 土政策 records per town, and the restricted disciplinary clues.
// Clue routes answer 404 to everyone who may never see clues, so their existence does not leak.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  clueCloseSchema,
  clueCreateSchema,
  clueForwardSchema,
  clueListQuerySchema,
  selfPolicyCreateSchema,
  selfPolicyListQuerySchema,
  selfPolicyUpdateSchema,
  type ClueDto,
  type ClueListDto,
  type ClueReceiptDto,
  type SelfPolicyDto,
  type SelfPolicyListDto,
} from '../../domain/selfInspection.js';
import { clueAttachmentListQuerySchema, type ClueAttachmentListDto } from '../../domain/attachment.js';
import { z } from '../../domain/zod.js';
import { listClueFiles } from '../commands/listClueFiles.js';
import type { AppContext } from '../context.js';
import { notFound } from '../errors.js';
import { can } from '../policies/index.js';
import { presentClueAttachments } from '../presenters/attachment.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { closeClue, fileClue, forwardClue, listClues, viewClue } from '../selfInspection/clues.js';
import { createPolicy, listPolicies, policyDto, readablePolicy, updatePolicy } from '../selfInspection/policies.js';
import { resolveUnitFilter } from '../repositories/unitFilter.js';

const idParams = z.strictObject({ id: z.coerce.number().int().positive({ error: '编号不正确' }) });

/** Before any validation: to users who may never see clues, the reading routes do not exist. */
async function clueReadersOnly(request: FastifyRequest): Promise<void> {
  if (request.actor && !can(request.actor, 'clue.list', null)) throw notFound();
}

export function selfInspectionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // ── 土政策 ──
  r.get('/api/self-inspection/policies', {
    config: { action: 'selfPolicy.list' },
    schema: { tags: ['self-inspection'], summary: '土政策清理台账（按管辖范围）', querystring: selfPolicyListQuerySchema },
  }, async (request): Promise<SelfPolicyListDto> => {
    const actor = request.requireActor();
    request.authorize('selfPolicy.list', null);
    const campaign = await currentCampaign(ctx.db);
    const { town, cleared, page, pageSize } = request.query;
    const units = await resolveUnitFilter(ctx.db, actor, town, undefined);
    if (units === 'none') return { items: [], total: 0 };
    return listPolicies(ctx, actor, campaign, { townId: units.townId, cleared, page, pageSize });
  });

  r.get('/api/self-inspection/policies/:id', {
    config: { action: 'selfPolicy.read' },
    schema: { tags: ['self-inspection'], summary: '一条土政策记录', params: idParams },
  }, async (request): Promise<SelfPolicyDto> => {
    const actor = request.requireActor();
    const campaign = await currentCampaign(ctx.db);
    const row = await readablePolicy(ctx.db, actor, campaign, request.params.id);
    request.authorize('selfPolicy.read', { orgPath: row.org_path });
    return policyDto(ctx.db, actor, row);
  });

  r.post('/api/self-inspection/policies', {
    config: { action: 'selfPolicy.create' },
    schema: { tags: ['self-inspection'], summary: '登记一条土政策', body: selfPolicyCreateSchema },
  }, async (request, reply): Promise<SelfPolicyDto> => {
    const actor = request.requireActor();
    const campaign = await currentCampaign(ctx.db);
    const id = await createPolicy(ctx, actor, campaign, request.body);
    reply.status(201);
    return policyDto(ctx.db, actor, await readablePolicy(ctx.db, actor, campaign, id));
  });

  r.patch('/api/self-inspection/policies/:id', {
    config: { action: 'selfPolicy.update' },
    schema: { tags: ['self-inspection'], summary: '修改土政策记录（须带版本号）', params: idParams, body: selfPolicyUpdateSchema },
  }, async (request): Promise<SelfPolicyDto> => {
    const actor = request.requireActor();
    const campaign = await currentCampaign(ctx.db);
    await updatePolicy(ctx, actor, campaign, request.params.id, request.body);
    return policyDto(ctx.db, actor, await readablePolicy(ctx.db, actor, campaign, request.params.id));
  });

  // ── 违纪线索 ──
  r.get('/api/self-inspection/clues', {
    config: { action: 'clue.list' },
    preValidation: clueReadersOnly,
    schema: { tags: ['self-inspection'], summary: '违纪线索（仅监察与办公室主任；查阅留痕）', querystring: clueListQuerySchema },
  }, async (request): Promise<ClueListDto> => {
    const actor = request.requireActor();
    // Users who may never see clues get 404, as if the route did not exist.
    request.authorize('clue.list', null, 'clue.list');
    const campaign = await currentCampaign(ctx.db);
    const { town, status, q, page, pageSize } = request.query;
    const units = await resolveUnitFilter(ctx.db, actor, town, undefined);
    if (units === 'none') return { items: [], total: 0 };
    return listClues(ctx, actor, campaign, { townId: units.townId, status, q, page, pageSize });
  });

  r.get('/api/self-inspection/clues/:id', {
    config: { action: 'clue.read' },
    preValidation: clueReadersOnly,
    schema: { tags: ['self-inspection'], summary: '一条违纪线索（每次查阅记入审计日志）', params: idParams },
  }, async (request): Promise<ClueDto> => {
    const actor = request.requireActor();
    const campaign = await currentCampaign(ctx.db);
    return viewClue(ctx, actor, campaign, request.params.id);
  });

  r.get('/api/self-inspection/clues/:id/attachments', {
    config: { action: 'attachment.read' },
    preValidation: clueReadersOnly,
    schema: {
      tags: ['self-inspection'],
      summary: '违纪线索的附件（照片、视频、PDF 文档；上传见 /api/uploads，recordType=clue；每次查阅记入审计日志）',
      params: idParams,
      querystring: clueAttachmentListQuerySchema,
    },
  }, async (request): Promise<ClueAttachmentListDto> => {
    const actor = request.requireActor();
    const files = await listClueFiles(ctx, actor, { id: request.params.id, history: request.query.history });
    return presentClueAttachments(files.rows, actor, files.subject, ctx.config.evidenceLimits);
  });

  r.post('/api/self-inspection/clues', {
    config: { action: 'clue.create' },
    schema: { tags: ['self-inspection'], summary: '报告违纪线索（报告人只得到编号，不能查看）', body: clueCreateSchema },
  }, async (request, reply): Promise<ClueReceiptDto> => {
    const actor = request.requireActor();
    const campaign = await currentCampaign(ctx.db);
    const id = await fileClue(ctx, actor, campaign, request.body);
    reply.status(201);
    return { id };
  });

  r.post('/api/self-inspection/clues/:id/forward', {
    config: { action: 'clue.forward' },
    preValidation: clueReadersOnly,
    schema: { tags: ['self-inspection'], summary: '移交监察部门', params: idParams, body: clueForwardSchema },
  }, async (request): Promise<ClueDto> => {
    const actor = request.requireActor();
    const campaign = await currentCampaign(ctx.db);
    return forwardClue(ctx, actor, campaign, request.params.id, request.body);
  });

  r.post('/api/self-inspection/clues/:id/close', {
    config: { action: 'clue.close' },
    preValidation: clueReadersOnly,
    schema: { tags: ['self-inspection'], summary: '办结', params: idParams, body: clueCloseSchema },
  }, async (request): Promise<ClueDto> => {
    const actor = request.requireActor();
    const campaign = await currentCampaign(ctx.db);
    return closeClue(ctx, actor, campaign, request.params.id, request.body);
  });
}
