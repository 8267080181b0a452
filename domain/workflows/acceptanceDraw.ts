// The spot-check draw (验收抽查, notice 二（三）; issue 15). The inspection group draws each town's
// sample at random from its shut-down workshops with a seed the server generates and records; the
// draw is visible to the group, the office, the leaders and discipline at once, and to the town only
// once published to it. A redraw supersedes the live draw of the same town and round, always with
// a reason, and is a new audited draw: nothing is ever replaced silently.
import { defineWorkflow } from './workflow.js';

export const DRAW_STATUSES = ['drawn', 'published', 'superseded'] as const;
export type DrawStatus = (typeof DRAW_STATUSES)[number];

export const DRAW_EVENTS = ['publish', 'redraw'] as const;
export type DrawEvent = (typeof DRAW_EVENTS)[number];

/** 抽查轮次: the acceptance itself, or the re-inspection of a town given 限期整改. */
export const DRAW_ROUNDS = ['initial', 'reinspection'] as const;
export type DrawRound = (typeof DRAW_ROUNDS)[number];

export const DRAW_WORKFLOW = defineWorkflow<DrawStatus, DrawEvent>({
  subject: '抽查',
  statuses: DRAW_STATUSES,
  events: DRAW_EVENTS,
  transitions: [
    { event: 'publish', from: ['drawn'], to: 'published' },
    // The superseded draw keeps its seed and sample; the new one names why.
    { event: 'redraw', from: ['drawn', 'published'], to: 'superseded' },
  ],
  refusal: (from, event) => {
    if (from === 'superseded') return '该抽查已被重新抽取的结果取代';
    if (event === 'publish') return '该抽查结果已发布';
    return '该抽查不能重新抽取';
  },
});
