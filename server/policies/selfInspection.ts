// Self-inspection (自查自纠). 土政策 records: the town keeps its own, the office anywhere, and
// everyone whose scope covers the town reads them. Disciplinary clues: town staff, office and
// discipline may file one, but only the discipline role and the office director may see or act on it.
import { CLUE_REPORTERS, SELF_INSPECTION_READERS, TOWN_KEEPERS } from '../../domain/roles.js';
import { canTransition } from '../../domain/workflows/workflow.js';
import { CLUE_WORKFLOW, type ClueStatus } from '../../domain/workflows/clue.js';
import { covers, hasRole, pathCovered, type Actor, type Grant } from '../auth/actor.js';
import { allow } from './registry.js';
import type { ClueSubject, UnitSubject } from './subjects.js';

/** The self-inspection page (土政策 and clues): who works with these records at all. */
allow<null>('selfInspection.open', (actor) => hasRole(actor, ...SELF_INSPECTION_READERS));

allow<null>('selfPolicy.list', (actor) => actor.grants.length > 0);
allow<UnitSubject>('selfPolicy.read', (actor, s) => covers(actor, s.orgPath));
allow<UnitSubject>('selfPolicy.create', (actor, s) => covers(actor, s.orgPath, TOWN_KEEPERS));
allow<null>('selfPolicy.create.any', (actor) => hasRole(actor, ...TOWN_KEEPERS));
allow<UnitSubject>('selfPolicy.update', (actor, s) => covers(actor, s.orgPath, TOWN_KEEPERS));

/** The office director's office grant: sees clues and forwards them to the discipline department. */
const isClueForwarderGrant = (g: Grant): boolean => g.role === 'office' && g.director === true;

/** A grant that may see disciplinary clues: discipline, or the office director's office grant. */
export function isClueGrant(g: Grant): boolean {
  return g.role === 'discipline' || isClueForwarderGrant(g);
}

/** Path prefixes within which the actor's grants that pass `which` see clues (empty: never). */
export function cluePrefixes(actor: Actor, which: (g: Grant) => boolean = isClueGrant): string[] {
  return [...new Set(actor.grants.filter(which).flatMap((g) => g.readPrefixes))];
}

const seesClue = (actor: Actor, s: UnitSubject) => pathCovered(cluePrefixes(actor), s.orgPath);
/**
 * Forwarding sends a clue to the campaign's discipline department, which is who the discipline role
 * is: only the office director forwards; the discipline role is never offered to forward to itself.
 */
const forwardsClue = (actor: Actor, s: UnitSubject) => pathCovered(cluePrefixes(actor, isClueForwarderGrant), s.orgPath);

allow<UnitSubject>('clue.create', (actor, s) => covers(actor, s.orgPath, CLUE_REPORTERS));
allow<null>('clue.create.any', (actor) => hasRole(actor, ...CLUE_REPORTERS));
allow<null>('clue.list', (actor) => actor.grants.some(isClueGrant));
allow<UnitSubject>('clue.read', seesClue);
allow<ClueSubject>('clue.forward', (actor, s) => canTransition(CLUE_WORKFLOW, s.status as ClueStatus, 'forward') && forwardsClue(actor, s));
allow<ClueSubject>('clue.close', (actor, s) => canTransition(CLUE_WORKFLOW, s.status as ClueStatus, 'close') && seesClue(actor, s));
