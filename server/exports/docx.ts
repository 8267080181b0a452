// The building blocks of Qudi's Word documents, for anything printed and filed (an evidence
// package's 记录.docx; official notices, 公文): A4 with 2 cm margins, Song for body text and Hei
// for headings with Latin fallbacks, page numbers in the footer, and paragraph, heading and table
// helpers. What a document says is its own module's; how a Qudi document looks is here.
import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IRunOptions,
} from 'docx';

export { AlignmentType };
/** What a document's body is made of. */
export type DocxBlock = Paragraph | Table;

export const BODY_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体' };
export const HEADING_FONT = { ascii: 'Arial', hAnsi: 'Arial', eastAsia: '黑体' };
export const MONO_FONT = { ascii: 'Consolas', hAnsi: 'Consolas', eastAsia: '宋体' };
/** A4 in twips. */
const A4 = { width: 11906, height: 16838 };
/** 2 cm, in twips. */
const MARGIN = 1134;
/** A4 with 2 cm margins: 21 cm − 4 cm of text width, in twips. */
export const TEXT_WIDTH = 9638;

type Alignment = (typeof AlignmentType)[keyof typeof AlignmentType];

export function run(text: string, opts: Omit<IRunOptions, 'text'> = {}): TextRun {
  return new TextRun({ text, ...opts });
}

/** One paragraph of one run; `mono` for hashes and codes. */
export function para(text: string, opts: { bold?: boolean; size?: number; align?: Alignment; mono?: boolean } = {}): Paragraph {
  return new Paragraph({
    alignment: opts.align,
    children: [run(text, { bold: opts.bold, size: opts.size, font: opts.mono ? MONO_FONT : undefined })],
  });
}

/** A centred title line in the heading font (`size` in half-points). */
export function titleLine(text: string, size: number): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: [run(text, { bold: true, size, font: HEADING_FONT })] });
}

/** A section heading (一、二、…). */
export function heading(text: string): Paragraph {
  return new Paragraph({
    heading: HeadingLevel.HEADING_2,
    spacing: { before: 240, after: 120 },
    children: [run(text, { bold: true, size: 28, font: HEADING_FONT, color: '000000' })],
  });
}

/** A cell of one or more lines; `mono` for hashes. */
export function cell(lines: string | string[], opts: { header?: boolean; width?: number; mono?: boolean; size?: number } = {}): TableCell {
  const list = (Array.isArray(lines) ? lines : [lines]).filter((l, _i, all) => l !== '' || all.length === 1);
  return new TableCell({
    width: opts.width ? { size: opts.width, type: WidthType.DXA } : undefined,
    shading: opts.header ? { type: ShadingType.CLEAR, fill: 'E7E6E6', color: 'auto' } : undefined,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: list.map(
      (l) => new Paragraph({ children: [run(l, { bold: opts.header, size: opts.size ?? (opts.mono ? 16 : 20), font: opts.mono ? MONO_FONT : undefined })] }),
    ),
  });
}

/** A table with a repeated header row; `widths` in twips, summing to the text width. */
export function table(headers: string[], widths: number[], rows: (string | string[] | TableCell)[][]): Table {
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((h, i) => cell(h, { header: true, width: widths[i] })) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => (c instanceof TableCell ? c : cell(c, { width: widths[i] }))) })),
    ],
  });
}

/** Label/value pairs in a four-column grid (two pairs per row); an empty value shows as —. */
export function fieldGrid(pairs: [string, string][]): Table {
  const widths = [1700, 3119, 1700, 3119];
  const rows: TableRow[] = [];
  for (let i = 0; i < pairs.length; i += 2) {
    const [a, b] = [pairs[i], pairs[i + 1] ?? ['', '']];
    rows.push(
      new TableRow({
        cantSplit: true,
        children: [cell(a[0], { header: true, width: widths[0] }), cell(a[1] || '—', { width: widths[1] }), cell(b[0], { header: true, width: widths[2] }), cell(b[1] || (b[0] ? '—' : ''), { width: widths[3] })],
      }),
    );
  }
  return new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: widths, rows });
}

/** A one-section A4 document (2 cm margins, 第 N 页 共 M 页 in the footer), rendered to the bytes of a .docx. */
export async function renderA4Docx(doc: { title: string; description: string; children: DocxBlock[] }): Promise<Buffer> {
  const document = new Document({
    creator: 'Qudi',
    title: doc.title,
    description: doc.description,
    styles: { default: { document: { run: { font: BODY_FONT, size: 22 } } } },
    sections: [
      {
        properties: { page: { size: A4, margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN } } },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ size: 18, children: ['第 ', PageNumber.CURRENT, ' 页 共 ', PageNumber.TOTAL_PAGES, ' 页'] })],
              }),
            ],
          }),
        },
        children: doc.children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
