// The public tip workflow (群众举报, PRODUCT.md §3.5): the office triages each tip to a town (or sends it
// back to another), the town verifies it and answers — publicly, for the tipster, and on record — or the
// office sets it aside (不予受理: not a 土小企业 matter, a duplicate, nonsense) with a reason the tipster sees.
// A complaint that someone collects management fees (收取管理费用) never enters this workflow: it becomes a
// disciplinary clue (clue.ts), seen by discipline and the office director only.
import { defineWorkflow } from './workflow.js';

export const TIP_STATUSES = ['received', 'assigned', 'answered', 'dismissed'] as const;
export type TipStatus = (typeof TIP_STATUSES)[number];

export const TIP_EVENTS = ['assign', 'answer', 'dismiss'] as const;
export type TipEvent = (typeof TIP_EVENTS)[number];

const statusNames: Record<TipStatus, string> = { received: '已受理', assigned: '已交办镇街核查', answered: '已答复', dismissed: '不予受理' };
const eventNames: Record<TipEvent, string> = { assign: '交办', answer: '答复', dismiss: '不予受理' };

export const TIP_WORKFLOW = defineWorkflow<TipStatus, TipEvent>({
  subject: '举报',
  statuses: TIP_STATUSES,
  events: TIP_EVENTS,
  transitions: [
    // Triaged to a town; a town that is not the right one is replaced by another.
    { event: 'assign', from: ['received', 'assigned'], to: 'assigned' },
    { event: 'answer', from: ['assigned'], to: 'answered' },
    { event: 'dismiss', from: ['received', 'assigned'], to: 'dismissed' },
  ],
  refusal: (from, event) => `该举报当前为“${statusNames[from]}”，不能${eventNames[event]}`,
});
