// 群众举报: the public portal's routes (no login: a challenge, the tip, its progress by receipt code, the
// towns to choose from) and the staff's (the tips in scope, one with the workshops around it, triage,
// answer, set aside). The public routes answer nothing about other tips or about workshops.
import multipart from '@fastify/multipart';
import { withUploadedFile } from './lib/uploadedFile.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { TAGS } from '../../domain/contract.js';
import { distanceMetres } from '../../domain/geo.js';
import { cellsExtent, PUBLIC_EXTENT_LEVEL, publicMapDto, type PublicMapDto } from '../../domain/map.js';
import { idParams } from '../../domain/params.js';
import {
  publicTownsDto,
  receiptParams,
  tipAnswerSchema,
  tipAssignSchema,
  tipChallengeDto,
  tipDismissSchema,
  tipDto,
  tipFileReceiptDto,
  tipListDto,
  tipPublicStatusDto,
  tipQuerySchema,
  tipReceiptDto,
  tipSubmitSchema,
  type TipDto,
  type TipListDto,
} from '../../domain/tips.js';
import { nowIso, todayInChina } from '../../domain/time.js';
import type { Actor } from '../auth/actor.js';
import { recordFilesQuerySchema, tipAttachmentListDto, type RecordAttachmentListDto } from '../../domain/attachment.js';
import { addTipFile, TIP_MAX_FILES } from '../commands/addTipFile.js';
import { listTipFiles } from '../commands/listTipFiles.js';
import { presentRecordAttachments } from '../presenters/attachment.js';
import { answerTip } from '../commands/answerTip.js';
import { assignTip } from '../commands/assignTip.js';
import { dismissTip } from '../commands/dismissTip.js';
import { issueTipChallenge } from '../commands/issueTipChallenge.js';
import { enforceLimits } from '../commands/lib/rateLimit.js';
import { readableTip } from '../commands/lib/tip.js';
import { receiptSha256, submitTip } from '../commands/submitTip.js';
import type { AppContext } from '../context.js';
import type { TipRow } from '../db/schema.js';
import { invalid, notFound } from '../errors.js';
import { can, enterpriseSubject, tipPrefixes } from '../policies/index.js';
import { presentTip, presentTipStatus, type TipFacts } from '../presenters/tips.js';
import { currentCampaign, type CampaignRecord } from '../repositories/campaigns.js';
import { occupiedCells } from '../repositories/map.js';
import { listChildUnits, orgUnitNames } from '../repositories/orgUnits.js';
import { findTipByReceipt, listTips, workshopRefs, workshopsNear, type WorkshopRef } from '../repositories/tips.js';
import { userNames } from '../repositories/users.js';
import { evidenceIdsOf } from '../presenters/evidenceIds.js';
import type { Status } from '../../domain/status.js';

/** How far around a tip the registered workshops are shown (metres). */
const NEARBY_M = 1000;

/** The device id the portal keeps in the browser (per-device limits); absent or malformed: none. */
function deviceOf(request: FastifyRequest): string | null {
  const raw = request.headers['qudi-device'];
  return typeof raw === 'string' && /^[A-Za-z0-9-]{8,64}$/.test(raw) ? raw : null;
}

async function nearbyWorkshops(ctx: AppContext, actor: Actor, campaign: CampaignRecord, row: TipRow): Promise<WorkshopRef[]> {
  if (row.lat === null || row.lng === null) return [];
  const at = { lat: row.lat, lng: row.lng };
  const found = await workshopsNear(ctx.db, campaign.id, at, NEARBY_M, 500);
  return found
    .filter((w) => w.lat !== null && w.lng !== null && can(actor, 'enterprise.read', enterpriseSubject({ org_path: w.org_path, status: w.status as Status })))
    .map((w) => ({ w, d: distanceMetres(at, { lat: w.lat!, lng: w.lng! }) }))
    .filter((x) => x.d <= NEARBY_M)
    .sort((a, b) => a.d - b.d)
    .slice(0, 10)
    .map((x) => x.w);
}

async function tipFacts(ctx: AppContext, actor: Actor, campaign: CampaignRecord, rows: TipRow[], detail: boolean): Promise<TipFacts & { nearbyOf: Map<number, WorkshopRef[]> }> {
  const linkedIds = rows.flatMap((r) => evidenceIdsOf(r.enterprise_ids));
  const nearbyOf = new Map<number, WorkshopRef[]>();
  if (detail) for (const r of rows) nearbyOf.set(r.id, await nearbyWorkshops(ctx, actor, campaign, r));
  const [linked, users] = await Promise.all([workshopRefs(ctx.db, linkedIds), userNames(ctx.db, rows.flatMap((r) => [r.assigned_by, r.answered_by]))]);
  const townIds = [...rows.flatMap((r) => [r.town_id, r.reported_town_id]), ...[...nearbyOf.values()].flat().map((w) => w.town_id)].filter((x): x is number => x !== null);
  return { rootPath: campaign.rootPath, today: todayInChina(), towns: await orgUnitNames(ctx.db, townIds), linked: new Map(linked.map((w) => [w.id, w])), nearby: [], users, nearbyOf };
}

async function tipDtoOf(ctx: AppContext, actor: Actor, id: number): Promise<TipDto> {
  const campaign = await currentCampaign(ctx.db);
  const row = await readableTip(ctx.db, actor, campaign, id);
  const facts = await tipFacts(ctx, actor, campaign, [row], true);
  return presentTip(row, { ...facts, nearby: facts.nearbyOf.get(row.id) ?? [] }, actor);
}

export function tipRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // The tipster's photos: multipart for this route's scope only (one file per request, as large as the
  // evidence limits allow), everywhere else writes stay JSON-only.
  void app.register(async (scope) => {
    const maxBytes = Math.max(ctx.config.evidenceLimits.photoMaxBytes, ctx.config.evidenceLimits.videoMaxBytes);
    await scope.register(multipart, { limits: { fileSize: maxBytes, files: 1, fields: 3, fieldSize: 40, parts: 4 } });
    scope.withTypeProvider<ZodTypeProvider>().post('/api/public/tips/:receipt/files', {
      config: { public: true, problems: ['rate_limited', 'invalid_transition', 'conflict'] },
      schema: {
        tags: [TAGS.tips.name],
        summary: `（公众，无需登录）为刚提交的举报补充照片或视频（multipart：file，可带 lat、lng 设备定位）；提交后两小时内、受理前，每条最多 ${TIP_MAX_FILES} 个`,
        consumes: ['multipart/form-data'],
        params: receiptParams,
        response: { 201: tipFileReceiptDto },
      },
    }, async (request, reply) => {
      const tooLarge = `文件超过 ${Math.round(maxBytes / 1024 / 1024)} MB 的上限`;
      const oneFile = '一次上传一个文件（字段 file，可带 lat、lng）';
      const refusals = { prefix: 'qudi-tip-', notMultipart: '请以 multipart/form-data 上传文件（字段 file）', tooLarge, tooManyFiles: oneFile, tooManyParts: oneFile };
      return withUploadedFile(request, refusals, async ({ file, filename, fields }) => {
        if (filename === undefined) throw invalid('请选择照片或视频', [{ path: 'file', message: '请选择照片或视频' }]);
        const lat = Number(fields.lat);
        const lng = Number(fields.lng);
        const device = fields.lat !== undefined && Number.isFinite(lat) && Number.isFinite(lng) && Math.abs(lat) <= 90 && Math.abs(lng) <= 180 ? { lat, lng } : null;
        const added = await addTipFile(ctx, { address: request.ip }, { receipt: request.params.receipt, path: file, filename, device });
        reply.status(201);
        return { received: true, duplicate: added.duplicate };
      });
    });
  });

  // ---- Public (no login) ----

  r.get('/api/public/tips/challenge', {
    config: { public: true, problems: ['rate_limited'] },
    schema: { tags: [TAGS.tips.name], summary: '（公众，无需登录）取得提交举报所需的工作量证明挑战', response: { 200: tipChallengeDto } },
  }, async (request) => issueTipChallenge(ctx, { address: request.ip }));

  r.post('/api/public/tips', {
    config: { public: true, problems: ['rate_limited'] },
    schema: {
      tags: [TAGS.tips.name],
      summary: '（公众，无需登录）提交举报：地点、情况、联系方式（可匿名）及工作量证明；答复回执码。举报收取管理费用的转纪检监察机关',
      body: tipSubmitSchema,
      response: { 201: tipReceiptDto },
    },
  }, async (request, reply) => {
    const receipt = await submitTip(ctx, { address: request.ip, device: deviceOf(request) }, request.body);
    reply.status(201);
    return receipt;
  });

  r.get('/api/public/tips/:receipt', {
    config: { public: true, problems: ['rate_limited'] },
    schema: { tags: [TAGS.tips.name], summary: '（公众，无需登录）凭回执码查询举报的办理情况和答复', params: receiptParams, response: { 200: tipPublicStatusDto } },
  }, async (request) => {
    await enforceLimits(ctx.db, [{ limit: { name: 'status:ip', per: 'hour', max: ctx.config.tipLimits.lookupsHour }, value: request.ip }], nowIso(), '查询过于频繁');
    const row = await findTipByReceipt(ctx.db, receiptSha256(request.params.receipt));
    if (!row) throw notFound('没有这个回执码，请核对后重新输入');
    return presentTipStatus(row);
  });

  r.get('/api/public/towns', {
    config: { public: true },
    schema: { tags: [TAGS.tips.name], summary: '（公众，无需登录）本区的镇街', response: { 200: publicTownsDto } },
  }, async () => {
    const campaign = await currentCampaign(ctx.db);
    return { towns: (await listChildUnits(ctx.db, campaign.rootId, 'town')).map((t) => ({ id: t.id, name: t.name })) };
  });

  r.get('/api/public/map', {
    config: { public: true },
    schema: {
      tags: [TAGS.tips.name],
      summary: '（公众，无需登录）举报页的地图：底图（未配置时为空）与本区的大致范围（0.32° 的格子，不涉及任何企业）',
      response: { 200: publicMapDto },
    },
  }, async (): Promise<PublicMapDto> => {
    const campaign = await currentCampaign(ctx.db);
    const cells = ctx.config.mapTiles ? await occupiedCells(ctx.db, null, { campaignId: campaign.id, rootPath: campaign.rootPath }, PUBLIC_EXTENT_LEVEL) : null;
    return { tiles: ctx.config.mapTiles, extent: cells && cellsExtent(cells, PUBLIC_EXTENT_LEVEL) };
  });

  // ---- Staff ----

  r.get('/api/tips', {
    config: { action: 'tip.list' },
    schema: { tags: [TAGS.tips.name], summary: '管辖范围内的群众举报（办公室：全部；镇街：交办本镇街的），最新的在前', querystring: tipQuerySchema, response: { 200: tipListDto } },
  }, async (request): Promise<TipListDto> => {
    const actor = request.requireActor();
    request.authorize('tip.list', null);
    const campaign = await currentCampaign(ctx.db);
    const q = request.query;
    const { rows, total } = await listTips(ctx.db, tipPrefixes(actor), { campaignId: campaign.id, rootPath: campaign.rootPath, status: q.status, townId: q.town, page: q.page, pageSize: q.pageSize });
    const facts = await tipFacts(ctx, actor, campaign, rows, false);
    return { items: rows.map((row) => presentTip(row, facts, actor)), total };
  });

  r.get('/api/tips/:id', {
    config: { action: 'tip.read' },
    schema: { tags: [TAGS.tips.name], summary: '一条群众举报，及其位置 1 公里内的已登记企业', params: idParams, response: { 200: tipDto } },
  }, async (request): Promise<TipDto> => {
    const actor = request.requireActor();
    const campaign = await currentCampaign(ctx.db);
    const row = await readableTip(ctx.db, actor, campaign, request.params.id);
    request.authorize('tip.read', { orgPath: row.org_path ?? campaign.rootPath, status: row.status });
    return tipDtoOf(ctx, actor, row.id);
  });

  r.get('/api/tips/:id/attachments', {
    config: { action: 'attachment.read' },
    schema: { tags: [TAGS.tips.name], summary: '举报人随举报提交的照片、视频（不向公众显示）', params: idParams, querystring: recordFilesQuerySchema, response: { 200: tipAttachmentListDto } },
  }, async (request): Promise<RecordAttachmentListDto> => {
    const actor = request.requireActor();
    const files = await listTipFiles(ctx, actor, { id: request.params.id, history: request.query.history });
    return presentRecordAttachments(files.rows, actor, files.subject, ctx.config.evidenceLimits);
  });

  r.post('/api/tips/:id/assign', {
    config: { action: 'tip.assign', problems: ['stale_version', 'invalid_transition'] },
    schema: { tags: [TAGS.tips.name], summary: '交办镇街核查（办公室），带核查期限', params: idParams, body: tipAssignSchema, response: { 200: tipDto } },
  }, async (request): Promise<TipDto> => {
    const actor = request.requireActor();
    await assignTip(ctx, actor, { id: request.params.id, ...request.body });
    return tipDtoOf(ctx, actor, request.params.id);
  });

  r.post('/api/tips/:id/answer', {
    config: { action: 'tip.answer', problems: ['stale_version', 'invalid_transition'] },
    schema: { tags: [TAGS.tips.name], summary: '核查答复（交办的镇街；办公室）：核查结果、给举报人的答复、所涉企业', params: idParams, body: tipAnswerSchema, response: { 200: tipDto } },
  }, async (request): Promise<TipDto> => {
    const actor = request.requireActor();
    await answerTip(ctx, actor, { id: request.params.id, ...request.body });
    return tipDtoOf(ctx, actor, request.params.id);
  });

  r.post('/api/tips/:id/dismiss', {
    config: { action: 'tip.dismiss', problems: ['stale_version', 'invalid_transition'] },
    schema: { tags: [TAGS.tips.name], summary: '不予受理（办公室），附给举报人的说明', params: idParams, body: tipDismissSchema, response: { 200: tipDto } },
  }, async (request): Promise<TipDto> => {
    const actor = request.requireActor();
    await dismissTip(ctx, actor, { id: request.params.id, ...request.body });
    return tipDtoOf(ctx, actor, request.params.id);
  });
}
