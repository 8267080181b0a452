// The daily report's files: an Excel workbook (汇总, 分镇进度, 标准项) and a Word document made of
// the building blocks Qudi's printed documents share (exports/docx.ts): the title, the issuing
// office and date, the figures in sentences, the per-town table and the chart of % shut by town.
// A report is a few dozen rows: both are built in memory.
import ExcelJS from 'exceljs';
import { ImageRun, Paragraph } from 'docx';
import { dailyReportStateLabels, type DailyFiguresDto } from '../../domain/dailyReport.js';
import { statusLabels } from '../../domain/i18n/labels.zh-CN.js';
import { chinaDateTime } from '../../domain/time.js';
import { AlignmentType, heading, para, renderA4Docx, run, table, TEXT_WIDTH, titleLine, type DocxBlock } from '../exports/docx.js';
import { chineseDate } from '../exports/sheet.js';
import { shutRateChartPng } from './dailyReportChart.js';
import { dailyReportTitle, dailySentences } from './dailyReport.js';

const FONT = '宋体';
const thin = { style: 'thin' as const };
const border = { top: thin, left: thin, bottom: thin, right: thin };
const PERCENT = '0.0%';

/** One column of a sheet: its header, width (Excel characters), and whether it holds a percentage. */
interface Column {
  header: string;
  width: number;
  percent?: boolean;
}

/** A percentage (0–100) in a column that otherwise holds counts or text. */
interface Pct {
  pct: number;
}
type Value = string | number | Pct;

/** A sheet with the report's title merged across its first row, a bordered header row frozen under it, and its rows. */
function addTableSheet(wb: ExcelJS.Workbook, name: string, title: string, columns: Column[], rows: Value[][], totals?: Value[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 2 }],
    pageSetup: { paperSize: 9, orientation: columns.length > 8 ? 'landscape' : 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:2' },
    headerFooter: { oddFooter: '&C第 &P 页 共 &N 页' },
  });
  ws.columns = columns.map((c) => ({ width: c.width }));
  ws.mergeCells(1, 1, 1, columns.length);
  const t = ws.getCell(1, 1);
  t.value = title;
  t.font = { name: FONT, size: 16, bold: true };
  t.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 32;
  const header = ws.getRow(2);
  header.height = 30;
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { name: FONT, size: 11, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
    cell.border = border;
  });
  const write = (values: Value[], bold = false) => {
    const row = ws.addRow([]);
    row.height = 20;
    columns.forEach((c, i) => {
      const v = values[i] ?? '';
      const cell = row.getCell(i + 1);
      cell.font = { name: FONT, size: 11, bold };
      cell.border = border;
      cell.alignment = { horizontal: typeof v === 'string' ? 'left' : 'right', vertical: 'middle' };
      // Percentages are stored as fractions and shown as 0.0%: they sum and sort as numbers.
      const pct = typeof v === 'object' ? v.pct : c.percent && typeof v === 'number' ? v : null;
      if (pct !== null) {
        cell.value = pct / 100;
        cell.numFmt = PERCENT;
      } else cell.value = v as string | number;
    });
  };
  for (const r of rows) write(r);
  if (totals) write(totals, true);
  return ws;
}

const townColumns: Column[] = [
  { header: '镇街', width: 14 },
  { header: '登记企业数', width: 11 },
  { header: '已取缔', width: 9 },
  { header: '验收通过', width: 9 },
  { header: '取缔中', width: 9 },
  { header: '已摸排', width: 9 },
  { header: '验收未通过', width: 11 },
  { header: '反弹', width: 8 },
  { header: '已排除', width: 9 },
  { header: '取缔率', width: 10, percent: true },
  { header: '任务表报送', width: 13 },
  { header: '逾期未完成标准项', width: 12 },
  { header: '本周反弹', width: 9 },
];

function townValues(t: DailyFiguresDto['towns'][number]): Value[] {
  const s = t.byStatus;
  return [t.townName, t.total, s.shut_down, s.accepted, s.in_progress, s.surveyed, s.rejected, s.recurred, s.excluded, t.shutPercent, t.reportState ? dailyReportStateLabels[t.reportState] : '—', t.overdueItems, t.recurrencesThisWeek];
}

function totalValues(f: DailyFiguresDto): Value[] {
  const s = f.totals.byStatus;
  return ['合计', f.totals.total, s.shut_down, s.accepted, s.in_progress, s.surveyed, s.rejected, s.recurred, s.excluded, f.totals.shutPercent, `已签字 ${f.totals.reportsSigned}`, f.totals.overdueItems, f.recurrences.count];
}

/** The workbook: 汇总 (headline figures), 分镇进度 (per town), 标准项 (per standard item). */
export async function dailyReportXlsx(f: DailyFiguresDto, issuer: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Qudi';
  wb.created = new Date();
  const title = dailyReportTitle(f);
  const s = f.totals.byStatus;
  const summary: [string, string | number, boolean?][] = [
    ['范围', f.scopeName],
    ['日报日期', chineseDate(f.date)],
    ['当前阶段', f.phase ? f.phase.name : '行动尚未开始'],
    ['阶段截止日期', f.phase?.deadline ? chineseDate(f.phase.deadline) : '—'],
    ['距截止日期（天）', f.phase?.daysLeft ?? '—'],
    ['登记企业总数', f.totals.total],
    ...(['shut_down', 'accepted', 'in_progress', 'surveyed', 'rejected', 'recurred', 'excluded'] as const).map((k): [string, number] => [statusLabels[k], s[k]]),
    ['已取缔（含验收通过）', f.totals.shut],
    ['取缔率（不含已排除）', f.totals.shutPercent, true],
    ['逾期未完成标准项', f.totals.overdueItems],
    ['任务表已签字报送镇街数', f.totals.reportsSigned],
    ['部门协办请求：待办理', f.requests.open],
    ['部门协办请求：逾期', f.requests.overdue],
    ['部门协办请求：已完成', f.requests.byStatus.confirmed],
    ['部门协办请求：已退回', f.requests.byStatus.returned],
    ['群众举报：收到', f.tips.received],
    ['群众举报：待交办', f.tips.pending],
    ['群众举报：核查中', f.tips.assigned],
    ['群众举报：已答复', f.tips.answered],
    ['群众举报：核查逾期', f.tips.overdue],
    [`本周确认反弹（${chineseDate(f.recurrences.from)}至${chineseDate(f.recurrences.to)}）`, f.recurrences.count],
    ['生成时间', chinaDateTime(f.generatedAt, 'minutes')],
    ['报送单位', issuer],
  ];
  addTableSheet(
    wb,
    '汇总',
    title,
    [
      { header: '项目', width: 40 },
      { header: '数值', width: 28 },
    ],
    summary.map(([label, value, pct]) => [label, pct && typeof value === 'number' ? { pct: value } : value]),
  );
  addTableSheet(wb, '分镇进度', title, townColumns, f.towns.map(townValues), totalValues(f));
  addTableSheet(
    wb,
    '标准项',
    title,
    [
      { header: '取缔标准项', width: 16 },
      { header: '应完成', width: 10 },
      { header: '已完成', width: 10 },
      { header: '经说明不适用', width: 13 },
      { header: '待完成', width: 10 },
      { header: '完成率', width: 10, percent: true },
    ],
    f.items.map((i) => [i.name, i.required, i.done, i.notApplicable, i.pending, i.percent]),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A paragraph of the report's text, indented two characters. */
const bodyParagraph = (text: string) => new Paragraph({ indent: { firstLine: 440 }, spacing: { after: 80, line: 360 }, children: [run(text)] });

/** The chart's size in the document: the text width, at 96 px to the inch (twips / 15). */
const CHART = { width: Math.round(TEXT_WIDTH / 15), height: 300 };

/** The Word document: title, issuer and date, the figures in sentences, the per-town table, the chart, the standard items. */
export async function dailyReportDocx(f: DailyFiguresDto, issuer: string): Promise<Buffer> {
  const title = dailyReportTitle(f);
  const png = await shutRateChartPng(
    f.towns.map((t) => ({ name: t.townName, percent: t.shutPercent })),
    { title: '各镇街取缔率（已取缔含验收通过 ÷ 应取缔）', width: CHART.width, height: CHART.height, scale: 2 },
  );
  const sentences = dailySentences(f);
  const townWidths = [1538, 900, 800, 800, 800, 800, 800, 900, 1300, 1000];
  const children: DocxBlock[] = [
    titleLine(title, 36),
    para(`${issuer}　　${chineseDate(f.date)}`, { align: AlignmentType.CENTER }),
    para(''),
    heading('一、总体进度'),
    ...sentences.map(bodyParagraph),
    heading('二、各镇街进度'),
    table(
      ['镇街', '登记', '已取缔', '验收通过', '取缔中', '已摸排', '反弹', '取缔率', '任务表', '逾期项'],
      townWidths,
      [
        ...f.towns.map((t) => [t.townName, String(t.total), String(t.byStatus.shut_down), String(t.byStatus.accepted), String(t.byStatus.in_progress), String(t.byStatus.surveyed), String(t.byStatus.recurred), `${t.shutPercent}%`, t.reportState ? dailyReportStateLabels[t.reportState] : '—', String(t.overdueItems)]),
        ['合计', String(f.totals.total), String(f.totals.byStatus.shut_down), String(f.totals.byStatus.accepted), String(f.totals.byStatus.in_progress), String(f.totals.byStatus.surveyed), String(f.totals.byStatus.recurred), `${f.totals.shutPercent}%`, `已签字${f.totals.reportsSigned}`, String(f.totals.overdueItems)],
      ],
    ),
    para(''),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new ImageRun({ type: 'png', data: png, transformation: { width: CHART.width, height: CHART.height }, altText: { name: '各镇街取缔率', title: '各镇街取缔率', description: '各镇街取缔率柱状图' } })],
    }),
    heading('三、取缔标准项完成情况'),
    table(
      ['取缔标准项', '应完成', '已完成', '经说明不适用', '待完成', '完成率'],
      [2138, 1500, 1500, 1500, 1500, 1500],
      f.items.map((i) => [i.name, String(i.required), String(i.done), String(i.notApplicable), String(i.pending), `${i.percent}%`]),
    ),
    para(''),
    para(`注：取缔率 = 已取缔（含验收通过）÷（登记企业数 − 经核实排除数）；各项数字为${chinaDateTime(f.generatedAt, 'minutes')}生成时的登记情况。`, { size: 18 }),
  ];
  return renderA4Docx({ title, description: `${issuer} ${chineseDate(f.date)}`, children });
}
