// Import of a town's task table (附件2 任务表): upload → preview → decide the rows that look like
// registered workshops, map the sheet's unknown choice values → confirm. The commands are previewImport,
// decideImportRows, mapImportValue and confirmImport.
import multipart from '@fastify/multipart';
import { withUploadedFile } from './lib/uploadedFile.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { listOf } from '../../domain/api.js';
import { TAGS } from '../../domain/contract.js';
import {
  importConfirmDto,
  importConfirmSchema,
  importDecisionResultDto,
  importDecisionSchema,
  importDto,
  importListQuerySchema,
  importPreviewDto,
  importRowsDto,
  importRowsQuerySchema,
  importUploadSchema,
  importValueMappingResultDto,
  importValueMappingSchema,
  type ImportConfirmDto,
  type ImportDecisionResultDto,
  type ImportDto,
  type ImportPreviewDto,
  type ImportRowsDto,
  type ImportValueMappingResultDto,
} from '../../domain/imports.js';
import { idParams } from '../../domain/params.js';
import { confirmImport } from '../commands/confirmImport.js';
import { mapImportValue } from '../commands/mapImportValue.js';
import { decideImportRows } from '../commands/decideImportRows.js';
import { IMPORT_NOT_FOUND } from '../commands/lib/importRecord.js';
import { previewImport } from '../commands/previewImport.js';
import type { AppContext } from '../context.js';
import { invalid, notFound } from '../errors.js';
import { importSubject } from '../policies/index.js';
import { presentImport, presentImportRow, presentPreview } from '../presenters/import.js';
import { countUndecidedRows, findImport, listImportRows, listImports, type ImportHeader } from '../repositories/imports.js';

/** Upload limit for one task table; a district-wide sheet of 100 000 rows is about 10 MB. */
const IMPORT_FILE_LIMIT = 50 * 1024 * 1024;
/** Rows returned with the preview itself; the rest through GET /api/imports/:id/rows. */
const PREVIEW_ROWS = 500;

/** The import, if it exists and the actor may read it (404 otherwise). */
async function readableImport(ctx: AppContext, request: FastifyRequest, id: number): Promise<ImportHeader> {
  const header = await findImport(ctx.db, id);
  if (!header) throw notFound(IMPORT_NOT_FOUND);
  request.authorize('import.read', importSubject(header), 'import.read');
  return header;
}

export function importRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // Multipart only for the upload route's scope: everywhere else writes stay JSON-only.
  void app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: IMPORT_FILE_LIMIT, files: 1, fields: 5, fieldSize: 200, parts: 6 } });
    scope.post('/api/imports', {
      config: { action: 'import.create', multipart: importUploadSchema },
      schema: {
        tags: [TAGS.imports.name],
        summary: '上传镇街任务表（附件2，.xlsx 或 .csv），返回预览；此时不写入台账',
        consumes: ['multipart/form-data'],
        response: { 201: importPreviewDto },
      },
    }, async (request, reply): Promise<ImportPreviewDto> => {
      const actor = request.requireActor();
      const tooLarge = `文件超过 ${IMPORT_FILE_LIMIT / 1024 / 1024} MB 的上限，请拆分后分批导入`;
      const refusals = { prefix: 'qudi-import-', notMultipart: '请以 multipart/form-data 上传文件（字段 townId 和 file）', tooLarge, tooManyFiles: '一次只能上传一个文件', tooManyParts: '上传内容有误：只需 townId 和 file 两个字段' };
      return withUploadedFile(request, refusals, async ({ file, filename: fileName, fields }) => {
        const townId = fields.townId as string | undefined;
        const town = importUploadSchema.shape.townId.safeParse(townId || undefined);
        if (!town.success) throw invalid(townId ? town.error.issues[0].message : '请选择要导入的镇街', [{ path: 'townId', message: town.error.issues[0].message }]);
        if (fileName === undefined) throw invalid('请选择要上传的文件（.xlsx 或 .csv）', [{ path: 'file', message: '请选择文件' }]);
        // Rows stream into import_rows; only the first page comes back with the preview itself.
        const preview = await previewImport(ctx, actor, { townId: town.data, fileName, file, firstRows: PREVIEW_ROWS });
        reply.status(201);
        return presentPreview(preview, fileName, PREVIEW_ROWS);
      });
    });
  });

  r.get('/api/imports', {
    config: { action: 'import.list' },
    schema: { tags: [TAGS.imports.name], summary: '导入记录（按管辖范围）', querystring: importListQuerySchema, response: { 200: listOf(importDto, '一页导入记录及总数') } },
  }, async (request) => {
    const actor = request.requireActor();
    request.authorize('import.list', null);
    const { rows, total } = await listImports(ctx.db, actor, request.query.page, request.query.pageSize);
    return { items: rows.map(presentImport), total };
  });

  r.get('/api/imports/:id', {
    config: { action: 'import.read' },
    schema: { tags: [TAGS.imports.name], summary: '一次导入', params: idParams, response: { 200: importDto } },
  }, async (request): Promise<ImportDto> => {
    const header = await readableImport(ctx, request, request.params.id);
    return { ...presentImport(header), undecidedCount: header.status === 'preview' && header.duplicate_count > 0 ? await countUndecidedRows(ctx.db, header.id) : 0 };
  });

  r.get('/api/imports/:id/rows', {
    config: { action: 'import.read' },
    schema: { tags: [TAGS.imports.name], summary: '导入预览的行（分页，可只看有错误的行）', params: idParams, querystring: importRowsQuerySchema, response: { 200: importRowsDto } },
  }, async (request): Promise<ImportRowsDto> => {
    await readableImport(ctx, request, request.params.id);
    const q = request.query;
    const filter = q.filter ?? (q.onlyErrors === 'true' || q.onlyErrors === '1' ? 'errors' : 'all');
    const { rows, total } = await listImportRows(ctx.db, request.params.id, { filter, page: q.page, pageSize: q.pageSize });
    return { items: rows.map(presentImportRow), total, page: q.page, pageSize: q.pageSize };
  });

  r.post('/api/imports/:id/confirm', {
    config: { action: 'import.confirm', problems: ['conflict'] },
    schema: { tags: [TAGS.imports.name], summary: '确认导入：有效行在一个事务中写入台账', params: idParams, body: importConfirmSchema, response: { 200: importConfirmDto } },
  }, async (request): Promise<ImportConfirmDto> => {
    const result = await confirmImport(ctx, request.requireActor(), { id: request.params.id, skipErrorRows: request.body?.skipErrorRows ?? false });
    const header = await readableImport(ctx, request, request.params.id);
    return { ...presentImport(header), imported: result.imported, linked: result.linked, skipped: result.skipped };
  });

  r.post('/api/imports/:id/value-mappings', {
    config: { action: 'import.confirm', problems: ['conflict'] },
    schema: {
      tags: [TAGS.imports.name],
      summary: '把表格中无法识别的一种取值（如生产状况“半停”）对应到台账的取值，所有该取值的行一并重新检查；记录在审计日志',
      params: idParams,
      body: importValueMappingSchema,
      response: { 200: importValueMappingResultDto },
    },
  }, async (request): Promise<ImportValueMappingResultDto> => {
    return mapImportValue(ctx, request.requireActor(), { id: request.params.id, ...request.body });
  });

  r.post('/api/imports/:id/decisions', {
    config: { action: 'import.confirm', problems: ['conflict'] },
    schema: {
      tags: [TAGS.imports.name],
      summary: '疑似重复的行：标为“同一场所”（不导入，关联到台账中的企业）或“不同企业”（导入）；记录在审计日志',
      params: idParams,
      body: importDecisionSchema,
      response: { 200: importDecisionResultDto },
    },
  }, async (request): Promise<ImportDecisionResultDto> => {
    return decideImportRows(ctx, request.requireActor(), { id: request.params.id, ...request.body });
  });
}
