import { describe, expect, it } from 'vitest';
import { normalizePowerAccount, powerAccountKey } from './powerAccount.js';

describe('power account numbers as typed', () => {
  it('are stored half-width with one space between groups, as a phone’s Chinese keyboard or a pasted cell may give them', () => {
    expect(normalizePowerAccount('３７０４０６０１０１')).toBe('3704060101');
    expect(normalizePowerAccount(' 3704\u3000０６０１－01\t')).toBe('3704 0601-01');
    expect(normalizePowerAccount('')).toBe('');
  });
  it('compare without spaces or dashes, whichever way they were typed', () => {
    const typed = ['3704060101', '3704 0601 01', '3704-0601-01', '３７０４－０６０１　０１'];
    expect(new Set(typed.map(powerAccountKey))).toEqual(new Set(['3704060101']));
    // What the register's index holds for a stored account is the same key.
    for (const v of typed) expect(normalizePowerAccount(v).replaceAll(' ', '').replaceAll('-', '')).toBe(powerAccountKey(v));
  });
});
