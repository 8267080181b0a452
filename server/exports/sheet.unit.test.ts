import { describe, expect, it } from 'vitest';
import { chineseDate, displayWidth } from './sheet.js';

/** The definition displayWidth implements with char codes: CJK and full-width count double. */
function byRegex(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) || ch.codePointAt(0)! > 0xffff ? 2 : 1;
  return w;
}

describe('displayWidth', () => {
  it('counts CJK, full-width and astral characters double, the rest single', () => {
    for (const s of ['', 'abc 123', '东庄村村东300米', '（夜间生产）', 'ＡＢ１２', '한국어', '𠀀𠀁x', 'café', '\u1100\u115f\u1160', '\u2e7f\u2e80\ua4cf\ua4d0', '\uffe0\uffe6\uffe7'])
      expect(displayWidth(s), s).toBe(byRegex(s));
    expect(displayWidth('东庄村300米')).toBe(3 * 2 + 3 + 2);
  });
});

describe('chineseDate', () => {
  it('writes a date the way the forms do', () => {
    expect(chineseDate('2016-05-10')).toBe('2016年5月10日');
  });
});
