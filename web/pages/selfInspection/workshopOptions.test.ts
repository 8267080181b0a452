import { describe, expect, it } from 'vitest';
import { workshopOption, workshopSearchParams, WORKSHOP_MATCHES } from './workshopOptions.js';

describe('picking the workshop a clue names, by name', () => {
  it('searches the workshop list by the typed name, within the chosen town', () => {
    expect(workshopSearchParams(' 宏达 ', 12)).toEqual({ q: '宏达', town: '12', page: 1, pageSize: WORKSHOP_MATCHES, sort: 'name', order: 'asc' });
    expect(workshopSearchParams('', undefined)).toMatchObject({ q: undefined, town: undefined });
  });

  it('shows each match with its town (and village), so that two workshops of the same name are told apart', () => {
    expect(workshopOption({ id: 7, name: '宏达塑料颗粒加工厂', townId: 3, townName: '西集镇', villageName: '李庄村' })).toEqual({
      value: 7,
      label: '宏达塑料颗粒加工厂（西集镇 / 李庄村）',
      name: '宏达塑料颗粒加工厂',
      place: '西集镇 / 李庄村',
      townId: 3,
    });
    expect(workshopOption({ id: 8, name: '宏达塑料颗粒加工厂', townId: 4, townName: '桑村镇', villageName: null }).label).toBe('宏达塑料颗粒加工厂（桑村镇）');
  });
});
