// The printed layout shared by the notice's forms: a merged title row, an optional line under it
// (what a filtered export was filtered on), an optional 填报单位/填报日期 row, a bordered header
// row — all repeated on every printed page — A4 portrait scaled to the page width, and
// 第 &P 页 共 &N 页 in the footer. Written with exceljs's streaming writer: each row is committed
// as soon as it is filled, so the workbook never sits in memory.
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';

export interface FormColumn {
  header: string;
  width: number;
  align?: 'left' | 'center';
}

const FONT = '宋体';
const thin = { style: 'thin' as const };
const border = { top: thin, left: thin, bottom: thin, right: thin };
const BODY_FONT = { name: FONT, size: 11 };

interface WritableStateLike {
  _writableState?: { length: number; needDrain: boolean };
  destroyed?: boolean;
  once(event: string, fn: () => void): unknown;
  off(event: string, fn: () => void): unknown;
}

/**
 * Resolves once `s` has written out what it holds, or is gone, or `out` (the workbook's output)
 * was closed: then nothing downstream reads any more and `s` would never drain. exceljs's writer
 * ignores backpressure: without this wait, and with better-sqlite3 answering synchronously, a
 * whole district's sheet XML piles up in memory before zlib compresses any of it. Uses the
 * writable state directly, as the streams inside exceljs/archiver are readable-stream's.
 */
function drained(s: WritableStateLike, out?: WritableStateLike): Promise<void> {
  const state = s._writableState;
  if (!state || s.destroyed || !state.needDrain || out?.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      s.off('drain', done);
      s.off('close', done);
      s.off('finish', done);
      out?.off('close', done);
      resolve();
    };
    s.once('drain', done);
    s.once('close', done);
    s.once('finish', done);
    out?.once('close', done);
  });
}

/** The output was closed before the workbook was written (e.g. the client went away). */
export class ExportAborted extends Error {
  constructor() {
    super('export aborted: the output stream was closed');
    this.name = 'ExportAborted';
  }
}

export function createWorkbook(out: Writable): ExcelJS.stream.xlsx.WorkbookWriter {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Qudi';
  wb.created = new Date();
  return wb;
}

/** Width in Excel character units: CJK and full-width characters count double. */
export function displayWidth(text: string): number {
  // Called for every cell of a district-wide export: char codes, no regex, no iterator.
  let w = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x1100) w += 1;
    else if (c >= 0xd800 && c <= 0xdbff) {
      // A surrogate pair: one character outside the BMP, counted double.
      w += 2;
      i++;
    } else
      w +=
        (c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6)
          ? 2
          : 1;
  }
  return w;
}

const totalWidth = (columns: readonly FormColumn[]) => columns.reduce((w, c) => w + c.width, 0);

/** 2026-11-28 → 2026年11月28日 */
export function chineseDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** Who signed a form, and when (already in the form's wording, e.g. 2016-05-10 09:12). */
export interface Signer {
  name: string;
  /** Date and time of signing, as printed. */
  at: string;
  /** Calendar date of signing (YYYY-MM-DD), for the 日期 cell. */
  date: string;
}

export interface FormSheet {
  addRow(values: (string | number)[]): void;
  /**
   * A blank row, then the line the unit's principal signs: blank for a pen, or with the signer's
   * name and time when the form was signed in the system.
   */
  addSignature(signer?: Signer): void;
  /** A free-text paragraph merged across the table's width. */
  addNote(text: string): void;
  /** A one-line note in small print merged across the table's width (e.g. a checksum). */
  addFootnote(text: string): void;
  /**
   * Waits until the rows written so far have been compressed and taken by the output stream; call
   * it between chunks of rows. Rejects when the output was closed (the client went away).
   */
  flush(): Promise<void>;
  commit(): void;
}

export function addFormSheet(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  opts: { sheetName: string; title: string; subtitle?: string; columns: FormColumn[]; unit?: { label: string; date: string } },
): FormSheet {
  const { columns } = opts;
  // Title, subtitle, unit row and header repeat on every printed page: a filtered page says so.
  const headerRow = 2 + (opts.subtitle ? 1 : 0) + (opts.unit ? 1 : 0);
  const ws = wb.addWorksheet(opts.sheetName, {
    pageSetup: {
      paperSize: 9,
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.7, bottom: 0.7, header: 0.3, footer: 0.3 },
      printTitlesRow: `1:${headerRow}`,
    },
    headerFooter: { oddFooter: '&C第 &P 页 共 &N 页', evenFooter: '&C第 &P 页 共 &N 页' },
    views: [{ state: 'frozen', ySplit: headerRow }],
  });
  ws.columns = columns.map((c) => ({ width: c.width }));
  const last = columns.length;
  let rowNo = 0;
  const next = () => ws.getRow(++rowNo);
  const mergeRow = (r: number, from = 1, to = last) => {
    if (to > from) ws.mergeCells(r, from, r, to);
  };

  const title = next();
  title.height = 36;
  title.getCell(1).value = opts.title;
  title.getCell(1).font = { name: FONT, size: 18, bold: true };
  title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  mergeRow(1);
  title.commit();

  if (opts.subtitle) {
    const row = next();
    row.height = Math.max(22, Math.ceil(displayWidth(opts.subtitle) / Math.max(1, totalWidth(columns) - 4)) * 18);
    row.getCell(1).value = opts.subtitle;
    row.getCell(1).font = { name: FONT, size: 12, bold: true };
    row.getCell(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    mergeRow(rowNo);
    row.commit();
  }

  if (opts.unit) {
    const row = next();
    row.height = 22;
    const split = Math.max(1, Math.ceil(last / 2));
    row.getCell(1).value = `填报单位：${opts.unit.label}`;
    row.getCell(1).alignment = { horizontal: 'left', vertical: 'middle' };
    row.getCell(split + 1).value = `填报日期：${chineseDate(opts.unit.date)}`;
    row.getCell(split + 1).alignment = { horizontal: 'right', vertical: 'middle' };
    for (const c of [1, split + 1]) row.getCell(c).font = { name: FONT, size: 11 };
    mergeRow(rowNo, 1, split);
    mergeRow(rowNo, split + 1, last);
    row.commit();
  }

  const header = next();
  header.height = 30;
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { name: FONT, size: 11, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = border;
  });
  header.commit();

  const cellStyles: Partial<ExcelJS.Style>[] = columns.map((c) => ({
    font: BODY_FONT,
    alignment: { horizontal: c.align ?? 'left', vertical: 'middle', wrapText: true },
    border,
  }));
  const lineWidths = columns.map((c) => Math.max(1, c.width - 1));

  return {
    addRow(values) {
      const row = next();
      // Excel does not grow rows for wrapped text on opening: size each row for its longest cell.
      let lines = 1;
      for (let i = 0; i < last; i++) {
        const v = values[i];
        if (typeof v !== 'string' || v.length <= lineWidths[i] / 2) continue; // fits on one line whatever its characters
        const n = Math.ceil(displayWidth(v) / lineWidths[i]);
        if (n > lines) lines = n;
      }
      row.height = Math.max(20, lines * 15 + 5);
      for (let i = 0; i < last; i++) {
        const cell = row.getCell(i + 1);
        cell.value = values[i] ?? '';
        // One style object per column, shared by every row: exceljs then looks its id up by
        // identity instead of serialising the style for each cell.
        cell.style = cellStyles[i];
      }
      row.commit();
    },
    addSignature(signer) {
      next().commit();
      const row = next();
      row.height = 26;
      const split = Math.max(1, Math.ceil(last / 2));
      row.getCell(1).value = signer ? `主要负责人签字：${signer.name}（${signer.at} 签字）` : '主要负责人签字：';
      row.getCell(split + 1).value = signer ? `日期：${chineseDate(signer.date)}` : '日期：      年    月    日';
      for (const c of [1, split + 1]) {
        row.getCell(c).font = { name: FONT, size: 12 };
        row.getCell(c).alignment = { horizontal: c === 1 ? 'left' : 'right', vertical: 'middle' };
      }
      mergeRow(rowNo, 1, split);
      mergeRow(rowNo, split + 1, last);
      row.commit();
    },
    addNote(text) {
      next().commit();
      const row = next();
      row.height = Math.max(22, Math.ceil(text.length / 40) * 20);
      row.getCell(1).value = text;
      row.getCell(1).font = { name: FONT, size: 12 };
      row.getCell(1).alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
      mergeRow(rowNo);
      row.commit();
    },
    addFootnote(text) {
      const row = next();
      row.height = 16;
      row.getCell(1).value = text;
      row.getCell(1).font = { name: FONT, size: 8, color: { argb: 'FF808080' } };
      row.getCell(1).alignment = { horizontal: 'left', vertical: 'middle' };
      mergeRow(rowNo);
      row.commit();
    },
    async flush() {
      const out = (wb as unknown as { stream?: Writable }).stream as unknown as (WritableStateLike & { destroyed: boolean }) | undefined;
      // The sheet's XML goes into a buffer piped (without backpressure) into the zip entry's stream.
      const sheetStream = (ws as unknown as { stream?: { pipes?: WritableStateLike[] } }).stream;
      for (const p of sheetStream?.pipes ?? []) await drained(p, out);
      if (out) {
        await drained(out);
        if (out.destroyed) throw new ExportAborted();
      }
    },
    commit() {
      ws.commit();
    },
  };
}
