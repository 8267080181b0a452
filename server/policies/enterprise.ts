// Workshops (企业) and their standard items. State-dependent actions read the workflow table:
// a verdict only on a shut-down workshop, an exclusion only of one just surveyed, and so on.
import { DEPARTMENTS, INSPECTORS, OFFICE, REGISTER_KEEPERS, type Role } from '../../domain/roles.js';
import { canTransition } from '../../domain/workflows/workflow.js';
import { itemsEditable, WORKSHOP_WORKFLOW } from '../../domain/workflows/workshop.js';
import { covers, hasRole, pathCovered, type Actor, type Grant } from '../auth/actor.js';
import { allow } from './registry.js';
import type { EnterpriseSubject, ItemSubject, UnitSubject } from './subjects.js';

const inJurisdiction = (actor: Actor, e: EnterpriseSubject) => covers(actor, e.orgPath);

allow<EnterpriseSubject>('enterprise.read', inJurisdiction);
allow<EnterpriseSubject>('enterprise.history', inJurisdiction);

/** Subject: the town or village the new (or moved) workshop will sit in. */
allow<UnitSubject>('enterprise.create', (actor, s) => covers(actor, s.orgPath, REGISTER_KEEPERS));

allow<EnterpriseSubject>('enterprise.update', (actor, e) => e.status !== 'excluded' && covers(actor, e.orgPath, REGISTER_KEEPERS));

allow<ItemSubject>('enterprise.recordItem', (actor, s) => itemsEditable(s.enterprise.status) && covers(actor, s.enterprise.orgPath, REGISTER_KEEPERS));
/** The actor's grants as an executing department (职能部门), each with its department's code. */
export function dutyGrants(actor: Actor): (Grant & { departmentCode: string })[] {
  return actor.grants.filter((g): g is Grant & { departmentCode: string } => (DEPARTMENTS as readonly Role[]).includes(g.role) && g.departmentCode !== null);
}

/** The standard items the actor executes as a department (the rule below), in the campaign's order. */
export function dutyItemCodes(actor: Actor, items: readonly { code: string; departments: readonly string[] }[]): string[] {
  const grants = dutyGrants(actor);
  return items.filter((i) => grants.some((g) => i.departments.includes(g.departmentCode))).map((i) => i.code);
}

// A department acts on the items of its duty anywhere in its scope (e.g. the power office cuts power).
allow<ItemSubject>(
  'enterprise.recordItem',
  (actor, s) =>
    itemsEditable(s.enterprise.status) &&
    dutyGrants(actor).some((g) => s.itemDepartments.includes(g.departmentCode) && pathCovered(g.readPrefixes, s.enterprise.orgPath)),
);

allow<EnterpriseSubject>(
  'enterprise.verdict',
  (actor, e) => (canTransition(WORKSHOP_WORKFLOW, e.status, 'accept') || canTransition(WORKSHOP_WORKFLOW, e.status, 'reject')) && covers(actor, e.orgPath, INSPECTORS),
);
/** Whether the actor gives verdicts somewhere in their scope (the acceptance group's agenda). */
allow<null>('enterprise.verdict.any', (actor) => hasRole(actor, ...INSPECTORS));
allow<EnterpriseSubject>('enterprise.exclude', (actor, e) => canTransition(WORKSHOP_WORKFLOW, e.status, 'exclude') && covers(actor, e.orgPath, OFFICE));
allow<EnterpriseSubject>('enterprise.recur', (actor, e) => canTransition(WORKSHOP_WORKFLOW, e.status, 'recur') && covers(actor, e.orgPath, REGISTER_KEEPERS));


/** 改头换面: the shut sites the workshop may be — whoever reads the workshop (the sites listed are cut to their scope too). */
allow<EnterpriseSubject>('enterprise.sameSite', inJurisdiction);
/** Confirming or dismissing one: the register's keepers, as for any change of the workshop's record. */
allow<EnterpriseSubject>('enterprise.decideSameSite', (actor, e) => e.status !== 'excluded' && covers(actor, e.orgPath, REGISTER_KEEPERS));
