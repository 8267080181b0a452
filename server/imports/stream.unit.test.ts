// The streaming path of the task-table import: rows come out one at a time after the header, and
// the checker finds repeats from compact keys alone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractRows, streamFile, type ColumnMapping, type SheetRow } from './parse.js';
import { RowChecker } from './validate.js';

async function* sheet(rows: string[][]): AsyncGenerator<SheetRow> {
  let n = 0;
  for (const cells of rows) yield { rowNo: ++n, cells };
}

describe('extractRows', () => {
  it('reports the header before the first row and yields rows lazily, leaving out blank and signature rows', async () => {
    const events: string[] = [];
    const rows = extractRows(
      sheet([['附件2'], ['序号', '企业名称', '企业位置', '联系电话'], ['1', '甲作坊', '李庄村', '13900000001'], ['2', '', '', ''], ['3', '乙作坊', '王庄村', ''], ['填表人：张三', '', '', '']]),
      (c: ColumnMapping[]) => events.push(`header ${c.length}`),
    );
    for await (const r of rows) events.push(`row ${r.rowNo} ${r.values.name}`);
    expect(events).toEqual(['header 4', 'row 3 甲作坊', 'row 5 乙作坊']);
  });

  it('ends in a Chinese problem when no header is found', async () => {
    const rows = extractRows(sheet([['甲', '乙'], ['1', '2']]), () => {});
    await expect(async () => {
      for await (const r of rows) void r;
    }).rejects.toThrow('未找到表头行');
  });
});

describe('streamFile (CSV)', () => {
  it('numbers each row as Excel/WPS shows it: a quoted cell over two lines is one row, a blank line is a row', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qudi-csv-'));
    try {
      const file = path.join(dir, '任务表.csv');
      fs.writeFileSync(file, '\ufeff序号,企业名称,企业位置,联系电话\r\n1,甲作坊,"李庄村\r\n村东",13900000001\r\n\r\n2,乙作坊,王庄村,13900000002\r\n');
      const rows: [number, string | undefined, string | undefined][] = [];
      for await (const r of streamFile(file, 'csv', () => {})) rows.push([r.rowNo, r.values.name, r.values.address]);
      expect(rows).toEqual([
        [2, '甲作坊', '李庄村\r\n村东'],
        [4, '乙作坊', '王庄村'],
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('RowChecker', () => {
  it('flags a repeated row against the first one by row number and 序号', () => {
    const checker = new RowChecker({
      town: { id: 1, name: '西集镇' },
      villages: [{ id: 11, name: '李庄村' }],
      kinds: [{ code: 'other', name: '其他' }],
      existing: [],
    });
    const a = checker.check({ rowNo: 4, values: { seqNo: '1', name: '甲作坊', address: '李庄村东', phone: '13900000001' } });
    const b = checker.check({ rowNo: 9, values: { seqNo: '6', name: '甲作坊', address: '李庄村西', phone: '139 0000 0001' } });
    expect(a.errors).toEqual([]);
    expect(a.input).toMatchObject({ villageId: 11, phone: '13900000001' });
    expect(b.errors).toHaveLength(1);
    expect(b.errors[0].message).toContain('第 4 行（序号 1）');
    expect(b.input).toBeNull();
  });
});
