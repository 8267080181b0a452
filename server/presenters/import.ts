// Task-table imports (导入镇街任务表) as the API answers them: an import's record, a staged row, the preview.
import type { DuplicateDecision, ImportColumn, ImportDto, ImportMatch, ImportPreviewDto, ImportRowDto, ImportRowError, ImportStatus } from '../../domain/imports.js';
import type { ImportRowRow } from '../db/schema.js';
import type { CheckedRow } from '../imports/validate.js';
import type { ImportHeader } from '../repositories/imports.js';

export function presentImport(h: ImportHeader): ImportDto {
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
    status: h.status as ImportStatus,
    createdAt: h.created_at,
    confirmedAt: h.confirmed_at,
    columns: JSON.parse(h.columns) as ImportColumn[],
  };
}

export function presentImportRow(r: Pick<ImportRowRow, 'row_no' | 'seq_no' | 'data' | 'errors' | 'matches' | 'decision' | 'linked_id'>): ImportRowDto {
  const data = JSON.parse(r.data) as { values: ImportRowDto['values'] };
  return {
    rowNo: r.row_no,
    seqNo: r.seq_no,
    values: data.values,
    errors: JSON.parse(r.errors) as ImportRowError[],
    matches: r.matches ? (JSON.parse(r.matches) as ImportMatch[]) : [],
    decision: r.decision as DuplicateDecision | null,
    linkedId: r.linked_id,
  };
}

/** The preview of an upload just staged: its first rows (all undecided), and whether more follow. */
export function presentPreview(
  p: { id: number; rowCount: number; errorCount: number; duplicateCount: number; columns: ImportColumn[]; rows: readonly CheckedRow[] },
  fileName: string,
  shownRows: number,
): ImportPreviewDto {
  return {
    id: p.id,
    fileName,
    rowCount: p.rowCount,
    errorCount: p.errorCount,
    columns: p.columns,
    duplicateCount: p.duplicateCount,
    rows: p.rows.map((x) => ({ rowNo: x.rowNo, seqNo: x.seqNo, values: x.values, errors: x.errors, matches: x.matches, decision: null, linkedId: null })),
    hasMoreRows: p.rowCount > shownRows,
  };
}
