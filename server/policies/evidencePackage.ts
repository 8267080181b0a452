// Evidence packages: a signed, complete copy of a workshop's record and files, for an inspection,
// a penalty case or a court. Reading a workshop is not enough to take one away under the server's
// signature: the roles that act on the evidence may (EVIDENCE_PACKAGERS). Village heads and
// liaison departments read the record on screen but do not package it.
import { EVIDENCE_PACKAGERS } from '../../domain/roles.js';
import { covers } from '../auth/actor.js';
import { allow } from './registry.js';
import type { EnterpriseSubject, UnitSubject } from './subjects.js';

/** Subject: the workshop (any status: an excluded or accepted site's evidence still matters). */
allow<EnterpriseSubject>('evidence.package', (actor, e) => covers(actor, e.orgPath, EVIDENCE_PACKAGERS));

/** Subject: the town; the actor's packaging grant must cover the whole town. */
allow<UnitSubject>('evidence.townPackage', (actor, town) => covers(actor, town.orgPath, EVIDENCE_PACKAGERS));

// The public key is public: anyone checking a package needs it, and it reveals nothing.
