// 约谈与问责 (issue 17 §6). The office records 约谈 (and what came of them) in its scope; discipline
// (监察局) and the office director record 问责 — the director through the `director` flag on an office
// grant, as for disciplinary clues. Both read every record and the accountability list (问责清单); a
// town's principal reads the records concerning their town; nobody else sees any. A record's scope
// path is its workshop's, or its town's.
import type { AccountabilityLevel } from '../../domain/accountability.js';
import { ACCOUNTABILITY_DECIDERS, ACCOUNTABILITY_OVERSEERS, ACCOUNTABILITY_READERS, INTERVIEWERS } from '../../domain/roles.js';
import { canTransition } from '../../domain/workflows/workflow.js';
import { ACCOUNTABILITY_WORKFLOW, type AccountabilityState } from '../../domain/workflows/accountability.js';
import { covers, hasRole, pathCovered, prefixesOf, type Actor, type Grant } from '../auth/actor.js';
import { allow } from './registry.js';

export interface AccountabilitySubject {
  orgPath: string;
  level: AccountabilityLevel;
}

export interface AccountabilityRecordSubject extends AccountabilitySubject {
  state: AccountabilityState;
}

/** A grant that records 问责: discipline, or the office director's office grant. */
const isDeciderGrant = (g: Grant): boolean => (ACCOUNTABILITY_DECIDERS as readonly string[]).includes(g.role) || (g.role === 'office' && g.director === true);

function decides(actor: Actor, orgPath: string): boolean {
  return pathCovered(actor.grants.filter(isDeciderGrant).flatMap((g) => g.readPrefixes), orgPath);
}

/** Who records a record of this level at `orgPath`: the office for 约谈, discipline and the office director for 问责. */
function records(actor: Actor, s: AccountabilitySubject): boolean {
  return s.level === 'interview' ? covers(actor, s.orgPath, INTERVIEWERS) : decides(actor, s.orgPath);
}

/** The page and the records list: the overseers and the towns' principals. */
allow<null>('accountability.list', (actor) => hasRole(actor, ...ACCOUNTABILITY_READERS));
/** The accountability list (问责清单): the office and discipline. Subject: the campaign's root path. */
allow<null>('accountability.board', (actor) => hasRole(actor, ...ACCOUNTABILITY_OVERSEERS));
allow<{ orgPath: string }>('accountability.read', (actor, s) => covers(actor, s.orgPath, ACCOUNTABILITY_READERS));
allow<AccountabilitySubject>('accountability.create', records);
allow<AccountabilityRecordSubject>('accountability.hold', (actor, s) => canTransition(ACCOUNTABILITY_WORKFLOW, s.state, 'hold') && records(actor, s));
allow<AccountabilityRecordSubject>('accountability.withdraw', (actor, s) => canTransition(ACCOUNTABILITY_WORKFLOW, s.state, 'withdraw') && records(actor, s));

/** Records 约谈 somewhere under `rootPath` (the list's and the page's ability). */
allow<string>('accountability.interview.any', (actor, rootPath) => prefixesOf(actor, INTERVIEWERS).some((p) => p.startsWith(rootPath) || rootPath.startsWith(p)));
/** Records 问责 somewhere under `rootPath`. */
allow<string>('accountability.decide.any', (actor, rootPath) => actor.grants.filter(isDeciderGrant).some((g) => g.readPrefixes.some((p) => p.startsWith(rootPath) || rootPath.startsWith(p))));

/** Path prefixes within which the actor reads 约谈 and 问责 records. */
export function accountabilityPrefixes(actor: Actor): string[] {
  return prefixesOf(actor, ACCOUNTABILITY_READERS);
}
