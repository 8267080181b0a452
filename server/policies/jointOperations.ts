// Joint enforcement (联合执法). A town's keepers (its staff, its principal; the office for any town)
// apply for their town and correct a returned application; the district office approves, returns
// or refuses it, starts and ends the operation; on the day the town's keepers record each
// workshop's result. Everyone whose scope covers the town reads it. State-dependent rules read the
// workflow table.
import { OFFICE, OPERATION_READERS, TOWN_KEEPERS } from '../../domain/roles.js';
import { canTransition } from '../../domain/workflows/workflow.js';
import { JOINT_OPERATION_WORKFLOW, type JointOperationEvent } from '../../domain/workflows/jointOperation.js';
import { covers, hasRole } from '../auth/actor.js';
import { allow } from './registry.js';
import type { JointOperationSubject, UnitSubject } from './subjects.js';

allow<JointOperationSubject>('jointOperation.read', (actor, s) => covers(actor, s.orgPath));
allow<null>('jointOperation.list', (actor) => actor.grants.length > 0);
/** The joint-operations page in the menu: everyone but village heads and administrators. */
allow<null>('jointOperation.page', (actor) => hasRole(actor, ...OPERATION_READERS));
/** Subject: the town applying. */
allow<UnitSubject>('jointOperation.apply', (actor, s) => covers(actor, s.orgPath, TOWN_KEEPERS));
allow<null>('jointOperation.apply.any', (actor) => hasRole(actor, ...TOWN_KEEPERS));
allow<JointOperationSubject>('jointOperation.resubmit', (actor, s) => canTransition(JOINT_OPERATION_WORKFLOW, s.status, 'resubmit') && covers(actor, s.orgPath, TOWN_KEEPERS));
for (const event of ['approve', 'return', 'refuse', 'start', 'complete'] as const satisfies readonly JointOperationEvent[])
  allow<JointOperationSubject>(`jointOperation.${event}`, (actor, s) => canTransition(JOINT_OPERATION_WORKFLOW, s.status, event) && covers(actor, s.orgPath, OFFICE));
allow<JointOperationSubject>('jointOperation.recordResult', (actor, s) => s.status === 'in_progress' && covers(actor, s.orgPath, TOWN_KEEPERS));
