import { describe, expect, it } from 'vitest';
import { ACCOUNTABILITY_STATES, ACCOUNTABILITY_WORKFLOW, INITIAL_ACCOUNTABILITY_STATE } from './accountability.js';
import { applyEvents, canTransition, transitionPairs } from './workflow.js';

describe('the accountability workflow table (约谈 → 问责)', () => {
  it('holds a scheduled 约谈 once, and withdraws only what is scheduled or decided', () => {
    expect(transitionPairs(ACCOUNTABILITY_WORKFLOW)).toEqual(['scheduled→held', 'scheduled→withdrawn', 'decided→withdrawn']);
    for (const s of ACCOUNTABILITY_STATES) {
      expect(canTransition(ACCOUNTABILITY_WORKFLOW, s, 'hold')).toBe(s === 'scheduled');
      expect(canTransition(ACCOUNTABILITY_WORKFLOW, s, 'withdraw')).toBe(s === 'scheduled' || s === 'decided');
    }
    expect(applyEvents(ACCOUNTABILITY_WORKFLOW, INITIAL_ACCOUNTABILITY_STATE.interview, ['hold'])).toBe('held');
    expect(applyEvents(ACCOUNTABILITY_WORKFLOW, INITIAL_ACCOUNTABILITY_STATE.accountability, ['withdraw'])).toBe('withdrawn');
    expect(() => applyEvents(ACCOUNTABILITY_WORKFLOW, 'scheduled', ['hold', 'hold'])).toThrow();
    expect(() => applyEvents(ACCOUNTABILITY_WORKFLOW, 'decided', ['hold'])).toThrow();
  });

  it('says in Chinese why an event cannot happen', () => {
    expect(ACCOUNTABILITY_WORKFLOW.refusal('held', 'hold')).toBe('该约谈已记录为已约谈，不能重复记录');
    expect(ACCOUNTABILITY_WORKFLOW.refusal('withdrawn', 'withdraw')).toBe('该记录已撤销，不能再办理');
    expect(ACCOUNTABILITY_WORKFLOW.refusal('held', 'withdraw')).toBe('已进行的约谈不能撤销');
  });
});
