import { describe, expect, it } from 'vitest';
import { explanationDue, roundOfVerdict, TOWN_ACCEPTANCE_WORKFLOW } from './townAcceptance.js';
import { canTransition, transitionPairs } from './workflow.js';

describe('the town acceptance workflow', () => {
  it('passes or fails a town, gives a failed town a deadline, and decides again after the re-inspection', () => {
    expect(transitionPairs(TOWN_ACCEPTANCE_WORKFLOW).sort()).toEqual(['failed→rectifying', 'pending→failed', 'pending→passed', 'rectifying→failed', 'rectifying→passed']);
    expect(canTransition(TOWN_ACCEPTANCE_WORKFLOW, 'passed', 'fail')).toBe(false);
    expect(canTransition(TOWN_ACCEPTANCE_WORKFLOW, 'failed', 'pass')).toBe(false);
    expect(TOWN_ACCEPTANCE_WORKFLOW.refusal('failed', 'pass')).toContain('限期整改');
    expect(roundOfVerdict('pending')).toBe('initial');
    expect(roundOfVerdict('rectifying')).toBe('reinspection');
    expect(['pending', 'passed', 'failed', 'rectifying'].filter((s) => explanationDue(s as never))).toEqual(['failed', 'rectifying']);
  });
});
