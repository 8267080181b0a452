import { describe, expect, it } from 'vitest';
import { importConfirmSchema, importDecisionSchema, importListQuerySchema, importRowsQuerySchema, importValueMappingSchema } from './imports.js';

const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) => r.error?.issues.map((i) => i.message) ?? [];

describe('the import requests', () => {
  it('pages the staged rows 50 at a time, at most 500, and filters them (undecided included)', () => {
    expect(importRowsQuerySchema.parse({})).toEqual({ page: 1, pageSize: 50 });
    expect(importRowsQuerySchema.parse({ page: '2', pageSize: '500', filter: 'undecided', onlyErrors: '1' })).toEqual({ page: 2, pageSize: 500, filter: 'undecided', onlyErrors: '1' });
    expect(messages(importRowsQuerySchema.safeParse({ pageSize: '501' }))).toEqual(['每页最多 500 行']);
    expect(messages(importRowsQuerySchema.safeParse({ page: '0' }))).toEqual(['页码从 1 开始']);
    expect(messages(importRowsQuerySchema.safeParse({ filter: 'mine' }))).toEqual(['筛选只能是 all、errors、duplicates 或 undecided']);
    expect(importRowsQuerySchema.safeParse({ extra: '1' }).success).toBe(false);
  });

  it('pages the imports 20 at a time, at most 100', () => {
    expect(importListQuerySchema.parse({})).toEqual({ page: 1, pageSize: 20 });
    expect(importListQuerySchema.safeParse({ pageSize: '101' }).success).toBe(false);
  });

  it('takes a decision for 1 to 1000 rows, same or different, and nothing else', () => {
    expect(importDecisionSchema.parse({ rowNos: [4], decision: 'same', enterpriseId: 9 })).toEqual({ rowNos: [4], decision: 'same', enterpriseId: 9 });
    expect(messages(importDecisionSchema.safeParse({ rowNos: [], decision: 'same' }))).toEqual(['请选择至少一行']);
    expect(messages(importDecisionSchema.safeParse({ rowNos: Array.from({ length: 1001 }, (_, i) => i + 1), decision: 'same' }))).toEqual(['一次最多选择 1000 行']);
    expect(messages(importDecisionSchema.safeParse({ rowNos: [0], decision: 'same' }))).toEqual(['行号应为正整数']);
    expect(messages(importDecisionSchema.safeParse({ rowNos: [1], decision: 'maybe' }))).toEqual(['请选择“同一场所”（same）或“不同企业”（different）']);
    expect(importDecisionSchema.safeParse({ rowNos: [1], decision: 'same', note: 'x' }).success).toBe(false);
  });

  it('confirms without skipping rows with errors unless asked, with or without a body', () => {
    expect(importConfirmSchema.parse(undefined)).toEqual({ skipErrorRows: false });
    expect(importConfirmSchema.parse({})).toEqual({ skipErrorRows: false });
    expect(importConfirmSchema.parse({ skipErrorRows: true })).toEqual({ skipErrorRows: true });
  });
});

describe('mapping a value of the sheet in the preview', () => {
  it('takes a choice field, the sheet value and one of the register values of that field', () => {
    expect(importValueMappingSchema.parse({ field: 'productionStatus', from: ' 半停 ', to: 'intermittent' })).toEqual({ field: 'productionStatus', from: '半停', to: 'intermittent' });
    expect(messages(importValueMappingSchema.safeParse({ field: 'productionStatus', from: '半停', to: 'held' }))).toEqual(['对应的取值只能是：producing（生产中）、intermittent（间歇生产）、stopped（已停产）']);
    expect(messages(importValueMappingSchema.safeParse({ field: 'name', from: '半停', to: 'held' }))).toEqual(['只能对应生产状况、营业执照、环评手续、用地手续或发现途径的取值']);
    expect(messages(importValueMappingSchema.safeParse({ field: 'licenceEia', from: ' ', to: 'held' }))).toEqual(['请填写表格中的取值']);
    expect(importValueMappingSchema.safeParse({ field: 'licenceEia', from: '在审批', to: 'absent', all: true }).success).toBe(false);
  });
});
