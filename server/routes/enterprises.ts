// The workshop register (一企一档) and its shutdown workflow — Qudi's reference feature: every
// route validates with a schema from domain/, then either reads through a repository and presents,
// or runs one named command (which authorizes and audits) and presents the workshop as it now
// stands. See docs/architecture.md.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { enterpriseDto, enterpriseListDto, historyEntryDto, listOf, type EnterpriseDto } from '../../domain/api.js';
import { departmentsRecording } from '../../domain/campaign.js';
import { caseParties } from '../../domain/cases.js';
import { TAGS } from '../../domain/contract.js';
import { duplicateCheckResultDto } from '../../domain/duplicates.js';
import {
  duplicateCheckSchema,
  enterpriseCreateSchema,
  enterpriseListQuerySchema,
  enterprisePatchSchema,
  itemParams,
  itemRecordSchema,
  reasonSchema,
  verdictSchema,
} from '../../domain/enterprise.js';
import { idParams } from '../../domain/params.js';
import type { Actor } from '../auth/actor.js';
import { createEnterprise } from '../commands/createEnterprise.js';
import { excludeEnterprise } from '../commands/excludeEnterprise.js';
import { markRecurred } from '../commands/markRecurred.js';
import { recordItem } from '../commands/recordItem.js';
import { recordVerdict } from '../commands/recordVerdict.js';
import { updateEnterprise } from '../commands/updateEnterprise.js';
import type { AppContext } from '../context.js';
import { notFound } from '../errors.js';
import { authorize, enterpriseSubject } from '../policies/index.js';
import { presentEnterprise, presentHistoryEntry, presentRejection, presentSummary } from '../presenters/enterprise.js';
import { countItemEvidence } from '../repositories/attachments.js';
import { listAuditForEntity } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { findDuplicates } from '../repositories/duplicates.js';
import { findEnterprise, findItems, listEnterprises, listVerdicts } from '../repositories/enterprises.js';
import { orgUnitNames } from '../repositories/orgUnits.js';
import { resolveUnitFilter } from '../repositories/unitFilter.js';
import { userNames } from '../repositories/users.js';

/** A workshop of the current campaign the actor may `action` (404 when out of sight, 403 when not theirs to act on). */
async function authorizedWorkshop(ctx: AppContext, actor: Actor, id: number, action: string) {
  const campaign = await currentCampaign(ctx.db);
  const row = await findEnterprise(ctx.db, id);
  if (!row || row.campaign_id !== campaign.id) throw notFound();
  authorize(actor, action, enterpriseSubject(row), 'enterprise.read');
  return { campaign, row };
}

/** The workshop's record (一企一档) as the actor sees it, with what they may do to it. */
async function workshopDto(ctx: AppContext, actor: Actor, id: number): Promise<EnterpriseDto> {
  const { campaign, row } = await authorizedWorkshop(ctx, actor, id, 'enterprise.read');
  const [items, names, evidence, verdicts] = await Promise.all([
    findItems(ctx.db, id),
    orgUnitNames(ctx.db, [row.town_id, ...(row.village_id ? [row.village_id] : [])]),
    countItemEvidence(ctx.db, id, row.reopened_at),
    row.status === 'rejected' ? listVerdicts(ctx.db, id) : [],
  ]);
  const places = { town: names.get(row.town_id) ?? '', village: row.village_id ? (names.get(row.village_id) ?? null) : null };
  const rejection = presentRejection(row, verdicts, await userNames(ctx.db, verdicts.map((v) => v.inspector_id)));
  return presentEnterprise(row, items, places, actor, campaign.definition.standardItems, evidence, rejection, { incidentRecorders: departmentsRecording(campaign.definition, 'incidents'), cases: caseParties(campaign.definition) });
}

export function enterpriseRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/enterprises', {
    config: { action: 'enterprise.list' },
    schema: { tags: [TAGS.register.name], summary: '企业列表（按管辖范围）', querystring: enterpriseListQuerySchema, response: { 200: enterpriseListDto } },
  }, async (request) => {
    const actor = request.requireActor();
    request.authorize('enterprise.list', null);
    const campaign = await currentCampaign(ctx.db);
    const q = request.query;
    const units = await resolveUnitFilter(ctx.db, actor, q.town, q.village);
    if (units === 'none') return { items: [], total: 0, totalCapped: false };
    const filter = { campaignId: campaign.id, rootPath: campaign.rootPath, townId: units.townId, villageId: units.villageId, status: q.status, q: q.q || undefined, pendingItem: q.pendingItem, incomplete: q.incomplete === '1' };
    const { rows, total, totalCapped } = await listEnterprises(ctx.db, actor, filter, q);
    return { items: rows.map(presentSummary), total, totalCapped };
  });

  r.post('/api/enterprises/duplicates', {
    config: { action: 'enterprise.list' },
    schema: { tags: [TAGS.register.name], summary: '重复提醒：同一电话、相似名称或相距很近的已登记企业（按管辖范围）', body: duplicateCheckSchema, response: { 200: duplicateCheckResultDto } },
  }, async (request) => {
    const actor = request.requireActor();
    request.authorize('enterprise.list', null);
    const campaign = await currentCampaign(ctx.db);
    return { items: await findDuplicates(ctx.db, actor, campaign, request.body, ctx.config.duplicateDistanceMetres), radiusMetres: ctx.config.duplicateDistanceMetres };
  });

  r.get('/api/enterprises/:id', {
    config: { action: 'enterprise.read' },
    schema: { tags: [TAGS.register.name], summary: '企业档案（一企一档）', params: idParams, response: { 200: enterpriseDto } },
  }, async (request) => workshopDto(ctx, request.requireActor(), request.params.id));

  r.post('/api/enterprises', {
    config: { action: 'enterprise.create', problems: ['possible_duplicate'] },
    schema: { tags: [TAGS.register.name], summary: '登记企业（可能重复时答复 409 possible_duplicate）', body: enterpriseCreateSchema, response: { 201: enterpriseDto } },
  }, async (request, reply) => {
    const actor = request.requireActor();
    const id = await createEnterprise(ctx, actor, request.body);
    reply.status(201);
    return workshopDto(ctx, actor, id);
  });

  r.patch('/api/enterprises/:id', {
    config: { action: 'enterprise.update', problems: ['stale_version', 'invalid_transition'] },
    schema: { tags: [TAGS.register.name], summary: '修改企业信息（需带版本号）', params: idParams, body: enterprisePatchSchema, response: { 200: enterpriseDto } },
  }, async (request) => {
    const actor = request.requireActor();
    await updateEnterprise(ctx, actor, { id: request.params.id, patch: request.body });
    return workshopDto(ctx, actor, request.params.id);
  });

  r.put('/api/enterprises/:id/items/:item', {
    config: { action: 'enterprise.recordItem', problems: ['stale_version', 'invalid_transition', 'evidence_required'] },
    schema: { tags: [TAGS.shutdown.name], summary: '记录一项取缔标准的完成情况（已完成或不适用）', params: itemParams, body: itemRecordSchema, response: { 200: enterpriseDto } },
  }, async (request) => {
    const actor = request.requireActor();
    await recordItem(ctx, actor, { id: request.params.id, itemCode: request.params.item, record: request.body });
    return workshopDto(ctx, actor, request.params.id);
  });

  r.post('/api/enterprises/:id/verdict', {
    config: { action: 'enterprise.verdict', problems: ['stale_version', 'invalid_transition'] },
    schema: { tags: [TAGS.acceptance.name], summary: '验收结论（验收组）', params: idParams, body: verdictSchema, response: { 200: enterpriseDto } },
  }, async (request) => {
    const actor = request.requireActor();
    await recordVerdict(ctx, actor, { id: request.params.id, verdict: request.body });
    return workshopDto(ctx, actor, request.params.id);
  });

  r.post('/api/enterprises/:id/exclude', {
    config: { action: 'enterprise.exclude', problems: ['stale_version', 'invalid_transition'] },
    schema: { tags: [TAGS.register.name], summary: '排除（经核实不属于土小企业，办公室审批）', params: idParams, body: reasonSchema, response: { 200: enterpriseDto } },
  }, async (request) => {
    const actor = request.requireActor();
    await excludeEnterprise(ctx, actor, { id: request.params.id, reason: request.body.reason });
    return workshopDto(ctx, actor, request.params.id);
  });

  r.post('/api/enterprises/:id/recur', {
    config: { action: 'enterprise.recur', problems: ['stale_version', 'invalid_transition'] },
    schema: { tags: [TAGS.supervision.name], summary: '确认反弹（死灰复燃），重新取缔', params: idParams, body: reasonSchema, response: { 200: enterpriseDto } },
  }, async (request) => {
    const actor = request.requireActor();
    await markRecurred(ctx, actor, { id: request.params.id, reason: request.body.reason });
    return workshopDto(ctx, actor, request.params.id);
  });

  r.get('/api/enterprises/:id/history', {
    config: { action: 'enterprise.history' },
    schema: { tags: [TAGS.register.name], summary: '企业变更记录', params: idParams, response: { 200: listOf(historyEntryDto, '企业的全部变更记录') } },
  }, async (request) => {
    const { row } = await authorizedWorkshop(ctx, request.requireActor(), request.params.id, 'enterprise.history');
    const rows = await listAuditForEntity(ctx.db, 'enterprise', row.id);
    return { items: rows.map(presentHistoryEntry), total: rows.length };
  });
}
