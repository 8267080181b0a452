import { describe, expect, it } from 'vitest';
import { normalizePhone } from './phone.js';
import { enterpriseCreateSchema } from './enterprise.js';

describe('phone numbers as officials type them', () => {
  it.each([
    ['13206328899', '13206328899'],
    ['132 0632 8899', '13206328899'],
    ['１３２０６３２８８９９', '13206328899'],
    ['132-0632-8899', '13206328899'],
    ['0632-8812345', '0632-8812345'],
    ['0632 8812345', '0632-8812345'],
    ['06328812345', '0632-8812345'],
    ['010-12345678', '010-12345678'],
    ['（0632）8812345', '0632-8812345'],
  ])('%s → %s', (input, expected) => expect(normalizePhone(input)).toBe(expected));

  it.each(['1234', '12345678901', '8812345', '2320632889', 'abc'])('%s is refused', (input) => expect(normalizePhone(input)).toBeNull());

  it('explains a bad phone in Chinese through the shared schema', () => {
    const r = enterpriseCreateSchema.safeParse({ name: '某厂', kind: 'pellet', townId: 1, phone: '1234' });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].path).toEqual(['phone']);
    expect(r.error!.issues[0].message).toContain('电话号码格式不正确');
  });
});
