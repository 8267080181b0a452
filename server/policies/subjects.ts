// What the policies judge: each subject is the few facts a rule needs (where a record sits in the
// org tree, its status), built here from a record's row, so that every caller — route, command,
// presenter — hands the registry the same thing for the same record.
import type { AttachmentRecordType, WorkshopRecordType } from '../../domain/attachment.js';
import type { DepartmentRequestStatus } from '../../domain/departmentRequests.js';
import type { JointOperationStatus } from '../../domain/jointOperations.js';
import type { EscalationStatus, RemarkKind } from '../../domain/remarks.js';
import type { Status } from '../../domain/status.js';
import type { DrawStatus } from '../../domain/workflows/acceptanceDraw.js';
import type { TownAcceptanceStatus } from '../../domain/workflows/townAcceptance.js';
import type { CriticismStatus } from '../../domain/workflows/criticismNotice.js';

/** A record that belongs to an org unit (a town's report, import, 土政策, a town itself). */
export interface UnitSubject {
  /** Materialised path of the org unit (e.g. the town) the record belongs to. */
  orgPath: string;
}

/** A workshop (企业). */
export interface EnterpriseSubject {
  orgPath: string;
  status: Status;
}

/** One standard item of a workshop. */
export interface ItemSubject {
  enterprise: EnterpriseSubject;
  /** Department codes that execute this standard item (empty: the town does it). */
  itemDepartments: readonly string[];
}

/** A disciplinary clue. */
export interface ClueSubject {
  orgPath: string;
  status: string;
}

/** A remark about to be made on a workshop: the workshop's path and what kind of remark. */
export interface RemarkSubject {
  orgPath: string;
  kind: RemarkKind;
}

/** An escalation (督办) on a workshop: the workshop's path and the escalation's status. */
export interface EscalationSubject {
  orgPath: string;
  status: EscalationStatus;
}

/** A department request: its workshop's path and status, the department it is addressed to, its status. */
export interface DepartmentRequestSubject {
  orgPath: string;
  enterpriseStatus: Status;
  departmentId: number;
  status: DepartmentRequestStatus;
}

/** A joint enforcement operation: its town's path and its status. */
export interface JointOperationSubject {
  orgPath: string;
  status: JointOperationStatus;
}

/** An obstruction incident (or one about to be recorded): its workshop's path, and the departments that record incidents (campaign data). */
export interface IncidentSubject {
  orgPath: string;
  recorders: readonly string[];
}

/**
 * A case (or one about to be recorded): its workshop's path, the recording department (null before
 * one is chosen), and the departments that record cases and receive crime transfers (campaign data).
 */
export interface CaseSubject {
  orgPath: string;
  departmentCode: string | null;
  recorders: readonly string[];
  receivers: readonly string[];
}

/** A case's transfer: its case, its kind and the receiving department. */
export interface CaseTransferSubject extends CaseSubject {
  kind: 'police' | 'discipline';
  toCode: string;
}

/** A truck interception: its destination town's path when known, and the departments that record interceptions (campaign data). */
export interface InterceptionSubject {
  destinationPath: string | null;
  recorders: readonly string[];
}

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
  clue: ClueSubject;
}

/** A truck interception that a photo is (or will be) attached to. */
export interface InterceptionEvidenceSubject {
  recordType: 'interception';
  interception: InterceptionSubject;
}

/** A town's acceptance that a document is (or will be) attached to: the town's path. */
export interface TownAcceptanceEvidenceSubject {
  recordType: 'town_acceptance';
  orgPath: string;
}

/** A public tip that a photo is attached to (from the public page only): the tip's scope path — its town's once assigned, else the district's. */
export interface TipEvidenceSubject {
  recordType: 'tip';
  orgPath: string;
}

/** The record an evidence file is (or will be) attached to. */
export type EvidenceSubject = WorkshopEvidenceSubject | ClueEvidenceSubject | InterceptionEvidenceSubject | TownAcceptanceEvidenceSubject | TipEvidenceSubject;

/** A stored file, for reading: the owning record's scope path (an interception's: its destination town's, else the district's). */
export interface AttachmentReadSubject {
  recordType: AttachmentRecordType;
  orgPath: string;
  /** The departments that record interceptions (campaign data), for an interception's files. */
  recorders: readonly string[];
}

/** An upload in progress, for resuming it (HEAD, PATCH) or abandoning it (DELETE). */
export interface UploadSubject {
  uploaderId: number;
}

/** A row that sits in the org tree (org_path) and has a status. */
interface PlacedRow {
  org_path: string;
  status: string;
}

export function enterpriseSubject(row: PlacedRow): EnterpriseSubject {
  return { orgPath: row.org_path, status: row.status as Status };
}

/** `item`: the standard item's definition (only its executing departments matter). */
export function itemSubject(row: PlacedRow, item: { departments: readonly string[] }): ItemSubject {
  return { enterprise: enterpriseSubject(row), itemDepartments: item.departments };
}

export function clueSubject(row: PlacedRow): ClueSubject {
  return { orgPath: row.org_path, status: row.status };
}

/** The record a file goes on, for the evidence policies: a workshop, or one of its standard items. */
export function evidenceSubject(row: PlacedRow, recordType: WorkshopRecordType, item: { departments: readonly string[] } | null): WorkshopEvidenceSubject {
  return { recordType, enterprise: enterpriseSubject(row), itemDepartments: item?.departments ?? [] };
}

/** A truck interception as the record its photos go on: the scope path its files take is its destination town's, or the district's. */
export function interceptionEvidenceSubject(filePath: string, rootPath: string, recorders: readonly string[]): InterceptionEvidenceSubject {
  return { recordType: 'interception', interception: { destinationPath: filePath === rootPath ? null : filePath, recorders } };
}

/** A disciplinary clue as the record its files go on. */
export function clueEvidenceSubject(row: PlacedRow): ClueEvidenceSubject {
  return { recordType: 'clue', clue: clueSubject(row) };
}

export function attachmentReadSubject(row: { record_type: string; org_path: string }, interceptionRecorders: readonly string[]): AttachmentReadSubject {
  return { recordType: row.record_type as AttachmentRecordType, orgPath: row.org_path, recorders: interceptionRecorders };
}

/** A task-table import, judged by the town its rows go into. */
export function importSubject(row: { town_path: string }): UnitSubject {
  return { orgPath: row.town_path };
}

/** An escalation on its workshop, for answering it (a comment, which has no status, is never open). */
export function escalationSubject(workshop: { org_path: string }, remark: { status: string | null }): EscalationSubject {
  return { orgPath: workshop.org_path, status: (remark.status ?? 'answered') as EscalationStatus };
}

/** A department request with its workshop, for the request policies. */
export function departmentRequestSubject(request: { department_id: number; status: string }, workshop: { org_path: string; status: string }): DepartmentRequestSubject {
  return { orgPath: workshop.org_path, enterpriseStatus: workshop.status as Status, departmentId: request.department_id, status: request.status as DepartmentRequestStatus };
}

export function jointOperationSubject(row: PlacedRow): JointOperationSubject {
  return { orgPath: row.org_path, status: row.status as JointOperationStatus };
}

/** A spot-check draw (验收抽查): its town's path, its status, and whether it was ever published to the town. */
export interface DrawSubject {
  orgPath: string;
  status: DrawStatus;
  published: boolean;
}

export function drawSubject(row: { org_path: string; status: string; published_at: string | null }): DrawSubject {
  return { orgPath: row.org_path, status: row.status as DrawStatus, published: row.published_at !== null };
}

/** A town's acceptance verdict: the town's path and the verdict's status (pending before any decision). */
export interface TownAcceptanceSubject {
  orgPath: string;
  status: TownAcceptanceStatus;
}

/** A 通报批评: its status and the paths of the towns it names. */
export interface NoticeSubject {
  status: CriticismStatus;
  townPaths: string[];
}
