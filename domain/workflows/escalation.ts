// The escalation workflow (督办): a liaison department (帮包部门) or the office presses a town on one
// of its workshops; the town answers it, which closes it. A comment (意见) has no workflow: it is said
// and stays said.
import { defineWorkflow } from './workflow.js';

export const ESCALATION_STATUSES = ['open', 'answered'] as const;
export type EscalationStatus = (typeof ESCALATION_STATUSES)[number];

export const ESCALATION_EVENTS = ['answer'] as const;
export type EscalationEvent = (typeof ESCALATION_EVENTS)[number];

export const ESCALATION_WORKFLOW = defineWorkflow<EscalationStatus, EscalationEvent>({
  subject: '督办',
  statuses: ESCALATION_STATUSES,
  events: ESCALATION_EVENTS,
  transitions: [{ event: 'answer', from: ['open'], to: 'answered' }],
  refusal: () => '该督办已答复，不能重复答复',
});
