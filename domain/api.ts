// Shapes of the JSON the API answers with; the server's presenters produce them, the web reads them.
import type { CampaignDefinition, Phase, StandardItem } from './campaign.js';
import type { Role } from './roles.js';
import type {
  DiscoverySource,
  ItemState,
  LicenceState,
  OrgUnitKind,
  ProductionStatus,
  Status,
} from './status.js';

export interface RoleAssignmentDto {
  role: Role;
  orgUnitId: number | null;
  orgUnitName: string | null;
  departmentId: number | null;
  departmentName: string | null;
  /** The office director (办公室主任), who sees the disciplinary clues. */
  director: boolean;
}

export interface MeDto {
  id: number;
  username: string;
  displayName: string;
  roles: RoleAssignmentDto[];
  abilities: { manageUsers: boolean; createEnterprise: boolean; createVillage: boolean; viewDashboard: boolean };
}

export interface OrgUnitDto {
  id: number;
  parentId: number | null;
  kind: OrgUnitKind;
  name: string;
  path: string;
}

export interface DepartmentDto {
  id: number;
  code: string;
  name: string;
  duties: string[];
}

export interface CampaignDto {
  id: number;
  code: string;
  documentNumber: string;
  title: string;
  issuer: string;
  phases: Phase[];
  standardItems: StandardItem[];
  workshopKinds: CampaignDefinition['workshopKinds'];
  standardSummary: string;
  /** Name of the campaign's root unit (the district), for titles such as “…区土小企业集中取缔工作平台”. */
  districtName: string;
  currentPhase: { code: string; name: string; daysLeft: number | null } | null;
}

export interface ItemDto {
  code: string;
  state: ItemState;
  unit: string;
  person: string;
  date: string | null;
  note: string;
  reason: string;
  updatedAt: string | null;
  canRecord: boolean;
  /** Current (not replaced) evidence files on this item. */
  evidenceCount: number;
  /** Evidence files the item needs before it can be marked done (campaign definition). */
  evidenceMin: number;
  /** The user may upload evidence to this item (tus, recordType 'item'). */
  canUploadEvidence: boolean;
}

export interface EnterpriseAbilities {
  update: boolean;
  recordItems: boolean;
  verdict: boolean;
  exclude: boolean;
  recur: boolean;
  /** The user may upload evidence to the workshop itself (tus, recordType 'enterprise'). */
  uploadEvidence: boolean;
  /** The user may download the workshop's signed evidence package. */
  evidencePackage: boolean;
}

export interface EnterpriseSummaryDto {
  id: number;
  name: string;
  kind: string;
  townId: number;
  townName: string;
  villageId: number | null;
  villageName: string | null;
  address: string;
  contactPerson: string;
  phone: string;
  status: Status;
  itemsDone: number;
  updatedAt: string;
}

export interface EnterpriseDto extends EnterpriseSummaryDto {
  lng: number | null;
  lat: number | null;
  powerSource: string;
  powerAccount: string;
  waterSource: string;
  landType: string;
  landOwner: string;
  landLease: string;
  licenceBusiness: LicenceState;
  licenceEia: LicenceState;
  licenceLand: LicenceState;
  productionStatus: ProductionStatus;
  rawMaterials: string;
  notes: string;
  discoverySource: DiscoverySource;
  villageHead: string;
  townHead: string;
  departmentHead: string;
  statusReason: string;
  version: number;
  createdAt: string;
  items: ItemDto[];
  abilities: EnterpriseAbilities;
}

export interface ListResponse<T> {
  items: T[];
  total: number;
}

export interface HistoryEntryDto {
  id: number;
  at: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

export interface DashboardTownRow {
  townId: number;
  townName: string;
  total: number;
  byStatus: Record<Status, number>;
  items: Record<string, { done: number; notApplicable: number; pending: number }>;
}

export interface DashboardDto {
  towns: DashboardTownRow[];
  totals: DashboardTownRow;
}

export interface ProblemDto {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  errors?: { path: string; message: string }[];
}

export type TownReportState = 'not_reported' | 'overdue' | 'submitted' | 'signed' | 'signed_late';

export interface TownReportDto {
  id: number;
  townId: number;
  townName: string;
  phase: string;
  version: number;
  status: 'submitted' | 'signed' | 'superseded';
  contentSha256: string;
  rowCount: number;
  dueDate: string | null;
  submittedBy: string;
  submittedAt: string;
  signedBy: string | null;
  signedAt: string | null;
  late: boolean;
  abilities: { sign: boolean };
}

export interface TownReportStatusDto {
  townId: number;
  townName: string;
  state: TownReportState;
  latest: TownReportDto | null;
  signed: TownReportDto | null;
}

export interface ReportOverviewDto {
  phase: { code: string; name: string; reportDue: string | null } | null;
  towns: TownReportStatusDto[];
}

export interface TownReportDetailDto {
  townId: number;
  townName: string;
  phase: { code: string; name: string; reportDue: string | null } | null;
  state: TownReportState;
  versions: TownReportDto[];
  /** The register as it stands now, and whether it differs from the newest version. */
  current: { contentSha256: string; rowCount: number; changedSinceLatest: boolean };
  abilities: { submit: boolean };
}
