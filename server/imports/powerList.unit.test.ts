// The power office's account list as other offices export it: other headers and order, month headers
// without a year, coordinates, numbers as text with separators, blanks, a footer, and the rows an import
// must explain (no 户号, a repeated 户号, an unreadable kWh, a bad coordinate).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { readPowerList } from './powerList.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qudi-power-test-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const csv = (name: string, lines: string[], encoding: 'utf8' | 'gbk' = 'utf8') => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, encoding === 'gbk' ? iconv.encode(lines.join('\r\n'), 'gbk') : lines.join('\n'));
  return file;
};

describe('reading a power account list', () => {
  it('reads months without a year from the title, coordinates, separators and blanks; leaves the footer', async () => {
    const file = csv('a.csv', [
      '某供电所用电户清单（2016年11月至2017年2月）',
      '',
      '序号,用电户号,户名,11月,12月,1月,2月,经度,纬度,用电类别',
      '1,3704 0601 01,张三,"1,200",１３００,,5,117.45,34.98,居民生活',
      '2,,李四,10,10,10,10,,,居民生活',
      '3,3704060101,王五,1,2,3,4,,,居民生活',
      '4,3704060103,赵六,abc,20,20,20,200,34.9,居民生活',
      ',,,,,,,,,',
      '合计,,,1210,1330,13,39,,,',
    ], 'gbk');
    const list = await readPowerList(file, 'csv', 2020);
    expect(list.months).toEqual(['2016-11', '2016-12', '2017-01', '2017-02']);
    expect(list.columns.find((c) => c.header === '序号')?.field).toBeNull();
    expect(list.columns.find((c) => c.header === '用电户号')?.field).toBe('accountNo');
    expect(list.rows.map((r) => r.rowNo)).toEqual([4, 5, 6, 7]);
    const [a, b, c, d] = list.rows;
    expect(a).toMatchObject({ accountNo: '3704 0601 01', accountKey: '3704060101', holder: '张三', usage: [1200, 1300, null, 5], lng: 117.45, lat: 34.98, problems: [] });
    expect(b.problems).toEqual([{ field: 'accountNo', message: '缺少户号' }]);
    expect(c.problems).toEqual([{ field: 'accountNo', message: '户号与第 4 行重复' }]);
    expect(d.usage).toEqual([null, 20, 20, 20]);
    expect(d.problems.map((p) => p.field)).toEqual(['2016-11', 'lng']);
    expect(d.problems[0].message).toMatch(/无法识别的电量“abc”/);
  });

  it('takes the campaign year when nothing names one, and headers like 2016-03 or 2016年03月用电量', async () => {
    expect((await readPowerList(csv('b.csv', ['户号,3月,4月', '1,1,2']), 'csv', 2016)).months).toEqual(['2016-03', '2016-04']);
    expect((await readPowerList(csv('c.csv', ['户号,2015-03,2015-04', '1,1,2']), 'csv', 2016)).months).toEqual(['2015-03', '2015-04']);
    expect((await readPowerList(csv('d.csv', ['客户编号,用户名称,2016年03月用电量,2016年04月用电量', '1,甲,1,2']), 'csv', 2020)).months).toEqual(['2016-03', '2016-04']);
  });

  it('refuses a list without a 户号 column or month columns, and repeated months, in Chinese', async () => {
    for (const lines of [['户名,3月', '甲,1'], ['户号,户名', '1,甲'], ['户号,3月,3月份', '1,1,1']]) {
      const err = await readPowerList(csv(`e${lines[0].length}.csv`, lines), 'csv', 2016).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).message).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
