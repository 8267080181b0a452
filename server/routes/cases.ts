// Cases (违法案件): a workshop's, recording one, the list in the reader's scope, the penalty update,
// transfers and the receiving unit's acknowledgement. Out of scope answers 404.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { caseCreateSchema, caseParties, caseDto, caseListDto, caseQuerySchema, caseTransferSchema, caseUpdateSchema, transferAcknowledgeSchema, type CaseDto, type CaseListDto } from '../../domain/cases.js';
import type { CampaignDefinition } from '../../domain/campaign.js';
import { TAGS } from '../../domain/contract.js';
import { idParams } from '../../domain/params.js';
import type { Actor } from '../auth/actor.js';
import { acknowledgeCaseTransfer } from '../commands/acknowledgeCaseTransfer.js';
import { recordCase } from '../commands/recordCase.js';
import { transferCase } from '../commands/transferCase.js';
import { updateCase } from '../commands/updateCase.js';
import type { AppContext } from '../context.js';
import { notFound } from '../errors.js';
import { can, casePrefixes, caseSubjectOf } from '../policies/index.js';
import { presentCase } from '../presenters/cases.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { findCaseView, listCases } from '../repositories/cases.js';
import { findEnterprise } from '../repositories/enterprises.js';

const policeUnits = (def: CampaignDefinition, receivers: readonly string[]) => def.departments.filter((d) => receivers.includes(d.code)).map((d) => ({ code: d.code, name: d.name }));

async function caseDtoOf(ctx: AppContext, actor: Actor, id: number): Promise<CaseDto> {
  const campaign = await currentCampaign(ctx.db);
  const view = await findCaseView(ctx.db, id);
  if (!view) throw notFound();
  return presentCase(view, caseParties(campaign.definition), actor);
}

export function caseRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/enterprises/:id/cases', {
    config: { action: 'case.read' },
    schema: { tags: [TAGS.cases.name], summary: '企业的违法案件（最新的在前），及当前用户可否登记', params: idParams, response: { 200: caseListDto } },
  }, async (request): Promise<CaseListDto> => {
    const actor = request.requireActor();
    const campaign = await currentCampaign(ctx.db);
    const who = caseParties(campaign.definition);
    const workshop = await findEnterprise(ctx.db, request.params.id);
    if (!workshop || workshop.campaign_id !== campaign.id) throw notFound();
    const subject = caseSubjectOf({ org_path: workshop.org_path, department_code: null }, who);
    request.authorize('case.read', subject, 'case.read');
    const { rows, total } = await listCases(ctx.db, casePrefixes(actor, who.recorders, who.receivers), { campaignId: campaign.id, enterpriseId: workshop.id, page: 1, pageSize: 100 });
    return { items: rows.map((v) => presentCase(v, who, actor)), total, canRecord: can(actor, 'case.create', subject), policeUnits: policeUnits(campaign.definition, who.receivers) };
  });

  r.post('/api/enterprises/:id/cases', {
    config: { action: 'case.create' },
    schema: { tags: [TAGS.cases.name], summary: '登记违法案件（行动定义指定的查处部门；办公室）', params: idParams, body: caseCreateSchema, response: { 201: caseDto } },
  }, async (request, reply): Promise<CaseDto> => {
    const actor = request.requireActor();
    const id = await recordCase(ctx, actor, { enterpriseId: request.params.id, ...request.body });
    reply.status(201);
    return caseDtoOf(ctx, actor, id);
  });

  r.get('/api/cases', {
    config: { action: 'case.list' },
    schema: { tags: [TAGS.cases.name], summary: '管辖范围内的违法案件，最新的在前', querystring: caseQuerySchema, response: { 200: caseListDto } },
  }, async (request): Promise<CaseListDto> => {
    const actor = request.requireActor();
    request.authorize('case.list', null);
    const campaign = await currentCampaign(ctx.db);
    const who = caseParties(campaign.definition);
    const { rows, total } = await listCases(ctx.db, casePrefixes(actor, who.recorders, who.receivers), { campaignId: campaign.id, townId: request.query.town, page: request.query.page, pageSize: request.query.pageSize });
    return { items: rows.map((v) => presentCase(v, who, actor)), total, canRecord: false, policeUnits: policeUnits(campaign.definition, who.receivers) };
  });

  r.patch('/api/cases/:id', {
    config: { action: 'case.update', problems: ['stale_version'] },
    schema: { tags: [TAGS.cases.name], summary: '补充或更正处罚决定、违法事实、证据（需带版本号）', params: idParams, body: caseUpdateSchema, response: { 200: caseDto } },
  }, async (request): Promise<CaseDto> => {
    const actor = request.requireActor();
    await updateCase(ctx, actor, { id: request.params.id, ...request.body });
    return caseDtoOf(ctx, actor, request.params.id);
  });

  r.post('/api/cases/:id/transfers', {
    config: { action: 'case.transfer', problems: ['conflict'] },
    schema: { tags: [TAGS.cases.name], summary: '移交公安（涉嫌环境污染犯罪）或移交纪检（登记为违纪线索）；每种移交一次', params: idParams, body: caseTransferSchema, response: { 201: caseDto } },
  }, async (request, reply): Promise<CaseDto> => {
    const actor = request.requireActor();
    await transferCase(ctx, actor, { caseId: request.params.id, ...request.body });
    reply.status(201);
    return caseDtoOf(ctx, actor, request.params.id);
  });

  r.post('/api/case-transfers/:id/acknowledge', {
    config: { action: 'case.acknowledge', problems: ['conflict'] },
    schema: { tags: [TAGS.cases.name], summary: '接收单位签收移交（公安：接收的部门；纪检：纪检、办公室主任）', params: idParams, body: transferAcknowledgeSchema, response: { 200: caseDto } },
  }, async (request): Promise<CaseDto> => {
    const actor = request.requireActor();
    const caseId = await acknowledgeCaseTransfer(ctx, actor, { id: request.params.id, ...request.body });
    return caseDtoOf(ctx, actor, caseId);
  });
}
