import { describe, expect, it } from 'vitest';
import { checkRows, findVillage, type ImportContext } from './validate.js';

const villages = [
  { id: 1, name: '桑村' },
  { id: 2, name: '李庄村' },
  { id: 3, name: '李村' },
];

describe('the village named in 企业位置', () => {
  it('takes the town off first: 桑村镇 + an unknown village is not the village 桑村', () => {
    expect(findVillage('桑村镇不存在村村东', '桑村镇', villages)).toEqual({ village: null, unknown: '不存在村' });
    expect(findVillage('桑村镇桑村村北100米', '桑村镇', villages).village?.id).toBe(1);
    expect(findVillage('桑村村北100米', '桑村镇', villages).village?.id).toBe(1);
  });

  it('matches whole names only, where a place name begins', () => {
    expect(findVillage('桑村镇张李村', '桑村镇', villages)).toEqual({ village: null, unknown: '张李村' });
    expect(findVillage('山东省枣庄市山亭区桑村镇李庄村村东300米', '桑村镇', villages).village?.id).toBe(2);
    expect(findVillage('桑村镇 李村 路口', '桑村镇', villages).village?.id).toBe(3);
    expect(findVillage('桑村镇工业园区李村东', '桑村镇', villages).village?.id).toBe(3);
  });
});

describe('choice columns as towns write them', () => {
  const context: ImportContext = { town: { id: 9, name: '桑村镇' }, villages, kinds: [{ code: 'other', name: '其他' }], existing: [] };
  const row = (values: Record<string, string>) => ({ rowNo: 3, values: { name: '某作坊', address: '桑村镇李村', ...values } });

  it('maps 停产, 有, 办理中 … to the register and says what it cannot map', () => {
    const [ok, bad] = checkRows(
      [row({ productionStatus: '停产', licenceBusiness: '有', licenceEia: '办理中', discoverySource: '举报' }), row({ name: '另一作坊', productionStatus: '半停半开' })],
      context,
    );
    expect(ok.errors).toEqual([]);
    expect(ok.input).toMatchObject({ productionStatus: 'stopped', licenceBusiness: 'held', licenceEia: 'absent', discoverySource: 'tip' });
    expect(bad.errors).toEqual([{ field: 'productionStatus', message: '生产状况“半停半开”无法识别，应为：生产中、间歇生产、已停产' }]);
  });

  it("uses the user's mapping for a value the table does not know", () => {
    const [r] = checkRows([row({ productionStatus: '半停半开' })], { ...context, valueMappings: { productionStatus: { 半停半开: 'intermittent' } } });
    expect(r.errors).toEqual([]);
    expect(r.input?.productionStatus).toBe('intermittent');
  });
});
