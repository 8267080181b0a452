// The disciplinary clue workflow (违纪线索, notice 三(二)、(三)): registered, forwarded to the
// supervisory bureau (监察局), closed with the outcome.
import { defineWorkflow } from './workflow.js';

export const CLUE_STATUSES = ['received', 'forwarded', 'closed'] as const;
export type ClueStatus = (typeof CLUE_STATUSES)[number];

export const CLUE_EVENTS = ['forward', 'close'] as const;
export type ClueEvent = (typeof CLUE_EVENTS)[number];

export const CLUE_WORKFLOW = defineWorkflow<ClueStatus, ClueEvent>({
  subject: '线索',
  statuses: CLUE_STATUSES,
  events: CLUE_EVENTS,
  transitions: [
    { event: 'forward', from: ['received'], to: 'forwarded' },
    { event: 'close', from: ['forwarded'], to: 'closed' },
  ],
  refusal: (from, event) =>
    event === 'forward' ? '该线索已移交，不能重复移交' : from === 'closed' ? '该线索已办结' : '线索须先移交监察部门，才能办结',
});
