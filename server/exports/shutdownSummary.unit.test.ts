import { describe, expect, it } from 'vitest';
import { chineseMonthDay, departmentHeads, shutdownSummary, type SummaryItem } from './shutdownSummary.js';

const defs = [
  { code: 'power_cut', name: '断电', doneLabel: '已断电' },
  { code: 'water_cut', name: '断水', doneLabel: '已断水' },
  { code: 'equipment_removed', name: '拆除设备', doneLabel: '设备已拆除' },
];
const done = (code: string, date: string): SummaryItem => ({ item_code: code, state: 'done', done_on: date, reason: '' });
const na = (code: string, reason: string): SummaryItem => ({ item_code: code, state: 'not_applicable', done_on: null, reason });
const pending = (code: string): SummaryItem => ({ item_code: code, state: 'pending', done_on: null, reason: '' });

describe('取缔情况 formatter', () => {
  it('writes month and day the Chinese way', () => {
    expect(chineseMonthDay('2016-05-12')).toBe('5月12日');
    expect(chineseMonthDay('2016-11-03')).toBe('11月3日');
  });

  it('joins the done labels with the latest date for a shut-down workshop', () => {
    const s = shutdownSummary(defs, [done('power_cut', '2016-05-11'), done('water_cut', '2016-05-12'), done('equipment_removed', '2016-05-12')], 'shut_down');
    expect(s).toBe('已断电、已断水、设备已拆除（5月12日）');
  });

  it('names not-applicable items with their reason', () => {
    const s = shutdownSummary(defs, [done('power_cut', '2016-05-11'), na('water_cut', '无供水设施'), done('equipment_removed', '2016-05-13')], 'shut_down');
    expect(s).toBe('已断电、设备已拆除（断水项不适用：无供水设施）（5月13日）');
  });

  it('says 未开始 when nothing is recorded', () => {
    expect(shutdownSummary(defs, [pending('power_cut')], 'surveyed')).toBe('未开始');
    expect(shutdownSummary(defs, [], 'surveyed')).toBe('未开始');
  });

  it('lists what is done and what remains for a workshop in progress', () => {
    const s = shutdownSummary(defs, [done('power_cut', '2016-05-11'), pending('water_cut'), pending('equipment_removed')], 'in_progress');
    expect(s).toBe('取缔中：已断电（5月11日）；尚未断水、拆除设备');
    const t = shutdownSummary(defs, [pending('power_cut'), na('water_cut', '无自备井'), pending('equipment_removed')], 'in_progress');
    expect(t).toBe('取缔中：断水项不适用：无自备井；尚未断电、拆除设备');
  });

  it('adds the verdict and explains exclusions', () => {
    const all = [done('power_cut', '2016-05-11'), done('water_cut', '2016-05-11'), done('equipment_removed', '2016-05-11')];
    expect(shutdownSummary(defs, all, 'accepted')).toBe('已断电、已断水、设备已拆除（5月11日），验收通过');
    expect(shutdownSummary(defs, all, 'rejected', '原料未清理干净')).toBe('已断电、已断水、设备已拆除（5月11日），验收未通过：原料未清理干净');
    expect(shutdownSummary(defs, [], 'excluded', '经核实为合法备案企业')).toBe('已排除：经核实为合法备案企业');
  });

  it('names the department that executed an item, and fills 责任部门负责人 from its officers unless the register names one', () => {
    const byPower = { ...done('power_cut', '2016-05-12'), department: '区电力执法办公室', person: '赵强' };
    const byWater = { ...done('water_cut', '2016-05-13'), department: '区水利和渔业局', person: '钱伟' };
    expect(shutdownSummary(defs, [byPower, pending('water_cut'), pending('equipment_removed')], 'in_progress')).toBe(
      '取缔中：已断电（区电力执法办公室）（5月12日）；尚未断水、拆除设备',
    );
    const items = [byPower, byWater, { ...done('equipment_removed', '2016-05-13'), person: '孙村长' }];
    expect(departmentHeads('', items)).toBe('赵强（区电力执法办公室）、钱伟（区水利和渔业局）');
    expect(departmentHeads('王局长', items)).toBe('王局长');
    expect(departmentHeads('', [{ ...byPower, state: 'pending' }])).toBe('');
  });
});
