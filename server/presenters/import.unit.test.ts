import { describe, expect, it } from 'vitest';
import { presentImport, presentImportRow, presentPreview } from './import.js';
import type { ImportHeader } from '../repositories/imports.js';

const columns = [{ index: 0, header: '序号', field: 'seqNo' as const }, { index: 1, header: '企业名称', field: 'name' as const }, { index: 2, header: '备注', field: null }];

describe('the import presenters', () => {
  it('presents an import record with its columns parsed', () => {
    const h: ImportHeader = {
      id: 3, town_id: 2, user_id: 5, file_name: '任务表.csv', file_sha256: 'ab', row_count: 41, error_count: 4, columns: JSON.stringify(columns), status: 'preview',
      imported_count: 0, duplicate_count: 1, rows_sha256: 'cd', register_mark: 'ef', created_at: '2016-05-06T01:00:00.000Z', confirmed_at: null,
      town_name: '西集镇', town_path: '/1/2/', user_name: null,
    };
    expect(presentImport(h)).toEqual({
      id: 3, townId: 2, townName: '西集镇', userName: '', fileName: '任务表.csv', fileSha256: 'ab', rowCount: 41, errorCount: 4, duplicateCount: 1, importedCount: 0,
      status: 'preview', createdAt: '2016-05-06T01:00:00.000Z', confirmedAt: null, columns,
    });
  });

  it('presents a staged row: the sheet values, its mistakes, its look-alikes and the decision', () => {
    const row = {
      row_no: 8, seq_no: '5', data: JSON.stringify({ values: { name: '甲加工点', village: '李庄村' }, input: { name: '甲加工点' }, nameKey: '甲' }),
      errors: JSON.stringify([{ field: 'phone', message: '电话号码格式不正确' }]), matches: JSON.stringify([{ id: 9, name: '甲加工厂', reasons: ['name'] }]), decision: 'same', linked_id: 9,
    };
    expect(presentImportRow(row)).toEqual({
      rowNo: 8, seqNo: '5', values: { name: '甲加工点', village: '李庄村' }, errors: [{ field: 'phone', message: '电话号码格式不正确' }],
      matches: [{ id: 9, name: '甲加工厂', reasons: ['name'] }], decision: 'same', linkedId: 9,
    });
    expect(presentImportRow({ ...row, errors: '[]', matches: null, decision: null, linked_id: null })).toMatchObject({ errors: [], matches: [], decision: null, linkedId: null });
  });

  it('presents a preview with its first rows undecided, and says whether more follow', () => {
    const checked = { rowNo: 4, seqNo: '1', values: { name: '乙作坊' }, input: null, errors: [], matches: [] };
    const preview = { id: 7, rowCount: 2, errorCount: 0, duplicateCount: 0, columns, rows: [checked] };
    expect(presentPreview(preview, 'a.csv', 1)).toEqual({
      id: 7, fileName: 'a.csv', rowCount: 2, errorCount: 0, columns, duplicateCount: 0,
      rows: [{ rowNo: 4, seqNo: '1', values: { name: '乙作坊' }, errors: [], matches: [], decision: null, linkedId: null }], hasMoreRows: true,
    });
    expect(presentPreview(preview, 'a.csv', 500).hasMoreRows).toBe(false);
  });
});
