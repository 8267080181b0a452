// The policy registry: importing this module registers every rule. Callers check with
// authorize() (throws 404/403) or ask with can() (abilities sent to the client).
import './enterprise.js';
import './general.js';
import './reports.js';
import './imports.js';
import './selfInspection.js';
import './mobilisation.js';
import './evidencePackage.js';
import './attachment.js';
import './remarks.js';
import './departmentRequests.js';
import './jointOperations.js';
import './incidents.js';
import './interceptions.js';
import './cases.js';
import './acceptance.js';
import './supervisors.js';
import './patrols.js';
import './tips.js';
import './powerCheck.js';
import './webhooks.js';
import './accountability.js';

export { can, allow, registeredActions } from './registry.js';
export { authorize, wasAuthorized } from './authorize.js';
export { cluePrefixes } from './selfInspection.js';
export { dutyGrants, dutyItemCodes } from './enterprise.js';
export { actingGrant } from './remarks.js';
export { incidentPrefixes } from './incidents.js';
export { patrolPrefixes } from './patrols.js';
export { tipPrefixes, type TipSubject } from './tips.js';
export { dailyReportReader } from './reports.js';
export { powerCheckPrefixes, powerReviewPrefixes, type PowerFlagSubject, type PowerImportSubject } from './powerCheck.js';
export { casePrefixes, caseSubjectOf, seesDisciplineTransfer } from './cases.js';
export { interceptionTownPrefixes, seesAllInterceptions } from './interceptions.js';
export { managesWebhooksOf, webhookScope, type WebhookSubject } from './webhooks.js';
export { accountabilityPrefixes, type AccountabilitySubject, type AccountabilityRecordSubject } from './accountability.js';
export * from './subjects.js';
