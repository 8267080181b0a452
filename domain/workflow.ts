// The workshop status workflow (PRODUCT.md §4) as one table. The server applies transitions only
// through `transition()`; the browser reads the same table to label things, never to decide them.
import type { ItemState, Status } from './status.js';

export const WORKFLOW_EVENTS = [
  'start_shutdown',
  'complete_shutdown',
  'accept',
  'reject',
  'recur',
  'exclude',
] as const;
export type WorkflowEvent = (typeof WORKFLOW_EVENTS)[number];

export interface Transition {
  event: WorkflowEvent;
  from: readonly Status[];
  to: Status;
}

export const TRANSITIONS: readonly Transition[] = [
  // The first standard item recorded starts (or restarts, after rejection or recurrence) the shutdown.
  { event: 'start_shutdown', from: ['surveyed', 'rejected', 'recurred'], to: 'in_progress' },
  // Every item done or justified as not applicable.
  { event: 'complete_shutdown', from: ['in_progress'], to: 'shut_down' },
  { event: 'accept', from: ['shut_down'], to: 'accepted' },
  { event: 'reject', from: ['shut_down'], to: 'rejected' },
  // A patrol or a tip confirms production again.
  { event: 'recur', from: ['accepted'], to: 'recurred' },
  // Verified not to be a 土小企业, with reason and office approval.
  { event: 'exclude', from: ['surveyed'], to: 'excluded' },
];

export function findTransition(from: Status, event: WorkflowEvent): Transition | undefined {
  return TRANSITIONS.find((t) => t.event === event && t.from.includes(from));
}

export function canTransition(from: Status, event: WorkflowEvent): boolean {
  return findTransition(from, event) !== undefined;
}

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
 * The status a workshop reaches after one of its items was recorded: the chain of events the
 * recording triggers, in order. Returns [] when the status does not change.
 */
export function eventsAfterItemRecorded(status: Status, items: readonly ItemProgress[]): WorkflowEvent[] {
  const events: WorkflowEvent[] = [];
  let current = status;
  const anyRecorded = items.some(itemComplete);
  if (anyRecorded && canTransition(current, 'start_shutdown')) {
    events.push('start_shutdown');
    current = 'in_progress';
  }
  if (items.length > 0 && items.every(itemComplete) && canTransition(current, 'complete_shutdown')) {
    events.push('complete_shutdown');
  }
  return events;
}

export function applyEvents(status: Status, events: readonly WorkflowEvent[]): Status {
  let current = status;
  for (const event of events) {
    const t = findTransition(current, event);
    if (!t) throw new Error(`transition ${event} not allowed from ${current}`);
    current = t.to;
  }
  return current;
}
