// Town reports (任务表报送): the office's overview of who has reported, a town's versions, submitting
// a version, the principal's signature, and a version's frozen content and workbook.
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams, townParams } from '../../domain/params.js';
import { DOCX, fileResponse, TAGS, XLSX } from '../../domain/contract.js';
import { dailyFiguresDto, dailyFiguresQuerySchema, dailyReportFileName, dailyReportQuerySchema, type DailyFiguresDto } from '../../domain/dailyReport.js';
import { todayInChina } from '../../domain/time.js';
import {
  reportContentDto,
  reportOverviewDto,
  reportPhase,
  reportSignSchema,
  reportState,
  reportSubmitSchema,
  townReportDetailDto,
  townReportDto,
  type ReportContentDto,
  type ReportOverviewDto,
  type TownReportDetailDto,
  type TownReportDto,
} from '../../domain/reports.js';
import type { Actor } from '../auth/actor.js';
import { currentTaskTable, readableReport, readableTownReports, requireReportPhase } from '../commands/lib/report.js';
import { townInScope } from '../commands/lib/town.js';
import { signReport } from '../commands/signReport.js';
import { submitReport } from '../commands/submitReport.js';
import type { AppContext } from '../context.js';
import { AppError, notFound } from '../errors.js';
import { contentDisposition } from '../exports/forms.js';
import { ExportAborted } from '../exports/sheet.js';
import { can } from '../policies/index.js';
import { presentReport } from '../presenters/report.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { reportsOfTown } from '../repositories/reports.js';
import { userNames } from '../repositories/users.js';
import { dailyFigures, reportIssuer } from '../reports/dailyReport.js';
import { dailyReportDocx, dailyReportXlsx } from '../reports/dailyReportFiles.js';
import { contentHash, type ReportContent } from '../reports/taskTableContent.js';
import { reportFileName, writeReportWorkbook } from '../reports/taskTableWorkbook.js';

/** One version of a report as the actor sees it (with the names of who submitted and signed it). */
async function reportDto(ctx: AppContext, actor: Actor, id: number): Promise<TownReportDto> {
  const { report, townName, townPath } = await readableReport(ctx.db, actor, await currentCampaign(ctx.db), id);
  return presentReport(report, townName, townPath, await userNames(ctx.db, [report.submitted_by, report.signed_by]), actor);
}

export function reportRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // 日报 (issue 17 §5): the figures for the dashboard, and the report as a workbook or a Word document.
  r.get('/api/reports/daily/figures', {
    config: { action: 'report.daily' },
    schema: {
      tags: [TAGS.overview.name],
      summary: '日报数字：总体进度、各镇街、各取缔标准项、当前阶段、部门协办、群众举报、本周反弹（按管辖范围）',
      querystring: dailyFiguresQuerySchema,
      response: { 200: dailyFiguresDto },
    },
  }, async (request): Promise<DailyFiguresDto> => {
    const actor = request.requireActor();
    request.authorize('report.daily', null);
    return dailyFigures(ctx.db, actor, await currentCampaign(ctx.db), request.query.date ?? todayInChina());
  });

  r.get('/api/reports/daily', {
    config: { action: 'report.daily' },
    schema: {
      tags: [TAGS.overview.name],
      summary: '下载日报（format=xlsx：汇总、分镇进度、标准项三张表；format=docx：Word 文件，含各镇街取缔率图）',
      querystring: dailyReportQuerySchema,
      response: {
        200: {
          description: '日报文件：日报_YYYYMMDD.xlsx 或 日报_YYYYMMDD.docx',
          content: { ...fileResponse(XLSX, '日报（.xlsx）').content, ...fileResponse(DOCX, '日报（.docx），含各镇街取缔率柱状图').content },
        },
      },
    },
  }, async (request, reply) => {
    const actor = request.requireActor();
    request.authorize('report.daily', null);
    const campaign = await currentCampaign(ctx.db);
    const { format } = request.query;
    const date = request.query.date ?? todayInChina();
    const figures = await dailyFigures(ctx.db, actor, campaign, date);
    const bytes = format === 'docx' ? await dailyReportDocx(figures, reportIssuer(campaign)) : await dailyReportXlsx(figures, reportIssuer(campaign));
    const name = dailyReportFileName(date, format);
    return reply
      .header('content-type', format === 'docx' ? DOCX : XLSX)
      .header('content-disposition', `attachment; filename="qudi-daily-${date.replaceAll('-', '')}.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .header('cache-control', 'no-store')
      .send(bytes);
  });

  r.get('/api/reports', {
    config: { action: 'report.read' },
    schema: { tags: [TAGS.reports.name], summary: '各镇街任务表报送情况（已报送/未报送/逾期）', response: { 200: reportOverviewDto } },
  }, async (request): Promise<ReportOverviewDto> => {
    const actor = request.requireActor();
    request.authorize('report.read', null);
    const campaign = await currentCampaign(ctx.db);
    const phase = reportPhase(campaign.definition) ?? null;
    if (!phase) return { phase: null, towns: [] };
    const towns = await readableTownReports(ctx.db, actor, campaign, phase);
    const names = await userNames(ctx.db, towns.flatMap((l) => [l.latest?.submitted_by ?? null, l.latest?.signed_by ?? null, l.signed?.signed_by ?? null, l.signed?.submitted_by ?? null]));
    return {
      phase: { code: phase.code, name: phase.name, reportDue: phase.reportDue ?? null },
      towns: towns.map(({ town: t, latest, signed, state }) => ({
        townId: t.id,
        townName: t.name,
        state,
        latest: latest ? presentReport(latest, t.name, t.path, names, actor) : null,
        signed: signed ? presentReport(signed, t.name, t.path, names, actor) : null,
      })),
    };
  });

  r.get('/api/reports/towns/:townId', {
    config: { action: 'report.read' },
    schema: { tags: [TAGS.reports.name], summary: '一个镇街的报送版本', params: townParams, response: { 200: townReportDetailDto } },
  }, async (request): Promise<TownReportDetailDto> => {
    const actor = request.requireActor();
    const campaign = await currentCampaign(ctx.db);
    request.authorize('report.read', null);
    const town = await townInScope(ctx.db, actor, campaign, request.params.townId).catch(() => {
      throw notFound();
    });
    const phase = requireReportPhase(campaign);
    const versions = await reportsOfTown(ctx.db, campaign.id, town.id, phase.code);
    const names = await userNames(ctx.db, versions.flatMap((v) => [v.submitted_by, v.signed_by]));
    const current = await currentTaskTable(ctx.db, campaign.id, town, phase.code);
    const live = versions.find((v) => v.status !== 'superseded');
    const signed = versions.find((v) => v.status === 'signed');
    return {
      townId: town.id,
      townName: town.name,
      phase: { code: phase.code, name: phase.name, reportDue: phase.reportDue ?? null },
      state: reportState(live, signed && { late: signed.late === 1 }, phase.reportDue ?? null),
      versions: versions.map((v) => presentReport(v, town.name, town.path, names, actor)),
      current: { contentSha256: current.sha256, rowCount: current.content.rows.length, changedSinceLatest: !live || live.content_sha256 !== current.sha256 },
      abilities: { submit: can(actor, 'report.submit', { orgPath: town.path }) },
    };
  });

  r.post('/api/reports', {
    config: { action: 'report.submit', problems: ['not_found', 'conflict'] },
    schema: { tags: [TAGS.reports.name], summary: '报送任务表（冻结为新版本）', body: reportSubmitSchema, response: { 201: townReportDto } },
  }, async (request, reply): Promise<TownReportDto> => {
    const actor = request.requireActor();
    const id = await submitReport(ctx, actor, request.body);
    reply.status(201);
    return reportDto(ctx, actor, id);
  });

  r.post('/api/reports/:id/sign', {
    config: { action: 'report.sign', problems: ['conflict', 'invalid_transition'] },
    schema: { tags: [TAGS.reports.name], summary: '主要负责人签字（须回传所核对内容的 SHA-256）', params: idParams, body: reportSignSchema, response: { 200: townReportDto } },
  }, async (request): Promise<TownReportDto> => {
    const actor = request.requireActor();
    await signReport(ctx, actor, { id: request.params.id, contentSha256: request.body.contentSha256 });
    return reportDto(ctx, actor, request.params.id);
  });

  r.get('/api/reports/:id/content', {
    config: { action: 'report.read' },
    schema: { tags: [TAGS.reports.name], summary: '报送版本的冻结内容（任务表各行）', params: idParams, response: { 200: reportContentDto } },
  }, async (request): Promise<ReportContentDto> => {
    const actor = request.requireActor();
    const { report } = await readableReport(ctx.db, actor, await currentCampaign(ctx.db), request.params.id);
    request.authorize('report.read', null);
    return { id: report.id, version: report.version, contentSha256: report.content_sha256, content: JSON.parse(report.content) as ReportContent };
  });

  r.get('/api/reports/:id/task-table.xlsx', {
    config: { action: 'report.read' },
    schema: {
      tags: [TAGS.reports.name],
      summary: '下载报送版本（附件2 任务表格式，含签字人与签字时间）',
      params: idParams,
      response: { 200: fileResponse(XLSX, '报送版本的任务表（附件2，.xlsx），含签字人与签字时间') },
    },
  }, async (request, reply) => {
    const actor = request.requireActor();
    const campaign = await currentCampaign(ctx.db);
    const { report, townName } = await readableReport(ctx.db, actor, campaign, request.params.id);
    request.authorize('report.read', null);
    // The file states the checksum: it must still describe the frozen content.
    if (contentHash(JSON.parse(report.content) as ReportContent) !== report.content_sha256) throw new AppError('internal', '报送内容校验失败，请联系管理员');
    const signer = report.signed_by === null ? null : ((await userNames(ctx.db, [report.signed_by])).get(report.signed_by) ?? '');
    const fileName = reportFileName(campaign.definition.orgUnits.name, townName, report.version, report.submitted_at);
    const out = new PassThrough();
    writeReportWorkbook(out, campaign.definition, report, townName, signer).catch((err: unknown) => {
      if (err instanceof ExportAborted) request.log.info('report download aborted: the client went away');
      else request.log.error({ err }, 'report download failed');
      out.destroy(err instanceof Error ? err : new Error(String(err)));
    });
    // A stream, sent as is: the declared binary string documents the file (the type provider reads it as a string).
    return reply.header('content-type', XLSX).header('content-disposition', contentDisposition(fileName, 'task-table')).header('cache-control', 'no-store').send(out);
  });
}
