// Enum labels through the same catalogue as every other string (keys like `status.shut_down`).
import type { Role } from '../../domain/roles.js';
import type { DiscoverySource, ItemState, LicenceState, OrgUnitKind, ProductionStatus, Status } from '../../domain/status.js';
import type { VERDICT_REASONS } from '../../domain/enterprise.js';
import type { WorkflowEvent } from '../../domain/workflows/workshop.js';
import type { EscalationStatus, RemarkKind } from '../../domain/remarks.js';
import type { DepartmentRequestStatus } from '../../domain/departmentRequests.js';
import type { JointOperationStatus, Machinery, OperationResult } from '../../domain/jointOperations.js';
import type { IncidentKind } from '../../domain/incidents.js';
import type { CargoKind } from '../../domain/interceptions.js';
import type { PenaltyStatus, TransferKind } from '../../domain/cases.js';
import type { DrawRound, DrawStatus, TownAcceptanceStatus } from '../../domain/acceptance.js';
import type { enterpriseFieldLabels } from '../../domain/i18n/labels.zh-CN.js';
import { t } from './index.js';

export type FieldName = keyof typeof enterpriseFieldLabels;
export type VerdictReason = (typeof VERDICT_REASONS)[number];

export const label = {
  status: (s: Status) => t(`status.${s}`),
  role: (r: Role) => t(`role.${r}`),
  itemState: (s: ItemState) => t(`itemState.${s}`),
  production: (p: ProductionStatus) => t(`production.${p}`),
  discovery: (d: DiscoverySource) => t(`discovery.${d}`),
  licence: (l: LicenceState) => t(`licence.${l}`),
  orgKind: (k: OrgUnitKind) => t(`orgKind.${k}`),
  verdictReason: (r: VerdictReason) => t(`verdictReason.${r}`),
  workflowEvent: (e: WorkflowEvent) => t(`workflowEvent.${e}`),
  field: (f: FieldName) => t(`field.${f}`),
  remarkKind: (k: RemarkKind) => t(`remarkKind.${k}`),
  escalationStatus: (s: EscalationStatus) => t(`escalationStatus.${s}`),
  requestStatus: (s: DepartmentRequestStatus) => t(`requestStatus.${s}`),
  operationStatus: (s: JointOperationStatus) => t(`operationStatus.${s}`),
  machinery: (m: Machinery) => t(`machinery.${m}`),
  operationResult: (r: OperationResult) => t(`operationResult.${r}`),
  incidentKind: (k: IncidentKind) => t(`incidentKind.${k}`),
  cargo: (c: CargoKind) => t(`cargo.${c}`),
  penaltyStatus: (s: PenaltyStatus) => t(`penaltyStatus.${s}`),
  transferKind: (k: TransferKind) => t(`transferKind.${k}`),
  drawRound: (r: DrawRound) => t(`drawRound.${r}`),
  drawStatus: (s: DrawStatus) => t(`drawStatus.${s}`),
  sampleHow: (h: 'chosen' | 'random') => t(`sampleHow.${h}`),
  townVerdict: (s: TownAcceptanceStatus) => t(`townVerdict.${s}`),
};
