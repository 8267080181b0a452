// 巡查 (长效监管). The register's keepers patrol the shut sites of their scope (a village head in their
// own village) and so may confirm a recurrence; the readers of the supervision stage see the patrols
// and the sites due in their scope — a liaison department its paired towns. State-dependent rules
// read the patrol table (domain/workflows/patrol.ts).
import type { Status } from '../../domain/status.js';
import { PATROL_READERS, PATROLLERS } from '../../domain/roles.js';
import { underPatrol } from '../../domain/workflows/patrol.js';
import { covers, hasRole, prefixesOf, type Actor } from '../auth/actor.js';
import { allow } from './registry.js';
import type { UnitSubject } from './subjects.js';

/** The 长效监管 page in the menu. */
allow<null>('supervision.page', (actor) => hasRole(actor, ...PATROL_READERS));
allow<UnitSubject>('patrol.read', (actor, s) => covers(actor, s.orgPath, PATROL_READERS));
/** Subject: the workshop (its path and status). Only a site under patrol (shut down or accepted). */
allow<{ orgPath: string; status: Status }>('patrol.create', (actor, s) => underPatrol(s.status) && covers(actor, s.orgPath, PATROLLERS));
allow<null>('patrol.list', (actor) => hasRole(actor, ...PATROL_READERS));

/** Path prefixes within which the actor sees patrols and the sites due. */
export function patrolPrefixes(actor: Actor): string[] {
  return prefixesOf(actor, PATROL_READERS);
}
/** Patrols somewhere: the agenda's patrol entries. */
allow<null>('patrol.create.any', (actor) => hasRole(actor, ...PATROLLERS));
