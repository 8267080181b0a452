// The workshop status workflow (PRODUCT.md §4) as one table.
import type { ItemState, Status } from '../status.js';
import { STATUSES } from '../status.js';
import { statusLabels, workflowEventLabels } from '../i18n/labels.zh-CN.js';
import { applyEvents, canTransition, defineWorkflow } from './workflow.js';

export const WORKFLOW_EVENTS = ['start_shutdown', 'complete_shutdown', 'accept', 'reject', 'recur', 'exclude'] as const;
export type WorkflowEvent = (typeof WORKFLOW_EVENTS)[number];

export const WORKSHOP_WORKFLOW = defineWorkflow<Status, WorkflowEvent>({
  subject: '企业',
  statuses: STATUSES,
  events: WORKFLOW_EVENTS,
  transitions: [
    // The first standard item recorded starts (or restarts, after rejection or recurrence) the shutdown.
    { event: 'start_shutdown', from: ['surveyed', 'rejected', 'recurred'], to: 'in_progress' },
    // Every item done or justified as not applicable.
    { event: 'complete_shutdown', from: ['in_progress'], to: 'shut_down' },
    { event: 'accept', from: ['shut_down'], to: 'accepted' },
    // The group's on-site check may also find an accepted site wanting (验收抽查).
    { event: 'reject', from: ['shut_down', 'accepted'], to: 'rejected' },
    // A patrol or a tip confirms production again — after the acceptance, or before the group came.
    { event: 'recur', from: ['shut_down', 'accepted'], to: 'recurred' },
    // Verified not to be a 土小企业, with reason and office approval.
    { event: 'exclude', from: ['surveyed'], to: 'excluded' },
  ],
  refusal: (from, event) => `该企业当前状态为“${statusLabels[from]}”，不能执行“${workflowEventLabels[event]}”`,
});

/** Statuses in which the five standard items may be recorded. */
export const ITEM_EDITABLE_STATUSES: readonly Status[] = ['surveyed', 'in_progress', 'rejected', 'recurred'];

export function itemsEditable(status: Status): boolean {
  return ITEM_EDITABLE_STATUSES.includes(status);
}

export interface ItemProgress {
  state: ItemState;
}

export function itemComplete(item: ItemProgress): boolean {
  return item.state === 'done' || item.state === 'not_applicable';
}

/**
 * The events that recording one of a workshop's items triggers, in order (the first item recorded
 * starts the shutdown, the last completes it). Returns [] when the status does not change.
 */
export function eventsAfterItemRecorded(status: Status, items: readonly ItemProgress[]): WorkflowEvent[] {
  const events: WorkflowEvent[] = [];
  let current = status;
  if (items.some(itemComplete) && canTransition(WORKSHOP_WORKFLOW, current, 'start_shutdown')) {
    events.push('start_shutdown');
    current = applyEvents(WORKSHOP_WORKFLOW, current, ['start_shutdown']);
  }
  if (items.length > 0 && items.every(itemComplete) && canTransition(WORKSHOP_WORKFLOW, current, 'complete_shutdown')) events.push('complete_shutdown');
  return events;
}
