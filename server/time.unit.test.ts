import { describe, expect, it } from 'vitest';
import { captureInstant } from './time.js';

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
