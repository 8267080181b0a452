import { describe, expect, it } from 'vitest';
import { leadingZeroBits } from './pow.js';

describe('proof of work', () => {
  it('counts leading zero bits of a hex digest', () => {
    expect(leadingZeroBits('0fff', 4)).toBe(true);
    expect(leadingZeroBits('0fff', 5)).toBe(false);
    expect(leadingZeroBits('07ff', 5)).toBe(true);
    expect(leadingZeroBits('00ff', 8)).toBe(true);
    expect(leadingZeroBits('001f', 11)).toBe(true);
    expect(leadingZeroBits('001f', 12)).toBe(false);
    expect(leadingZeroBits('ffff', 0)).toBe(true);
    expect(leadingZeroBits('00', 12)).toBe(false);
  });
});
