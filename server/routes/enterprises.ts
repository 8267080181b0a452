import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ListResponse, EnterpriseSummaryDto, HistoryEntryDto } from '../../domain/api.js';
import {
  duplicateCheckSchema,
  enterpriseCreateSchema,
  enterpriseListQuerySchema,
  enterprisePatchSchema,
  itemRecordSchema,
  reasonSchema,
  verdictSchema,
} from '../../domain/enterprise.js';
import { z } from '../../domain/zod.js';
import type { AppContext } from '../context.js';
import type { Authorize } from '../commands/common.js';
import { createEnterprise } from '../commands/createEnterprise.js';
import type { Actor } from '../policies/index.js';
import type { CampaignRecord } from '../repositories/campaigns.js';
import { recordItem } from '../commands/recordItem.js';
import { excludeEnterprise, markRecurred, recordVerdict } from '../commands/transitions.js';
import { updateEnterprise } from '../commands/updateEnterprise.js';
import { notFound } from '../errors.js';
import { enterpriseSubject, presentEnterprise, presentSummary } from '../presenters/enterprise.js';
import { countItemEvidence } from '../repositories/attachments.js';
import { listAuditForEntity } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { findDuplicates } from '../repositories/duplicates.js';
import { findEnterprise, findItems, listEnterprises } from '../repositories/enterprises.js';
import { orgUnitNames } from '../repositories/orgUnits.js';
import { resolveUnitFilter } from './unitFilter.js';

const idParams = z.strictObject({ id: z.coerce.number().int().positive({ error: '编号不正确' }) });
const itemParams = idParams.extend({ item: z.string().max(40) });

export function enterpriseRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  async function loadDto(request: FastifyRequest, id: number) {
    const actor = request.requireActor();
    const campaign = await currentCampaign(ctx.db);
    const row = await findEnterprise(ctx.db, id);
    if (!row || row.campaign_id !== campaign.id) throw notFound();
    request.authorize('enterprise.read', enterpriseSubject(row), 'enterprise.read');
    const [items, names, evidence] = await Promise.all([findItems(ctx.db, id), orgUnitNames(ctx.db, [row.town_id, ...(row.village_id ? [row.village_id] : [])]), countItemEvidence(ctx.db, id, row.reopened_at)]);
    return presentEnterprise(row, items, { town: names.get(row.town_id) ?? '', village: row.village_id ? (names.get(row.village_id) ?? null) : null }, actor, campaign.definition.standardItems, evidence);
  }

  /** Runs a command as the signed-in actor against the current campaign, then answers the workshop as it now stands. */
  async function change(request: FastifyRequest, id: number, command: (actor: Actor, authorize: Authorize, campaign: CampaignRecord) => Promise<unknown>) {
    await command(request.requireActor(), request.authorize.bind(request), await currentCampaign(ctx.db));
    return loadDto(request, id);
  }

  r.get('/api/enterprises', {
    config: { action: 'enterprise.list' },
    schema: { tags: ['enterprises'], summary: '企业列表（按管辖范围）', querystring: enterpriseListQuerySchema },
  }, async (request): Promise<ListResponse<EnterpriseSummaryDto>> => {
    const actor = request.requireActor();
    request.authorize('enterprise.list', null);
    const campaign = await currentCampaign(ctx.db);
    const q = request.query;
    const units = await resolveUnitFilter(ctx.db, actor, q.town, q.village);
    if (units === 'none') return { items: [], total: 0 };
    const { rows, total } = await listEnterprises(ctx.db, ctx.dialect, actor, { campaignId: campaign.id, rootPath: campaign.rootPath, townId: units.townId, villageId: units.villageId, status: q.status, q: q.q || undefined, pendingItem: q.pendingItem }, q);
    return { items: rows.map(presentSummary), total };
  });

  r.post('/api/enterprises/duplicates', {
    config: { action: 'enterprise.list' },
    schema: { tags: ['enterprises'], summary: '重复提醒：同一电话、相似名称或相距很近的已登记企业（按管辖范围）', body: duplicateCheckSchema },
  }, async (request) => {
    const actor = request.requireActor();
    request.authorize('enterprise.list', null);
    const campaign = await currentCampaign(ctx.db);
    return { items: await findDuplicates(ctx.db, actor, campaign, request.body, ctx.config.duplicateDistanceMetres), radiusMetres: ctx.config.duplicateDistanceMetres };
  });

  r.get('/api/enterprises/:id', {
    config: { action: 'enterprise.read' },
    schema: { tags: ['enterprises'], summary: '企业档案（一企一档）', params: idParams },
  }, async (request) => loadDto(request, request.params.id));

  r.post('/api/enterprises', {
    config: { action: 'enterprise.create' },
    schema: { tags: ['enterprises'], summary: '登记企业', body: enterpriseCreateSchema },
  }, async (request, reply) => {
    const actor = request.requireActor();
    const campaign = await currentCampaign(ctx.db);
    const id = await createEnterprise(ctx, actor, request.authorize.bind(request), campaign, request.body);
    reply.status(201);
    return loadDto(request, id);
  });

  r.patch('/api/enterprises/:id', {
    config: { action: 'enterprise.update' },
    schema: { tags: ['enterprises'], summary: '修改企业信息（需带版本号）', params: idParams, body: enterprisePatchSchema },
  }, async (request) => change(request, request.params.id, (actor, authorize, campaign) => updateEnterprise(ctx, actor, authorize, campaign, request.params.id, request.body)));

  r.put('/api/enterprises/:id/items/:item', {
    config: { action: 'enterprise.recordItem' },
    schema: { tags: ['enterprises'], summary: '记录取缔标准项', params: itemParams, body: itemRecordSchema },
  }, async (request) => change(request, request.params.id, (actor, authorize, campaign) => recordItem(ctx, actor, authorize, campaign, request.params.id, request.params.item, request.body)));

  r.post('/api/enterprises/:id/verdict', {
    config: { action: 'enterprise.verdict' },
    schema: { tags: ['enterprises'], summary: '验收结论（验收组）', params: idParams, body: verdictSchema },
  }, async (request) => change(request, request.params.id, (actor, authorize, campaign) => recordVerdict(ctx, actor, authorize, campaign, request.params.id, request.body)));

  r.post('/api/enterprises/:id/exclude', {
    config: { action: 'enterprise.exclude' },
    schema: { tags: ['enterprises'], summary: '排除（经核实不属于土小企业，办公室审批）', params: idParams, body: reasonSchema },
  }, async (request) => change(request, request.params.id, (actor, authorize, campaign) => excludeEnterprise(ctx, actor, authorize, campaign, request.params.id, request.body.reason)));

  r.post('/api/enterprises/:id/recur', {
    config: { action: 'enterprise.recur' },
    schema: { tags: ['enterprises'], summary: '确认反弹（死灰复燃），重新取缔', params: idParams, body: reasonSchema },
  }, async (request) => change(request, request.params.id, (actor, authorize, campaign) => markRecurred(ctx, actor, authorize, campaign, request.params.id, request.body.reason)));

  r.get('/api/enterprises/:id/history', {
    config: { action: 'enterprise.history' },
    schema: { tags: ['enterprises'], summary: '企业变更记录', params: idParams },
  }, async (request): Promise<ListResponse<HistoryEntryDto>> => {
    request.requireActor();
    const campaign = await currentCampaign(ctx.db);
    const row = await findEnterprise(ctx.db, request.params.id);
    if (!row || row.campaign_id !== campaign.id) throw notFound();
    request.authorize('enterprise.history', enterpriseSubject(row), 'enterprise.read');
    const rows = await listAuditForEntity(ctx.db, 'enterprise', row.id);
    return {
      items: rows.map((a) => ({ id: a.id, at: a.at, actor: a.actor_name, action: a.action, entityType: a.entity_type, entityId: a.entity_id, before: a.before ? JSON.parse(a.before) : null, after: a.after ? JSON.parse(a.after) : null })),
      total: rows.length,
    };
  });
}
