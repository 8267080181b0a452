export const ROLES = [
  'admin',
  'office',
  'leader',
  'town',
  'town_head',
  'village',
  'liaison',
  'department',
  'inspector',
  'discipline',
] as const;
export type Role = (typeof ROLES)[number];

/** What kind of scope node a role assignment needs. */
export const ROLE_SCOPE_KIND: Record<Role, 'district' | 'town' | 'village' | 'department'> = {
  admin: 'district',
  office: 'district',
  leader: 'district',
  town: 'town',
  town_head: 'town',
  village: 'village',
  liaison: 'department',
  department: 'department',
  inspector: 'district',
  discipline: 'district',
};

// Role groups, named once: the policies (server/policies/) build their rules from these, and
// nothing else spells a list of roles out. The web never reads them to decide anything; it gets
// the user's abilities from the server.

/** Keep a town's records (reports, imports, 土政策, mobilisation, villages): the district office, the town's staff and its principal. */
export const TOWN_KEEPERS = ['office', 'town', 'town_head'] as const satisfies readonly Role[];

/** Keep the workshop register: the town keepers, and village heads in their own village. */
export const REGISTER_KEEPERS = [...TOWN_KEEPERS, 'village'] as const satisfies readonly Role[];

/** May file a disciplinary clue (seeing clues is narrower: discipline and the office director). */
export const CLUE_REPORTERS = [...TOWN_KEEPERS, 'discipline'] as const satisfies readonly Role[];

/** Act on evidence and may take a signed evidence package away; village heads and liaison departments read on screen only. */
export const EVIDENCE_PACKAGERS = ['office', 'leader', 'town', 'town_head', 'inspector', 'department', 'discipline'] as const satisfies readonly Role[];

/** Work with the self-inspection records (自查自纠) on their page: everyone but administrators, villages and the executing departments. */
export const SELF_INSPECTION_READERS = ['office', 'leader', 'town', 'town_head', 'liaison', 'inspector', 'discipline'] as const satisfies readonly Role[];

/** Comment on a workshop (帮包意见): liaison departments in their paired towns, the office, and the town's own staff replying. */
export const REMARKERS = ['office', 'liaison', 'town', 'town_head'] as const satisfies readonly Role[];

/** Press a town on one of its workshops (督办): liaison departments in their paired towns, and the office. */
export const ESCALATORS = ['office', 'liaison'] as const satisfies readonly Role[];

/** Answer an escalation, which closes it: the town's staff and its principal. */
export const TOWN_STAFF = ['town', 'town_head'] as const satisfies readonly Role[];

/** Sign a town's report: its principal only (主要负责人). */
export const TOWN_PRINCIPALS = ['town_head'] as const satisfies readonly Role[];

/** Give an acceptance verdict: the inspection group (验收组). */
export const INSPECTORS = ['inspector'] as const satisfies readonly Role[];

/** Approve an exclusion and act for the whole campaign: the leading group's office. */
export const OFFICE = ['office'] as const satisfies readonly Role[];

/** Take a workshop's own photos and video in their scope: the departments' 实体取证, and the inspection group's 现场检查. */
export const FIELD_EVIDENCE_TAKERS = ['department', 'inspector'] as const satisfies readonly Role[];

/** Execute standard items of their duty and collect evidence (实体取证) anywhere in their scope. */
export const DEPARTMENTS = ['department'] as const satisfies readonly Role[];

/** See the department requests (部门协办请求) on the workshops of their scope: everyone but the executing departments, who see those addressed to them. */
export const REQUEST_READERS = ROLES.filter((r) => r !== 'department');

/** Work from the department-request queue page (部门协办): the departments, the towns' keepers, liaison departments and leaders. */
export const REQUEST_QUEUE_USERS = ['department', 'office', 'town', 'town_head', 'liaison', 'leader'] as const satisfies readonly Role[];

/** Work with joint operations (联合执法) on their page: everyone but village heads and administrators. */
export const OPERATION_READERS = ['office', 'leader', 'town', 'town_head', 'liaison', 'department', 'inspector', 'discipline'] as const satisfies readonly Role[];

/** See obstruction incidents besides the police: the town concerned (its keepers) and the office. */
export const INCIDENT_READERS = TOWN_KEEPERS;

/** See cases (违法案件) besides the departments that record or receive them: the town concerned (its keepers), the office, the leaders and discipline. */
export const CASE_READERS = ['office', 'leader', 'town', 'town_head', 'discipline'] as const satisfies readonly Role[];

/** See every truck interception besides the recording departments: the office and the leaders (towns see those bound for them). */
export const INTERCEPTION_OVERSEERS = ['office', 'leader'] as const satisfies readonly Role[];

/** Check the audit hash chain: the district office and administrators. */
export const AUDITORS = ['admin', 'office'] as const satisfies readonly Role[];

/** Manage user accounts. */
export const ADMINS = ['admin'] as const satisfies readonly Role[];

/** Whose home page is the register (town and village work), the department queue, the inspection tasks, or the overview. */
export const HOME_GROUPS = {
  register: ['town', 'town_head', 'village'],
  department: ['department'],
  inspector: ['inspector'],
  overview: ['office', 'leader', 'discipline', 'liaison'],
} as const satisfies Record<string, readonly Role[]>;

/** Oversee the acceptance (验收): every town's draws, checks and verdicts — the inspection group, the office, the leaders and discipline. */
export const ACCEPTANCE_OVERSEERS = ['inspector', 'office', 'leader', 'discipline'] as const satisfies readonly Role[];

/** Work with the acceptance page: the overseers, and a town's staff and principal for their own town (its published draws). */
export const ACCEPTANCE_READERS = [...ACCEPTANCE_OVERSEERS, ...TOWN_STAFF] as const satisfies readonly Role[];

/** Draft the acceptance's 通报批评: the office and the inspection group (the office issues it). */
export const NOTICE_DRAFTERS = ['office', 'inspector'] as const satisfies readonly Role[];

/** Patrol shut sites (巡查) and confirm a recurrence they find: the register's keepers — the office, the town's staff and principal, the village head in their village. */
export const PATROLLERS = REGISTER_KEEPERS;

/** See patrols and the sites due for one (长效监管): everyone but administrators and the executing departments (liaison departments in their paired towns). */
export const PATROL_READERS = ['office', 'leader', 'town', 'town_head', 'village', 'liaison', 'inspector', 'discipline'] as const satisfies readonly Role[];

/** Work with the public tips (群众举报): the office triages every tip; a town's staff and principal verify those assigned to their town; leaders read them. Fee complaints are clues, never tips. */
export const TIP_READERS = ['office', 'leader', 'town', 'town_head'] as const satisfies readonly Role[];

/** Read and download the daily progress report (日报): the office and the leaders for the district, a town's staff and principal for their town. */
export const DAILY_REPORT_READERS = ['office', 'leader', 'town', 'town_head'] as const satisfies readonly Role[];

/** See the power-data cross-check (用电核查): the office, a town's staff and principal for their town, leaders and discipline. */
export const POWER_CHECK_READERS = ['office', 'leader', 'town', 'town_head', 'discipline'] as const satisfies readonly Role[];

/** Review a flagged power account (确认反弹, 登记为企业, 排除): the office, and a town's staff and principal in their town. */
export const POWER_CHECK_REVIEWERS = TOWN_KEEPERS;

/** Oversee accountability (问责清单, every 约谈 and 问责): the leading group's office and discipline (监察局). */
export const ACCOUNTABILITY_OVERSEERS = ['office', 'discipline'] as const satisfies readonly Role[];

/** Read 约谈 and 问责 records: the overseers everywhere, a town's principal for their own town. */
export const ACCOUNTABILITY_READERS = [...ACCOUNTABILITY_OVERSEERS, ...TOWN_PRINCIPALS] as const satisfies readonly Role[];

/** Record a 约谈 (and its outcome): the leading group's office (督办 is theirs too). 问责 is discipline's and the office director's (policies/accountability.ts). */
export const INTERVIEWERS = OFFICE;

/** Record 问责: the discipline role (监察局); the office director as well, through the director flag on an office grant. */
export const ACCOUNTABILITY_DECIDERS = ['discipline'] as const satisfies readonly Role[];
