// Remarks on a workshop (帮包意见与督办). Whoever sees the workshop sees its remarks. A liaison
// department comments on and escalates the workshops of its paired towns (its scope is those towns),
// the office anywhere; the town's staff comment on their own workshops (replies) and answer the
// escalations, which closes them. Village heads, departments, inspectors, leaders and discipline
// read. State-dependent: only an open escalation can be answered (the workflow table).
import { ESCALATORS, REMARKERS, TOWN_STAFF } from '../../domain/roles.js';
import { canTransition } from '../../domain/workflows/workflow.js';
import { ESCALATION_WORKFLOW } from '../../domain/workflows/escalation.js';
import { covers, hasRole, type Actor, type Grant } from '../auth/actor.js';
import { allow, can } from './registry.js';
import type { EscalationSubject, RemarkSubject, UnitSubject } from './subjects.js';

/** Subject: the workshop (its path). */
allow<UnitSubject>('remark.read', (actor, s) => covers(actor, s.orgPath));
allow<RemarkSubject>('remark.create', (actor, s) => covers(actor, s.orgPath, s.kind === 'escalation' ? ESCALATORS : REMARKERS));
allow<EscalationSubject>('remark.answer', (actor, s) => canTransition(ESCALATION_WORKFLOW, s.status, 'answer') && covers(actor, s.orgPath, TOWN_STAFF));

// The open escalations in the user's scope (a to-do list): open to every signed-in user, cut to the scope in SQL.
allow<null>('remark.openList', (actor) => actor.grants.length > 0);
/** Does the user answer escalations somewhere (a town's staff): the home page's to-do card. */
allow<null>('remark.answer.any', (actor) => hasRole(actor, ...TOWN_STAFF));

/**
 * The grant in whose name the actor does `action` to `subject` (the first that allows it alone), to
 * say which unit a remark or an answer comes from; undefined when none does.
 */
export function actingGrant<S>(actor: Actor, action: string, subject: S): Grant | undefined {
  return actor.grants.find((g) => can({ ...actor, grants: [g] }, action, subject));
}
