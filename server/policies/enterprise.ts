// Workshops (企业) and their standard items. State-dependent actions read the workflow table:
// a verdict only on a shut-down workshop, an exclusion only of one just surveyed, and so on.
import { INSPECTORS, OFFICE, REGISTER_KEEPERS } from '../../domain/roles.js';
import { canTransition } from '../../domain/workflows/workflow.js';
import { itemsEditable, WORKSHOP_WORKFLOW } from '../../domain/workflows/workshop.js';
import { covers, type Actor } from '../auth/actor.js';
import { allow } from './registry.js';
import type { EnterpriseSubject, ItemSubject, UnitSubject } from './subjects.js';

const inJurisdiction = (actor: Actor, e: EnterpriseSubject) => covers(actor, e.orgPath);

allow<EnterpriseSubject>('enterprise.read', inJurisdiction);
allow<EnterpriseSubject>('enterprise.history', inJurisdiction);

/** Subject: the town or village the new (or moved) workshop will sit in. */
allow<UnitSubject>('enterprise.create', (actor, s) => covers(actor, s.orgPath, REGISTER_KEEPERS));

allow<EnterpriseSubject>('enterprise.update', (actor, e) => e.status !== 'excluded' && covers(actor, e.orgPath, REGISTER_KEEPERS));

allow<ItemSubject>('enterprise.recordItem', (actor, s) => itemsEditable(s.enterprise.status) && covers(actor, s.enterprise.orgPath, REGISTER_KEEPERS));
// A department acts on the items of its duty anywhere in its scope (e.g. the power office cuts power).
allow<ItemSubject>(
  'enterprise.recordItem',
  (actor, s) =>
    itemsEditable(s.enterprise.status) &&
    actor.grants.some(
      (g) =>
        g.role === 'department' &&
        g.departmentCode !== null &&
        s.itemDepartments.includes(g.departmentCode) &&
        g.readPrefixes.some((p) => s.enterprise.orgPath.startsWith(p)),
    ),
);

allow<EnterpriseSubject>(
  'enterprise.verdict',
  (actor, e) => (canTransition(WORKSHOP_WORKFLOW, e.status, 'accept') || canTransition(WORKSHOP_WORKFLOW, e.status, 'reject')) && covers(actor, e.orgPath, INSPECTORS),
);
allow<EnterpriseSubject>('enterprise.exclude', (actor, e) => canTransition(WORKSHOP_WORKFLOW, e.status, 'exclude') && covers(actor, e.orgPath, OFFICE));
allow<EnterpriseSubject>('enterprise.recur', (actor, e) => canTransition(WORKSHOP_WORKFLOW, e.status, 'recur') && covers(actor, e.orgPath, REGISTER_KEEPERS));

