// The department request workflow (部门协办请求, notice 三（二）; issue 14): a town (or the office) asks
// the department whose duty a standard item is (the campaign definition says which: cutting power,
// sealing a well, …) to act on one workshop. The department accepts it or returns it with a reason,
// schedules it, and confirms it with its own evidence; the confirmation records the item done.
// A returned request is finished: the town corrects what it knows and asks again (a new request).
import { defineWorkflow } from './workflow.js';

export const DEPARTMENT_REQUEST_STATUSES = ['requested', 'accepted', 'scheduled', 'returned', 'confirmed'] as const;
export type DepartmentRequestStatus = (typeof DEPARTMENT_REQUEST_STATUSES)[number];

export const DEPARTMENT_REQUEST_EVENTS = ['accept', 'return', 'schedule', 'confirm'] as const;
export type DepartmentRequestEvent = (typeof DEPARTMENT_REQUEST_EVENTS)[number];

/** Who acts on each event: the requested department, never the requester. */
export const DEPARTMENT_REQUEST_ACTOR: Record<DepartmentRequestEvent, 'department'> = {
  accept: 'department',
  return: 'department',
  schedule: 'department',
  confirm: 'department',
};

/** Statuses in which the request still waits on the department (its queue; 待办). */
export const OPEN_DEPARTMENT_REQUEST_STATUSES: readonly DepartmentRequestStatus[] = ['requested', 'accepted', 'scheduled'];

export const DEPARTMENT_REQUEST_WORKFLOW = defineWorkflow<DepartmentRequestStatus, DepartmentRequestEvent>({
  subject: '协办请求',
  statuses: DEPARTMENT_REQUEST_STATUSES,
  events: DEPARTMENT_REQUEST_EVENTS,
  transitions: [
    { event: 'accept', from: ['requested'], to: 'accepted' },
    // Returned with a reason: before work starts, or once the department finds it cannot act (wrong meter, no access).
    { event: 'return', from: ['requested', 'accepted', 'scheduled'], to: 'returned' },
    // Scheduling again moves the date.
    { event: 'schedule', from: ['accepted', 'scheduled'], to: 'scheduled' },
    { event: 'confirm', from: ['accepted', 'scheduled'], to: 'confirmed' },
  ],
  refusal: (from, event) => {
    if (from === 'returned') return '该请求已退回，请镇街补充情况后重新提出';
    if (from === 'confirmed') return '该请求已确认完成';
    if (event === 'accept') return '该请求已受理';
    return '请先受理该请求';
  },
});
