import { describe, expect, it } from 'vitest';
import { ESCALATION_STATUSES, ESCALATION_WORKFLOW } from './escalation.js';
import { applyEvents, canTransition, transitionPairs } from './workflow.js';

describe('the escalation workflow table (督办)', () => {
  it('lets the town answer an open escalation once, which closes it', () => {
    expect(transitionPairs(ESCALATION_WORKFLOW)).toEqual(['open→answered']);
    for (const s of ESCALATION_STATUSES) expect(canTransition(ESCALATION_WORKFLOW, s, 'answer')).toBe(s === 'open');
    expect(applyEvents(ESCALATION_WORKFLOW, 'open', ['answer'])).toBe('answered');
    expect(() => applyEvents(ESCALATION_WORKFLOW, 'open', ['answer', 'answer'])).toThrow();
  });

  it('says in Chinese why an answered escalation cannot be answered again', () => {
    expect(ESCALATION_WORKFLOW.refusal('answered', 'answer')).toBe('该督办已答复，不能重复答复');
  });
});
