// Evidence packages: a signed, complete copy of a workshop's record and files, for an inspection,
// a penalty case or a court. Reading a workshop is not enough to take one away under the server's
// signature: the roles that act on the evidence may — the office, the leading group, the town for
// its own workshops, the inspectors, the departments (实体取证 for penalty cases) and discipline.
// Village heads and liaison departments read the record on screen but do not package it.
import type { Role } from '../../domain/roles.js';
import { covers, reaches } from './actor.js';
import type { EnterpriseSubject } from './enterprise.js';
import { allow } from './registry.js';

export const PACKAGE_ROLES: readonly Role[] = ['office', 'leader', 'town', 'town_head', 'inspector', 'department', 'discipline'];

/** Subject: the workshop (any status: an excluded or accepted site's evidence still matters). */
allow<EnterpriseSubject>('evidence.package', (actor, e) => covers(actor, e.orgPath, PACKAGE_ROLES));

/** Subject: the town; the actor's packaging grant must cover the whole town. */
allow<{ orgPath: string }>('evidence.townPackage', (actor, town) => covers(actor, town.orgPath, PACKAGE_ROLES));

/** Is the org unit visible to the actor at all (inside its scope, or above it)? Out of sight answers 404. */
allow<{ orgPath: string }>('orgUnit.read', (actor, unit) => reaches(actor, unit.orgPath));

// The public key is public: anyone checking a package needs it, and it reveals nothing.
