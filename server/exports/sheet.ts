// The printed layout shared by the notice's forms: a merged title row, an optional
// 填报单位/填报日期 row, a bordered header row repeated on every printed page, A4 portrait
// scaled to the page width, and 第 &P 页 共 &N 页 in the footer. Written with exceljs's streaming
// writer: each row is committed as soon as it is filled, so the workbook never sits in memory.
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

export function createWorkbook(out: Writable): ExcelJS.stream.xlsx.WorkbookWriter {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Qudi';
  wb.created = new Date();
  return wb;
}

/** Width in Excel character units: CJK and full-width characters count double. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) || ch.codePointAt(0)! > 0xffff ? 2 : 1;
  return w;
}

/** 2026-11-28 → 2026年11月28日 */
export function chineseDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export interface FormSheet {
  addRow(values: (string | number)[]): void;
  /** A blank row, then the line the unit's principal signs. */
  addSignature(): void;
  /** A free-text paragraph merged across the table's width. */
  addNote(text: string): void;
  commit(): void;
}

export function addFormSheet(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  opts: { sheetName: string; title: string; columns: FormColumn[]; unit?: { label: string; date: string } },
): FormSheet {
  const { columns } = opts;
  const headerRow = opts.unit ? 3 : 2;
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

  return {
    addRow(values) {
      const row = next();
      // Excel does not grow rows for wrapped text on opening: size each row for its longest cell.
      const lines = Math.max(1, ...columns.map((c, i) => Math.ceil(displayWidth(String(values[i] ?? '')) / Math.max(1, c.width - 1))));
      row.height = Math.max(20, lines * 15 + 5);
      columns.forEach((c, i) => {
        const cell = row.getCell(i + 1);
        cell.value = values[i] ?? '';
        cell.font = { name: FONT, size: 11 };
        cell.alignment = { horizontal: c.align ?? 'left', vertical: 'middle', wrapText: true };
        cell.border = border;
      });
      row.commit();
    },
    addSignature() {
      next().commit();
      const row = next();
      row.height = 26;
      const split = Math.max(1, Math.ceil(last / 2));
      row.getCell(1).value = '主要负责人签字：';
      row.getCell(split + 1).value = '日期：      年    月    日';
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
    commit() {
      ws.commit();
    },
  };
}
