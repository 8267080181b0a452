// Truck interceptions (运输车辆查处). The departments the campaign definition says record them (the
// transport bureau, the traffic police) and the office record them; those departments, the office and
// the leaders see them all; a town's keepers see those bound for their town.
import { DEPARTMENTS, INTERCEPTION_OVERSEERS, OFFICE, TOWN_KEEPERS, type Role } from '../../domain/roles.js';
import { covers, hasRole, prefixesOf, type Actor } from '../auth/actor.js';
import { allow } from './registry.js';
import type { InterceptionSubject } from './subjects.js';

const isRecorder = (actor: Actor, recorders: readonly string[]) =>
  actor.grants.some((g) => (DEPARTMENTS as readonly Role[]).includes(g.role) && g.departmentCode !== null && recorders.includes(g.departmentCode));

/** Whether the actor sees every interception (a recording department, the office, a leader). */
export function seesAllInterceptions(actor: Actor, recorders: readonly string[]): boolean {
  return isRecorder(actor, recorders) || hasRole(actor, ...INTERCEPTION_OVERSEERS);
}

/** The town paths whose inbound interceptions the actor sees besides (a town's keepers). */
export function interceptionTownPrefixes(actor: Actor): string[] {
  return prefixesOf(actor, TOWN_KEEPERS);
}

allow<InterceptionSubject>(
  'interception.read',
  (actor, s) => seesAllInterceptions(actor, s.recorders) || (s.destinationPath !== null && covers(actor, s.destinationPath, TOWN_KEEPERS)),
);
allow<{ recorders: readonly string[] }>('interception.create', (actor, s) => isRecorder(actor, s.recorders) || hasRole(actor, ...OFFICE));
allow<null>('interception.list', (actor) => actor.grants.length > 0);
/** The interceptions page in the menu. */
allow<{ recorders: readonly string[] }>('interception.page', (actor, s) => seesAllInterceptions(actor, s.recorders) || interceptionTownPrefixes(actor).length > 0);
