// The joint enforcement workflow (联合执法, notice 二（二）; issue 14): a town that cannot shut its
// workshops alone applies to the district (why, which workshops, a proposed date); the office
// approves, returns it for changes, or refuses it, each with a reason; an approved operation gets
// its team, date and the town's machinery, is carried out workshop by workshop (联合作战、逐个清理),
// and is closed when every workshop on it has its result.
import { defineWorkflow } from './workflow.js';

export const JOINT_OPERATION_STATUSES = ['applied', 'returned', 'refused', 'approved', 'in_progress', 'completed'] as const;
export type JointOperationStatus = (typeof JOINT_OPERATION_STATUSES)[number];

export const JOINT_OPERATION_EVENTS = ['resubmit', 'approve', 'return', 'refuse', 'start', 'complete'] as const;
export type JointOperationEvent = (typeof JOINT_OPERATION_EVENTS)[number];

/** Who acts on each event: the applying town, or the district office. */
export const JOINT_OPERATION_ACTOR: Record<JointOperationEvent, 'town' | 'office'> = {
  resubmit: 'town',
  approve: 'office',
  return: 'office',
  refuse: 'office',
  start: 'office',
  complete: 'office',
};

export const JOINT_OPERATION_WORKFLOW = defineWorkflow<JointOperationStatus, JointOperationEvent>({
  subject: '联合执法申请',
  statuses: JOINT_OPERATION_STATUSES,
  events: JOINT_OPERATION_EVENTS,
  transitions: [
    { event: 'approve', from: ['applied'], to: 'approved' },
    { event: 'return', from: ['applied'], to: 'returned' },
    { event: 'refuse', from: ['applied'], to: 'refused' },
    { event: 'resubmit', from: ['returned'], to: 'applied' },
    { event: 'start', from: ['approved'], to: 'in_progress' },
    { event: 'complete', from: ['in_progress'], to: 'completed' },
  ],
  refusal: (from, event) => {
    if (from === 'refused') return '该申请已不予批准';
    if (from === 'completed') return '该联合执法行动已结束';
    if (event === 'resubmit') return '只有退回修改的申请才能重新提交';
    if (event === 'start') return '申请批准后才能开始行动';
    if (event === 'complete') return '行动开始后才能结束';
    return '该申请已处理，不能重复审批';
  },
});
