import { describe, expect, it } from 'vitest';
import {
  findCut,
  isResumed,
  isUnlisted,
  parseKwh,
  parseMonthHeader,
  powerFlagOf,
  resolveMonths,
  RESUMABLE_STATUSES,
  RESUME_FLOOR_KWH,
  yearInText,
} from './powerCheck.js';
import { powerAccountKey } from './powerAccount.js';
import { POWER_FLAG_WORKFLOW, POWER_IMPORT_WORKFLOW } from './workflows/powerFlag.js';
import { canTransition, transitionPairs } from './workflows/workflow.js';

/** A small deterministic generator, so that the property tests are repeatable. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const series = (r: () => number, n: number, max: number) => Array.from({ length: n }, () => Math.round(r() * max));

describe('kWh cells', () => {
  it('reads numbers as power offices write them', () => {
    expect(parseKwh('1234')).toEqual({ ok: true, value: 1234 });
    expect(parseKwh('1,234')).toEqual({ ok: true, value: 1234 });
    expect(parseKwh('12,345,678')).toEqual({ ok: true, value: 12345678 });
    expect(parseKwh('１２３４')).toEqual({ ok: true, value: 1234 });
    expect(parseKwh(' 56.5 ')).toEqual({ ok: true, value: 56.5 });
    expect(parseKwh('88度')).toEqual({ ok: true, value: 88 });
    expect(parseKwh('0')).toEqual({ ok: true, value: 0 });
  });
  it('takes blanks and dashes for no reading', () => {
    for (const s of ['', '  ', '-', '—', '/']) expect(parseKwh(s)).toEqual({ ok: true, value: null });
  });
  it('names what it cannot read', () => {
    for (const s of ['abc', '12a', '1,23', '约300']) {
      const r = parseKwh(s);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.problem).toMatch(/电量/);
    }
    expect(parseKwh('-5').ok).toBe(false);
  });
});

describe('month headers', () => {
  it('recognises the forms power offices use', () => {
    expect(parseMonthHeader('2016年3月电量')).toEqual({ year: 2016, month: 3 });
    expect(parseMonthHeader('2016年03月用电量')).toEqual({ year: 2016, month: 3 });
    expect(parseMonthHeader('2016-03')).toEqual({ year: 2016, month: 3 });
    expect(parseMonthHeader('2016/3')).toEqual({ year: 2016, month: 3 });
    expect(parseMonthHeader('201603')).toEqual({ year: 2016, month: 3 });
    expect(parseMonthHeader('3月')).toEqual({ year: null, month: 3 });
    expect(parseMonthHeader('3月份')).toEqual({ year: null, month: 3 });
    expect(parseMonthHeader('12月电量（千瓦时）')).toEqual({ year: null, month: 12 });
    expect(parseMonthHeader('电量2016年8月')).toEqual({ year: 2016, month: 8 });
  });
  it('leaves other columns alone', () => {
    for (const h of ['户号', '户名', '13月', '2016年13月', '备注', '3月份说明', '3', '台区']) expect(parseMonthHeader(h)).toBeNull();
  });
  it('takes the year from the title, the export row or the campaign, and rolls over the new year', () => {
    expect(yearInText(['国网某供电所 用电户清单（2016年3月—8月）', '导出时间：2017-01-02'])).toBe(2016);
    expect(yearInText(['用电户清单', '导出时间：2016-09-02 10:41'])).toBe(2016);
    expect(yearInText(['用电户清单'])).toBeNull();
    const m = (x: number) => ({ year: null, month: x });
    expect(resolveMonths([m(3), m(4)], 2016, 2020)).toEqual(['2016-03', '2016-04']);
    expect(resolveMonths([m(3), m(4)], null, 2020)).toEqual(['2020-03', '2020-04']);
    expect(resolveMonths([m(11), m(12), m(1)], 2015, 2020)).toEqual(['2015-11', '2015-12', '2016-01']);
    expect(resolveMonths([{ year: 2016, month: 3 }, m(4)], null, 2020)).toEqual(['2016-03', '2016-04']);
  });
});

describe('account numbers', () => {
  it('compares without spaces, dashes or full-width digits', () => {
    expect(powerAccountKey(' 3704 0601-01 ')).toBe('3704060101');
    expect(powerAccountKey('３７０４０６０１０１')).toBe('3704060101');
  });
});

describe('the resumed flag', () => {
  it('finds a site cut in May and back in July (the fixture’s 孙某某废塑料造粒厂)', () => {
    const usage = [6239, 5675, 2495, 38, 3119, 4991];
    expect(findCut(usage)?.index).toBe(3);
    expect(isResumed(usage)).toBe(true);
  });
  it('leaves a site that stayed cut', () => {
    expect(isResumed([16026, 16207, 6410, 22, 20, 24])).toBe(false);
  });
  it('with no cut inside the list, any month at the floor counts', () => {
    expect(isResumed([10, 12, 8, 400])).toBe(true); // cut in the first month
    expect(isResumed([320, 340, 310])).toBe(true); // never cut
    expect(isResumed([120, 150, 200])).toBe(false);
  });
  it('needs a real rise after a big site’s cut', () => {
    // Mean before the cut 10,000: a month at 2,000 is light and standby use, not production (threshold 3,000).
    expect(isResumed([10000, 10000, 30, 2000])).toBe(false);
    expect(isResumed([10000, 10000, 30, 3000])).toBe(true);
  });
  it('skips months without a reading', () => {
    expect(isResumed([6000, null, 20, null, 2500])).toBe(true);
    expect(isResumed([null, null])).toBe(false);
  });
  it('raising a month after the cut never un-flags (property)', () => {
    const r = rng(7);
    for (let n = 0; n < 2000; n++) {
      const usage = series(r, 2 + Math.floor(r() * 8), r() < 0.5 ? 500 : 20000);
      const cut = findCut(usage);
      if (!isResumed(usage)) continue;
      const from = cut ? cut.index + 1 : usage.length - 1;
      for (let j = from; j < usage.length; j++) {
        const raised = [...usage];
        raised[j] += 1 + Math.round(r() * 10000);
        expect(isResumed(raised), `${usage} raised at ${j}`).toBe(true);
      }
    }
  });
  it('flags only a matched workshop that is shut, and never a household at 200 kWh (property)', () => {
    expect(RESUMABLE_STATUSES).toEqual(['shut_down', 'accepted']);
    const r = rng(11);
    for (let n = 0; n < 2000; n++) {
      const household = series(r, 1 + Math.floor(r() * 12), 200);
      expect(powerFlagOf(household, null)).toBeNull();
      expect(powerFlagOf(household, { status: 'shut_down' })).toBeNull();
      expect(powerFlagOf(household, { status: 'accepted' })).toBeNull();
    }
    expect(powerFlagOf([6239, 5675, 2495, 38, 3119, 4991], { status: 'shut_down' })).toBe('resumed');
    expect(powerFlagOf([6239, 5675, 2495, 38, 3119, 4991], { status: 'in_progress' })).toBeNull();
    expect(powerFlagOf([6239, 5675, 2495, 38, 3119, 4991], { status: 'recurred' })).toBeNull();
    expect(RESUME_FLOOR_KWH).toBeGreaterThan(200);
  });
});

describe('the unlisted flag', () => {
  it('flags a workshop-sized account matched to no workshop, whatever its category', () => {
    expect(isUnlisted([12125, 12436, 15306, 12542, 11870, 14987])).toBe(true);
    expect(isUnlisted([1900, 2100, 2000])).toBe(true);
    expect(isUnlisted([154, 179, 162])).toBe(false);
    expect(isUnlisted([null, null])).toBe(false);
    expect(powerFlagOf([12125, 12436], { status: 'surveyed' })).toBeNull();
    expect(powerFlagOf([12125, 12436], null)).toBe('unlisted');
  });
  it('raising any month never un-flags (property)', () => {
    const r = rng(3);
    for (let n = 0; n < 2000; n++) {
      const usage = series(r, 1 + Math.floor(r() * 8), 5000);
      if (!isUnlisted(usage)) continue;
      const raised = [...usage];
      raised[Math.floor(r() * usage.length)] += Math.round(r() * 5000);
      expect(isUnlisted(raised)).toBe(true);
    }
  });
});

describe('the workflows', () => {
  it('decides a flag once', () => {
    expect(transitionPairs(POWER_FLAG_WORKFLOW).sort()).toEqual(['open→dismissed', 'open→recurred', 'open→registered', 'open→superseded']);
    for (const s of ['recurred', 'registered', 'dismissed', 'superseded'] as const) expect(canTransition(POWER_FLAG_WORKFLOW, s, 'dismiss')).toBe(false);
    expect(POWER_FLAG_WORKFLOW.refusal('dismissed', 'recur')).toMatch(/已排除/);
  });
  it('confirms or discards a preview once', () => {
    expect(canTransition(POWER_IMPORT_WORKFLOW, 'preview', 'confirm')).toBe(true);
    expect(canTransition(POWER_IMPORT_WORKFLOW, 'confirmed', 'confirm')).toBe(false);
    expect(canTransition(POWER_IMPORT_WORKFLOW, 'discarded', 'confirm')).toBe(false);
  });
});

describe('the recurrence reason', () => {
  it('cites the account, the cut and the months of use again', async () => {
    const { describeResumption } = await import('./powerCheck.js');
    const months = ['2016-03', '2016-04', '2016-05', '2016-06', '2016-07', '2016-08'];
    expect(describeResumption('3704060101', months, [6239, 5675, 2495, 38, 3119, 4991])).toBe(
      '用电核查发现恢复生产：户号 3704060101，2016-06 用电降至 38 千瓦时后，2016-07 3119 千瓦时、2016-08 4991 千瓦时',
    );
  });
});
