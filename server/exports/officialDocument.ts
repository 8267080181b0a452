// A 公文 (official document) in the GB/T 9704-2012 layout, as a .docx: A4 with the standard margins
// (天头 37 mm, 订口 28 mm, a 156 × 225 mm text block), 3号仿宋 body at a fixed 28.95 pt line (22 lines a
// page, 28 characters a line), the 发文机关标志 in red 小标宋 above the 发文字号 and the red separator
// line, the 2号小标宋 title, 主送机关, the text with its heading levels, 发文机关署名 and 成文日期 four
// characters from the right edge (space left for the seal), the 版记 between lines, and page numbers
// — N — in 4号宋体, odd pages right and even pages left. Fonts are named as an office PC has them
// (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312), each with a Latin face; Word and WPS use them, and a
// machine without them substitutes its own CJK face, keeping the layout. What the document says is the
// caller's; how a 公文 looks is here.
import { chineseDate } from './sheet.js';
import { AlignmentType, BorderStyle, Document, Footer, LineRuleType, Packer, PageNumber, Paragraph, Tab, TabStopType, TextRun } from 'docx';

/** Millimetres in twips (1/1440 inch). */
const mm = (n: number) => Math.round((n * 1440) / 25.4);
const A4 = { width: mm(210), height: mm(297) };
const MARGIN = { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) };
/** 156 mm, in points: the width of the text block. */
const BLOCK_PT = (156 / 25.4) * 72;
/** One line: a 3号 character's height plus 7/8 of it, fixed, so that 22 lines fill the 225 mm block. */
const LINE = { line: 579, lineRule: LineRuleType.EXACT };
/** 3号 = 16 pt, in half-points; 2号 = 22 pt; 4号 = 14 pt. */
const SIZE3 = 32;
const SIZE2 = 44;
const SIZE4 = 28;
/** One 3号 character, in twips (2 = the paragraph indent). */
const CHAR = 320;

const latin = (eastAsia: string, ascii = 'Times New Roman') => ({ ascii, hAnsi: ascii, eastAsia });
export const FANGSONG = latin('仿宋_GB2312');
export const XIAOBIAOSONG = latin('方正小标宋简体');
export const HEITI = latin('黑体', 'Arial');
export const KAITI = latin('楷体_GB2312');
const SONGTI = latin('宋体');
const RED = 'FF0000';

export interface OfficialDocument {
  /** 发文机关标志, e.g. the office's full name. */
  issuerMark: string;
  /** 发文字号, e.g. 山土小办〔2016〕1号; null before it is issued (a draft). */
  number: string | null;
  title: string;
  /** 主送机关 (without the colon). */
  addressees: string;
  /** The text: paragraphs separated by line breaks; a line starting 一、 is a first-level heading, （一） a second. */
  body: string;
  /** 发文机关署名 */
  signature: string;
  /** 成文日期, YYYY-MM-DD. */
  datedOn: string;
  /** 抄送 (optional). */
  copyTo: string;
  /** 印发机关 */
  printedBy: string;
  /** 印发日期, YYYY-MM-DD. */
  printedOn: string;
}

/** Width in 3号 characters: a CJK character is one, a Latin letter or digit half. */
const widthOf = (s: string) => [...s].reduce((n, ch) => n + (ch.charCodeAt(0) < 0x2e80 ? 0.5 : 1), 0);

const text = (t: string, opts: { font?: typeof FANGSONG; size?: number; color?: string; bold?: boolean } = {}) =>
  new TextRun({ text: t, font: opts.font ?? FANGSONG, size: opts.size ?? SIZE3, color: opts.color, bold: opts.bold });

const blank = () => new Paragraph({ spacing: LINE, children: [text('')] });

/** A text paragraph: indented two characters; a heading line in its level's face. */
function bodyParagraph(line: string): Paragraph {
  const font = /^[一二三四五六七八九十]+、/.test(line) ? HEITI : /^（[一二三四五六七八九十]+）/.test(line) ? KAITI : FANGSONG;
  return new Paragraph({ spacing: LINE, indent: { firstLine: 2 * CHAR }, alignment: AlignmentType.JUSTIFIED, children: [text(line, { font })] });
}

/** 版记: 抄送, then 印发机关 left and 印发日期 right, between lines (the first and last thicker). */
function imprint(d: OfficialDocument): Paragraph[] {
  const rule = (size: number) => ({ style: BorderStyle.SINGLE, size, color: '000000', space: 1 });
  const out: Paragraph[] = [];
  // Lines span the block: no paragraph indent (it would shorten them); the text starts one 4号 character in.
  const inset = SIZE4 * 10;
  const copyTo = d.copyTo.trim().replace(/[。.]$/, '');
  if (copyTo)
    out.push(new Paragraph({ spacing: LINE, indent: { firstLine: inset }, border: { top: rule(8) }, children: [text(`抄送：${copyTo}。`, { size: SIZE4 })] }));
  out.push(
    new Paragraph({
      spacing: LINE,
      indent: { firstLine: inset },
      tabStops: [{ type: TabStopType.RIGHT, position: mm(156) - inset }],
      border: { top: rule(copyTo ? 4 : 8), bottom: rule(8) },
      children: [text(d.printedBy, { size: SIZE4 }), new TextRun({ children: [new Tab(), `${chineseDate(d.printedOn)}印发`], font: FANGSONG, size: SIZE4 })],
    }),
  );
  return out;
}

function pageNumber(alignment: 'left' | 'right'): Footer {
  const run = (t: string | typeof PageNumber.CURRENT) => new TextRun({ children: [t], font: SONGTI, size: SIZE4 });
  return new Footer({
    children: [
      new Paragraph({
        alignment: alignment === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: alignment === 'right' ? { right: CHAR } : { left: CHAR },
        children: [run('— '), run(PageNumber.CURRENT), run(' —')],
      }),
    ],
  });
}

export function officialParagraphs(d: OfficialDocument): Paragraph[] {
  // The mark in red 小标宋, as large as fits the block on one line (at most 36 pt).
  const markPt = Math.min(36, Math.floor(BLOCK_PT / Math.max(1, widthOf(d.issuerMark))));
  const dateText = chineseDate(d.datedOn);
  // 署名 centred over the date, the date four characters from the right edge.
  const signatureIndent = Math.max(0, 4 + (widthOf(dateText) - widthOf(d.signature)) / 2);
  return [
    blank(),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: Math.round(markPt * 20 * 1.2), lineRule: LineRuleType.EXACT }, children: [text(d.issuerMark, { font: XIAOBIAOSONG, size: markPt * 2, color: RED })] }),
    blank(),
    blank(),
    // 发文字号, then the red line 4 mm below it across the block.
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: LINE,
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 8 } },
      children: [text(d.number ?? '〔    〕    号（签发后编号）')],
    }),
    blank(),
    blank(),
    ...d.title.split(/\n/).map((line) => new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: 700, lineRule: LineRuleType.EXACT }, children: [text(line, { font: XIAOBIAOSONG, size: SIZE2 })] })),
    blank(),
    new Paragraph({ spacing: LINE, children: [text(`${d.addressees.replace(/[：:]\s*$/, '')}：`)] }),
    ...d.body
      .split(/\n+/)
      .map((l) => l.trim())
      .filter(Boolean)
      .map(bodyParagraph),
    blank(),
    blank(),
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: LINE, indent: { right: Math.round(signatureIndent * CHAR) }, children: [text(d.signature)] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: LINE, indent: { right: 4 * CHAR }, children: [text(dateText)] }),
    blank(),
    blank(),
    ...imprint(d),
  ];
}

export async function renderOfficialDocx(d: OfficialDocument): Promise<Buffer> {
  const document = new Document({
    creator: 'Qudi',
    title: d.title.replace(/\n/g, ''),
    description: d.number ?? '草稿',
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: FANGSONG, size: SIZE3 } } } },
    sections: [
      {
        properties: { page: { size: A4, margin: { ...MARGIN, header: mm(15), footer: mm(20) } } },
        footers: { default: pageNumber('right'), even: pageNumber('left') },
        children: officialParagraphs(d),
      },
    ],
  });
  return Packer.toBuffer(document);
}
