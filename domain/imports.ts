// Import of a town's task table (导入镇街任务表): upload → preview → decide the rows that look like
// registered workshops → confirm. The request schemas and the answers of /api/imports, shared by the
// server's routes and the web's client.
import { pageFields } from './params.js';
import { z } from './zod.js';

/** A register field (or `seqNo` / `village`) a column of the sheet feeds. */
export type ImportField =
  | 'seqNo'
  | 'village'
  | 'name'
  | 'kind'
  | 'address'
  | 'contactPerson'
  | 'phone'
  | 'powerSource'
  | 'powerAccount'
  | 'waterSource'
  | 'landType'
  | 'landOwner'
  | 'landLease'
  | 'licenceBusiness'
  | 'licenceEia'
  | 'licenceLand'
  | 'productionStatus'
  | 'rawMaterials'
  | 'notes'
  | 'discoverySource';

/** A column of the uploaded sheet and what it feeds. */
export interface ImportColumn {
  /** 0-based column index in the sheet. */
  index: number;
  /** The header as written in the sheet. */
  header: string;
  /** The field it feeds, or null when the column is ignored. */
  field: ImportField | null;
}

/** A mistake in one row of the sheet, on the register field it concerns. */
export interface ImportRowError {
  field: string;
  message: string;
}

/** Why a row may be a registered workshop: the same phone, a similar name. */
export type MatchReason = 'phone' | 'name';

/** A workshop on the register that an imported row may be (same phone and/or same name key). */
export interface ImportMatch {
  id: number;
  name: string;
  reasons: MatchReason[];
}

/** The answer for a row that looks like a registered workshop: that workshop (not imported, linked), or a different one (imported). */
export const DUPLICATE_DECISIONS = ['same', 'different'] as const;
export type DuplicateDecision = (typeof DUPLICATE_DECISIONS)[number];

/** Which staged rows to page through: all, those with mistakes, those that look like registered workshops, or those still awaiting a decision. */
export const ROW_FILTERS = ['all', 'errors', 'duplicates', 'undecided'] as const;
export type RowFilter = (typeof ROW_FILTERS)[number];

/** 'staging' while an upload streams in (never listed), 'preview' until confirmed. */
export type ImportStatus = 'staging' | 'preview' | 'confirmed' | 'discarded';

// --- requests ---

/** GET /api/imports/:id/rows. `onlyErrors` is the older spelling of `filter=errors`. */
export const importRowsQuerySchema = z.strictObject({
  ...pageFields({ maxPageSize: 500, defaultPageSize: 50, unit: '行' }),
  onlyErrors: z.enum(['true', 'false', '1', '0']).optional(),
  filter: z.enum(ROW_FILTERS, { error: '筛选只能是 all、errors、duplicates 或 undecided' }).optional(),
});

const rowNo = z.number({ error: '行号应为数字' }).int().positive({ error: '行号应为正整数' });

/** POST /api/imports/:id/decisions. */
export const importDecisionSchema = z.strictObject({
  rowNos: z.array(rowNo).min(1, { error: '请选择至少一行' }).max(1000, { error: '一次最多选择 1000 行' }),
  decision: z.enum(DUPLICATE_DECISIONS, { error: '请选择“同一场所”（same）或“不同企业”（different）' }),
  enterpriseId: z.number().int().positive().optional(),
});
export type ImportDecision = z.infer<typeof importDecisionSchema>;

/** GET /api/imports. */
export const importListQuerySchema = z.strictObject(pageFields({ maxPageSize: 100, defaultPageSize: 20 }));

/** POST /api/imports/:id/confirm. */
export const importConfirmSchema = z.strictObject({ skipErrorRows: z.boolean().default(false) }).default({ skipErrorRows: false });

// --- answers ---

/** One row of the sheet as staged. */
export interface ImportRowDto {
  rowNo: number;
  seqNo: string | null;
  /** What the sheet says, per field, plus the recognised village and the normalised phone. */
  values: Partial<Record<ImportField, string>>;
  errors: ImportRowError[];
  /** Workshops on the register this row may be (same phone and/or similar name). */
  matches: ImportMatch[];
  decision: DuplicateDecision | null;
  linkedId: number | null;
}

/** GET /api/imports/:id/rows. */
export interface ImportRowsDto {
  items: ImportRowDto[];
  total: number;
  page: number;
  pageSize: number;
}

/** What an import's preview and its record both tell. */
interface ImportCounts {
  id: number;
  fileName: string;
  rowCount: number;
  errorCount: number;
  duplicateCount: number;
  columns: ImportColumn[];
}

/** POST /api/imports: the uploaded file checked and staged, nothing written to the register yet. */
export interface ImportPreviewDto extends ImportCounts {
  /** The first rows; the rest through GET /api/imports/:id/rows. */
  rows: ImportRowDto[];
  hasMoreRows: boolean;
}

/** An import's record (GET /api/imports, GET /api/imports/:id). */
export interface ImportDto extends ImportCounts {
  townId: number;
  townName: string;
  userName: string;
  fileSha256: string;
  importedCount: number;
  status: ImportStatus;
  createdAt: string;
  confirmedAt: string | null;
  /** Rows still awaiting a same-site / different decision (GET /api/imports/:id only). */
  undecidedCount?: number;
}

/** What a confirmation did. */
export interface ImportConfirmResult {
  imported: number;
  linked: number;
  skipped: number;
}

/** POST /api/imports/:id/confirm: the record as it now stands, and what was done. */
export type ImportConfirmDto = ImportDto & ImportConfirmResult;

/** POST /api/imports/:id/decisions. */
export interface ImportDecisionResultDto {
  decided: number;
  undecided: number;
}
