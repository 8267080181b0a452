// 用电核查. The office imports a town's power account list and confirms it; the flagged accounts of the
// confirmed lists are reviewed by the office and by the town's staff and principal for their town; leaders
// and discipline read. An import and its accounts carry the town's path, so a town sees only its own.
import type { PowerFlag, PowerFlagState, PowerImportStatus } from '../../domain/powerCheck.js';
import { OFFICE, POWER_CHECK_READERS, POWER_CHECK_REVIEWERS } from '../../domain/roles.js';
import { canTransition } from '../../domain/workflows/workflow.js';
import { POWER_FLAG_WORKFLOW, POWER_IMPORT_WORKFLOW, type PowerFlagEvent } from '../../domain/workflows/powerFlag.js';
import { covers, hasRole, prefixesOf, type Actor } from '../auth/actor.js';
import { allow } from './registry.js';

export interface PowerImportSubject {
  /** The town's path. */
  orgPath: string;
  status: PowerImportStatus;
}

export interface PowerFlagSubject {
  orgPath: string;
  flag: PowerFlag | null;
  /** null while its list is a preview, and for an account without a flag. */
  state: PowerFlagState | null;
}

allow<null>('powerCheck.page', (actor) => hasRole(actor, ...POWER_CHECK_READERS));
/** Imports lists somewhere (the upload button). Subject: the campaign's root path. */
allow<string>('powerImport.create.any', (actor, rootPath) => covers(actor, rootPath, OFFICE));
allow<{ orgPath: string }>('powerImport.create', (actor, s) => covers(actor, s.orgPath, OFFICE));
allow<null>('powerImport.list', (actor) => hasRole(actor, ...POWER_CHECK_READERS));
allow<PowerImportSubject>('powerImport.read', (actor, s) => covers(actor, s.orgPath, POWER_CHECK_READERS));
allow<PowerImportSubject>('powerImport.confirm', (actor, s) => canTransition(POWER_IMPORT_WORKFLOW, s.status, 'confirm') && covers(actor, s.orgPath, OFFICE));
allow<PowerImportSubject>('powerImport.discard', (actor, s) => canTransition(POWER_IMPORT_WORKFLOW, s.status, 'discard') && covers(actor, s.orgPath, OFFICE));

allow<null>('powerFlag.list', (actor) => hasRole(actor, ...POWER_CHECK_READERS));
allow<PowerFlagSubject>('powerFlag.read', (actor, s) => covers(actor, s.orgPath, POWER_CHECK_READERS));

const decides = (event: PowerFlagEvent, flags: readonly PowerFlag[]) => (actor: Actor, s: PowerFlagSubject) =>
  s.flag !== null && flags.includes(s.flag) && s.state !== null && canTransition(POWER_FLAG_WORKFLOW, s.state, event) && covers(actor, s.orgPath, POWER_CHECK_REVIEWERS);

allow<PowerFlagSubject>('powerFlag.recur', decides('recur', ['resumed']));
allow<PowerFlagSubject>('powerFlag.register', decides('register', ['unlisted']));
allow<PowerFlagSubject>('powerFlag.dismiss', decides('dismiss', ['resumed', 'unlisted']));

/** Reviews flagged accounts somewhere (the agenda's count). */
allow<null>('powerFlag.review.any', (actor) => hasRole(actor, ...POWER_CHECK_REVIEWERS));

export function powerReviewPrefixes(actor: Actor): string[] {
  return prefixesOf(actor, POWER_CHECK_REVIEWERS);
}

export function powerCheckPrefixes(actor: Actor): string[] {
  return prefixesOf(actor, POWER_CHECK_READERS);
}
