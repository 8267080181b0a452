// 通报批评 (notice 二（三）; issue 15): the office drafts the criticism notice of the towns that failed
// the acceptance (generated from Qudi's records, then edited), and issues it: numbered in sequence,
// archived as the .docx it was, unchangeable.
import { defineWorkflow } from './workflow.js';

export const CRITICISM_STATUSES = ['draft', 'issued'] as const;
export type CriticismStatus = (typeof CRITICISM_STATUSES)[number];

export const CRITICISM_EVENTS = ['edit', 'issue'] as const;
export type CriticismEvent = (typeof CRITICISM_EVENTS)[number];

export const CRITICISM_WORKFLOW = defineWorkflow<CriticismStatus, CriticismEvent>({
  subject: '通报批评',
  statuses: CRITICISM_STATUSES,
  events: CRITICISM_EVENTS,
  transitions: [
    { event: 'edit', from: ['draft'], to: 'draft' },
    { event: 'issue', from: ['draft'], to: 'issued' },
  ],
  refusal: () => '该通报已印发归档，不能修改',
});
