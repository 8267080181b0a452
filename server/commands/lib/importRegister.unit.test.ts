import { describe, expect, it } from 'vitest';
import { matchIds, registerMark } from './importRegister.js';

describe("an import's fingerprint of the town's register", () => {
  const register = { villages: [{ id: 3, name: '李庄村' }], workshops: [{ id: 10, name: '甲', phone: '', version: 1 }] };

  it('changes when a workshop is edited, added or a village goes, and only then', () => {
    const mark = registerMark(register);
    expect(mark).toMatch(/^[0-9a-f]{64}$/);
    expect(registerMark({ villages: [{ id: 3, name: '改名' }], workshops: [{ id: 10, name: '乙', phone: '1', version: 1 }] })).toBe(mark);
    expect(registerMark({ ...register, workshops: [{ ...register.workshops[0], version: 2 }] })).not.toBe(mark);
    expect(registerMark({ ...register, workshops: [...register.workshops, { id: 11, name: '丙', phone: '', version: 1 }] })).not.toBe(mark);
    expect(registerMark({ ...register, villages: [] })).not.toBe(mark);
  });

  it('reads the registered workshops a staged row may be', () => {
    expect(matchIds(JSON.stringify([{ id: 9, name: '甲', reasons: ['phone'] }, { id: 12, name: '乙', reasons: ['name'] }]))).toEqual([9, 12]);
  });
});
