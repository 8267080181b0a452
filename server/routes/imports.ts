// Import of a town's task table (附件2 任务表): upload → preview → confirm. See commands/importTaskTable.ts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from '../../domain/zod.js';
import type { AppContext } from '../context.js';
import { confirmImport, createImport, decideImportRows, loadImport, undecidedCount } from '../commands/importTaskTable.js';
import { AppError, invalid } from '../errors.js';
import type { ColumnMapping } from '../imports/parse.js';
import { listImportRows, listImports, type ImportHeader } from '../imports/repository.js';
import type { ImportMatch, RowError } from '../imports/validate.js';
import { currentCampaign } from '../repositories/campaigns.js';

/** Upload limit for one task table; a district-wide sheet of 100 000 rows is about 10 MB. */
export const IMPORT_FILE_LIMIT = 50 * 1024 * 1024;
/** Rows returned with the preview itself; the rest through GET /api/imports/:id/rows. */
const PREVIEW_ROWS = 500;

const idParams = z.strictObject({ id: z.coerce.number().int().positive({ error: '编号不正确' }) });
const rowsQuery = z.strictObject({
  page: z.coerce.number().int().min(1, { error: '页码从 1 开始' }).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500, { error: '每页最多 500 行' }).default(50),
  onlyErrors: z.enum(['true', 'false', '1', '0']).optional(),
  filter: z.enum(['all', 'errors', 'duplicates', 'undecided'], { error: '筛选只能是 all、errors、duplicates 或 undecided' }).optional(),
});
const rowNo = z.number({ error: '行号应为数字' }).int().positive({ error: '行号应为正整数' });
const decisionBody = z.strictObject({
  rowNos: z.array(rowNo).min(1, { error: '请选择至少一行' }).max(1000, { error: '一次最多选择 1000 行' }),
  decision: z.enum(['same', 'different'], { error: '请选择“同一场所”（same）或“不同企业”（different）' }),
  enterpriseId: z.number().int().positive().optional(),
});
const listQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
const confirmBody = z.strictObject({ skipErrorRows: z.boolean().default(false) }).default({ skipErrorRows: false });

function presentHeader(h: ImportHeader) {
  return {
    id: h.id,
    townId: h.town_id,
    townName: h.town_name,
    userName: h.user_name ?? '',
    fileName: h.file_name,
    fileSha256: h.file_sha256,
    rowCount: h.row_count,
    errorCount: h.error_count,
    duplicateCount: h.duplicate_count,
    importedCount: h.imported_count,
    status: h.status,
    createdAt: h.created_at,
    confirmedAt: h.confirmed_at,
    columns: JSON.parse(h.columns) as ColumnMapping[],
  };
}

function presentRow(r: { row_no: number; seq_no: string | null; data: string; errors: string; matches: string | null; decision: string | null; linked_id: number | null }) {
  const data = JSON.parse(r.data) as { values: Record<string, string> };
  return {
    rowNo: r.row_no,
    seqNo: r.seq_no,
    values: data.values,
    errors: JSON.parse(r.errors) as RowError[],
    matches: r.matches ? (JSON.parse(r.matches) as ImportMatch[]) : [],
    decision: r.decision,
    linkedId: r.linked_id,
  };
}

export function importRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // Multipart only for the upload route's scope: everywhere else writes stay JSON-only.
  void app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: IMPORT_FILE_LIMIT, files: 1, fields: 5, fieldSize: 200, parts: 6 } });
    scope.post('/api/imports', {
      config: { action: 'import.create' },
      schema: { tags: ['imports'], summary: '上传镇街任务表（附件2，.xlsx 或 .csv），返回预览；此时不写入台账', consumes: ['multipart/form-data'] },
    }, async (request, reply) => {
      const actor = request.requireActor();
      if (!request.isMultipart()) throw new AppError('unsupported_media_type', '请以 multipart/form-data 上传文件（字段 townId 和 file）');
      const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'qudi-import-'));
      try {
        let townId: string | undefined;
        let fileName: string | undefined;
        const file = path.join(dir, 'upload');
        try {
          for await (const part of request.parts()) {
            if (part.type === 'file') {
              if (fileName !== undefined) throw invalid('一次只能上传一个文件', [{ path: 'file', message: '只能上传一个文件' }]);
              fileName = part.filename || 'upload';
              await pipeline(part.file, fs.createWriteStream(file));
              if (part.file.truncated) throw new AppError('payload_too_large', `文件超过 ${IMPORT_FILE_LIMIT / 1024 / 1024} MB 的上限，请拆分后分批导入`);
            } else if (part.fieldname === 'townId') townId = String(part.value);
          }
        } catch (err) {
          const code = (err as { code?: string }).code;
          if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('payload_too_large', `文件超过 ${IMPORT_FILE_LIMIT / 1024 / 1024} MB 的上限，请拆分后分批导入`);
          if (code === 'FST_FILES_LIMIT') throw invalid('一次只能上传一个文件', [{ path: 'file', message: '只能上传一个文件' }]);
          if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') throw invalid('上传内容有误：只需 townId 和 file 两个字段');
          throw err;
        }
        const town = Number(townId);
        if (!townId || !Number.isInteger(town) || town <= 0) throw invalid('请选择要导入的镇街', [{ path: 'townId', message: '请选择镇街' }]);
        if (fileName === undefined) throw invalid('请选择要上传的文件（.xlsx 或 .csv）', [{ path: 'file', message: '请选择文件' }]);
        const campaign = await currentCampaign(ctx.db);
        // Rows stream into import_rows; only the first page comes back with the preview itself.
        const preview = await createImport(ctx, actor, campaign, town, fileName, file, { firstRows: PREVIEW_ROWS });
        reply.status(201);
        return {
          id: preview.id,
          fileName,
          rowCount: preview.rowCount,
          errorCount: preview.errorCount,
          columns: preview.columns,
          duplicateCount: preview.duplicateCount,
          rows: preview.rows.map((x) => ({ rowNo: x.rowNo, seqNo: x.seqNo, values: x.values, errors: x.errors, matches: x.matches, decision: null, linkedId: null })),
          hasMoreRows: preview.rowCount > PREVIEW_ROWS,
        };
      } finally {
        await fs.promises.rm(dir, { recursive: true, force: true });
      }
    });
  });

  r.get('/api/imports', {
    config: { action: 'import.list' },
    schema: { tags: ['imports'], summary: '导入记录（按管辖范围）', querystring: listQuery },
  }, async (request) => {
    const actor = request.requireActor();
    request.authorize('import.list', null);
    const { rows, total } = await listImports(ctx.db, actor, request.query.page, request.query.pageSize);
    return { items: rows.map(presentHeader), total };
  });

  r.get('/api/imports/:id', {
    config: { action: 'import.read' },
    schema: { tags: ['imports'], summary: '一次导入', params: idParams },
  }, async (request) => {
    const header = await loadImport(ctx, request.requireActor(), request.params.id, 'import.read');
    return { ...presentHeader(header), undecidedCount: header.status === 'preview' && header.duplicate_count > 0 ? await undecidedCount(ctx.db, header.id) : 0 };
  });

  r.get('/api/imports/:id/rows', {
    config: { action: 'import.read' },
    schema: { tags: ['imports'], summary: '导入预览的行（分页，可只看有错误的行）', params: idParams, querystring: rowsQuery },
  }, async (request) => {
    await loadImport(ctx, request.requireActor(), request.params.id, 'import.read');
    const q = request.query;
    const filter = q.filter ?? (q.onlyErrors === 'true' || q.onlyErrors === '1' ? 'errors' : 'all');
    const { rows, total } = await listImportRows(ctx.db, request.params.id, { filter, page: q.page, pageSize: q.pageSize });
    return { items: rows.map(presentRow), total, page: q.page, pageSize: q.pageSize };
  });

  r.post('/api/imports/:id/confirm', {
    config: { action: 'import.confirm' },
    schema: { tags: ['imports'], summary: '确认导入：有效行在一个事务中写入台账', params: idParams, body: confirmBody },
  }, async (request) => {
    const actor = request.requireActor();
    const campaign = await currentCampaign(ctx.db);
    const result = await confirmImport(ctx, actor, campaign, request.params.id, request.body?.skipErrorRows ?? false);
    const header = await loadImport(ctx, actor, request.params.id, 'import.read');
    return { ...presentHeader(header), imported: result.imported, linked: result.linked, skipped: result.skipped };
  });

  r.post('/api/imports/:id/decisions', {
    config: { action: 'import.confirm' },
    schema: {
      tags: ['imports'],
      summary: '疑似重复的行：标为“同一场所”（不导入，关联到台账中的企业）或“不同企业”（导入）；记录在审计日志',
      params: idParams,
      body: decisionBody,
    },
  }, async (request) => {
    const result = await decideImportRows(ctx, request.requireActor(), request.params.id, request.body);
    return result;
  });
}
