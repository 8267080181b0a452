// Every time a user sees is China time (UTC+8), whatever the browser's zone, and is formatted by
// web/format.ts alone. The browser is put in a zone far from China so that a time formatted in the
// browser's own zone, or the server's UTC sliced as text, shows.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatLongDate, formatMonthDay, formatToday, formatWallClock, pickerDate, pickerToday, pickerValue } from './format.js';

const zone = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'America/Los_Angeles';
});
afterAll(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

describe('times as a user sees them (China time)', () => {
  it('shows an instant in China time, not the UTC the server sends nor the browser’s zone', () => {
    expect(formatDateTime('2016-05-11T23:36:00.000Z')).toBe('2016-05-12 07:36');
    expect(formatDateTime('2016-05-12T08:30:59.999Z')).toBe('2016-05-12 16:30');
    expect(formatDateTime(null)).toBe('—');
  });

  it('gives an instant the China date, and a calendar date as it is', () => {
    expect(formatDate('2016-05-11T23:36:00.000Z')).toBe('2016-05-12');
    expect(formatDate('2016-05-11')).toBe('2016-05-11');
    expect(formatDate(undefined)).toBe('—');
    expect(formatMonthDay('2016-05-11')).toBe('5月11日');
    expect(formatMonthDay('2016-05-31T16:00:00.000Z')).toBe('6月1日');
    expect(formatLongDate('2016-05-12')).toBe('2016年5月12日 星期四');
  });

  it('says “today” by the China calendar: at 07:36 on 12 May in China it is the 12th, though UTC and the browser still say the 11th', () => {
    const morning = new Date('2016-05-11T23:36:00.000Z');
    expect(formatToday(morning)).toBe('2016年5月12日 星期四');
    expect(pickerValue(pickerToday(morning))).toBe('2016-05-12');
  });

  it('keeps a picker’s date as the day it names', () => {
    expect(pickerValue(pickerDate('2016-05-12'))).toBe('2016-05-12');
    expect(pickerDate(null)).toBeNull();
    expect(pickerValue(null)).toBe('');
  });

  it('shows a camera’s own wall-clock time as written, unshifted', () => {
    expect(formatWallClock('2016-05-12T07:36:12')).toBe('2016-05-12 07:36');
    expect(formatWallClock('2016-05-12T07:36:12', 'seconds')).toBe('2016-05-12 07:36:12');
  });
});

describe('times are formatted in web/format.ts only', () => {
  const root = path.join(import.meta.dirname, '..');
  function sources(dir: string): string[] {
    return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
      const rel = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) return sources(rel);
      return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [rel] : [];
    });
  }

  it('no page slices a timestamp, builds a Date or calls dayjs itself', () => {
    // Slicing an ISO string shows UTC (23:36 for 07:36); a Date or dayjs() formats in the browser's zone.
    const timeFormatting = /\.slice\(0, ?(10|16|19)\)|replace\('T'|toLocale(Date|Time)?String\(|new Date\(|Date\.now\(|\bdayjs\(|import dayjs\b/;
    const allowed = new Set(['web/format.ts', 'web/i18n/index.ts']);
    const hits = sources('web')
      .filter((f) => !allowed.has(f))
      .flatMap((file) =>
        fs
          .readFileSync(path.join(root, file), 'utf8')
          .split('\n')
          .flatMap((line, i) => (timeFormatting.test(line.replace(/\/\/.*$/, '')) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
      );
    expect(hits).toEqual([]);
  });
});
