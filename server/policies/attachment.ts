// Evidence files. Who may add (or replace, or re-caption) a file is who may change the record it
// documents; who may see it is who may see that record. Out of scope answers 404 as everywhere.
// A clue's files follow the clue: only the discipline role and the office director, in scope.
// An interception's photos follow the interception.
import { FIELD_EVIDENCE_TAKERS, TOWN_KEEPERS } from '../../domain/roles.js';
import { covers, type Actor } from '../auth/actor.js';
import { allow, can } from './registry.js';
import type { AttachmentReadSubject, EvidenceSubject, UploadSubject } from './subjects.js';

// A standard item's evidence: whoever may record that item (the town, its villages and the office
// in scope; the executing department anywhere in its scope), while the items are editable.
allow<EvidenceSubject>(
  'evidence.upload',
  (actor, s) => s.recordType === 'item' && can(actor, 'enterprise.recordItem', { enterprise: s.enterprise, itemDepartments: s.itemDepartments }),
);
// A workshop's own evidence (e.g. the site as surveyed): whoever keeps its register, the
// departments' 实体取证 and the inspection group's 现场检查 in their scope.
allow<EvidenceSubject>('evidence.upload', (actor, s) => s.recordType === 'enterprise' && can(actor, 'enterprise.update', s.enterprise));
allow<EvidenceSubject>(
  'evidence.upload',
  (actor, s) => s.recordType === 'enterprise' && s.enterprise.status !== 'excluded' && covers(actor, s.enterprise.orgPath, FIELD_EVIDENCE_TAKERS),
);

// A clue's files: whoever may read the clue, until it is closed (its record is then final).
allow<EvidenceSubject>('evidence.upload', (actor, s) => s.recordType === 'clue' && s.clue.status !== 'closed' && can(actor, 'clue.read', { orgPath: s.clue.orgPath }));

// An interception's photos: the departments that record interceptions and the office, on one they see.
allow<EvidenceSubject>(
  'evidence.upload',
  (actor, s) => s.recordType === 'interception' && can(actor, 'interception.read', s.interception) && can(actor, 'interception.create', { recorders: s.interception.recorders }),
);

// A town's acceptance documents (书面说明, 书面材料): the town's keepers (its staff, its principal, the office).
allow<EvidenceSubject>('evidence.upload', (actor, s) => s.recordType === 'town_acceptance' && covers(actor, s.orgPath, TOWN_KEEPERS));

/** Only the person who started an upload may resume or abandon it. */
allow<UploadSubject>('evidence.resume', (actor: Actor, s) => actor.id === s.uploaderId);

allow<AttachmentReadSubject>('attachment.read', (actor, s) => (s.recordType === 'enterprise' || s.recordType === 'item') && covers(actor, s.orgPath));
allow<AttachmentReadSubject>('attachment.read', (actor, s) => s.recordType === 'clue' && can(actor, 'clue.read', { orgPath: s.orgPath }));
// Whoever reads the town's acceptance.
allow<AttachmentReadSubject>('attachment.read', (actor, s) => s.recordType === 'town_acceptance' && can(actor, 'acceptance.read', { orgPath: s.orgPath }));
// The file's path is the interception's destination town's, or the district's when none is known (whom a town never covers).
allow<AttachmentReadSubject>('attachment.read', (actor, s) => s.recordType === 'interception' && can(actor, 'interception.read', { destinationPath: s.orgPath, recorders: s.recorders }));

// A public tip's photos: whoever reads the tip (the office; the town it was given to). Nobody adds to them
// but the tipster, from the public page (no rule here allows it).
allow<AttachmentReadSubject>('attachment.read', (actor, s) => s.recordType === 'tip' && can(actor, 'tip.read', { orgPath: s.orgPath }));

/** Caption and phase: whoever may add evidence to the record now. */
allow<EvidenceSubject>('attachment.update', (actor, s) => can(actor, 'evidence.upload', s));
