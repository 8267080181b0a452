import { describe, expect, it } from 'vitest';
import { doneLabelOf } from './itemLabels.js';

describe('an item’s done label (断电 → 已断电)', () => {
  const def = { doneLabel: '已断电' };

  it('is shown only when the item is done', () => {
    expect(doneLabelOf({ state: 'done' }, def)).toBe('已断电');
    expect(doneLabelOf({ state: 'pending' }, def)).toBeNull();
    // Not applicable is not done either: the item was justified, not carried out.
    expect(doneLabelOf({ state: 'not_applicable' }, def)).toBeNull();
  });

  it('is absent when the campaign does not define the item', () => {
    expect(doneLabelOf({ state: 'done' }, undefined)).toBeNull();
  });
});
