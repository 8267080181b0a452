import { describe, expect, it } from 'vitest';
import { STATUSES } from './status.js';
import { applyEvents, canTransition, eventsAfterItemRecorded, itemsEditable, TRANSITIONS } from './workflow.js';

const items = (...states: ('pending' | 'done' | 'not_applicable')[]) => states.map((state) => ({ state }));

describe('the status workflow table (PRODUCT.md §4)', () => {
  it('allows exactly the transitions of the product specification', () => {
    const pairs = TRANSITIONS.flatMap((t) => t.from.map((f) => `${f}→${t.to}`)).sort();
    expect(pairs).toEqual(
      [
        'surveyed→in_progress',
        'rejected→in_progress',
        'recurred→in_progress',
        'in_progress→shut_down',
        'shut_down→accepted',
        'shut_down→rejected',
        'accepted→recurred',
        'surveyed→excluded',
      ].sort(),
    );
    for (const t of TRANSITIONS) for (const f of t.from) expect(STATUSES).toContain(f);
  });

  it('never lets a workshop be accepted before it is shut down, nor excluded once work started', () => {
    for (const s of STATUSES) expect(canTransition(s, 'accept')).toBe(s === 'shut_down');
    for (const s of STATUSES) expect(canTransition(s, 'exclude')).toBe(s === 'surveyed');
  });

  it('starts the shutdown with the first recorded item and completes it with the last', () => {
    expect(eventsAfterItemRecorded('surveyed', items('done', 'pending', 'pending'))).toEqual(['start_shutdown']);
    expect(eventsAfterItemRecorded('in_progress', items('done', 'done', 'pending'))).toEqual([]);
    expect(eventsAfterItemRecorded('in_progress', items('done', 'not_applicable', 'done'))).toEqual(['complete_shutdown']);
    expect(eventsAfterItemRecorded('rejected', items('done', 'done', 'done'))).toEqual(['start_shutdown', 'complete_shutdown']);
    expect(applyEvents('rejected', ['start_shutdown', 'complete_shutdown'])).toBe('shut_down');
    expect(() => applyEvents('accepted', ['complete_shutdown'])).toThrow();
  });

  it('freezes the items once the workshop is shut down, accepted or excluded', () => {
    expect(STATUSES.filter(itemsEditable).sort()).toEqual(['in_progress', 'recurred', 'rejected', 'surveyed']);
  });
});
