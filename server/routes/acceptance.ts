// 验收 (notice 二（三）): each town's spot-check draws — the overview, a town's draws, one draw as
// published (with its seed and eligible list, for anyone to re-run), drawing or redrawing, and
// publishing to the town. Each route validates with a domain schema, runs one command or reads
// through a repository, and presents. Out of scope, and a draw not yet published to a town, answer 404.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  acceptanceOverviewDto,
  acceptanceTownDetailDto,
  drawDto,
  drawPublishSchema,
  drawSchema,
  hearingDto,
  hearingSchema,
  siteCheckSchema,
  townExplanationSchema,
  townFailSchema,
  townPassSchema,
  townRectifySchema,
  type AcceptanceOverviewDto,
  type AcceptanceTownDto,
  type AcceptanceTownDetailDto,
  type DrawDto,
  type HearingDto,
  type TownAcceptanceStatus,
} from '../../domain/acceptance.js';
import { PassThrough } from 'node:stream';
import { fileResponse, TAGS, XLSX } from '../../domain/contract.js';
import { recordFilesQuerySchema, townAcceptanceAttachmentListDto, type RecordAttachmentListDto } from '../../domain/attachment.js';
import { listTownAcceptanceFiles } from '../commands/listTownAcceptanceFiles.js';
import { presentRecordAttachments } from '../presenters/attachment.js';
import { todayInChina } from '../../domain/time.js';
import { writeAcceptanceResults } from '../exports/acceptanceResults.js';
import { passProblem } from '../acceptance/verdictRules.js';
import { createWorkbook } from '../exports/sheet.js';
import { listNotices } from '../repositories/criticismNotices.js';
import { noticeTownIds } from '../commands/lib/criticism.js';
import { pastDeadline } from '../../domain/reports.js';
import { idParams, townParams } from '../../domain/params.js';
import type { Actor } from '../auth/actor.js';
import { drawAcceptanceSample } from '../commands/drawAcceptanceSample.js';
import { acceptanceTowns, readableDraw } from '../commands/lib/acceptance.js';
import { townOfPath } from '../commands/lib/town.js';
import { publishAcceptanceDraw } from '../commands/publishAcceptanceDraw.js';
import { recordHearing } from '../commands/recordHearing.js';
import { recordSiteCheck } from '../commands/recordSiteCheck.js';
import { decideTownAcceptance } from '../commands/decideTownAcceptance.js';
import { explainTownAcceptance } from '../commands/explainTownAcceptance.js';
import { findTownAcceptance, townAcceptances } from '../repositories/townAcceptances.js';
import type { AppContext } from '../context.js';
import type { AcceptanceDrawRow, Db } from '../db/schema.js';
import { can, drawSubject } from '../policies/index.js';
import { drawSummary, presentDraw, presentHearing, presentTownVerdict, sampleOf } from '../presenters/acceptance.js';
import { checksOfDraws, findHearing, hearingsOfTown } from '../repositories/acceptanceChecks.js';
import { drawsOfTowns, eligibleCounts, sampleWorkshops } from '../repositories/acceptanceDraws.js';
import { currentCampaign, type CampaignRecord } from '../repositories/campaigns.js';
import { userNames } from '../repositories/users.js';

/** The draws as `actor` sees them, with the names they show. */
async function presentDraws(db: Db, actor: Actor, campaign: CampaignRecord, rows: AcceptanceDrawRow[], townNames: Map<number, string>): Promise<DrawDto[]> {
  const checks = await checksOfDraws(db, rows.map((r) => r.id));
  const names = await userNames(db, [...rows.flatMap((r) => [r.drawn_by, r.published_by]), ...checks.map((c) => c.checked_by)]);
  const workshops = await sampleWorkshops(db, [...new Set(rows.flatMap((r) => sampleOf(r).map((s) => s.id)))]);
  const verdicts = await townAcceptances(db, campaign.id, [...new Set(rows.map((r) => r.town_id))]);
  const decidedAt = new Map([...verdicts].map(([townId, v]) => [townId, v.decided_at]));
  const dc = { names, workshops, checks, items: campaign.definition.standardItems, decidedAt };
  return rows.map((r) => presentDraw(r, townNames.get(r.town_id) ?? '', dc, actor));
}

export function acceptanceRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  async function drawDtoOf(actor: Actor, id: number): Promise<DrawDto> {
    const campaign = await currentCampaign(ctx.db);
    const { draw, town } = await readableDraw(ctx.db, actor, campaign, id);
    return (await presentDraws(ctx.db, actor, campaign, [draw], new Map([[town.id, town.name]])))[0]!;
  }

  /** Every town of the actor's acceptance: its draws, checks, verdict and the issued notices naming it. */
  async function overviewOf(actor: Actor, campaign: CampaignRecord): Promise<AcceptanceOverviewDto> {
    const towns = await acceptanceTowns(ctx.db, actor, campaign);
    const ids = towns.map((t) => t.id);
    const counts = await eligibleCounts(ctx.db, campaign.id, ids);
    const draws = (await drawsOfTowns(ctx.db, campaign.id, ids)).filter((d) => can(actor, 'acceptanceDraw.read', drawSubject(d)));
    const checks = await checksOfDraws(ctx.db, draws.map((d) => d.id));
    const newest = (townId: number, round: string) => draws.find((d) => d.town_id === townId && d.round === round);
    const verdicts = await townAcceptances(ctx.db, campaign.id, ids);
    const issued = (await listNotices(ctx.db, campaign.id)).filter((n) => n.status === 'issued');
    return {
      towns: towns.map((t) => {
        const v = verdicts.get(t.id);
        return {
          townId: t.id,
          townName: t.name,
          eligible: counts.get(t.id)!,
          initial: drawSummary(newest(t.id, 'initial'), checks),
          reinspection: drawSummary(newest(t.id, 'reinspection'), checks),
          verdict: (v?.status ?? 'pending') as TownAcceptanceStatus,
          rectifyBy: v?.rectify_by ?? null,
          overdue: v?.status === 'rectifying' && pastDeadline(v.rectify_by),
          reasons: v ? (JSON.parse(v.reasons) as AcceptanceTownDto['reasons']) : [],
          findings: v?.findings ?? '',
          explained: Boolean(v?.explanation),
          notices: issued.filter((n) => noticeTownIds(n).includes(t.id)).map((n) => n.number ?? ''),
        };
      }),
      canDraw: can(actor, 'acceptanceDraw.draw.any', null),
      canExport: can(actor, 'acceptance.results', null),
    };
  }

  r.get('/api/acceptance', {
    config: { action: 'acceptance.page' },
    schema: {
      tags: [TAGS.acceptance.name],
      summary: '各镇街验收情况：可抽查企业数、当前的抽查及现场检查数（镇街只看到已发布给本镇街的）、验收结论、整改期限、书面说明、通报批评',
      response: { 200: acceptanceOverviewDto },
    },
  }, async (request): Promise<AcceptanceOverviewDto> => {
    const actor = request.requireActor();
    request.authorize('acceptance.page', null);
    return overviewOf(actor, await currentCampaign(ctx.db));
  });

  r.get('/api/acceptance/results.xlsx', {
    config: { action: 'acceptance.results' },
    schema: { tags: [TAGS.acceptance.name], summary: '验收结果汇总表（.xlsx）：各镇街的结论、抽查、现场检查、问题、通报、整改期限', response: { 200: fileResponse(XLSX, '验收结果汇总表（.xlsx）') } },
  }, async (request, reply) => {
    const actor = request.requireActor();
    request.authorize('acceptance.results', null);
    const campaign = await currentCampaign(ctx.db);
    const overview = await overviewOf(actor, campaign);
    const out = new PassThrough();
    const name = `${campaign.definition.orgUnits.name}-验收结果-${todayInChina()}.xlsx`;
    void writeAcceptanceResults(createWorkbook(out), campaign.definition.orgUnits.name, overview.towns).catch((e: unknown) => out.destroy(e as Error));
    return reply
      .header('content-type', XLSX)
      .header('content-disposition', `attachment; filename="qudi-acceptance-results.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .header('cache-control', 'no-store')
      .send(out);
  });

  /** One town's acceptance as `actor` sees it: its draws, hearings and verdict. */
  async function townDetail(actor: Actor, townId: number, authorize: (orgPath: string) => void): Promise<AcceptanceTownDetailDto> {
    const campaign = await currentCampaign(ctx.db);
    const town = await townOfPath(ctx.db, actor, campaign, townId, 'acceptance.read');
    authorize(town.path);
    const all = await drawsOfTowns(ctx.db, campaign.id, [town.id]);
    const rows = all.filter((d) => can(actor, 'acceptanceDraw.read', drawSubject(d)));
    const hearings = await hearingsOfTown(ctx.db, campaign.id, town.id);
    const verdict = await findTownAcceptance(ctx.db, campaign.id, town.id);
    const names = await userNames(ctx.db, [...hearings.map((h) => h.recorded_by), verdict?.decided_by ?? null, verdict?.explained_by ?? null]);
    return {
      townId: town.id,
      townName: town.name,
      eligible: (await eligibleCounts(ctx.db, campaign.id, [town.id])).get(town.id)!,
      draws: await presentDraws(ctx.db, actor, campaign, rows, new Map([[town.id, town.name]])),
      hearings: hearings.map((h) => presentHearing(h, names)),
      verdict: presentTownVerdict(verdict, town.path, names, actor, passProblem((verdict?.status ?? 'pending') as TownAcceptanceStatus, all, await checksOfDraws(ctx.db, all.map((d) => d.id))) === null),
      canDraw: can(actor, 'acceptanceDraw.draw', { orgPath: town.path }),
      canRecordHearing: can(actor, 'acceptanceHearing.record', { orgPath: town.path }),
    };
  }

  r.get('/api/acceptance/towns/:townId', {
    config: { action: 'acceptance.read' },
    schema: { tags: [TAGS.acceptance.name], summary: '一个镇街的验收：各次抽查（新的在前）、听取汇报、验收结论', params: townParams, response: { 200: acceptanceTownDetailDto } },
  }, async (request): Promise<AcceptanceTownDetailDto> => {
    const actor = request.requireActor();
    return townDetail(actor, request.params.townId, (orgPath) => request.authorize('acceptance.read', { orgPath }));
  });

  const DECISIONS = [
    { event: 'pass', schema: townPassSchema, summary: '镇街验收通过（验收抽查——限期整改后为整改复查——的企业须全部现场检查通过）' },
    { event: 'fail', schema: townFailSchema, summary: '镇街验收不通过：原因（行动不力、包庇隐瞒、未按要求完成）和发现的问题' },
    { event: 'rectify', schema: townRectifySchema, summary: '对验收不通过的镇街限期整改：整改期限和要求' },
  ] as const;
  for (const d of DECISIONS)
    r.post(`/api/acceptance/towns/:townId/${d.event}`, {
      config: { action: `townAcceptance.${d.event}`, problems: ['invalid_transition', 'stale_version'] },
      schema: { tags: [TAGS.acceptance.name], summary: d.summary, params: townParams, body: d.schema, response: { 200: acceptanceTownDetailDto } },
    }, async (request): Promise<AcceptanceTownDetailDto> => {
      const actor = request.requireActor();
      await decideTownAcceptance(ctx, actor, { townId: request.params.townId, event: d.event, ...(request.body as object) } as Parameters<typeof decideTownAcceptance>[2]);
      return townDetail(actor, request.params.townId, () => undefined);
    });

  r.put('/api/acceptance/towns/:townId/explanation', {
    config: { action: 'townAcceptance.explain', problems: ['invalid_transition', 'stale_version'] },
    schema: { tags: [TAGS.acceptance.name], summary: '验收不通过镇街的主要负责人提交（或修改）书面说明', params: townParams, body: townExplanationSchema, response: { 200: acceptanceTownDetailDto } },
  }, async (request): Promise<AcceptanceTownDetailDto> => {
    const actor = request.requireActor();
    await explainTownAcceptance(ctx, actor, { townId: request.params.townId, ...request.body });
    return townDetail(actor, request.params.townId, () => undefined);
  });

  r.get('/api/acceptance/towns/:townId/attachments', {
    config: { action: 'attachment.read' },
    schema: {
      tags: [TAGS.acceptance.name],
      summary: '镇街验收的文件：签字的书面说明、盖章的书面材料（上传见 /api/uploads，recordType=town_acceptance，recordId 为镇街编号）',
      params: townParams,
      querystring: recordFilesQuerySchema,
      response: { 200: townAcceptanceAttachmentListDto },
    },
  }, async (request): Promise<RecordAttachmentListDto> => {
    const actor = request.requireActor();
    const files = await listTownAcceptanceFiles(ctx, actor, { townId: request.params.townId, history: request.query.history });
    return presentRecordAttachments(files.rows, actor, files.subject, ctx.config.evidenceLimits);
  });

  r.get('/api/acceptance/draws/:id', {
    config: { action: 'acceptanceDraw.read' },
    schema: { tags: [TAGS.acceptance.name], summary: '一次抽查的完整记录：种子、符合条件的企业、抽中的企业（可下载后用 qudi acceptance redraw --check --file 复核）', params: idParams, response: { 200: drawDto } },
  }, async (request): Promise<DrawDto> => {
    const actor = request.requireActor();
    return drawDtoOf(actor, request.params.id);
  });

  r.post('/api/acceptance/draws', {
    config: { action: 'acceptanceDraw.draw', problems: ['conflict', 'stale_version'] },
    schema: { tags: [TAGS.acceptance.name], summary: '验收组抽取（或说明原因后重新抽取）一个镇街的抽查企业：按比例、最少数，先列指定企业，其余由服务器生成的种子随机抽取', body: drawSchema, response: { 201: drawDto } },
  }, async (request, reply): Promise<DrawDto> => {
    const actor = request.requireActor();
    const id = await drawAcceptanceSample(ctx, actor, request.body);
    reply.status(201);
    return drawDtoOf(actor, id);
  });

  r.post('/api/acceptance/draws/:id/checks', {
    config: { action: 'acceptanceCheck.record', problems: ['invalid_transition', 'conflict', 'stale_version'] },
    schema: {
      tags: [TAGS.acceptance.name],
      summary: '现场检查一家抽中的企业：逐项检查情况、现场影像、验收结论（不通过的企业退回整改，不符合标准的项目恢复为待办）',
      params: idParams,
      body: siteCheckSchema,
      response: { 201: drawDto },
    },
  }, async (request, reply): Promise<DrawDto> => {
    const actor = request.requireActor();
    await recordSiteCheck(ctx, actor, { drawId: request.params.id, ...request.body });
    reply.status(201);
    return drawDtoOf(actor, request.params.id);
  });

  r.post('/api/acceptance/towns/:townId/hearings', {
    config: { action: 'acceptanceHearing.record' },
    schema: { tags: [TAGS.acceptance.name], summary: '记录听取镇街汇报：日期、汇报人、内容摘要', params: townParams, body: hearingSchema, response: { 201: hearingDto } },
  }, async (request, reply): Promise<HearingDto> => {
    const actor = request.requireActor();
    const id = await recordHearing(ctx, actor, { townId: request.params.townId, ...request.body });
    const row = (await findHearing(ctx.db, id))!;
    reply.status(201);
    return presentHearing(row, await userNames(ctx.db, [row.recorded_by]));
  });

  r.post('/api/acceptance/draws/:id/publish', {
    config: { action: 'acceptanceDraw.publish', problems: ['invalid_transition', 'stale_version'] },
    schema: { tags: [TAGS.acceptance.name], summary: '向镇街发布抽查结果（发布前镇街看不到抽中的企业）', params: idParams, body: drawPublishSchema, response: { 200: drawDto } },
  }, async (request): Promise<DrawDto> => {
    const actor = request.requireActor();
    await publishAcceptanceDraw(ctx, actor, { id: request.params.id, version: request.body.version });
    return drawDtoOf(actor, request.params.id);
  });
}
