// Cases (违法案件). The departments the campaign definition says record cases record them anywhere in
// their scope, and the office anywhere; the recording department (and the office) add the penalty and
// transfer the case. Cases are seen by those departments, the departments that receive crime
// transfers (the police), the town concerned, the office, the leaders and discipline. A transfer to
// the police is signed for by the receiving department; a transfer to discipline is a clue: only
// discipline and the office director see it and sign for it, and the department that made it.
import type { CaseParties } from '../../domain/cases.js';
import { CASE_READERS, DEPARTMENTS, OFFICE, type Role } from '../../domain/roles.js';
import { covers, pathCovered, prefixesOf, type Actor, type Grant } from '../auth/actor.js';
import { allow } from './registry.js';
import { cluePrefixes } from './selfInspection.js';
import type { CaseSubject, CaseTransferSubject } from './subjects.js';

/** The actor's department grants whose department is one of `codes`. */
const departmentGrants = (actor: Actor, codes: readonly string[]): Grant[] =>
  actor.grants.filter((g) => (DEPARTMENTS as readonly Role[]).includes(g.role) && g.departmentCode !== null && codes.includes(g.departmentCode));

const asDepartment = (actor: Actor, codes: readonly string[], path: string) => departmentGrants(actor, codes).some((g) => pathCovered(g.readPrefixes, path));

/** The recording department itself (its users), on this case's workshop. */
const isRecordingDepartment = (actor: Actor, s: CaseSubject) => s.departmentCode !== null && asDepartment(actor, [s.departmentCode], s.orgPath);

const keepsCase = (actor: Actor, s: CaseSubject) => covers(actor, s.orgPath, OFFICE) || isRecordingDepartment(actor, s);

allow<CaseSubject>('case.read', (actor, s) => covers(actor, s.orgPath, CASE_READERS) || asDepartment(actor, [...s.recorders, ...s.receivers], s.orgPath));
allow<CaseSubject>('case.create', (actor, s) => covers(actor, s.orgPath, OFFICE) || asDepartment(actor, s.recorders, s.orgPath));
allow<CaseSubject>('case.update', keepsCase);
allow<CaseSubject>('case.transfer', keepsCase);
allow<null>('case.list', (actor) => actor.grants.length > 0);
/** The cases page in the menu. Subject: the recording and receiving departments. */
allow<{ recorders: readonly string[]; receivers: readonly string[] }>(
  'case.page',
  (actor, s) => prefixesOf(actor, CASE_READERS).length > 0 || departmentGrants(actor, [...s.recorders, ...s.receivers]).length > 0,
);

/** Whether the actor sees that a case went to discipline: discipline, the office director, the department that transferred it. */
export function seesDisciplineTransfer(actor: Actor, s: CaseSubject): boolean {
  return pathCovered(cluePrefixes(actor), s.orgPath) || isRecordingDepartment(actor, s);
}

/** Signing for a transfer: the receiving police department; for discipline, who sees clues. */
allow<CaseTransferSubject>('case.acknowledge', (actor, s) =>
  s.kind === 'police' ? asDepartment(actor, [s.toCode], s.orgPath) : pathCovered(cluePrefixes(actor), s.orgPath),
);

/** Path prefixes within which the actor sees cases. */
export function casePrefixes(actor: Actor, recorders: readonly string[], receivers: readonly string[]): string[] {
  return [...new Set([...prefixesOf(actor, CASE_READERS), ...departmentGrants(actor, [...recorders, ...receivers]).flatMap((g) => g.readPrefixes)])];
}

/** The policy subject of a case (or of one about to be recorded: no department yet). */
export const caseSubjectOf = (r: { org_path: string; department_code: string | null }, who: CaseParties): CaseSubject => ({
  orgPath: r.org_path,
  departmentCode: r.department_code || null,
  recorders: who.recorders,
  receivers: who.receivers,
});
