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
  /** What the user may do, decided by the server's policies; the browser shows what these allow and decides nothing itself. */
  abilities: MeAbilities;
  /** Which home page answers "what must I do today" for this user. */
  home: HomeKind;
  /** The one town every grant of the user lies in (a town's staff, a village head), else null. */
  homeTown: { id: number; name: string } | null;
  /** Whether the user's scope is the whole district (the campaign's root), not a part of it. */
  districtWide: boolean;
  /** The executing departments (职能部门) the user works for, and the standard items they carry out (a department's queues). */
  duty: { departmentIds: number[]; itemCodes: string[] };
}

/** Register keepers (town, village) first, then departments, the inspectors, overview roles; administrators without other roles last. */
export type HomeKind = 'register' | 'department' | 'inspector' | 'overview' | 'admin';

export interface MeAbilities {
  manageUsers: boolean;
  /** Register a workshop somewhere in the user's scope. */
  createEnterprise: boolean;
  /** Register workshops only in the user's own villages (a village head): the village is required and filled in. */
  registerInVillagesOnly: boolean;
  createVillage: boolean;
  viewDashboard: boolean;
  /** Import a town's task table (导入台账). */
  importTaskTable: boolean;
  /** Open the self-inspection page (土政策, 违纪线索). */
  viewSelfInspection: boolean;
  /** Register a 土政策 for a town in scope. */
  createSelfPolicy: boolean;
  /** File a disciplinary clue (the filer does not see it afterwards). */
  fileClue: boolean;
  /** See and act on disciplinary clues: the discipline role and the office director. */
  viewClues: boolean;
  /** Write a town's leading body and publicity log (宣传发动). */
  writeMobilisation: boolean;
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
