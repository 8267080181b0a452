// Department requests (部门协办请求). A town's keepers (its staff, its principal) and the office ask
// a department to act on a workshop's item of that department's duty while the items can still
// change; only the requested department acts on the request (the workflow table says which event
// when). The requesting town, the liaison departments paired with it, the office and the district's
// readers see the requests on the workshops of their scope; a department's users see the requests
// addressed to their department, and no other department's.
import { DEPARTMENTS, REQUEST_QUEUE_USERS, REQUEST_READERS, TOWN_KEEPERS, type Role } from '../../domain/roles.js';
import { canTransition } from '../../domain/workflows/workflow.js';
import { DEPARTMENT_REQUEST_WORKFLOW, type DepartmentRequestEvent } from '../../domain/workflows/departmentRequest.js';
import { itemsEditable } from '../../domain/workflows/workshop.js';
import { covers, hasRole, pathCovered, type Actor } from '../auth/actor.js';
import { allow } from './registry.js';
import type { DepartmentRequestSubject, ItemSubject } from './subjects.js';

/** Does the actor work for the request's department, with the workshop in that grant's scope? */
const isRequestedDepartment = (actor: Actor, s: DepartmentRequestSubject) =>
  actor.grants.some((g) => (DEPARTMENTS as readonly Role[]).includes(g.role) && g.departmentId === s.departmentId && pathCovered(g.readPrefixes, s.orgPath));

allow<DepartmentRequestSubject>('departmentRequest.read', (actor, s) => covers(actor, s.orgPath, REQUEST_READERS) || isRequestedDepartment(actor, s));

/** Subject: the item (of a department's duty) on the workshop. */
allow<ItemSubject>('departmentRequest.create', (actor, s) => s.itemDepartments.length > 0 && itemsEditable(s.enterprise.status) && covers(actor, s.enterprise.orgPath, TOWN_KEEPERS));

for (const event of ['accept', 'return', 'schedule', 'confirm'] as const satisfies readonly DepartmentRequestEvent[])
  allow<DepartmentRequestSubject>(
    `departmentRequest.${event}`,
    (actor, s) => canTransition(DEPARTMENT_REQUEST_WORKFLOW, s.status, event) && (event !== 'confirm' || itemsEditable(s.enterpriseStatus)) && isRequestedDepartment(actor, s),
  );

// The queue: open to every signed-in user, cut to what they see in SQL.
allow<null>('departmentRequest.queue', (actor) => actor.grants.length > 0);
/** Does the user act on requests (a department): their home page and menu lead with the queue. */
allow<null>('departmentRequest.act.any', (actor) => hasRole(actor, ...DEPARTMENTS));
/** Does the user see requests of several towns or departments (the queue page in the menu)? */
allow<null>('departmentRequest.queue.page', (actor) => hasRole(actor, ...REQUEST_QUEUE_USERS));
