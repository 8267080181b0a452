// Importing this module registers every policy.
import './enterprise.js';
import './general.js';
import './selfInspection.js';
import './mobilisation.js';
import './evidencePackage.js';
import './attachment.js';

export { can, allow, registeredActions } from './registry.js';
export * from './actor.js';
export type { EnterpriseSubject, ItemSubject } from './enterprise.js';
export type { AttachmentReadSubject, ClueEvidenceSubject, EvidenceSubject, UploadSubject, WorkshopEvidenceSubject } from './attachment.js';
