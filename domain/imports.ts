// Import of a town's task table (导入镇街任务表): upload → preview → decide the rows that look like
// registered workshops → confirm. The request schemas and the answers of /api/imports, shared by the
// server's routes and the web's client.
import { timestamp } from './api.js';
import { CHOICE_FIELDS, choiceLabels } from './importValues.js';
import { idField, idText, pageFields } from './params.js';
import { z } from './zod.js';

/** The register fields (and `seqNo` / `village`) a column of the sheet can feed. */
export const IMPORT_FIELDS = [
  'seqNo',
  'village',
  'name',
  'kind',
  'address',
  'contactPerson',
  'phone',
  'powerSource',
  'powerAccount',
  'waterSource',
  'landType',
  'landOwner',
  'landLease',
  'licenceBusiness',
  'licenceEia',
  'licenceLand',
  'productionStatus',
  'rawMaterials',
  'notes',
  'discoverySource',
] as const;
/** A register field (or `seqNo` / `village`) a column of the sheet feeds. */
export type ImportField = (typeof IMPORT_FIELDS)[number];
export const importFieldSchema = z.enum(IMPORT_FIELDS).meta({ id: 'ImportField', description: '任务表的一列对应的台账字段（seqNo 序号、village 村居，其余为企业信息字段）' });

/** A column of the uploaded sheet and what it feeds. */
export const importColumnDto = z
  .object({
    index: z.number().int().meta({ description: '列在表格中的位置（从 0 开始）' }),
    header: z.string().meta({ description: '表格中的列标题' }),
    field: importFieldSchema.nullable().meta({ description: '该列对应的台账字段；null 表示不导入该列' }),
  })
  .meta({ id: 'ImportColumn', description: '上传表格的一列及其对应的台账字段' });
export type ImportColumn = z.infer<typeof importColumnDto>;

/** A mistake in one row of the sheet, on the register field it concerns. */
export const importRowErrorDto = z
  .object({
    field: z.string().meta({ description: '出错的字段' }),
    message: z.string().meta({ description: '中文说明' }),
  })
  .meta({ id: 'ImportRowError', description: '表格一行中的一个错误' });
export type ImportRowError = z.infer<typeof importRowErrorDto>;

/** Why a row may be a registered workshop: the same phone, a similar name. */
export const MATCH_REASONS = ['phone', 'name'] as const;
export type MatchReason = (typeof MATCH_REASONS)[number];

/** A workshop on the register that an imported row may be (same phone and/or same name key). */
export const importMatchDto = z
  .object({
    id: z.number().int().meta({ description: '台账中企业的 id' }),
    name: z.string(),
    reasons: z.array(z.enum(MATCH_REASONS)).meta({ description: '为何疑似重复：phone 电话相同、name 名称相似' }),
  })
  .meta({ id: 'ImportMatch', description: '导入的一行可能对应的台账中已登记企业' });
export type ImportMatch = z.infer<typeof importMatchDto>;

/** The answer for a row that looks like a registered workshop: that workshop (not imported, linked), or a different one (imported). */
export const DUPLICATE_DECISIONS = ['same', 'different'] as const;
export type DuplicateDecision = (typeof DUPLICATE_DECISIONS)[number];

/** Which staged rows to page through: all, those with mistakes, those that look like registered workshops, or those still awaiting a decision. */
export const ROW_FILTERS = ['all', 'errors', 'duplicates', 'undecided'] as const;
export type RowFilter = (typeof ROW_FILTERS)[number];

/** 'staging' while an upload streams in (never listed), 'preview' until confirmed. */
export const IMPORT_STATUSES = ['staging', 'preview', 'confirmed', 'discarded'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

// --- requests ---

/** GET /api/imports/:id/rows. `onlyErrors` is the older spelling of `filter=errors`. */
export const importRowsQuerySchema = z.strictObject({
  ...pageFields({ maxPageSize: 500, defaultPageSize: 50, unit: '行' }),
  onlyErrors: z.enum(['true', 'false', '1', '0']).optional(),
  filter: z.enum(ROW_FILTERS, { error: '筛选只能是 all、errors、duplicates 或 undecided' }).optional(),
});

const rowNo = z.int32({ error: (iss) => (iss.code === 'too_big' ? '行号超出范围' : '行号应为整数') }).min(1, { error: '行号应为正整数' });

/** POST /api/imports/:id/decisions. */
export const importDecisionSchema = z.strictObject({
  rowNos: z.array(rowNo).min(1, { error: '请选择至少一行' }).max(1000, { error: '一次最多选择 1000 行' }),
  decision: z.enum(DUPLICATE_DECISIONS, { error: '请选择“同一场所”（same）或“不同企业”（different）' }),
  enterpriseId: idField('关联企业').optional(),
});
export type ImportDecision = z.infer<typeof importDecisionSchema>;

/** GET /api/imports. */
export const importListQuerySchema = z.strictObject(pageFields({ maxPageSize: 100, defaultPageSize: 20 }));

/** POST /api/imports/:id/confirm. */
export const importConfirmSchema = z.strictObject({ skipErrorRows: z.boolean().default(false) }).default({ skipErrorRows: false });

/** POST /api/imports (multipart/form-data): the fields the route reads from the upload. */
export const importUploadSchema = z
  .object({
    townId: idText('镇街').meta({ description: '要导入的镇街的 id' }),
    file: z.file().meta({ description: '任务表文件（附件2，.xlsx 或 .csv），一次一个' }),
  })
  .meta({ description: '上传的任务表（multipart/form-data）' });

/** POST /api/imports/:id/value-mappings: every row whose sheet says `from` in `field` takes the register's `to`. */
export const importValueMappingSchema = z
  .strictObject({
    field: z.enum(CHOICE_FIELDS, { error: '只能对应生产状况、营业执照、环评手续、用地手续或发现途径的取值' }).meta({ description: '台账中的选择字段' }),
    from: z.string({ error: '请填写表格中的取值' }).trim().min(1, { error: '请填写表格中的取值' }).max(100, { error: '表格中的取值最多 100 个字' }).meta({ description: '表格中写的、无法识别的取值（如“半停”）' }),
    to: z.string({ error: '请选择对应的取值' }).meta({ description: '对应的台账取值代码（如 intermittent 间歇生产）' }),
  })
  .superRefine((v, ctx) => {
    const labels: Record<string, string> = choiceLabels[v.field];
    if (!(v.to in labels)) ctx.addIssue({ code: 'custom', path: ['to'], message: `对应的取值只能是：${Object.entries(labels).map(([code, label]) => `${code}（${label}）`).join('、')}` });
  });
export type ImportValueMapping = z.infer<typeof importValueMappingSchema>;

// --- answers ---

/** One row of the sheet as staged. */
export const importRowDto = z
  .object({
    rowNo: z.number().int().meta({ description: '在表格中的行号' }),
    seqNo: z.string().nullable().meta({ description: '表格中的序号' }),
    /** What the sheet says, per field, plus the recognised village and the normalised phone. */
    values: z.partialRecord(importFieldSchema, z.string()).meta({ description: '表格中各字段的内容（另含识别出的村居和规范化的电话）' }),
    errors: z.array(importRowErrorDto),
    /** Workshops on the register this row may be (same phone and/or similar name). */
    matches: z.array(importMatchDto).meta({ description: '台账中可能是同一场所的已登记企业（电话相同或名称相似）' }),
    decision: z.enum(DUPLICATE_DECISIONS).nullable().meta({ description: '对疑似重复的选择：same 同一场所（不导入）、different 不同企业（导入）；null 尚未选择' }),
    linkedId: z.number().int().nullable().meta({ description: '标为“同一场所”时关联的台账企业 id' }),
  })
  .meta({ id: 'ImportRow', description: '暂存的表格一行' });
export type ImportRowDto = z.infer<typeof importRowDto>;

/** GET /api/imports/:id/rows. */
export const importRowsDto = z
  .object({
    items: z.array(importRowDto),
    total: z.number().int().meta({ description: '符合条件的行数' }),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ description: '一页暂存的行及符合条件的总数' });
export type ImportRowsDto = z.infer<typeof importRowsDto>;

/** What an import's preview and its record both tell. */
const importCounts = {
  id: z.number().int(),
  fileName: z.string(),
  rowCount: z.number().int().meta({ description: '数据行数' }),
  errorCount: z.number().int().meta({ description: '有错误的行数' }),
  duplicateCount: z.number().int().meta({ description: '与台账中已有企业疑似重复的行数' }),
  columns: z.array(importColumnDto),
};

/** POST /api/imports: the uploaded file checked and staged, nothing written to the register yet. */
export const importPreviewDto = z
  .object({
    ...importCounts,
    /** The first rows; the rest through GET /api/imports/:id/rows. */
    rows: z.array(importRowDto).meta({ description: '前若干行；其余行通过 GET /api/imports/{id}/rows 分页读取' }),
    hasMoreRows: z.boolean(),
  })
  .meta({ id: 'ImportPreview', description: '上传的任务表经检查后暂存的预览（尚未写入台账）' });
export type ImportPreviewDto = z.infer<typeof importPreviewDto>;

const importFields = {
  ...importCounts,
  townId: z.number().int(),
  townName: z.string(),
  userName: z.string().meta({ description: '上传人' }),
  fileSha256: z.string().meta({ description: '文件的 SHA-256' }),
  importedCount: z.number().int().meta({ description: '已导入台账的行数' }),
  status: z.enum(IMPORT_STATUSES).meta({ description: '状态：preview 待确认、confirmed 已导入、discarded 已放弃（staging 上传中，不列出）' }),
  createdAt: timestamp,
  confirmedAt: timestamp.nullable(),
  /** Rows still awaiting a same-site / different decision (GET /api/imports/:id only). */
  undecidedCount: z.number().int().optional().meta({ description: '尚未选择“同一场所”或“不同企业”的疑似重复行数（仅 GET /api/imports/{id}）' }),
};

/** An import's record (GET /api/imports, GET /api/imports/:id). */
export const importDto = z.object(importFields).meta({ id: 'Import', description: '一次导入的记录' });
export type ImportDto = z.infer<typeof importDto>;

/** What a confirmation did. */
const confirmResultFields = {
  imported: z.number().int().meta({ description: '写入台账的行数' }),
  linked: z.number().int().meta({ description: '标为“同一场所”、关联到台账中已有企业的行数' }),
  skipped: z.number().int().meta({ description: '跳过的有错误的行数' }),
};
export const importConfirmResult = z.object(confirmResultFields);
export type ImportConfirmResult = z.infer<typeof importConfirmResult>;

/** POST /api/imports/:id/confirm: the record as it now stands, and what was done. */
export const importConfirmDto = z.object({ ...importFields, ...confirmResultFields }).meta({ id: 'ImportConfirmation', description: '确认导入后的导入记录，及导入、关联、跳过的行数' });
export type ImportConfirmDto = z.infer<typeof importConfirmDto>;

/** POST /api/imports/:id/value-mappings. */
export const importValueMappingResultDto = z
  .object({
    changed: z.number().int().meta({ description: '按此对应重新检查的行数' }),
    errorCount: z.number().int().meta({ description: '仍有错误的行数' }),
    duplicateCount: z.number().int().meta({ description: '与台账中已有企业疑似重复的行数' }),
  })
  .meta({ description: '把表格中的一种取值对应到台账取值后，重新检查的结果' });
export type ImportValueMappingResultDto = z.infer<typeof importValueMappingResultDto>;

/** POST /api/imports/:id/decisions. */
export const importDecisionResultDto = z
  .object({
    decided: z.number().int().meta({ description: '本次作出选择的行数' }),
    undecided: z.number().int().meta({ description: '仍待选择的疑似重复行数' }),
  })
  .meta({ description: '逐行确认疑似重复的结果' });
export type ImportDecisionResultDto = z.infer<typeof importDecisionResultDto>;
