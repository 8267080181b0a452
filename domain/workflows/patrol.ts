// 巡查 (long-term supervision, notice §二（四）: 杜绝死灰复燃): which workshops are patrolled, and what
// each verdict of a patrol does to the workshop. A patrol has no workflow of its own — it is recorded
// and stays recorded; its verdict names the workshop event it triggers, and the server applies that
// event through the workshop table (workshop.ts), never on its own.
import type { Status } from '../status.js';
import type { WorkflowEvent } from './workshop.js';

/** A site is under patrol while shut down (before or after the acceptance). */
export const PATROLLED_STATUSES = ['shut_down', 'accepted'] as const satisfies readonly Status[];

export const PATROL_VERDICTS = ['holding', 'concern', 'producing'] as const;
export type PatrolVerdict = (typeof PATROL_VERDICTS)[number];

/**
 * What each verdict does. `holding` 保持取缔 and `concern` 发现疑点 (the town follows it up; e.g.
 * equipment brought back, no production yet) move the next patrol's due day; `producing` 恢复生产
 * is 死灰复燃: the workshop recurs, its shutdown reopens, and it leaves the patrol schedule until it
 * is shut down again.
 */
export const PATROL_OUTCOMES: Record<PatrolVerdict, { event: WorkflowEvent | null; reschedules: boolean; findingsRequired: boolean }> = {
  holding: { event: null, reschedules: true, findingsRequired: false },
  concern: { event: null, reschedules: true, findingsRequired: true },
  producing: { event: 'recur', reschedules: false, findingsRequired: true },
};

export function underPatrol(status: Status): boolean {
  return (PATROLLED_STATUSES as readonly Status[]).includes(status);
}
