import { describe, expect, it } from 'vitest';
import { captureInstant, chinaDateTime, chinaLocalFromUnix, todayInChina } from './time.js';

describe('captureInstant', () => {
  it('takes the offset the camera wrote, else reads the camera time as China time', () => {
    expect(captureInstant('2016-05-12T09:30:15+08:00', '2016-05-12T09:30:15')).toBe('2016-05-12T01:30:15.000Z');
    expect(captureInstant('2016-05-12T09:30:15+09:00', '2016-05-12T09:30:15')).toBe('2016-05-12T00:30:15.000Z');
    expect(captureInstant(null, '2016-05-12T09:30:15')).toBe('2016-05-12T01:30:15.000Z');
  });

  it('has no instant without a time, or with one it cannot read', () => {
    expect(captureInstant(null, null)).toBeNull();
    expect(captureInstant(null, 'not a time')).toBeNull();
  });
});

describe('China time', () => {
  it('dates and times an instant on China’s clock, whatever the server’s zone', () => {
    expect(todayInChina(new Date('2016-05-10T15:59:59Z'))).toBe('2016-05-10');
    expect(todayInChina(new Date('2016-05-10T16:00:00Z'))).toBe('2016-05-11');
    expect(chinaDateTime('2016-05-12T08:30:00.000Z')).toBe('2016-05-12 16:30:00');
    expect(chinaDateTime('2016-05-10T01:12:59.000Z', 'minutes')).toBe('2016-05-10 09:12');
    expect(chinaDateTime(null)).toBe('');
    expect(chinaDateTime('昨天')).toBe('昨天');
    expect(chinaLocalFromUnix(Date.UTC(2016, 4, 12, 1, 30, 15) / 1000)).toBe('2016-05-12T09:30:15');
  });
});
