// Joint enforcement (联合执法): a town's application, the office's decisions, each workshop's result,
// the list and one operation, and its operation sheet (.docx). Each route validates with a domain
// schema, runs one command or reads through a repository, and presents. Out of scope answers 404.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DOCX, fileResponse, TAGS } from '../../domain/contract.js';
import {
  jointOperationApplySchema,
  jointOperationApproveSchema,
  jointOperationDetailDto,
  jointOperationListDto,
  jointOperationQuerySchema,
  jointOperationReasonSchema,
  jointOperationResubmitSchema,
  jointOperationStepSchema,
  operationResultSchema,
  operationWorkshopParams,
  type JointOperationDetailDto,
  type JointOperationListDto,
} from '../../domain/jointOperations.js';
import { idParams } from '../../domain/params.js';
import type { Actor } from '../auth/actor.js';
import { applyJointOperation } from '../commands/applyJointOperation.js';
import { decideJointOperation, type OperationDecision } from '../commands/decideJointOperation.js';
import { recordOperationResult } from '../commands/recordOperationResult.js';
import { resubmitJointOperation } from '../commands/resubmitJointOperation.js';
import type { AppContext } from '../context.js';
import { notFound } from '../errors.js';
import { operationSheetDocx } from '../exports/operationSheet.js';
import { can, jointOperationSubject } from '../policies/index.js';
import { presentOperation, presentOperationDetail } from '../presenters/jointOperations.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { findOperationView, listJointOperations, operationWorkshops, pendingItemsOf } from '../repositories/jointOperations.js';

/** One operation with its workshops, for `actor`; 404 when it is not there or not in their scope. */
async function detailOf(ctx: AppContext, actor: Actor, id: number, authorize?: (subject: ReturnType<typeof jointOperationSubject>) => void): Promise<JointOperationDetailDto> {
  const campaign = await currentCampaign(ctx.db);
  const view = await findOperationView(ctx.db, id);
  if (!view || !view.org_path.startsWith(campaign.rootPath)) throw notFound();
  const subject = jointOperationSubject(view);
  if (authorize) authorize(subject);
  else if (!can(actor, 'jointOperation.read', subject)) throw notFound();
  const workshops = await operationWorkshops(ctx.db, id);
  const pending = await pendingItemsOf(ctx.db, workshops.map((w) => w.enterprise_id));
  return presentOperationDetail(view, workshops, pending, campaign.definition, actor);
}

const DECISIONS = [
  { event: 'approve', schema: jointOperationApproveSchema, summary: '办公室批准联合执法：组建执法组（单位、人员），确定行动日期和镇街提供的机械' },
  { event: 'return', schema: jointOperationReasonSchema, summary: '办公室退回申请，说明需修改之处（镇街修改后重新提交）' },
  { event: 'refuse', schema: jointOperationReasonSchema, summary: '办公室不予批准，说明原因' },
  { event: 'start', schema: jointOperationStepSchema, summary: '办公室宣布行动开始（此后可逐个记录各企业的结果）' },
  { event: 'complete', schema: jointOperationStepSchema, summary: '办公室结束行动（每家企业都须已记录结果）' },
] as const;

export function jointOperationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/joint-operations', {
    config: { action: 'jointOperation.list' },
    schema: { tags: [TAGS.jointOperations.name], summary: '管辖范围内的联合执法（最新的在前），及当前用户可否申请', querystring: jointOperationQuerySchema, response: { 200: jointOperationListDto } },
  }, async (request): Promise<JointOperationListDto> => {
    const actor = request.requireActor();
    request.authorize('jointOperation.list', null);
    const campaign = await currentCampaign(ctx.db);
    const q = request.query;
    const { rows, total } = await listJointOperations(ctx.db, actor, { campaignId: campaign.id, rootPath: campaign.rootPath, status: q.status, townId: q.town, page: q.page, pageSize: q.pageSize });
    return { items: rows.map((v) => presentOperation(v, actor)), total, canApply: can(actor, 'jointOperation.apply.any', null) };
  });

  r.post('/api/joint-operations', {
    config: { action: 'jointOperation.apply', problems: ['conflict'] },
    schema: { tags: [TAGS.jointOperations.name], summary: '镇街申请联合执法：所列企业、无法单独取缔的原因、建议日期', body: jointOperationApplySchema, response: { 201: jointOperationDetailDto } },
  }, async (request, reply): Promise<JointOperationDetailDto> => {
    const actor = request.requireActor();
    const id = await applyJointOperation(ctx, actor, request.body);
    reply.status(201);
    return detailOf(ctx, actor, id);
  });

  r.get('/api/joint-operations/:id', {
    config: { action: 'jointOperation.read' },
    schema: { tags: [TAGS.jointOperations.name], summary: '一次联合执法及其企业（位置、联系人、尚未完成的项目、结果）', params: idParams, response: { 200: jointOperationDetailDto } },
  }, async (request): Promise<JointOperationDetailDto> => {
    const actor = request.requireActor();
    return detailOf(ctx, actor, request.params.id, (s) => request.authorize('jointOperation.read', s, 'jointOperation.read'));
  });

  r.get('/api/joint-operations/:id/sheet.docx', {
    config: { action: 'jointOperation.read' },
    schema: { tags: [TAGS.jointOperations.name], summary: '联合执法作业单（A4，可打印）', params: idParams, response: { 200: fileResponse(DOCX, '联合执法作业单（.docx）') } },
  }, async (request, reply) => {
    const actor = request.requireActor();
    const op = await detailOf(ctx, actor, request.params.id, (s) => request.authorize('jointOperation.read', s, 'jointOperation.read'));
    const campaign = await currentCampaign(ctx.db);
    const bytes = await operationSheetDocx(op, campaign.definition.orgUnits.name);
    const name = `联合执法作业单-${op.townName}-${op.id}.docx`;
    return reply
      .header('content-type', DOCX)
      .header('content-disposition', `attachment; filename="qudi-joint-operation-${op.id}.docx"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .header('cache-control', 'no-store')
      .send(bytes);
  });

  r.post('/api/joint-operations/:id/resubmit', {
    config: { action: 'jointOperation.resubmit', problems: ['stale_version', 'invalid_transition', 'conflict'] },
    schema: { tags: [TAGS.jointOperations.name], summary: '镇街修改退回的申请后重新提交', params: idParams, body: jointOperationResubmitSchema, response: { 200: jointOperationDetailDto } },
  }, async (request): Promise<JointOperationDetailDto> => {
    const actor = request.requireActor();
    await resubmitJointOperation(ctx, actor, { id: request.params.id, ...request.body });
    return detailOf(ctx, actor, request.params.id);
  });

  for (const d of DECISIONS)
    r.post(`/api/joint-operations/:id/${d.event}`, {
      config: { action: `jointOperation.${d.event}`, problems: ['stale_version', 'invalid_transition'] },
      schema: { tags: [TAGS.jointOperations.name], summary: d.summary, params: idParams, body: d.schema, response: { 200: jointOperationDetailDto } },
    }, async (request): Promise<JointOperationDetailDto> => {
      const actor = request.requireActor();
      await decideJointOperation(ctx, actor, { id: request.params.id, event: d.event, ...request.body } as { id: number } & OperationDecision);
      return detailOf(ctx, actor, request.params.id);
    });

  r.post('/api/joint-operations/:id/workshops/:enterpriseId', {
    config: { action: 'jointOperation.recordResult', problems: ['invalid_transition'] },
    schema: {
      tags: [TAGS.jointOperations.name],
      summary: '行动中记录一家企业的结果（已清理须该企业的取缔标准项已全部完成）',
      params: operationWorkshopParams,
      body: operationResultSchema,
      response: { 200: jointOperationDetailDto },
    },
  }, async (request): Promise<JointOperationDetailDto> => {
    const actor = request.requireActor();
    await recordOperationResult(ctx, actor, { id: request.params.id, enterpriseId: request.params.enterpriseId, ...request.body });
    return detailOf(ctx, actor, request.params.id);
  });
}
