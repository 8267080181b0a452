// Evidence files. Who may add (or replace, or re-caption) a file is who may change the record it
// documents; who may see it is who may see that record. Out of scope answers 404 as everywhere.
// A clue's files follow the clue: only the discipline role and the office director, in scope.
import type { AttachmentRecordType, WorkshopRecordType } from '../../domain/attachment.js';
import { covers, type Actor } from './actor.js';
import type { EnterpriseSubject } from './enterprise.js';
import { allow, can } from './registry.js';

/** A workshop, or one of its standard items, that an evidence file is (or will be) attached to. */
export interface WorkshopEvidenceSubject {
  recordType: WorkshopRecordType;
  /** The workshop. */
  enterprise: EnterpriseSubject;
  /** For 'item': the departments that execute the standard item (empty: the town does it). */
  itemDepartments: readonly string[];
}

/** A disciplinary clue that a file is (or will be) attached to. */
export interface ClueEvidenceSubject {
  recordType: 'clue';
  clue: { orgPath: string; status: string };
}

/** The record an evidence file is (or will be) attached to. */
export type EvidenceSubject = WorkshopEvidenceSubject | ClueEvidenceSubject;

/** A stored file, for reading: the owning record's scope path. */
export interface AttachmentReadSubject {
  recordType: AttachmentRecordType;
  orgPath: string;
}

/** An upload in progress, for resuming it (HEAD, PATCH) or abandoning it (DELETE). */
export interface UploadSubject {
  uploaderId: number;
}

// A standard item's evidence: whoever may record that item (the town, its villages and the office
// in scope; the executing department anywhere in its scope), while the items are editable.
allow<EvidenceSubject>(
  'evidence.upload',
  (actor, s) => s.recordType === 'item' && can(actor, 'enterprise.recordItem', { enterprise: s.enterprise, itemDepartments: s.itemDepartments }),
);
// A workshop's own evidence (e.g. the site as surveyed): whoever keeps its register, and the
// departments' 实体取证 in their scope.
allow<EvidenceSubject>('evidence.upload', (actor, s) => s.recordType === 'enterprise' && can(actor, 'enterprise.update', s.enterprise));
allow<EvidenceSubject>(
  'evidence.upload',
  (actor, s) => s.recordType === 'enterprise' && s.enterprise.status !== 'excluded' && covers(actor, s.enterprise.orgPath, ['department']),
);

// A clue's files: whoever may read the clue, until it is closed (its record is then final).
allow<EvidenceSubject>('evidence.upload', (actor, s) => s.recordType === 'clue' && s.clue.status !== 'closed' && can(actor, 'clue.read', { orgPath: s.clue.orgPath }));

/** Only the person who started an upload may resume or abandon it. */
allow<UploadSubject>('evidence.resume', (actor: Actor, s) => actor.id === s.uploaderId);

allow<AttachmentReadSubject>('attachment.read', (actor, s) => (s.recordType === 'enterprise' || s.recordType === 'item') && covers(actor, s.orgPath));
// Never by scope alone: a clue's file is read only by whoever may read the clue.
allow<AttachmentReadSubject>('attachment.read', (actor, s) => s.recordType === 'clue' && can(actor, 'clue.read', { orgPath: s.orgPath }));

/** Caption and phase: whoever may add evidence to the record now. */
allow<EvidenceSubject>('attachment.update', (actor, s) => can(actor, 'evidence.upload', s));
