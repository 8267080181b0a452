// Reads an uploaded task table (附件2 任务表) as towns keep it: an .xlsx read with exceljs's streaming
// reader, or a CSV in UTF-8 (with or without BOM) or GBK. Finds the header row below the title and
// 填报单位 rows, maps its columns to register fields, and yields the data rows, leaving out blank
// rows and the signature rows at the foot.
import fs from 'node:fs';
import { Parser as CsvParser } from 'csv-parse';
import type ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { enterpriseFieldLabels } from '../../domain/i18n/labels.zh-CN.js';
import { toHalfWidth } from '../../domain/phone.js';
import { AppError, invalid } from '../errors.js';
import type { ImportColumn, ImportField } from '../../domain/imports.js';

export type FileKind = 'xlsx' | 'csv';

/** A column of the sheet and the field it feeds (the preview shows it as such). */
export type ColumnMapping = ImportColumn;

export interface SheetRow {
  /** Row number as Excel or WPS shows it, 1-based: the sheet's row (xlsx), the record's ordinal (CSV, blank lines counted). */
  rowNo: number;
  cells: string[];
}

export interface DataRow {
  rowNo: number;
  values: Partial<Record<ImportField, string>>;
}

const REGISTER_FIELDS: Exclude<ImportField, 'seqNo' | 'village'>[] = [
  'name', 'kind', 'address', 'contactPerson', 'phone', 'powerSource', 'powerAccount', 'waterSource', 'landType', 'landOwner',
  'landLease', 'licenceBusiness', 'licenceEia', 'licenceLand', 'productionStatus', 'rawMaterials', 'notes', 'discoverySource',
];

/** Header text without whitespace (also full-width), in half-width characters. */
export function normalizeHeader(s: string): string {
  return toHalfWidth(s).replace(/[\s\u3000]/g, '');
}

const HEADER_MAP: Map<string, ImportField> = (() => {
  const m = new Map<string, ImportField>();
  const add = (label: string, field: ImportField) => {
    const n = normalizeHeader(label);
    if (!m.has(n)) m.set(n, field);
    const bare = n.replace(/[(（].*[)）]$/, '');
    if (bare && !m.has(bare)) m.set(bare, field);
  };
  add('序号', 'seqNo');
  add('编号', 'seqNo');
  for (const f of REGISTER_FIELDS) add(enterpriseFieldLabels[f], f);
  add(enterpriseFieldLabels.villageId, 'village');
  const aliases: [string, ImportField][] = [
    ['企业（作坊）名称', 'name'], ['名称', 'name'], ['单位名称', 'name'], ['企业地址', 'address'], ['地址', 'address'], ['位置', 'address'],
    ['电话', 'phone'], ['联系方式', 'phone'], ['手机', 'phone'], ['手机号', 'phone'], ['负责人', 'contactPerson'], ['业主', 'contactPerson'],
    ['类型', 'kind'], ['村居', 'village'], ['所在村', 'village'], ['村', 'village'], ['原料', 'rawMaterials'], ['说明', 'notes'],
  ];
  for (const [label, field] of aliases) add(label, field);
  return m;
})();

/**
 * A row's cells as a header: each column with the field its normalised text names in `lookup` (null for
 * none); a field fed by two columns keeps the first. Shared by every sheet Qudi reads (the task table, the
 * power office's account list), each with its own header map.
 */
export function mapHeaderCells<F extends string>(cells: string[], lookup: (normalized: string) => F | null): { index: number; header: string; field: F | null }[] {
  const mapping = cells.map((c, index) => ({ index, header: c.trim(), field: lookup(normalizeHeader(c)) }));
  const seen = new Set<F>();
  for (const m of mapping) {
    if (m.field && seen.has(m.field)) m.field = null;
    else if (m.field) seen.add(m.field);
  }
  return mapping;
}

/** The header row is the first with 企业名称 (or at least two register field labels) among its cells. */
function headerMapping(cells: string[]): ColumnMapping[] | null {
  const mapping = mapHeaderCells(cells, (h) => HEADER_MAP.get(h) ?? null);
  const fields = mapping.filter((m) => m.field && m.field !== 'seqNo').map((m) => m.field);
  if (!fields.includes('name') && fields.length < 2) return null;
  return mapping.filter((m) => m.header !== '' || m.field);
}

const FOOTER = /签字|签章|盖章|填表人|审核人|制表人|负责人[:：]|填报人/;

/**
 * Finds the header row (reported once through `onColumns`, before the first data row) and turns
 * each later sheet row into a data row, or null for blank and signature rows. Keeps nothing but
 * the header.
 */
class RowExtractor {
  private columns: ColumnMapping[] | null = null;
  private seen = 0;

  constructor(
    private readonly onColumns: (columns: ColumnMapping[]) => void,
    private readonly maxHeaderSearch: number,
  ) {}

  /** The data row, or null (header search, blank or signature row); 'stop' when no header was found in time. */
  push(row: SheetRow): DataRow | null | 'stop' {
    this.seen++;
    const columns = this.columns;
    if (!columns) {
      this.columns = headerMapping(row.cells);
      if (this.columns) this.onColumns(this.columns);
      else if (this.seen >= this.maxHeaderSearch) return 'stop';
      return null;
    }
    const values: Partial<Record<ImportField, string>> = {};
    let filled = 0;
    for (const c of columns) {
      if (!c.field) continue;
      const v = (row.cells[c.index] ?? '').trim();
      if (v !== '') {
        values[c.field] = v;
        if (c.field !== 'seqNo') filled++;
      }
    }
    if (filled === 0) return null; // blank (or only numbered) row
    if (!values.address && !values.phone && FOOTER.test(row.cells.join(''))) return null; // signature / 填表人 rows
    return { rowNo: row.rowNo, values };
  }

  finish(): void {
    if (!this.columns)
      throw invalid('未找到表头行：请确认表格中有“企业名称”“企业位置”“联系电话”等列标题（前 30 行内）', [{ path: 'file', message: '未找到表头行' }]);
  }
}

/**
 * Streams the data rows of the sheet: finds the header row (reported once through `onColumns`,
 * before the first data row), then yields one row at a time — nothing but the current row is kept.
 */
export async function* extractRows(source: AsyncIterable<SheetRow>, onColumns: (columns: ColumnMapping[]) => void, maxHeaderSearch = 30): AsyncGenerator<DataRow> {
  const extractor = new RowExtractor(onColumns, maxHeaderSearch);
  for await (const row of source) {
    const data = extractor.push(row);
    if (data === 'stop') break;
    if (data) yield data;
  }
  extractor.finish();
}

/**
 * extractRows over batches of sheet rows, yielding batches of data rows: a 100,000-row file then
 * costs a few hundred steps through the async generators instead of one per row per generator.
 */
async function* extractRowBatches(source: AsyncIterable<SheetRow[]>, onColumns: (columns: ColumnMapping[]) => void, maxHeaderSearch = 30): AsyncGenerator<DataRow[]> {
  const extractor = new RowExtractor(onColumns, maxHeaderSearch);
  outer: for await (const rows of source) {
    const out: DataRow[] = [];
    for (const row of rows) {
      const data = extractor.push(row);
      if (data === 'stop') break outer;
      if (data) out.push(data);
    }
    if (out.length > 0) yield out;
  }
  extractor.finish();
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('text' in v) return cellText(v.text as ExcelJS.CellValue);
    if ('error' in v) return '';
  }
  return String(v);
}

/** Rows per batch read from an .xlsx (a CSV batches by the chunks it is read in). */
const XLSX_BATCH = 500;

/** The first worksheet's rows, streamed, in batches. exceljs is loaded only when a workbook comes. */
export async function* readXlsx(file: string): AsyncGenerator<SheetRow[]> {
  const { default: Excel } = await import('exceljs');
  const reader = new Excel.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore', worksheets: 'emit', entries: 'emit' });
  for await (const sheet of reader) {
    let batch: SheetRow[] = [];
    for await (const row of sheet) {
      const values = row.values as ExcelJS.CellValue[];
      const cells: string[] = [];
      for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
      batch.push({ rowNo: row.number, cells });
      if (batch.length >= XLSX_BATCH) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
    return; // the task table is the first sheet
  }
}

/** 'utf8' when the whole file is valid UTF-8, else 'gbk' (checked in a streaming pass). */
export async function detectEncoding(file: string): Promise<'utf8' | 'gbk'> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of fs.createReadStream(file)) decoder.decode(chunk as Buffer, { stream: true });
    decoder.decode();
    return 'utf8';
  } catch {
    return 'gbk';
  }
}

/**
 * csv-parse's stream, handing on the records of each chunk it parses as one batch, each numbered
 * as Excel or WPS numbers the rows when they open the file: by its ordinal among the records
 * (a blank line is a record; a quoted cell over several lines is one), not by the file's lines.
 */
class BatchingCsvParser extends CsvParser {
  private batch: SheetRow[] = [];

  // csv-parse hands each record to push() as soon as it is complete, with `info.records` counting it.
  override push(record: unknown, encoding?: BufferEncoding): boolean {
    if (record === null) {
      this.flushBatch();
      return super.push(null, encoding);
    }
    this.batch.push({ rowNo: this.info.records, cells: record as string[] });
    return true;
  }

  override _transform(chunk: unknown, encoding: BufferEncoding, callback: (err?: Error | null) => void): void {
    super._transform(chunk, encoding, (err?: Error | null) => {
      this.flushBatch();
      callback(err);
    });
  }

  override _flush(callback: (err?: Error | null) => void): void {
    super._flush((err?: Error | null) => {
      this.flushBatch();
      callback(err);
    });
  }

  private flushBatch(): void {
    if (this.batch.length === 0) return;
    const rows = this.batch;
    this.batch = [];
    super.push(rows);
  }
}

/** The CSV's records, streamed, in batches (UTF-8 or GBK, see detectEncoding). */
export async function* readCsv(file: string): AsyncGenerator<SheetRow[]> {
  const encoding = await detectEncoding(file);
  const parser = fs
    .createReadStream(file)
    .pipe(iconv.decodeStream(encoding, { stripBOM: true }))
    .pipe(new BatchingCsvParser({ relax_column_count: true, relax_quotes: true, skip_empty_lines: false }));
  for await (const rows of parser as AsyncIterable<SheetRow[]>) yield rows;
}

/** Decides the kind from the name and the first bytes; refuses anything else. */
export function fileKindOf(fileName: string, head: Buffer): FileKind {
  const lower = fileName.toLowerCase();
  const zip = head.length >= 4 && head.readUInt32LE(0) === 0x04034b50;
  if (lower.endsWith('.xlsx')) {
    if (!zip) throw invalid('文件不是有效的 Excel（.xlsx）文件', [{ path: 'file', message: '文件内容与扩展名不符' }]);
    return 'xlsx';
  }
  if (lower.endsWith('.csv')) {
    if (zip || head.includes(0)) throw invalid('文件不是有效的 CSV 文本文件', [{ path: 'file', message: '文件内容与扩展名不符' }]);
    return 'csv';
  }
  if (lower.endsWith('.xls') || lower.endsWith('.et') || lower.endsWith('.wps'))
    throw invalid('不支持旧版 Excel（.xls/.et）文件：请在 Excel 或 WPS 中“另存为” .xlsx 后再上传', [{ path: 'file', message: '请另存为 .xlsx' }]);
  throw invalid('只能导入 Excel（.xlsx）或 CSV（.csv）文件', [{ path: 'file', message: '文件类型不支持' }]);
}

function unreadable(kind: FileKind, err: unknown): AppError {
  if (err instanceof AppError) return err;
  return invalid(kind === 'xlsx' ? '无法读取该 Excel 文件：文件可能已损坏或不是 .xlsx 格式' : '无法读取该 CSV 文件：请检查文件格式', [{ path: 'file', message: '文件无法读取' }]);
}

/**
 * The file's data rows, streamed in batches (see extractRows); a file that cannot be read ends in
 * a Chinese problem.
 */
export async function* streamFileBatches(file: string, kind: FileKind, onColumns: (columns: ColumnMapping[]) => void): AsyncGenerator<DataRow[]> {
  try {
    yield* extractRowBatches(kind === 'xlsx' ? readXlsx(file) : readCsv(file), onColumns);
  } catch (err) {
    throw unreadable(kind, err);
  }
}

/** The sheet's rows as they are (title rows, header, data), in batches; a file that cannot be read ends in a Chinese problem. */
export async function* readSheetBatches(file: string, kind: FileKind): AsyncGenerator<SheetRow[]> {
  try {
    yield* kind === 'xlsx' ? readXlsx(file) : readCsv(file);
  } catch (err) {
    throw unreadable(kind, err);
  }
}

/** The file's data rows, one at a time. */
export async function* streamFile(file: string, kind: FileKind, onColumns: (columns: ColumnMapping[]) => void): AsyncGenerator<DataRow> {
  for await (const rows of streamFileBatches(file, kind, onColumns)) yield* rows;
}
