import { describe, expect, it } from 'vitest';
import { CHOICE_FIELDS, choiceLabels, choiceValue } from './importValues.js';

describe('choice fields as towns write them', () => {
  it('reads the common forms of 生产状况', () => {
    for (const s of ['生产', '在产', '生产中', ' 正常生产 ']) expect(choiceValue('productionStatus', s), s).toBe('producing');
    for (const s of ['间歇', '间歇生产', '时开时停']) expect(choiceValue('productionStatus', s), s).toBe('intermittent');
    for (const s of ['停产', '已停产', '关停', '已关停', '停业', '已停产。']) expect(choiceValue('productionStatus', s), s).toBe('stopped');
  });

  it('reads the licences as 有 / 无 / 办理中 / 不详, and 发现途径 in short', () => {
    for (const f of ['licenceBusiness', 'licenceEia', 'licenceLand'] as const) {
      expect(choiceValue(f, '有')).toBe('held');
      expect(choiceValue(f, '已办理')).toBe('held');
      expect(choiceValue(f, '无')).toBe('absent');
      expect(choiceValue(f, '办理中')).toBe('absent');
      expect(choiceValue(f, '不详')).toBe('unknown');
    }
    expect(choiceValue('discoverySource', '举报')).toBe('tip');
    expect(choiceValue('discoverySource', '摸排')).toBe('survey');
    expect(choiceValue('discoverySource', '巡查')).toBe('patrol');
    expect(choiceValue('discoverySource', '移交')).toBe('department');
  });

  it('takes every label and code of the register, full-width and spaced', () => {
    for (const f of CHOICE_FIELDS)
      for (const [code, label] of Object.entries(choiceLabels[f])) {
        expect(choiceValue(f, label)).toBe(code);
        expect(choiceValue(f, ` ${code.toUpperCase()} `)).toBe(code);
      }
    expect(choiceValue('productionStatus', '停　产')).toBe('stopped');
  });

  it('tells nothing for what it does not know, unless the user mapped it', () => {
    expect(choiceValue('productionStatus', '半死不活')).toBeUndefined();
    expect(choiceValue('productionStatus', '有')).toBeUndefined();
    expect(choiceValue('licenceEia', '停产')).toBeUndefined();
    expect(choiceValue('productionStatus', ' 半死不活 ', { 半死不活: 'intermittent' })).toBe('intermittent');
  });
});
