import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ReportOverviewDto, TownReportDetailDto, TownReportDto } from '../../domain/api.js';
import { z } from '../../domain/zod.js';
import { townInScope } from '../commands/lib/town.js';
import { readableReport, reportPhase, signReport, submitReport } from '../commands/reports.js';
import type { AppContext } from '../context.js';
import { AppError, notFound } from '../errors.js';
import { contentDisposition } from '../exports/forms.js';
import { ExportAborted } from '../exports/sheet.js';
import { can } from '../policies/index.js';
import { presentReport, reportState } from '../presenters/report.js';
import { userNames } from '../repositories/users.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { listVisibleOrgUnits } from '../repositories/orgUnits.js';
import { latestReports, reportsOfTown } from '../repositories/reports.js';
import { contentHash, taskTableContent, type ReportContent } from '../reports/taskTableContent.js';
import { reportFileName, writeReportWorkbook } from '../reports/taskTableWorkbook.js';

const idParams = z.strictObject({ id: z.coerce.number().int().positive({ error: '编号不正确' }) });
const townParams = z.strictObject({ townId: z.coerce.number().int().positive({ error: '编号不正确' }) });

export function reportRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/reports', {
    config: { action: 'report.read' },
    schema: { tags: ['reports'], summary: '各镇街任务表报送情况（已报送/未报送/逾期）' },
  }, async (request): Promise<ReportOverviewDto> => {
    const actor = request.requireActor();
    request.authorize('report.read', null);
    const campaign = await currentCampaign(ctx.db);
    const phase = campaign.definition.phases.find((p) => p.reportDue) ?? null;
    if (!phase) return { phase: null, towns: [] };
    const towns = (await listVisibleOrgUnits(ctx.db, actor, { kind: 'town' })).filter((t) => t.path.startsWith(campaign.rootPath));
    const latest = await latestReports(ctx.db, campaign.id, phase.code, towns.map((t) => t.id));
    const names = await userNames(ctx.db, [...latest.values()].flatMap((l) => [l.latest.submitted_by, l.latest.signed_by, l.signed?.signed_by ?? null, l.signed?.submitted_by ?? null]));
    return {
      phase: { code: phase.code, name: phase.name, reportDue: phase.reportDue ?? null },
      towns: towns.map((t) => {
        const l = latest.get(t.id);
        return {
          townId: t.id,
          townName: t.name,
          state: reportState(l?.latest, l?.signed, phase.reportDue ?? null),
          latest: l ? presentReport(l.latest, t.name, t.path, names, actor) : null,
          signed: l?.signed ? presentReport(l.signed, t.name, t.path, names, actor) : null,
        };
      }),
    };
  });

  r.get('/api/reports/towns/:townId', {
    config: { action: 'report.read' },
    schema: { tags: ['reports'], summary: '一个镇街的报送版本', params: townParams },
  }, async (request): Promise<TownReportDetailDto> => {
    const actor = request.requireActor();
    const campaign = await currentCampaign(ctx.db);
    request.authorize('report.read', null);
    const town = await townInScope(ctx.db, actor, campaign, request.params.townId).catch(() => {
      throw notFound();
    });
    const phase = reportPhase(campaign);
    const versions = await reportsOfTown(ctx.db, campaign.id, town.id, phase.code);
    const names = await userNames(ctx.db, versions.flatMap((v) => [v.submitted_by, v.signed_by]));
    const current = await taskTableContent(ctx.db, campaign.id, town, phase.code);
    const sha = contentHash(current);
    const live = versions.find((v) => v.status !== 'superseded');
    const signed = versions.find((v) => v.status === 'signed');
    const state = reportState(live, signed, phase.reportDue ?? null);
    return {
      townId: town.id,
      townName: town.name,
      phase: { code: phase.code, name: phase.name, reportDue: phase.reportDue ?? null },
      state,
      versions: versions.map((v) => presentReport(v, town.name, town.path, names, actor)),
      current: { contentSha256: sha, rowCount: current.rows.length, changedSinceLatest: !live || live.content_sha256 !== sha },
      abilities: { submit: can(actor, 'report.submit', { orgPath: town.path }) },
    };
  });

  r.post('/api/reports', {
    config: { action: 'report.submit' },
    schema: { tags: ['reports'], summary: '报送任务表（冻结为新版本）', body: z.strictObject({ townId: z.number({ error: '请选择镇街' }).int().positive() }) },
  }, async (request, reply): Promise<TownReportDto> => {
    const actor = request.requireActor();
    const campaign = await currentCampaign(ctx.db);
    const id = await submitReport(ctx, actor, campaign, request.body.townId);
    reply.status(201);
    const { report, townName, townPath } = await readableReport(ctx, actor, campaign, id);
    return presentReport(report, townName, townPath, await userNames(ctx.db, [report.submitted_by]), actor);
  });

  r.post('/api/reports/:id/sign', {
    config: { action: 'report.sign' },
    schema: {
      tags: ['reports'],
      summary: '主要负责人签字（须回传所核对内容的 SHA-256）',
      params: idParams,
      body: z.strictObject({ contentSha256: z.string().regex(/^[0-9a-f]{64}$/, { error: '内容校验值不正确' }) }),
    },
  }, async (request): Promise<TownReportDto> => {
    const actor = request.requireActor();
    const campaign = await currentCampaign(ctx.db);
    await signReport(ctx, actor, campaign, request.params.id, request.body.contentSha256);
    const { report, townName, townPath } = await readableReport(ctx, actor, campaign, request.params.id);
    return presentReport(report, townName, townPath, await userNames(ctx.db, [report.submitted_by, report.signed_by]), actor);
  });

  r.get('/api/reports/:id/content', {
    config: { action: 'report.read' },
    schema: { tags: ['reports'], summary: '报送版本的冻结内容（任务表各行）', params: idParams },
  }, async (request) => {
    const actor = request.requireActor();
    const campaign = await currentCampaign(ctx.db);
    const { report } = await readableReport(ctx, actor, campaign, request.params.id);
    request.authorize('report.read', null);
    return { id: report.id, version: report.version, contentSha256: report.content_sha256, content: JSON.parse(report.content) as unknown };
  });

  r.get('/api/reports/:id/task-table.xlsx', {
    config: { action: 'report.read' },
    schema: { tags: ['reports'], summary: '下载报送版本（附件2 任务表格式，含签字人与签字时间）', params: idParams },
  }, async (request, reply) => {
    const actor = request.requireActor();
    const campaign = await currentCampaign(ctx.db);
    const { report, townName } = await readableReport(ctx, actor, campaign, request.params.id);
    request.authorize('report.read', null);
    // The file states the checksum: it must still describe the frozen content.
    if (contentHash(JSON.parse(report.content) as ReportContent) !== report.content_sha256)
      throw new AppError('internal', '报送内容校验失败，请联系管理员');
    const signer = report.signed_by === null ? null : ((await userNames(ctx.db, [report.signed_by])).get(report.signed_by) ?? '');
    const fileName = reportFileName(campaign.definition.orgUnits.name, townName, report.version, report.submitted_at);
    const out = new PassThrough();
    writeReportWorkbook(out, campaign.definition, report, townName, signer).catch((err: unknown) => {
      if (err instanceof ExportAborted) request.log.info('report download aborted: the client went away');
      else request.log.error({ err }, 'report download failed');
      out.destroy(err instanceof Error ? err : new Error(String(err)));
    });
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', contentDisposition(fileName, 'task-table'))
      .header('cache-control', 'no-store')
      .send(out);
  });
}
