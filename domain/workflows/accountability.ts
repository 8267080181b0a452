// The accountability workflow (约谈 and 问责, issue 17 §6): after a 督办 goes unanswered, the office
// summons the person responsible to a talk (约谈), which is scheduled and then held; discipline (监察局)
// or the office director decides a measure (问责), recorded as decided. Either may be withdrawn (撤销)
// by whoever may record it, while a 约谈 is still scheduled or a 问责 stands. 督办 itself stays the
// workshop remark (escalation.ts).
import { defineWorkflow } from './workflow.js';

export const ACCOUNTABILITY_STATES = ['scheduled', 'held', 'decided', 'withdrawn'] as const;
export type AccountabilityState = (typeof ACCOUNTABILITY_STATES)[number];

export const ACCOUNTABILITY_EVENTS = ['hold', 'withdraw'] as const;
export type AccountabilityEvent = (typeof ACCOUNTABILITY_EVENTS)[number];

/** The state a new record starts in: a 约谈 is scheduled, a 问责 is decided when it is recorded. */
export const INITIAL_ACCOUNTABILITY_STATE = { interview: 'scheduled', accountability: 'decided' } as const satisfies Record<string, AccountabilityState>;

export const ACCOUNTABILITY_WORKFLOW = defineWorkflow<AccountabilityState, AccountabilityEvent>({
  subject: '约谈问责记录',
  statuses: ACCOUNTABILITY_STATES,
  events: ACCOUNTABILITY_EVENTS,
  transitions: [
    { event: 'hold', from: ['scheduled'], to: 'held' },
    { event: 'withdraw', from: ['scheduled', 'decided'], to: 'withdrawn' },
  ],
  refusal: (from, event) => {
    if (from === 'withdrawn') return '该记录已撤销，不能再办理';
    if (event === 'hold') return from === 'held' ? '该约谈已记录为已约谈，不能重复记录' : '只有已安排的约谈才能记录为已约谈';
    return '已进行的约谈不能撤销';
  },
});
