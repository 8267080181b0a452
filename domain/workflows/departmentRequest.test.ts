import { describe, expect, it } from 'vitest';
import { DEPARTMENT_REQUEST_STATUSES, DEPARTMENT_REQUEST_WORKFLOW, OPEN_DEPARTMENT_REQUEST_STATUSES } from './departmentRequest.js';
import { JOINT_OPERATION_STATUSES, JOINT_OPERATION_WORKFLOW } from './jointOperation.js';
import { applyEvents, canTransition, transitionPairs } from './workflow.js';

describe('the department request workflow (部门协办请求)', () => {
  it('goes requested → accepted → scheduled → confirmed, and may be returned until it is confirmed', () => {
    expect(applyEvents(DEPARTMENT_REQUEST_WORKFLOW, 'requested', ['accept', 'schedule', 'schedule', 'confirm'])).toBe('confirmed');
    expect(applyEvents(DEPARTMENT_REQUEST_WORKFLOW, 'requested', ['accept', 'confirm'])).toBe('confirmed');
    for (const s of DEPARTMENT_REQUEST_STATUSES) expect(canTransition(DEPARTMENT_REQUEST_WORKFLOW, s, 'return'), s).toBe(OPEN_DEPARTMENT_REQUEST_STATUSES.includes(s));
    expect(canTransition(DEPARTMENT_REQUEST_WORKFLOW, 'requested', 'confirm')).toBe(false);
    expect(transitionPairs(DEPARTMENT_REQUEST_WORKFLOW)).toHaveLength(8);
  });

  it('says in Chinese why a finished request cannot move', () => {
    expect(DEPARTMENT_REQUEST_WORKFLOW.refusal('returned', 'accept')).toContain('重新提出');
    expect(DEPARTMENT_REQUEST_WORKFLOW.refusal('confirmed', 'return')).toBe('该请求已确认完成');
    expect(DEPARTMENT_REQUEST_WORKFLOW.refusal('requested', 'confirm')).toBe('请先受理该请求');
  });
});

describe('the joint enforcement workflow (联合执法)', () => {
  it('is approved, returned for changes or refused by the office, then carried out and closed', () => {
    expect(applyEvents(JOINT_OPERATION_WORKFLOW, 'applied', ['return', 'resubmit', 'approve', 'start', 'complete'])).toBe('completed');
    for (const s of JOINT_OPERATION_STATUSES) expect(canTransition(JOINT_OPERATION_WORKFLOW, s, 'approve'), s).toBe(s === 'applied');
    expect(canTransition(JOINT_OPERATION_WORKFLOW, 'refused', 'resubmit')).toBe(false);
    expect(JOINT_OPERATION_WORKFLOW.refusal('approved', 'approve')).toBe('该申请已处理，不能重复审批');
  });
});
