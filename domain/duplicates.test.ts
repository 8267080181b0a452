import { describe, expect, it } from 'vitest';
import { keyEndings, prefixedForm, workshopNameKey } from './duplicates.js';

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

describe('prefixed names', () => {
  it('tells a name with a village in front from the bare name, not names that differ at the end', () => {
    expect(prefixedForm('李庄宏达塑料颗粒', '宏达塑料颗粒')).toBe(true);
    expect(prefixedForm('宏达塑料颗粒', '李庄宏达塑料颗粒')).toBe(true);
    expect(prefixedForm('测试颗粒厂1', '测试颗粒厂12')).toBe(false);
    expect(prefixedForm('宏达', '李庄宏达')).toBe(false);
    expect(prefixedForm('宏达塑料', '宏达塑料')).toBe(false);
  });

  it('lists the endings a registered key may be', () => {
    expect(keyEndings('李庄宏达')).toEqual(['庄宏达']);
    expect(keyEndings('东李庄宏达')).toEqual(['李庄宏达', '庄宏达']);
    expect(keyEndings('宏达厂')).toEqual([]);
  });
});
