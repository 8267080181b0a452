import { describe, expect, it } from 'vitest';
import { STATUSES } from '../status.js';
import { CLUE_STATUSES, CLUE_WORKFLOW } from './clue.js';
import { applyEvents, canTransition, transitionPairs } from './workflow.js';
import { eventsAfterItemRecorded, itemsEditable, WORKSHOP_WORKFLOW } from './workshop.js';

const items = (...states: ('pending' | 'done' | 'not_applicable')[]) => states.map((state) => ({ state }));

describe('the workshop workflow table (PRODUCT.md §4)', () => {
  it('allows exactly the transitions of the product specification, an on-site check rejecting an accepted site, and a patrol finding a shut site producing before its acceptance', () => {
    const pairs = transitionPairs(WORKSHOP_WORKFLOW).sort();
    expect(pairs).toEqual(
      [
        'surveyed→in_progress',
        'rejected→in_progress',
        'recurred→in_progress',
        'in_progress→shut_down',
        'shut_down→accepted',
        'shut_down→rejected',
        'accepted→rejected',
        'accepted→recurred',
        'shut_down→recurred',
        'surveyed→excluded',
      ].sort(),
    );
    for (const t of WORKSHOP_WORKFLOW.transitions) for (const f of t.from) expect(STATUSES).toContain(f);
  });

  it('never lets a workshop be accepted before it is shut down, nor excluded once work started', () => {
    for (const s of STATUSES) expect(canTransition(WORKSHOP_WORKFLOW, s, 'accept')).toBe(s === 'shut_down');
    for (const s of STATUSES) expect(canTransition(WORKSHOP_WORKFLOW, s, 'exclude')).toBe(s === 'surveyed');
  });

  it('starts the shutdown with the first recorded item and completes it with the last', () => {
    expect(eventsAfterItemRecorded('surveyed', items('done', 'pending', 'pending'))).toEqual(['start_shutdown']);
    expect(eventsAfterItemRecorded('in_progress', items('done', 'done', 'pending'))).toEqual([]);
    expect(eventsAfterItemRecorded('in_progress', items('done', 'not_applicable', 'done'))).toEqual(['complete_shutdown']);
    expect(eventsAfterItemRecorded('rejected', items('done', 'done', 'done'))).toEqual(['start_shutdown', 'complete_shutdown']);
    expect(applyEvents(WORKSHOP_WORKFLOW, 'rejected', ['start_shutdown', 'complete_shutdown'])).toBe('shut_down');
    expect(() => applyEvents(WORKSHOP_WORKFLOW, 'accepted', ['complete_shutdown'])).toThrow();
  });

  it('freezes the items once the workshop is shut down, accepted or excluded', () => {
    expect(STATUSES.filter(itemsEditable).sort()).toEqual(['in_progress', 'recurred', 'rejected', 'surveyed']);
  });
});


describe('the clue workflow table', () => {
  it('forwards a registered clue once and closes only a forwarded one', () => {
    expect(transitionPairs(CLUE_WORKFLOW).sort()).toEqual(['forwarded→closed', 'received→forwarded']);
    for (const s of CLUE_STATUSES) expect(canTransition(CLUE_WORKFLOW, s, 'close')).toBe(s === 'forwarded');
    expect(CLUE_WORKFLOW.refusal('received', 'close')).toBe('线索须先移交监察部门，才能办结');
    expect(CLUE_WORKFLOW.refusal('closed', 'close')).toBe('该线索已办结');
  });

  it('says in Chinese why a workshop cannot take an event', () => {
    expect(WORKSHOP_WORKFLOW.refusal('surveyed', 'accept')).toMatch(/^该企业当前状态为“.+”，不能执行“.+”$/);
  });
});
