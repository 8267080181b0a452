// Reads a power supply office's account list (用电户清单) as offices export it: an .xlsx or a CSV (UTF-8 or
// GBK), a title row and an export-time row above the header, the columns in any order — 户号, 户名, 用电地址,
// 联系电话, 台区, 线路/杆号, 用电类别, 备注, 经度/纬度 if any — and one column per month of kWh, headed
// `2016年3月电量`, `2016-03`, `3月`… Finds the header, the months (the year from the header, else from the
// title rows, else the campaign's), and turns each later row into an account with its problems. No database.
import { parseKwh, parseMonthHeader, resolveMonths, yearInText, type MonthHeader, type PowerColumn, type PowerField, type PowerRowProblem } from '../../domain/powerCheck.js';
import { powerAccountKey } from '../../domain/powerAccount.js';
import { toHalfWidth } from '../../domain/phone.js';
import { invalid } from '../errors.js';
import { mapHeaderCells, normalizeHeader, readSheetBatches, type FileKind } from './parse.js';

type TextField = Exclude<PowerField, 'month'>;

const HEADER_MAP: Map<string, TextField> = (() => {
  const m = new Map<string, TextField>();
  const labels: [TextField, string[]][] = [
    ['accountNo', ['户号', '用户编号', '用户号', '客户编号', '客户号', '电费户号', '用电户号', '户号编号', '用户户号']],
    ['holder', ['户名', '用户名称', '客户名称', '用电户名', '用户名', '户主', '用电户']],
    ['address', ['用电地址', '地址', '用户地址', '客户地址', '装表地址', '住址']],
    ['phone', ['联系电话', '电话', '手机', '手机号', '手机号码', '联系方式', '电话号码']],
    ['station', ['台区', '台区名称', '所属台区', '变压器台区']],
    ['line', ['线路/杆号', '线路杆号', '线路', '杆号', '所属线路', '线路名称']],
    ['category', ['用电类别', '用电性质', '用户类别', '电价类别', '用电分类']],
    ['note', ['备注', '说明']],
    ['lng', ['经度', 'lng', '东经']],
    ['lat', ['纬度', 'lat', '北纬']],
  ];
  for (const [field, names] of labels) for (const n of names) m.set(normalizeHeader(n).toLowerCase(), field);
  return m;
})();

const fieldOf = (h: string): TextField | 'month' | null => {
  const bare = h.toLowerCase().replace(/[(（][^)）]*[)）]$/, '');
  return HEADER_MAP.get(h.toLowerCase()) ?? HEADER_MAP.get(bare) ?? (parseMonthHeader(h) ? 'month' : null);
};

/** Where to look for the header: a list has a title and an export row or two above it. */
const MAX_HEADER_SEARCH = 30;
/** Rows of a list read at most (a town's accounts number in the thousands). */
export const MAX_POWER_ROWS = 50_000;

export interface PowerListRow {
  rowNo: number;
  accountNo: string;
  accountKey: string;
  holder: string;
  address: string;
  phone: string;
  station: string;
  line: string;
  category: string;
  note: string;
  lng: number | null;
  lat: number | null;
  usage: (number | null)[];
  problems: PowerRowProblem[];
}

export interface PowerList {
  columns: PowerColumn[];
  months: string[];
  rows: PowerListRow[];
}

function coordinate(raw: string, min: number, max: number, what: string, problems: PowerRowProblem[], field: string): number | null {
  const s = toHalfWidth(raw).trim();
  if (s === '') return null;
  const n = Number(s);
  if (!Number.isFinite(n) || n < min || n > max) {
    problems.push({ field, message: `${what}“${raw.trim().slice(0, 20)}”无效` });
    return null;
  }
  return n;
}

const FOOTER = /合计|总计|小计|制表|审核/;

/** Reads the whole list (a town's accounts: thousands of small rows), or refuses it with a Chinese problem. */
export async function readPowerList(file: string, kind: FileKind, fallbackYear: number): Promise<PowerList> {
  const preface: string[] = [];
  let layout: Layout | null = null;
  let seen = 0;
  const rows: PowerListRow[] = [];
  const firstRowOf = new Map<string, number>();
  outer: for await (const batch of readSheetBatches(file, kind)) {
    for (const row of batch) {
      seen++;
      if (!layout) {
        const mapping = mapHeaderCells(row.cells, fieldOf);
        const fields = mapping.map((m) => m.field);
        if (fields.includes('accountNo') && fields.includes('month')) layout = layoutOf(mapping, yearInText(preface), fallbackYear);
        else if (seen >= MAX_HEADER_SEARCH) break outer;
        else preface.push(row.cells.join(' '));
        continue;
      }
      // Each row is read as it comes: only the accounts are kept, never the sheet.
      const account = accountOf(layout, row, firstRowOf);
      if (!account) continue;
      rows.push(account);
      if (rows.length > MAX_POWER_ROWS) throw invalid(`清单超过 ${MAX_POWER_ROWS} 户，请按镇街拆分后分批导入`, [{ path: 'file', message: '行数过多' }]);
    }
  }
  if (!layout)
    throw invalid('未找到表头行：请确认清单中有“户号”列和各月电量列（如“2016年3月电量”“3月”“2016-03”），且在前 30 行内', [{ path: 'file', message: '未找到表头行' }]);
  return { columns: layout.columns, months: layout.months, rows };
}

interface Layout {
  columns: PowerColumn[];
  months: string[];
  monthCols: { index: number; parsed: MonthHeader }[];
  at: Map<TextField, number>;
}

function layoutOf(header: { index: number; header: string; field: TextField | 'month' | null }[], contextYear: number | null, fallbackYear: number): Layout {
  // mapHeaderCells keeps the first column of a field: every month column is its own.
  const monthCols = header
    .filter((h) => h.field === null || h.field === 'month')
    .map((h) => ({ index: h.index, parsed: parseMonthHeader(h.header) }))
    .filter((m): m is { index: number; parsed: MonthHeader } => m.parsed !== null);
  const months = resolveMonths(monthCols.map((m) => m.parsed), contextYear, fallbackYear);
  const seenMonths = new Set<string>();
  for (const m of months) {
    if (seenMonths.has(m)) throw invalid(`电量列的月份重复（${m}）：请检查表头`, [{ path: 'file', message: '月份重复' }]);
    seenMonths.add(m);
  }
  const monthOf = new Map(monthCols.map((m, i) => [m.index, months[i]]));
  const columns: PowerColumn[] = header
    .filter((h) => h.header !== '' || h.field)
    .map((h) => ({ index: h.index, header: h.header, field: monthOf.has(h.index) ? 'month' : h.field === 'month' ? null : h.field, month: monthOf.get(h.index) ?? null }));
  const at = new Map<TextField, number>();
  for (const c of columns) if (c.field && c.field !== 'month') at.set(c.field, c.index);
  return { columns, months, monthCols, at };
}

/** One sheet row as an account with its problems; null for a blank row or a 合计/制表 row at the foot. */
function accountOf(layout: Layout, r: { rowNo: number; cells: string[] }, firstRowOf: Map<string, number>): PowerListRow | null {
  const { months, monthCols, at } = layout;
  const cell = (f: TextField) => {
    const i = at.get(f);
    return i === undefined ? '' : (r.cells[i] ?? '').trim();
  };
  const monthCells = monthCols.map((m) => (r.cells[m.index] ?? '').trim());
  const texts = (['accountNo', 'holder', 'address', 'phone', 'station', 'line', 'category', 'note'] as const).map(cell);
  if (texts.every((v) => v === '') && monthCells.every((v) => v === '')) return null; // blank row
  const accountNo = cell('accountNo');
  if (accountNo === '' && FOOTER.test(r.cells.join(''))) return null; // 合计 / 制表人 rows at the foot
  const problems: PowerRowProblem[] = [];
  const key = powerAccountKey(accountNo);
  if (key === '') problems.push({ field: 'accountNo', message: '缺少户号' });
  else if (firstRowOf.has(key)) problems.push({ field: 'accountNo', message: `户号与第 ${firstRowOf.get(key)} 行重复` });
  else firstRowOf.set(key, r.rowNo);
  const usage = monthCells.map((v, i) => {
    const kwh = parseKwh(v);
    if (kwh.ok) return kwh.value;
    problems.push({ field: months[i], message: `${months[i]}：${kwh.problem}` });
    return null;
  });
  return {
    rowNo: r.rowNo,
    accountNo: accountNo.slice(0, 50),
    accountKey: key.slice(0, 50),
    holder: cell('holder').slice(0, 100),
    address: cell('address').slice(0, 200),
    phone: cell('phone').slice(0, 40),
    station: cell('station').slice(0, 100),
    line: cell('line').slice(0, 100),
    category: cell('category').slice(0, 40),
    note: cell('note').slice(0, 200),
    lng: coordinate(cell('lng'), -180, 180, '经度', problems, 'lng'),
    lat: coordinate(cell('lat'), -90, 90, '纬度', problems, 'lat'),
    usage,
    problems,
  };
}
