import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { fileResponse, TAGS, XLSX } from '../../domain/contract.js';
import { exportQuerySchema } from '../../domain/enterprise.js';
import type { AppContext } from '../context.js';
import { contentDisposition, planExport, writeExport, type ExportForm } from '../exports/forms.js';
import { ExportAborted } from '../exports/sheet.js';
import { currentCampaign } from '../repositories/campaigns.js';

const FORMS: { form: ExportForm; summary: string; file: string }[] = [
  { form: 'task-table', summary: '导出任务表（附件2，按当前筛选与管辖范围）', file: '任务表（附件2，.xlsx）' },
  { form: 'registration-table', summary: '导出登记表（附件3，按当前筛选与管辖范围）', file: '登记表（附件3，.xlsx）' },
  { form: 'leading-group', summary: '导出领导小组成员名单（附件1）', file: '领导小组成员名单（附件1，.xlsx）' },
];

export function exportRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  for (const { form, summary, file } of FORMS) {
    r.get(`/api/exports/${form}.xlsx`, {
      config: { action: 'export.read' },
      schema: { tags: [TAGS.overview.name], summary, querystring: exportQuerySchema, response: { 200: fileResponse(XLSX, file) } },
    }, async (request, reply) => {
      const actor = request.requireActor();
      request.authorize('export.read', null);
      const campaign = await currentCampaign(ctx.db);
      const plan = await planExport(ctx, actor, campaign, form, request.query);
      const out = new PassThrough();
      writeExport(ctx, plan, out).catch((err: unknown) => {
        if (err instanceof ExportAborted) request.log.info('export aborted: the client went away');
        else request.log.error({ err }, 'export failed');
        out.destroy(err instanceof Error ? err : new Error(String(err)));
      });
      // A stream, sent as is: the declared binary string documents the file (the type provider reads it as a string).
      return reply.header('content-type', XLSX).header('content-disposition', contentDisposition(plan.fileName, plan.asciiStem)).header('cache-control', 'no-store').send(out);
    });
  }
}
