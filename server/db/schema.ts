// Row types of every table, as Kysely sees them. Timestamps are ISO-8601 text and booleans are
// 0/1 integers on both databases, so one code path reads them the same way.
import type { ColumnType, Generated, GeneratedAlways, Insertable, Kysely, Selectable } from 'kysely';

export interface OrgUnitTable {
  id: Generated<number>;
  parent_id: number | null;
  kind: string;
  name: string;
  path: string;
  created_at: string;
}

export interface DepartmentTable {
  id: Generated<number>;
  code: string;
  name: string;
  duties: string;
  sort: number;
}

export interface CampaignTable {
  id: Generated<number>;
  code: string;
  document_number: string;
  title: string;
  issuer: string;
  definition: string;
  is_current: number;
  created_at: string;
}

export interface LiaisonPairTable {
  campaign_id: number;
  department_id: number;
  org_unit_id: number;
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface RoleAssignmentTable {
  id: Generated<number>;
  user_id: number;
  role: string;
  org_unit_id: number | null;
  department_id: number | null;
  /** 1 for the office director (领导小组办公室主任), who sees the disciplinary clues. */
  is_director: Generated<number>;
}

export interface SessionTable {
  id: string;
  user_id: number;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface EnterpriseTable {
  id: Generated<number>;
  campaign_id: number;
  name: string;
  /** workshopNameKey(name), kept by the repository; for duplicate warnings. */
  name_key: Generated<string>;
  kind: string;
  town_id: number;
  village_id: number | null;
  org_path: string;
  address: string;
  lng: number | null;
  lat: number | null;
  contact_person: string;
  phone: string;
  power_source: string;
  power_account: string;
  water_source: string;
  land_type: string;
  land_owner: string;
  land_lease: string;
  licence_business: string;
  licence_eia: string;
  licence_land: string;
  production_status: string;
  raw_materials: string;
  notes: string;
  discovery_source: string;
  village_head: string;
  town_head: string;
  department_head: string;
  status: string;
  status_reason: string;
  items_done: number;
  version: number;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  /** The import (and its sheet row) the workshop came from; null when registered on the form. */
  import_id: number | null;
  import_row: number | null;
  /** When a confirmed recurrence last reopened the shutdown; evidence from before it counts for no item. */
  reopened_at: string | null;
  /** The day of the last patrol (巡查, migration 032), and the day the next one is due while the site is under patrol. */
  last_patrol_on: Generated<string | null>;
  patrol_due_on: Generated<string | null>;
  /** The 0.005° grid cell of lat/lng (migration 035), computed by the database; indexed with the campaign for places near a point. */
  geo_row: GeneratedAlways<number | null>;
  geo_col: GeneratedAlways<number | null>;
}

export interface EnterpriseItemTable {
  enterprise_id: number;
  item_code: string;
  state: string;
  unit: string;
  person: string;
  done_on: string | null;
  note: string;
  reason: string;
  updated_by: number | null;
  updated_at: string | null;
  /** The department that executed the item (migration 021); null when the town did it. */
  department_id: Generated<number | null>;
}

export interface VerdictTable {
  id: Generated<number>;
  enterprise_id: number;
  verdict: string;
  reasons: string;
  findings: string;
  inspector_id: number;
  created_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_id: number | null;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string;
  scope_path: string | null;
  before: string | null;
  after: string | null;
  /** The previous record's hash (64 "0" for the first); see server/db/auditChain.ts. */
  prev_hash: string;
  /** SHA-256 (hex) over prev_hash and this record's fields, in the format of server/db/auditChain.ts. */
  hash: string;
}

/** The audit chain's head: one row (id 1) naming the newest record, so deleting it is detected. */
export interface AuditChainHeadTable {
  id: number;
  last_id: number;
  last_hash: string;
}

export interface TownReportTable {
  id: Generated<number>;
  campaign_id: number;
  town_id: number;
  phase_code: string;
  version: number;
  status: string;
  content: string;
  content_sha256: string;
  row_count: number;
  due_date: string | null;
  submitted_by: number;
  submitted_at: string;
  signed_by: number | null;
  signed_at: string | null;
  late: number;
}

export interface TownLeadingMemberTable {
  id: Generated<number>;
  campaign_id: number;
  town_id: number;
  position: string;
  name: string;
  title: string;
  is_principal: number;
  created_by: number;
  created_at: string;
}

export interface PublicityEventTable {
  id: Generated<number>;
  campaign_id: number;
  town_id: number;
  kind: string;
  held_on: string;
  place: string;
  attendees: number | null;
  vehicles: number | null;
  outlet: string;
  title: string;
  link: string;
  notes: string;
  created_by: number;
  created_at: string;
}

/** A local "土政策" found and cleared in self-inspection (自查自纠). */
export interface SelfPolicyTable {
  id: Generated<number>;
  campaign_id: number;
  town_id: number;
  org_path: string;
  title: string;
  issued_by: string;
  issued_on: string | null;
  found_on: string | null;
  action_taken: string;
  cleared: number;
  cleared_on: string | null;
  notes: string;
  version: number;
  created_by: number | null;
  created_at: string;
  updated_by: number | null;
  updated_at: string;
}

/** A disciplinary clue (违纪线索) about a cadre; readable only by discipline and the office director. */
export interface DisciplineClueTable {
  id: Generated<number>;
  campaign_id: number;
  town_id: number;
  org_path: string;
  person: string;
  post: string;
  conduct: string;
  description: string;
  source: string;
  enterprise_id: number | null;
  status: string;
  reported_by: number;
  reported_at: string;
  forwarded_by: number | null;
  forwarded_at: string | null;
  forwarded_to_code: string | null;
  forwarded_to: string | null;
  forward_note: string;
  closed_by: number | null;
  closed_at: string | null;
  closing_note: string;
  version: number;
}

/** A comment (意见) or escalation (督办) on a workshop (migration 018); an escalation is open until the town answers it. */
export interface DepartmentRequestTable {
  id: Generated<number>;
  campaign_id: number;
  enterprise_id: number;
  item_code: string;
  department_id: number;
  /** The workshop's town and path (moved with it), for scope and counts. */
  town_id: number;
  org_path: string;
  /** domain/workflows/departmentRequest.ts */
  status: string;
  /** 1 while the request waits on the department (requested, accepted, scheduled). */
  is_open: number;
  /** JSON of RequestDetails. */
  details: string;
  due_on: string;
  scheduled_on: string | null;
  reason: string;
  note: string;
  requester_unit: string;
  requested_by: number;
  requested_at: string;
  accepted_by: number | null;
  accepted_at: string | null;
  confirmed_by: number | null;
  confirmed_at: string | null;
  updated_at: string;
  version: Generated<number>;
}

export interface DepartmentRequestCountTable {
  campaign_id: number;
  department_id: number;
  town_id: number;
  org_path: string;
  status: string;
  n: number;
}

export interface JointOperationTable {
  id: Generated<number>;
  campaign_id: number;
  town_id: number;
  /** The town's path (scope). */
  org_path: string;
  /** domain/workflows/jointOperation.ts */
  status: string;
  reason: string;
  proposed_on: string;
  applied_by: number;
  applied_at: string;
  decision_reason: string | null;
  decided_by: number | null;
  decided_at: string | null;
  operation_on: string | null;
  /** JSON [{ unit, people }]. */
  team: Generated<string>;
  /** JSON { loader, excavator, truck }. */
  machinery: Generated<string>;
  completed_at: string | null;
  updated_at: string;
  version: Generated<number>;
}

/** Spot-check draws (验收抽查), migration 026. */
export interface AcceptanceDrawTable {
  id: Generated<number>;
  campaign_id: number;
  town_id: number;
  /** The town's path (scope). */
  org_path: string;
  /** domain/workflows/acceptanceDraw.ts DRAW_ROUNDS */
  round: string;
  /** 第几次抽取 for this town and round, from 1. */
  seq: number;
  /** domain/workflows/acceptanceDraw.ts */
  status: string;
  share_percent: number;
  minimum: number;
  algorithm: string;
  seed: string;
  /** JSON number[], ascending. */
  eligible_ids: string;
  eligible_sha256: string;
  /** JSON number[]. */
  chosen_ids: string;
  /** JSON [{ id, how: 'chosen' | 'random' }], in draw order. */
  sample: string;
  reason: Generated<string>;
  drawn_by: number;
  drawn_at: string;
  published_by: number | null;
  published_at: string | null;
  superseded_by: number | null;
  superseded_at: string | null;
  version: Generated<number>;
}

/** On-site checks of sampled workshops (现场检查), migration 027. */
export interface AcceptanceCheckTable {
  id: Generated<number>;
  campaign_id: number;
  draw_id: number;
  enterprise_id: number;
  /** The workshop's path (scope). */
  org_path: string;
  /** JSON [{ code, held, note }], one per standard item. */
  items: string;
  /** 'accepted' | 'rejected' (domain/enterprise.ts verdictSchema). */
  verdict: string;
  /** JSON reason codes. */
  reasons: Generated<string>;
  findings: Generated<string>;
  /** JSON ids of the workshop's own files. */
  evidence_ids: Generated<string>;
  checked_by: number;
  checked_at: string;
}

/** The group's record of a town's report (听取汇报), migration 027. */
export interface AcceptanceHearingTable {
  id: Generated<number>;
  campaign_id: number;
  town_id: number;
  org_path: string;
  held_on: string;
  reporter: string;
  summary: string;
  recorded_by: number;
  recorded_at: string;
}

/** Each town's acceptance verdict (镇街验收结论), migration 028. */
export interface TownAcceptanceTable {
  id: Generated<number>;
  campaign_id: number;
  town_id: number;
  org_path: string;
  /** domain/workflows/townAcceptance.ts */
  status: string;
  /** JSON reason codes of the last failure. */
  reasons: Generated<string>;
  findings: Generated<string>;
  decided_by: number | null;
  decided_at: string | null;
  rectify_by: string | null;
  requirements: Generated<string>;
  explanation: Generated<string>;
  explained_by: number | null;
  explained_at: string | null;
  version: Generated<number>;
}

/** 通报批评, migration 029. */
export interface CriticismNoticeTable {
  id: Generated<number>;
  campaign_id: number;
  /** domain/workflows/criticismNotice.ts */
  status: string;
  /** JSON town ids. */
  town_ids: string;
  issuer_mark: string;
  number_prefix: string;
  title: string;
  addressees: string;
  body: string;
  signature: string;
  dated_on: string;
  copy_to: Generated<string>;
  printed_by: string;
  printed_on: string;
  year: number | null;
  seq: number | null;
  number: string | null;
  /** The issued .docx, base64. */
  document: string | null;
  document_sha256: string | null;
  created_by: number;
  created_at: string;
  issued_by: number | null;
  issued_at: string | null;
  version: Generated<number>;
}

/** 验收材料, migration 030. */
export interface AcceptancePackageTable {
  id: Generated<number>;
  campaign_id: number;
  town_id: number;
  org_path: string;
  version: number;
  /** submitted | signed | superseded */
  status: string;
  /** JSON (domain/acceptancePackage.ts PackageContent). */
  content: string;
  content_sha256: string;
  workshop_count: number;
  image_count: number;
  due_date: string | null;
  submitted_by: number;
  submitted_at: string;
  signed_by: number | null;
  signed_at: string | null;
  late: Generated<number>;
}

export interface JointOperationWorkshopTable {
  operation_id: number;
  enterprise_id: number;
  position: number;
  /** pending | cleared | not_cleared */
  result: Generated<string>;
  note: Generated<string>;
  recorded_by: number | null;
  recorded_at: string | null;
}

export interface EnforcementCaseTable {
  id: Generated<number>;
  campaign_id: number;
  enterprise_id: number;
  /** The recording department (campaign data), and its name when recorded. */
  department_code: string;
  department_name: string;
  found_on: string;
  violation: string;
  /** JSON array of the workshop's attachment ids (实体取证). */
  evidence_ids: string;
  /** The penalty decision; all null until decided. */
  decision_number: string | null;
  /** The fine in whole 分 (bigint: PostgreSQL returns a string). */
  fine_fen: number | string | null;
  decided_on: string | null;
  penalty_status: string | null;
  recorded_by: number;
  recorded_at: string;
  updated_at: string;
  version: Generated<number>;
}

export interface CaseTransferTable {
  id: Generated<number>;
  case_id: number;
  /** police | discipline */
  kind: string;
  to_code: string;
  to_name: string;
  /** Why (police); empty for discipline, whose accusation lives in the clue. */
  reason: string;
  clue_id: number | null;
  transferred_by: number;
  transferred_at: string;
  acknowledged_by: number | null;
  acknowledged_at: string | null;
  ack_reference: Generated<string>;
  ack_note: Generated<string>;
}

export interface PatrolTable {
  id: Generated<number>;
  campaign_id: number;
  enterprise_id: number;
  patrolled_on: string;
  /** JSON: [{ code, held, note }]. */
  items: string;
  verdict: string;
  findings: string;
  /** JSON: the workshop's attachment ids. */
  evidence_ids: string;
  recurred: number;
  recorded_by: number;
  recorded_unit: string;
  recorded_at: string;
}

/**
 * A person named for a role on a town or a workshop under supervision (监管责任人, migration 031).
 * Never edited: a change closes the current row (ended_at, ended_by) and inserts the next.
 */
export interface SupervisorTable {
  id: Generated<number>;
  campaign_id: number;
  /** 'town' | 'workshop' */
  subject_kind: string;
  /** org_units.id for a town, enterprises.id for a workshop. */
  subject_id: number;
  town_id: number;
  /** The town's path, or the workshop's org_path (scope). */
  org_path: string;
  /** 'leader' | 'supervisor' (towns), 'village_contact' (workshops). */
  role: string;
  name: string;
  position: string;
  phone: string;
  assigned_by: number;
  assigned_at: string;
  /** When someone else was named; null while current. */
  ended_at: string | null;
  ended_by: number | null;
}

export interface TipTable {
  id: Generated<number>;
  campaign_id: number;
  receipt_sha256: string;
  kind: string;
  status: string;
  description: string;
  address: string;
  lat: number | null;
  lng: number | null;
  reported_town_id: number | null;
  anonymous: number;
  contact_name: string;
  contact_phone: string;
  submitted_at: string;
  town_id: Generated<number | null>;
  org_path: Generated<string | null>;
  due_on: Generated<string | null>;
  assign_note: Generated<string>;
  assigned_by: Generated<number | null>;
  assigned_at: Generated<string | null>;
  verdict: Generated<string | null>;
  public_answer: Generated<string>;
  internal_note: Generated<string>;
  /** JSON: the workshops the tip concerns. */
  enterprise_ids: Generated<string>;
  answered_by: Generated<number | null>;
  answered_at: Generated<string | null>;
  clue_id: Generated<number | null>;
  version: Generated<number>;
}

/** 用电核查: an account list uploaded for a town (migration 034). */
export interface PowerImportTable {
  id: Generated<number>;
  campaign_id: number;
  town_id: number;
  org_path: string;
  file_name: string;
  sha256: string;
  /** JSON: the months of the kWh columns, 'YYYY-MM'. */
  months: string;
  /** JSON: the header found, each column's field (domain PowerColumn). */
  columns: string;
  row_count: Generated<number>;
  matched_count: Generated<number>;
  resumed_count: Generated<number>;
  unlisted_count: Generated<number>;
  problem_count: Generated<number>;
  /** preview | confirmed | discarded */
  status: string;
  created_by: number;
  created_at: string;
  decided_by: Generated<number | null>;
  confirmed_at: Generated<string | null>;
}

/** 用电核查: one account of a list, matched and flagged; reviewed once its list is confirmed (migration 034). */
export interface PowerAccountTable {
  id: Generated<number>;
  import_id: number;
  campaign_id: number;
  town_id: number;
  org_path: string;
  row_no: number;
  account_no: string;
  account_key: string;
  holder: string;
  address: string;
  phone: string;
  station: string;
  line: string;
  category: string;
  note: string;
  lng: number | null;
  lat: number | null;
  /** JSON: kWh or null per month of the import. */
  usage: string;
  /** JSON: [{ field, message }]. */
  problems: Generated<string>;
  enterprise_id: number | null;
  /** account | phone | name */
  match_reason: string | null;
  /** resumed | unlisted */
  flag: string | null;
  /** open | recurred | registered | dismissed; null until the list is confirmed, and for unflagged accounts. */
  state: Generated<string | null>;
  review_reason: Generated<string>;
  reviewed_by: Generated<number | null>;
  reviewed_at: Generated<string | null>;
  created_enterprise_id: Generated<number | null>;
}

export interface TipChallengeTable {
  challenge: string;
  difficulty: number;
  expires_at: string;
  used_at: string | null;
}

export interface RateLimitTable {
  key: string;
  window_start: string;
  n: number;
}

export interface IncidentTable {
  id: Generated<number>;
  campaign_id: number;
  enterprise_id: number;
  operation_id: number | null;
  occurred_on: string;
  /** disturbance | violence */
  kind: string;
  description: string;
  persons: string;
  injuries: string;
  damage: string;
  case_number: string;
  outcome: string;
  /** JSON array of the workshop's attachment ids. */
  evidence_ids: string;
  recorded_by: number;
  recorded_unit: string;
  recorded_at: string;
  updated_at: string;
  version: Generated<number>;
}

export interface InterceptionTable {
  id: Generated<number>;
  campaign_id: number;
  intercepted_on: string;
  plate: string;
  vehicle_type: string;
  /** plastic | pulp | garbage | other */
  cargo: string;
  cargo_note: string;
  quantity: string;
  origin: string;
  destination_town_id: number | null;
  /** The destination town's path (scope), when known. */
  destination_path: string | null;
  destination_enterprise_id: number | null;
  destination_place: string;
  action: string;
  recorded_by: number;
  recorded_unit: string;
  recorded_at: string;
}

export interface WorkshopRemarkTable {
  id: Generated<number>;
  campaign_id: number;
  enterprise_id: number;
  /** 'comment' | 'escalation' */
  kind: string;
  body: string;
  author_id: number;
  author_role: string;
  /** The author's unit as written then: a department, the office, a town. */
  author_unit: string;
  created_at: string;
  /** Escalations: 'open' | 'answered'; null for a comment. */
  status: string | null;
  due_on: string | null;
  answer: string | null;
  answered_by: number | null;
  answerer_unit: string | null;
  answered_at: string | null;
}

/**
 * An evidence file on a record (server/db/migrations/010_attachments.ts). Rows are never deleted;
 * a replaced file keeps its row, with replaced_by naming the row that replaced it.
 */
export interface AttachmentTable {
  id: Generated<number>;
  campaign_id: number;
  /** 'enterprise' | 'item' (later stages add their own record types). */
  record_type: string;
  /** The owning record's id as text; the workshop's id for both 'enterprise' and 'item'. */
  record_id: string;
  enterprise_id: number | null;
  /** The standard item's code, for 'item' records. */
  item_code: string | null;
  /** The owning record's scope path (enterprises.org_path for workshops and items). */
  org_path: string;
  storage_key: string;
  sha256: string;
  /** Bytes; bigint on PostgreSQL, which pg answers as a string: read it through toNumber. */
  size: ColumnType<number | string, number, never>;
  mime: string;
  /** 'photo' | 'video' */
  kind: string;
  original_name: string;
  caption: Generated<string>;
  /** 'before' | 'after' | '' */
  phase: Generated<string>;
  captured_at_local: string | null;
  captured_at: string | null;
  gps_lat: number | null;
  gps_lng: number | null;
  /** 'exif' | 'device' | null */
  location_source: string | null;
  device_accuracy_m: number | null;
  distance_m: number | null;
  far: Generated<number>;
  thumbnail_key: string | null;
  uploaded_by: number;
  uploaded_at: string;
  replaces_id: number | null;
  replaced_by: number | null;
}

/** Workshops per org-unit path and status, kept by triggers (migration 015). */
export interface DashboardStatusCountTable {
  campaign_id: number;
  town_id: number;
  org_path: string;
  status: string;
  /** bigint-safe integer; a string on PostgreSQL sums: read through toNumber. */
  n: number;
}

/** Standard items per org-unit path, item and state, and whether their workshop is excluded, kept by triggers. */
export interface DashboardItemCountTable {
  campaign_id: number;
  town_id: number;
  org_path: string;
  item_code: string;
  state: string;
  /** 1: the workshop is excluded (排除), and the dashboard leaves its items out. */
  is_excluded: number;
  n: number;
}

/** 一张图: workshops per map cell, level, place and status, kept by triggers (migration 038). */
export interface MapCellCountTable {
  campaign_id: number;
  /** MAP_LEVELS (domain/map.ts): a cell is level × level cells of the 0.005° grid. */
  level: number;
  cell_row: number;
  cell_col: number;
  org_path: string;
  status: string;
  town_id: number;
  n: number;
  sum_lat: number;
  sum_lng: number;
}

/** SQLite only: 1 while a bulk writer keeps the counts itself (migration 015). */
export interface DashboardCountsGuardTable {
  bulk: number;
}

export interface ImportTable {
  id: Generated<number>;
  town_id: number;
  user_id: number;
  file_name: string;
  file_sha256: string;
  row_count: number;
  error_count: number;
  columns: string;
  status: string;
  imported_count: Generated<number>;
  duplicate_count: Generated<number>;
  /** SHA-256 over the staged rows (row_no LF data LF, in row order), once staging is complete. */
  rows_sha256: string | null;
  /** The town's register as the preview read it (registerMark), for the check on confirm. */
  register_mark: string | null;
  created_at: string;
  confirmed_at: string | null;
}

export interface ImportRowTable {
  import_id: number;
  row_no: number;
  seq_no: string | null;
  data: string;
  errors: string;
  has_errors: number;
  /** JSON ImportMatch[] when the row looks like workshops already on the register, else null. */
  matches: string | null;
  /** 'same' (the row is that workshop: not imported, linked) or 'different' (imported), once decided. */
  decision: string | null;
  linked_id: number | null;
}

/**
 * An evidence upload in progress or recently finished (migration 017): the staged bytes are on disk,
 * this is what the upload is and how it ended.
 */
export interface UploadTable {
  /** The tus upload id. */
  id: string;
  uploader_id: number;
  /** Declared length in bytes; bigint on PostgreSQL (read through toNumber). */
  size: number | string;
  /** The tus metadata, JSON. */
  metadata: string;
  created_at: string;
  /** When it was recorded or refused; null while bytes may still come. */
  finished_at: string | null;
  attachment_id: number | null;
  /** 1: the same bytes were already on the record, attachment_id names that file. */
  duplicate: Generated<number>;
  /** The refusal's problem document (JSON) when the complete upload was not taken. */
  refusal: string | null;
}

/**
 * The search index (migration 020): one row per workshop and distinct fragment of 1–3 characters
 * of its name, address, operator or phone, lower-cased (domain/search.ts). Kept by the repositories
 * that write those columns, in the same transaction (repositories/search.ts).
 */
export interface WorkshopSearchGramTable {
  campaign_id: number;
  gram: string;
  enterprise_id: number;
}

/** A decision on a pair of workshops (migration 035): one site come back under another record (改头换面), or not; smaller id first. */
export interface SiteLinkTable {
  id: Generated<number>;
  campaign_id: number;
  low_id: number;
  high_id: number;
  decision: string;
  score: number;
  /** SameSiteReason[] as JSON, as scored when decided. */
  reasons: string;
  note: string;
  decided_by: number;
  decided_at: string;
}

/** A user's inbox (migration 036); `key` unique per user: a reminder is written once. */
export interface NotificationTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  key: string;
  title: string;
  body: string;
  /** The page it is about, inside the app (e.g. /enterprises/12). */
  link: string;
  created_at: string;
  read_at: string | null;
}

/** The embedded job runner's queue (migration 036; SQLite only — pg-boss keeps its own on PostgreSQL). */
export interface JobTable {
  id: Generated<number>;
  name: string;
  key: string;
  /** JSON. */
  data: string;
  /** queued | active | done | failed */
  state: string;
  run_at: string;
  attempts: Generated<number>;
  max_attempts: number;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

/** A unit's group robot (migration 037): an org unit's (the district's, a town's) or a department's. */
export interface WebhookTable {
  id: Generated<number>;
  org_unit_id: number | null;
  department_id: number | null;
  /** wecom | dingtalk */
  platform: string;
  name: string;
  remark: Generated<string>;
  /** A secret (carries the robot's key or token): read only to send. */
  url: string;
  /** 钉钉 加签 secret; a secret too. */
  secret: string | null;
  enabled: Generated<number>;
  created_by: number;
  created_at: string;
  updated_by: number;
  updated_at: string;
  /** ok | refused | failed (domain/webhooks.ts), null before the first delivery. */
  last_status: string | null;
  last_at: string | null;
  last_error: string | null;
}

/** The notices (by key) each robot has been sent (migration 037): once per robot and key. */
export interface WebhookPushTable {
  webhook_id: number;
  key: string;
  at: string;
}

/** A 约谈 or 问责 (migration 039): domain/workflows/accountability.ts. */
export interface AccountabilityActionTable {
  id: Generated<number>;
  campaign_id: number;
  /** 'interview' | 'accountability' */
  level: string;
  state: string;
  person_name: string;
  person_position: string;
  /** 'town' | 'village' | 'department' */
  unit_kind: string;
  unit_org_id: number | null;
  unit_department_id: number | null;
  /** The unit's name as written then. */
  unit_name: string;
  town_id: number;
  /** The workshop's path, or the town's (scope). */
  org_path: string;
  enterprise_id: number | null;
  remark_id: number | null;
  previous_id: number | null;
  reason: string;
  scheduled_on: string | null;
  conducted_by: string;
  measure: string | null;
  outcome: string;
  created_by: number;
  created_unit: string;
  created_at: string;
  decided_by: number | null;
  decided_at: string | null;
  updated_at: string;
  version: Generated<number>;
}

export interface Database {
  accountability_actions: AccountabilityActionTable;
  org_units: OrgUnitTable;
  departments: DepartmentTable;
  campaigns: CampaignTable;
  liaison_pairs: LiaisonPairTable;
  users: UserTable;
  role_assignments: RoleAssignmentTable;
  sessions: SessionTable;
  enterprises: EnterpriseTable;
  enterprise_items: EnterpriseItemTable;
  verdicts: VerdictTable;
  audit_log: AuditLogTable;
  audit_chain_head: AuditChainHeadTable;
  town_reports: TownReportTable;
  town_leading_members: TownLeadingMemberTable;
  publicity_events: PublicityEventTable;
  self_policies: SelfPolicyTable;
  discipline_clues: DisciplineClueTable;
  attachments: AttachmentTable;
  dashboard_status_counts: DashboardStatusCountTable;
  dashboard_item_counts: DashboardItemCountTable;
  dashboard_counts_guard: DashboardCountsGuardTable;
  map_cell_counts: MapCellCountTable;
  imports: ImportTable;
  import_rows: ImportRowTable;
  uploads: UploadTable;
  workshop_remarks: WorkshopRemarkTable;
  department_requests: DepartmentRequestTable;
  department_request_counts: DepartmentRequestCountTable;
  joint_operations: JointOperationTable;
  joint_operation_workshops: JointOperationWorkshopTable;
  acceptance_draws: AcceptanceDrawTable;
  acceptance_checks: AcceptanceCheckTable;
  acceptance_hearings: AcceptanceHearingTable;
  town_acceptances: TownAcceptanceTable;
  criticism_notices: CriticismNoticeTable;
  acceptance_packages: AcceptancePackageTable;
  incidents: IncidentTable;
  supervisors: SupervisorTable;
  patrols: PatrolTable;
  tips: TipTable;
  site_links: SiteLinkTable;
  notifications: NotificationTable;
  jobs: JobTable;
  webhooks: WebhookTable;
  webhook_pushes: WebhookPushTable;
  tip_challenges: TipChallengeTable;
  power_imports: PowerImportTable;
  power_accounts: PowerAccountTable;
  rate_limits: RateLimitTable;
  enforcement_cases: EnforcementCaseTable;
  case_transfers: CaseTransferTable;
  interceptions: InterceptionTable;
  workshop_search_grams: WorkshopSearchGramTable;
}

export type EnterpriseRow = Selectable<EnterpriseTable>;
export type NewEnterprise = Insertable<EnterpriseTable>;
export type EnterpriseItemRow = Selectable<EnterpriseItemTable>;
export type OrgUnitRow = Selectable<OrgUnitTable>;
export type UserRow = Selectable<UserTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type TownReportRow = Selectable<TownReportTable>;
export type SelfPolicyRow = Selectable<SelfPolicyTable>;
export type DisciplineClueRow = Selectable<DisciplineClueTable>;
export type AttachmentRow = Selectable<AttachmentTable>;
export type ImportRow = Selectable<ImportTable>;
export type ImportRowRow = Selectable<ImportRowTable>;
export type UploadRow = Selectable<UploadTable>;
export type WorkshopRemarkRow = Selectable<WorkshopRemarkTable>;
export type AccountabilityActionRow = Selectable<AccountabilityActionTable>;
export type DepartmentRequestRow = Selectable<DepartmentRequestTable>;
export type JointOperationRow = Selectable<JointOperationTable>;
export type IncidentRow = Selectable<IncidentTable>;
export type SupervisorRow = Selectable<SupervisorTable>;
export type PatrolRow = Selectable<PatrolTable>;
export type TipRow = Selectable<TipTable>;
export type PowerImportRow = Selectable<PowerImportTable>;
export type PowerAccountRow = Selectable<PowerAccountTable>;
export type NewPowerAccount = Insertable<PowerAccountTable>;
export type InterceptionRow = Selectable<InterceptionTable>;
export type EnforcementCaseRow = Selectable<EnforcementCaseTable>;
export type CaseTransferRow = Selectable<CaseTransferTable>;
export type JointOperationWorkshopRow = Selectable<JointOperationWorkshopTable>;
export type AcceptanceDrawRow = Selectable<AcceptanceDrawTable>;
export type AcceptanceCheckRow = Selectable<AcceptanceCheckTable>;
export type AcceptanceHearingRow = Selectable<AcceptanceHearingTable>;
export type TownAcceptanceRow = Selectable<TownAcceptanceTable>;
export type CriticismNoticeRow = Selectable<CriticismNoticeTable>;
export type AcceptancePackageRow = Selectable<AcceptancePackageTable>;

/** The database as every repository and command holds it: a connection pool, or a transaction. */
export type Db = Kysely<Database>;
export type NotificationRow = Selectable<NotificationTable>;
export type WebhookRow = Selectable<WebhookTable>;
