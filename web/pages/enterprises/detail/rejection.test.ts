import { describe, expect, it } from 'vitest';
import { rejectionText } from './rejection.js';

describe('the banner of a rejected workshop', () => {
  const rejection = { reasons: ['ineffective', 'incomplete'] as const, findings: '现场仍有设备未拆除，原料堆放未清理', at: '2016-05-18T02:30:00.000Z', inspector: '验收组 张三' };

  it('gives the verdict’s reasons in Chinese, not only the findings', () => {
    const text = rejectionText({ ...rejection, reasons: [...rejection.reasons] });
    expect(text.reasons).toBe('未通过原因：行动不力、未按要求完成');
    expect(text.findings).toBe('发现的问题：现场仍有设备未拆除，原料堆放未清理');
    expect(text.by).toBe('验收结论：验收组 张三 · 2016-05-18 10:30');
  });

  it('says what the town must redo although the items still read done', () => {
    const { redo } = rejectionText({ ...rejection, reasons: ['concealment'] });
    expect(redo).toMatch(/^须整改：/);
    expect(redo).toContain('重新记录整改涉及的取缔标准项');
    expect(redo).toContain('仍显示“已完成”');
    expect(redo).toContain('等待验收组再次验收');
  });
});
