// Self-inspection (自查自纠): 土政策 records per town, and the restricted disciplinary clues.
// Clue routes answer 404 to everyone who may never see clues, so their existence does not leak.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { clueAttachmentListDto, clueAttachmentListQuerySchema, type ClueAttachmentListDto } from '../../domain/attachment.js';
import { TAGS } from '../../domain/contract.js';
import { idParams } from '../../domain/params.js';
import {
  clueCloseSchema,
  clueCreateSchema,
  clueDto as clueSchema,
  clueForwardSchema,
  clueListDto,
  clueListQuerySchema,
  clueReceiptDto,
  selfPolicyCreateSchema,
  selfPolicyDto as selfPolicySchema,
  selfPolicyListDto,
  selfPolicyListQuerySchema,
  selfPolicyUpdateSchema,
  type ClueDto,
  type ClueListDto,
  type ClueReceiptDto,
  type SelfPolicyDto,
  type SelfPolicyListDto,
} from '../../domain/selfInspection.js';
import type { Actor } from '../auth/actor.js';
import { closeClue } from '../commands/closeClue.js';
import { createSelfPolicy } from '../commands/createSelfPolicy.js';
import { fileClue } from '../commands/fileClue.js';
import { forwardClue } from '../commands/forwardClue.js';
import { readableSelfPolicy } from '../commands/lib/selfPolicy.js';
import { listClues } from '../commands/listClues.js';
import { updateSelfPolicy } from '../commands/updateSelfPolicy.js';
import { viewClue } from '../commands/viewClue.js';
import { listClueFiles } from '../commands/listClueFiles.js';
import type { AppContext } from '../context.js';
import type { DisciplineClueRow, SelfPolicyRow } from '../db/schema.js';
import { notFound } from '../errors.js';
import { can } from '../policies/index.js';
import { presentClue, presentSelfPolicy } from '../presenters/selfInspection.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { enterpriseNames } from '../repositories/enterprises.js';
import { orgUnitNames } from '../repositories/orgUnits.js';
import { listSelfPolicies } from '../repositories/selfPolicies.js';
import { presentRecordAttachments } from '../presenters/attachment.js';
import { resolveUnitFilter } from '../repositories/unitFilter.js';
import { userNames } from '../repositories/users.js';

/** Before any validation: to users who may never see clues, the reading routes do not exist. */
async function clueReadersOnly(request: FastifyRequest): Promise<void> {
  if (request.actor && !can(request.actor, 'clue.list', null)) throw notFound();
}

/** 土政策 records with their towns' names, as the actor sees them. */
async function selfPolicyDtos(ctx: AppContext, actor: Actor, rows: SelfPolicyRow[]): Promise<SelfPolicyDto[]> {
  const towns = await orgUnitNames(ctx.db, rows.map((r) => r.town_id));
  return rows.map((r) => presentSelfPolicy(r, towns.get(r.town_id) ?? '', actor));
}

/** A readable 土政策 record, presented (the routes that change one answer it as it now stands). */
async function selfPolicyDto(ctx: AppContext, actor: Actor, id: number): Promise<SelfPolicyDto> {
  const row = await readableSelfPolicy(ctx.db, actor, await currentCampaign(ctx.db), id);
  return (await selfPolicyDtos(ctx, actor, [row]))[0];
}

/** Clues with the names they show: town, the users who handled them, the workshop named. */
async function clueDtos(ctx: AppContext, actor: Actor, rows: DisciplineClueRow[]): Promise<ClueDto[]> {
  const [towns, users, enterprises] = await Promise.all([
    orgUnitNames(ctx.db, rows.map((r) => r.town_id)),
    userNames(ctx.db, rows.flatMap((r) => [r.reported_by, r.forwarded_by, r.closed_by])),
    enterpriseNames(ctx.db, rows.map((r) => r.enterprise_id)),
  ]);
  return rows.map((r) => presentClue(r, { towns, users, enterprises }, actor));
}

const clueDto = async (ctx: AppContext, actor: Actor, row: DisciplineClueRow): Promise<ClueDto> => (await clueDtos(ctx, actor, [row]))[0];

export function selfInspectionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // ── 土政策 ──
  r.get('/api/self-inspection/policies', {
    config: { action: 'selfPolicy.list' },
    schema: { tags: [TAGS.selfInspection.name], summary: '土政策清理台账（按管辖范围）', querystring: selfPolicyListQuerySchema, response: { 200: selfPolicyListDto } },
  }, async (request): Promise<SelfPolicyListDto> => {
    const actor = request.requireActor();
    request.authorize('selfPolicy.list', null);
    const campaign = await currentCampaign(ctx.db);
    const { town, cleared, page, pageSize } = request.query;
    const units = await resolveUnitFilter(ctx.db, actor, town, undefined);
    if (units === 'none') return { items: [], total: 0 };
    const { rows, total } = await listSelfPolicies(ctx.db, actor, campaign, { townId: units.townId, cleared, page, pageSize });
    return { items: await selfPolicyDtos(ctx, actor, rows), total };
  });

  r.get('/api/self-inspection/policies/:id', {
    config: { action: 'selfPolicy.read' },
    schema: { tags: [TAGS.selfInspection.name], summary: '一条土政策记录', params: idParams, response: { 200: selfPolicySchema } },
  }, async (request): Promise<SelfPolicyDto> => {
    const actor = request.requireActor();
    const campaign = await currentCampaign(ctx.db);
    const row = await readableSelfPolicy(ctx.db, actor, campaign, request.params.id);
    request.authorize('selfPolicy.read', { orgPath: row.org_path });
    return (await selfPolicyDtos(ctx, actor, [row]))[0];
  });

  r.post('/api/self-inspection/policies', {
    // The town named: 400 when there is no such town, 404 when it is out of the user's sight.
    config: { action: 'selfPolicy.create', problems: ['not_found'] },
    schema: { tags: [TAGS.selfInspection.name], summary: '登记一条土政策', body: selfPolicyCreateSchema, response: { 201: selfPolicySchema } },
  }, async (request, reply): Promise<SelfPolicyDto> => {
    const actor = request.requireActor();
    const id = await createSelfPolicy(ctx, actor, request.body);
    reply.status(201);
    return selfPolicyDto(ctx, actor, id);
  });

  r.patch('/api/self-inspection/policies/:id', {
    config: { action: 'selfPolicy.update', problems: ['stale_version'] },
    schema: { tags: [TAGS.selfInspection.name], summary: '修改土政策记录（须带版本号）', params: idParams, body: selfPolicyUpdateSchema, response: { 200: selfPolicySchema } },
  }, async (request): Promise<SelfPolicyDto> => {
    const actor = request.requireActor();
    await updateSelfPolicy(ctx, actor, { id: request.params.id, patch: request.body });
    return selfPolicyDto(ctx, actor, request.params.id);
  });

  // ── 违纪线索 ──
  r.get('/api/self-inspection/clues', {
    // To users who may never see clues the list does not exist (404).
    config: { action: 'clue.list', problems: ['not_found'] },
    preValidation: clueReadersOnly,
    schema: { tags: [TAGS.selfInspection.name], summary: '违纪线索（仅监察与办公室主任；查阅留痕）', querystring: clueListQuerySchema, response: { 200: clueListDto } },
  }, async (request): Promise<ClueListDto> => {
    const actor = request.requireActor();
    const { rows, total } = await listClues(ctx, actor, request.query);
    return { items: await clueDtos(ctx, actor, rows), total };
  });

  r.get('/api/self-inspection/clues/:id', {
    config: { action: 'clue.read' },
    preValidation: clueReadersOnly,
    schema: { tags: [TAGS.selfInspection.name], summary: '一条违纪线索（每次查阅记入审计日志）', params: idParams, response: { 200: clueSchema } },
  }, async (request): Promise<ClueDto> => {
    const actor = request.requireActor();
    return clueDto(ctx, actor, await viewClue(ctx, actor, { id: request.params.id }));
  });

  r.get('/api/self-inspection/clues/:id/attachments', {
    config: { action: 'attachment.read' },
    preValidation: clueReadersOnly,
    schema: {
      tags: [TAGS.selfInspection.name],
      summary: '违纪线索的附件（照片、视频、PDF 文档；上传见 /api/uploads，recordType=clue；每次查阅记入审计日志）',
      params: idParams,
      querystring: clueAttachmentListQuerySchema,
      response: { 200: clueAttachmentListDto },
    },
  }, async (request): Promise<ClueAttachmentListDto> => {
    const actor = request.requireActor();
    const files = await listClueFiles(ctx, actor, { id: request.params.id, history: request.query.history });
    return presentRecordAttachments(files.rows, actor, files.subject, ctx.config.evidenceLimits);
  });

  r.post('/api/self-inspection/clues', {
    // The town named: 400 when there is no such town, 404 when it is out of the user's sight.
    config: { action: 'clue.create', problems: ['not_found'] },
    schema: { tags: [TAGS.selfInspection.name], summary: '报告违纪线索（报告人只得到编号，不能查看）', body: clueCreateSchema, response: { 201: clueReceiptDto } },
  }, async (request, reply): Promise<ClueReceiptDto> => {
    const id = await fileClue(ctx, request.requireActor(), request.body);
    reply.status(201);
    return { id };
  });

  r.post('/api/self-inspection/clues/:id/forward', {
    // conflict: the campaign names no department that investigates disciplinary violations.
    config: { action: 'clue.forward', problems: ['stale_version', 'invalid_transition', 'conflict'] },
    preValidation: clueReadersOnly,
    schema: { tags: [TAGS.selfInspection.name], summary: '移交监察部门（须带版本号）', params: idParams, body: clueForwardSchema, response: { 200: clueSchema } },
  }, async (request): Promise<ClueDto> => {
    const actor = request.requireActor();
    return clueDto(ctx, actor, await forwardClue(ctx, actor, { id: request.params.id, ...request.body }));
  });

  r.post('/api/self-inspection/clues/:id/close', {
    config: { action: 'clue.close', problems: ['stale_version', 'invalid_transition'] },
    preValidation: clueReadersOnly,
    schema: { tags: [TAGS.selfInspection.name], summary: '办结（须带版本号；线索须先移交）', params: idParams, body: clueCloseSchema, response: { 200: clueSchema } },
  }, async (request): Promise<ClueDto> => {
    const actor = request.requireActor();
    return clueDto(ctx, actor, await closeClue(ctx, actor, { id: request.params.id, ...request.body }));
  });
}
