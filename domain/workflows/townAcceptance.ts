// A town's acceptance verdict (镇街验收结论, notice 二（三）; issue 15): the inspection group passes a
// town whose sampled sites all passed, or fails it for one of the notice's reasons (行动不力、包庇隐瞒、
// 未按要求完成); a failed town is given a rectification deadline (限期整改), and its principal writes
// the explanation (书面说明); after the re-inspection the group passes it, or fails it again.
import { defineWorkflow } from './workflow.js';

export const TOWN_ACCEPTANCE_STATUSES = ['pending', 'passed', 'failed', 'rectifying'] as const;
export type TownAcceptanceStatus = (typeof TOWN_ACCEPTANCE_STATUSES)[number];

export const TOWN_ACCEPTANCE_EVENTS = ['pass', 'fail', 'rectify'] as const;
export type TownAcceptanceEvent = (typeof TOWN_ACCEPTANCE_EVENTS)[number];

export const TOWN_ACCEPTANCE_WORKFLOW = defineWorkflow<TownAcceptanceStatus, TownAcceptanceEvent>({
  subject: '镇街验收',
  statuses: TOWN_ACCEPTANCE_STATUSES,
  events: TOWN_ACCEPTANCE_EVENTS,
  transitions: [
    // The acceptance, and the re-inspection after the deadline.
    { event: 'pass', from: ['pending', 'rectifying'], to: 'passed' },
    { event: 'fail', from: ['pending', 'rectifying'], to: 'failed' },
    { event: 'rectify', from: ['failed'], to: 'rectifying' },
  ],
  refusal: (from, event) => {
    if (from === 'passed') return '该镇街已验收通过';
    if (event === 'rectify') return '验收不通过的镇街才能限期整改';
    if (from === 'failed') return '该镇街验收不通过，请先限期整改，复查后再作结论';
    return '该镇街的验收结论不能这样修改';
  },
});

/** The draw round whose checks a verdict from `status` rests on: the acceptance, or the re-inspection. */
export const roundOfVerdict = (status: TownAcceptanceStatus): 'initial' | 'reinspection' => (status === 'rectifying' ? 'reinspection' : 'initial');

/** Whether the town's principal may write (or rewrite) the written explanation: once the town has failed. */
export const explanationDue = (status: TownAcceptanceStatus): boolean => status === 'failed' || status === 'rectifying';
