// 群众举报. The office triages every public tip (to a town, or sets it aside); the assigned town's staff
// and principal verify and answer it (the office may answer too); leaders read them all. A tip's scope
// path is its assigned town's, or the district's while unassigned — so a town sees only the tips given
// to it. Complaints about management fees are disciplinary clues (selfInspection.ts), never tips.
import { OFFICE, TIP_READERS, TOWN_KEEPERS, TOWN_STAFF } from '../../domain/roles.js';
import type { TipStatus } from '../../domain/tips.js';
import { canTransition } from '../../domain/workflows/workflow.js';
import { TIP_WORKFLOW } from '../../domain/workflows/tip.js';
import { covers, hasRole, prefixesOf, type Actor } from '../auth/actor.js';
import { allow } from './registry.js';

export interface TipSubject {
  /** The assigned town's path, or the district's. */
  orgPath: string;
  status: TipStatus;
}

allow<null>('tip.page', (actor) => hasRole(actor, ...TIP_READERS));
allow<null>('tip.list', (actor) => hasRole(actor, ...TIP_READERS));
allow<TipSubject>('tip.read', (actor, s) => covers(actor, s.orgPath, TIP_READERS));
allow<TipSubject & { rootPath: string }>('tip.assign', (actor, s) => canTransition(TIP_WORKFLOW, s.status, 'assign') && covers(actor, s.rootPath, OFFICE));
allow<TipSubject & { rootPath: string }>('tip.dismiss', (actor, s) => canTransition(TIP_WORKFLOW, s.status, 'dismiss') && covers(actor, s.rootPath, OFFICE));
allow<TipSubject>('tip.answer', (actor, s) => canTransition(TIP_WORKFLOW, s.status, 'answer') && covers(actor, s.orgPath, TOWN_KEEPERS));

/** Triages tips (the agenda's tips to triage). Subject: the campaign's root path. */
allow<string>('tip.assign.any', (actor, rootPath) => covers(actor, rootPath, OFFICE));
/** Answers tips somewhere (the agenda's tips to verify): a town's staff and principal. */
allow<null>('tip.answer.any', (actor) => hasRole(actor, ...TOWN_STAFF));

export function tipPrefixes(actor: Actor): string[] {
  return prefixesOf(actor, TIP_READERS);
}
