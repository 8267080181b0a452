import { describe, expect, it } from 'vitest';
import { containedKeys, workshopNameKey } from './duplicates.js';

describe('workshop name keys for duplicate warnings', () => {
  it.each([
    ['李庄宏达塑料颗粒加工厂', '李庄宏达塑料颗粒'],
    ['李庄 宏达塑料颗粒加工点', '李庄宏达塑料颗粒'],
    ['李庄宏达塑料颗粒作坊', '李庄宏达塑料颗粒'],
    ['李庄宏达塑料颗粒厂', '李庄宏达塑料颗粒'],
    ['宏达（李庄）洗选厂', '宏达李庄洗选'],
    ['ＡＢＣ洗沙点', 'abc洗沙'],
  ])('%s → %s', (name, key) => expect(workshopNameKey(name)).toBe(key));

  it('keeps a name that is nothing but a suffix', () => {
    expect(workshopNameKey('厂')).toBe('厂');
    expect(workshopNameKey('作坊')).toBe('作坊');
  });
});

describe('containedKeys', () => {
  it('cuts a key into its pieces of three characters or more, without the key itself', () => {
    expect(containedKeys('李庄宏达')).toEqual(['李庄宏', '庄宏达']);
    expect(containedKeys('宏达厂')).toEqual([]);
    expect(containedKeys('x'.repeat(31))).toEqual([]);
  });
});
