// Actors built by hand for the unit tests of policies and presenters (no database, no session).
import type { Role } from '../../domain/roles.js';
import type { Actor, Grant } from '../auth/actor.js';

/** A grant of `role` reading the org-unit paths `readPrefixes`. */
export function testGrant(role: Role, readPrefixes: string[], extra: Partial<Grant> = {}): Grant {
  return { role, orgUnitId: null, orgUnitName: null, departmentId: null, departmentCode: null, departmentName: null, readPrefixes, ...extra };
}

/** A user holding `grants`. */
export function testActor(...grants: Grant[]): Actor {
  return { id: 1, username: 'u', displayName: 'u', grants };
}
