// Self-inspection (自查自纠). 土政策 records: the town keeps its own, the office anywhere, and
// everyone whose scope covers the town reads them. Disciplinary clues: town staff, office and
// discipline may file one, but only the discipline role and the office director may see or act on it.
import type { Role } from '../../domain/roles.js';
import { covers, pathCovered, type Actor, type Grant } from './actor.js';
import { allow } from './registry.js';

export interface TownSubject {
  /** Path of the town the record belongs to. */
  orgPath: string;
}

const POLICY_WRITERS: readonly Role[] = ['office', 'town', 'town_head'];
const CLUE_REPORTERS: readonly Role[] = ['office', 'town', 'town_head', 'discipline'];

allow<null>('selfPolicy.list', (actor) => actor.grants.length > 0);
allow<TownSubject>('selfPolicy.read', (actor, s) => covers(actor, s.orgPath));
allow<TownSubject>('selfPolicy.create', (actor, s) => covers(actor, s.orgPath, POLICY_WRITERS));
allow<TownSubject>('selfPolicy.update', (actor, s) => covers(actor, s.orgPath, POLICY_WRITERS));

/** A grant that may see disciplinary clues: discipline, or the office director's office grant. */
export function isClueGrant(g: Grant): boolean {
  return g.role === 'discipline' || (g.role === 'office' && g.director === true);
}

/** Path prefixes within which the actor sees clues (empty: never). */
export function cluePrefixes(actor: Actor): string[] {
  return [...new Set(actor.grants.filter(isClueGrant).flatMap((g) => g.readPrefixes))];
}

const seesClue = (actor: Actor, s: TownSubject) => pathCovered(cluePrefixes(actor), s.orgPath);

allow<TownSubject>('clue.create', (actor, s) => covers(actor, s.orgPath, CLUE_REPORTERS));
allow<null>('clue.list', (actor) => actor.grants.some(isClueGrant));
allow<TownSubject>('clue.read', seesClue);
allow<TownSubject & { status: string }>('clue.forward', (actor, s) => s.status === 'received' && seesClue(actor, s));
allow<TownSubject & { status: string }>('clue.close', (actor, s) => s.status === 'forwarded' && seesClue(actor, s));
