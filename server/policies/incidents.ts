// Obstruction incidents (阻碍执法事件). The police — the departments the campaign definition says
// record incidents — record and update them anywhere in their scope; a town's keepers record them on
// their workshops and the office anywhere (the office also updates). Only the police, the town
// concerned and the office see them: no other department, no village head.
import { DEPARTMENTS, INCIDENT_READERS, OFFICE, TOWN_KEEPERS, type Role } from '../../domain/roles.js';
import { covers, pathCovered, prefixesOf, type Actor, type Grant } from '../auth/actor.js';
import { allow } from './registry.js';
import type { IncidentSubject } from './subjects.js';

/** The actor's grants as a department that records incidents. */
const recorderGrants = (actor: Actor, recorders: readonly string[]): Grant[] =>
  actor.grants.filter((g) => (DEPARTMENTS as readonly Role[]).includes(g.role) && g.departmentCode !== null && recorders.includes(g.departmentCode));

const asRecorder = (actor: Actor, s: IncidentSubject) => recorderGrants(actor, s.recorders).some((g) => pathCovered(g.readPrefixes, s.orgPath));

allow<IncidentSubject>('incident.read', (actor, s) => covers(actor, s.orgPath, INCIDENT_READERS) || asRecorder(actor, s));
allow<IncidentSubject>('incident.create', (actor, s) => covers(actor, s.orgPath, TOWN_KEEPERS) || asRecorder(actor, s));
allow<IncidentSubject>('incident.update', (actor, s) => covers(actor, s.orgPath, OFFICE) || asRecorder(actor, s));
allow<null>('incident.list', (actor) => actor.grants.length > 0);
/** The incidents page in the menu: the police, the towns' keepers and the office. Subject: the recording departments. */
allow<{ recorders: readonly string[] }>('incident.page', (actor, s) => prefixesOf(actor, INCIDENT_READERS).length > 0 || recorderGrants(actor, s.recorders).length > 0);

/** Path prefixes within which the actor sees incidents. */
export function incidentPrefixes(actor: Actor, recorders: readonly string[]): string[] {
  return [...new Set([...prefixesOf(actor, INCIDENT_READERS), ...recorderGrants(actor, recorders).flatMap((g) => g.readPrefixes)])];
}
