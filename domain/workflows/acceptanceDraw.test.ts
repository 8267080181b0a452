import { describe, expect, it } from 'vitest';
import { DRAW_WORKFLOW } from './acceptanceDraw.js';
import { canTransition, transitionPairs } from './workflow.js';

describe('the spot-check draw workflow', () => {
  it('publishes a draw once, and supersedes a live draw only by a redraw', () => {
    expect(transitionPairs(DRAW_WORKFLOW).sort()).toEqual(['drawn→published', 'drawn→superseded', 'published→superseded']);
    expect(canTransition(DRAW_WORKFLOW, 'published', 'publish')).toBe(false);
    expect(canTransition(DRAW_WORKFLOW, 'superseded', 'redraw')).toBe(false);
    expect(DRAW_WORKFLOW.refusal('published', 'publish')).toBe('该抽查结果已发布');
    expect(DRAW_WORKFLOW.refusal('superseded', 'publish')).toContain('取代');
  });
});
