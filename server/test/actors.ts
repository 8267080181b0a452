// Actors for the unit tests of policies and presenters: a grant is a role over path prefixes, with
// nothing else set unless the test names it.
import type { Role } from '../../domain/roles.js';
import type { Actor, Grant } from '../auth/actor.js';

export function grant(role: Role, readPrefixes: string[], extra: Partial<Grant> = {}): Grant {
  return { role, orgUnitId: null, orgUnitName: null, departmentId: null, departmentCode: null, departmentName: null, readPrefixes, director: false, ...extra };
}

export const actorWith = (...grants: Grant[]): Actor => ({ id: 1, username: 'u', displayName: 'u', grants });
