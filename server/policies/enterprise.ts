import type { Status } from '../../domain/status.js';
import { itemsEditable } from '../../domain/workflow.js';
import type { Role } from '../../domain/roles.js';
import { covers, type Actor } from './actor.js';
import { allow } from './registry.js';

export interface EnterpriseSubject {
  orgPath: string;
  status: Status;
}

export interface ItemSubject {
  enterprise: EnterpriseSubject;
  /** Department codes that execute this standard item (empty: the town does it). */
  itemDepartments: readonly string[];
}

/** Roles that keep the register: the office anywhere, towns and villages in their own area. */
export const REGISTER_ROLES: readonly Role[] = ['office', 'town', 'town_head', 'village'];

const inJurisdiction = (actor: Actor, e: EnterpriseSubject) => covers(actor, e.orgPath);

allow<EnterpriseSubject>('enterprise.read', inJurisdiction);

/** Subject for create: the path of the town or village the new workshop will sit in. */
allow<{ orgPath: string }>('enterprise.create', (actor, s) => covers(actor, s.orgPath, REGISTER_ROLES));

allow<EnterpriseSubject>(
  'enterprise.update',
  (actor, e) => e.status !== 'excluded' && covers(actor, e.orgPath, REGISTER_ROLES),
);

allow<ItemSubject>(
  'enterprise.recordItem',
  (actor, s) => itemsEditable(s.enterprise.status) && covers(actor, s.enterprise.orgPath, REGISTER_ROLES),
);
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
  (actor, e) => e.status === 'shut_down' && covers(actor, e.orgPath, ['inspector']),
);

allow<EnterpriseSubject>(
  'enterprise.exclude',
  (actor, e) => e.status === 'surveyed' && covers(actor, e.orgPath, ['office']),
);

allow<EnterpriseSubject>(
  'enterprise.recur',
  (actor, e) => e.status === 'accepted' && covers(actor, e.orgPath, REGISTER_ROLES),
);

allow<EnterpriseSubject>('enterprise.history', inJurisdiction);
