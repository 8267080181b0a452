// Shapes of the JSON the API answers with, as zod schemas: the server's presenters produce them,
// the routes declare them (Fastify answers through them, so the OpenAPI document at /api/docs is
// what is sent), the web reads their inferred types. `.meta({ id })` names a schema in the document.
import { phaseSchema, standardItemSchema, workshopKindSchema } from './campaign.js';
import { VERDICT_REASONS } from './enterprise.js';
import { ROLES } from './roles.js';
import { DISCOVERY_SOURCES, ITEM_STATES, LICENCE_STATES, ORG_UNIT_KINDS, PRODUCTION_STATUSES, STATUSES } from './status.js';
import { z } from './zod.js';

export { type ProblemDto } from './problems.js';

/** A timestamp as the API writes it: ISO 8601 in UTC, e.g. 2016-05-12T02:30:00.000Z. */
export const timestamp = z.string().meta({ description: 'ISO 8601 时间（UTC），如 2016-05-12T02:30:00.000Z', example: '2016-05-12T02:30:00.000Z' });
/** A calendar date in China time, YYYY-MM-DD. */
export const calendarDate = z.string().meta({ description: '日期（北京时间），YYYY-MM-DD', example: '2016-05-12' });

export const statusSchema = z.enum(STATUSES).meta({
  id: 'WorkshopStatus',
  description: '企业状态：surveyed 已摸底、in_progress 取缔中、shut_down 已取缔、accepted 验收通过、rejected 验收未通过、recurred 反弹、excluded 已排除',
});

export const roleAssignmentDto = z.object({
  role: z.enum(ROLES),
  orgUnitId: z.number().int().nullable(),
  orgUnitName: z.string().nullable(),
  departmentId: z.number().int().nullable(),
  departmentName: z.string().nullable(),
  /** The office director (办公室主任), who sees the disciplinary clues. */
  director: z.boolean().meta({ description: '领导小组办公室主任（可见违纪线索）' }),
});
export type RoleAssignmentDto = z.infer<typeof roleAssignmentDto>;

/** Register keepers (town, village) first, then departments, the inspectors, overview roles; administrators without other roles last. */
export const HOME_KINDS = ['register', 'department', 'inspector', 'overview', 'admin'] as const;
export type HomeKind = (typeof HOME_KINDS)[number];

export const meAbilities = z.object({
  manageUsers: z.boolean(),
  /** Register a workshop somewhere in the user's scope. */
  createEnterprise: z.boolean(),
  /** Register workshops only in the user's own villages (a village head): the village is required and filled in. */
  registerInVillagesOnly: z.boolean(),
  createVillage: z.boolean(),
  viewDashboard: z.boolean(),
  /** Open the town reports (任务表报送): everyone whose scope holds a town, not a village head. */
  viewReports: z.boolean(),
  /** Open the leading bodies and publicity logs (宣传发动): as viewReports. */
  viewMobilisation: z.boolean(),
  /** Import a town's task table (导入台账). */
  importTaskTable: z.boolean(),
  /** Open the self-inspection page (土政策, 违纪线索). */
  viewSelfInspection: z.boolean(),
  /** Register a 土政策 for a town in scope. */
  createSelfPolicy: z.boolean(),
  /** File a disciplinary clue (the filer does not see it afterwards). */
  fileClue: z.boolean(),
  /** See and act on disciplinary clues: the discipline role and the office director. */
  viewClues: z.boolean(),
  /** Write a town's leading body and publicity log (宣传发动). */
  writeMobilisation: z.boolean(),
  /** Answer the escalations (督办) on the town's workshops: a town's staff; their home page lists the open ones. */
  answerEscalations: z.boolean(),
  /** Open the obstruction incidents (阻碍执法): the police, the towns' keepers, the office. */
  viewIncidents: z.boolean(),
  /** Open the cases (违法案件与移交): the recording and receiving departments, the towns' keepers, the office, leaders, discipline. */
  viewCases: z.boolean(),
  /** Open the truck interceptions (运输车辆查处): the recording departments, the office, leaders, the towns' keepers. */
  viewInterceptions: z.boolean(),
  /** Open the department-request queue (部门协办): departments, the towns' keepers, liaison departments, leaders. */
  viewDepartmentRequests: z.boolean(),
  /** Open the acceptance (验收): the inspection group, the office, leaders, discipline; a town's staff for their town's published draws. */
  viewAcceptance: z.boolean(),
  /** The 长效监管 page: patrols, the sites due, the supervisors on file. */
  viewSupervision: z.boolean(),
  /** The 群众举报 page: the office triages, towns verify and answer, leaders read. */
  viewTips: z.boolean(),
  /** The 用电核查 tab of the 长效监管 page: the office, a town's staff and principal, leaders, discipline. */
  viewPowerCheck: z.boolean(),
  /** Import a power office's account list (用电户清单): the office. */
  importPowerList: z.boolean(),
  /** Download the daily progress report (日报): the office and leaders (the district), a town's staff and principal (their town). */
  downloadDailyReport: z.boolean(),
  /** Configure group robots (群机器人): the office for every unit, a town's principal for their town, a department's staff for their department. */
  manageWebhooks: z.boolean(),
  /** Open 约谈与问责 (accountability): the office and discipline (with the 问责清单), a town's principal for their town's records. */
  viewAccountability: z.boolean(),
  /** Act on department requests (a department): the home page leads with the department's queue. */
  actOnDepartmentRequests: z.boolean(),
  /** Open the joint operations (联合执法): the towns' keepers, the office, departments, leaders, liaison departments, inspectors. */
  viewJointOperations: z.boolean(),
});
export type MeAbilities = z.infer<typeof meAbilities>;

export const meDto = z
  .object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    roles: z.array(roleAssignmentDto),
    /** What the user may do, decided by the server's policies; the browser shows what these allow and decides nothing itself. */
    abilities: meAbilities.meta({ description: '用户可做的操作（由服务器的权限规则决定）' }),
    /** Which home page answers "what must I do today" for this user. */
    home: z.enum(HOME_KINDS),
    /** The one town every grant of the user lies in (a town's staff, a village head), else null. */
    homeTown: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    /** Whether the user's scope is the whole district (the campaign's root), not a part of it. */
    districtWide: z.boolean(),
    /** The executing departments (职能部门) the user works for, and the standard items they carry out (a department's queues). */
    duty: z.object({ departmentIds: z.array(z.number().int()), itemCodes: z.array(z.string()) }),
  })
  .meta({ id: 'Me', description: '当前用户、角色、管辖范围和可做的操作' });
export type MeDto = z.infer<typeof meDto>;

export const orgUnitDto = z
  .object({ id: z.number().int(), parentId: z.number().int().nullable(), kind: z.enum(ORG_UNIT_KINDS), name: z.string(), path: z.string() })
  .meta({ id: 'OrgUnit', description: '组织机构（区、镇街、村居）' });
export type OrgUnitDto = z.infer<typeof orgUnitDto>;

export const departmentDto = z
  .object({ id: z.number().int(), code: z.string(), name: z.string(), duties: z.array(z.string()) })
  .meta({ id: 'Department', description: '职能部门及其职责' });
export type DepartmentDto = z.infer<typeof departmentDto>;

export const campaignDto = z
  .object({
    id: z.number().int(),
    code: z.string(),
    documentNumber: z.string(),
    title: z.string(),
    issuer: z.string(),
    phases: z.array(phaseSchema),
    standardItems: z.array(standardItemSchema),
    workshopKinds: z.array(workshopKindSchema),
    standardSummary: z.string(),
    /** Name of the campaign's root unit (the district), for titles such as “…区土小企业集中取缔工作平台”. */
    districtName: z.string(),
    currentPhase: z.object({ code: z.string(), name: z.string(), daysLeft: z.number().int().nullable() }).nullable(),
  })
  .meta({ id: 'Campaign', description: '取缔行动：文号、阶段、取缔标准项、企业类别' });
export type CampaignDto = z.infer<typeof campaignDto>;

export const itemDto = z
  .object({
    code: z.string(),
    state: z.enum(ITEM_STATES),
    unit: z.string(),
    person: z.string(),
    date: calendarDate.nullable(),
    note: z.string(),
    reason: z.string(),
    updatedAt: timestamp.nullable(),
    canRecord: z.boolean(),
    /** Current (not replaced) evidence files on this item. */
    evidenceCount: z.number().int(),
    /** Evidence files the item needs before it can be marked done (campaign definition). */
    evidenceMin: z.number().int(),
    /** The user may upload evidence to this item (tus, recordType 'item'). */
    canUploadEvidence: z.boolean(),
  })
  .meta({ id: 'StandardItemRecord', description: '一项取缔标准（行动定义中的标准项）的完成情况' });
export type ItemDto = z.infer<typeof itemDto>;

export const enterpriseAbilities = z.object({
  update: z.boolean(),
  recordItems: z.boolean(),
  verdict: z.boolean(),
  exclude: z.boolean(),
  recur: z.boolean(),
  /** The user may upload evidence to the workshop itself (tus, recordType 'enterprise'). */
  uploadEvidence: z.boolean(),
  /** The user may download the workshop's signed evidence package. */
  evidencePackage: z.boolean(),
  /** The user sees the workshop's obstruction incidents (the police, the town, the office). */
  viewIncidents: z.boolean(),
  /** The user sees the workshop's cases (违法案件: the recording and receiving departments, the town, the office, leaders, discipline). */
  viewCases: z.boolean(),
  /** The user sees the workshop's patrols and patrol schedule (巡查: the register's keepers, liaison departments, leaders, inspectors, discipline). */
  viewPatrols: z.boolean(),
});
export type EnterpriseAbilities = z.infer<typeof enterpriseAbilities>;

/** The verdict that sent a workshop back (status rejected): what the town must put right. */
export const rejectionDto = z
  .object({
    reasons: z.array(z.enum(VERDICT_REASONS)).meta({ description: '未通过原因：ineffective 行动不力、concealment 包庇隐瞒、incomplete 未按要求完成' }),
    findings: z.string().meta({ description: '验收组发现的问题及整改要求' }),
    at: timestamp,
    inspector: z.string().meta({ description: '给出结论的验收组成员' }),
  })
  .meta({ id: 'Rejection', description: '验收未通过的结论：原因、发现的问题；各标准项的完成记录保留，镇街整改后重新记录所涉及的标准项' });
export type RejectionDto = z.infer<typeof rejectionDto>;

const summaryFields = {
  id: z.number().int(),
  name: z.string(),
  kind: z.string(),
  townId: z.number().int(),
  townName: z.string(),
  villageId: z.number().int().nullable(),
  villageName: z.string().nullable(),
  address: z.string(),
  contactPerson: z.string(),
  phone: z.string(),
  status: statusSchema,
  itemsDone: z.number().int(),
  updatedAt: timestamp,
};

export const enterpriseSummaryDto = z.object(summaryFields).meta({ id: 'WorkshopSummary', description: '企业列表中的一行' });

/** GET /api/enterprises: a page of workshops; with a search term the total stops at SEARCH_MATCH_LIMIT (domain/search.ts). */
export const enterpriseListDto = z
  .object({
    items: z.array(enterpriseSummaryDto),
    total: z.number().int().meta({ description: '符合条件的总数；totalCapped 为真时是列出的家数（符合条件的更多）' }),
    totalCapped: z.boolean().meta({
      description: '为真时符合搜索条件的企业超过 total 家（“超过 1000 家”）：只列出最新登记的 total 家，按所选顺序排列；请缩小搜索范围',
    }),
  })
  .meta({ description: '一页企业及符合条件的总数' });
export type EnterpriseListDto = z.infer<typeof enterpriseListDto>;
export type EnterpriseSummaryDto = z.infer<typeof enterpriseSummaryDto>;

export const enterpriseDto = z
  .object({
    ...summaryFields,
    lng: z.number().nullable(),
    lat: z.number().nullable(),
    powerSource: z.string(),
    powerAccount: z.string(),
    waterSource: z.string(),
    landType: z.string(),
    landOwner: z.string(),
    landLease: z.string(),
    licenceBusiness: z.enum(LICENCE_STATES),
    licenceEia: z.enum(LICENCE_STATES),
    licenceLand: z.enum(LICENCE_STATES),
    productionStatus: z.enum(PRODUCTION_STATUSES),
    rawMaterials: z.string(),
    notes: z.string(),
    discoverySource: z.enum(DISCOVERY_SOURCES),
    villageHead: z.string(),
    townHead: z.string(),
    departmentHead: z.string(),
    statusReason: z.string(),
    /** While the workshop is rejected: the verdict that rejected it; otherwise null. */
    rejection: rejectionDto.nullable(),
    version: z.number().int().meta({ description: '版本号：修改时带上，防止覆盖他人的修改' }),
    createdAt: timestamp,
    items: z.array(itemDto),
    abilities: enterpriseAbilities.meta({ description: '当前用户对这家企业可做的操作' }),
  })
  .meta({ id: 'Workshop', description: '企业档案（一企一档）' });
export type EnterpriseDto = z.infer<typeof enterpriseDto>;

export interface ListResponse<T> {
  items: T[];
  total: number;
}

/** A page of `item`s with the total count matching the filter. */
export function listOf<T extends z.ZodType>(item: T, description: string) {
  return z.object({ items: z.array(item), total: z.number().int().meta({ description: '符合条件的总数' }) }).meta({ description });
}

export const historyEntryDto = z
  .object({
    id: z.number().int(),
    at: timestamp,
    actor: z.string(),
    action: z.string().meta({ description: '操作，如 enterprise.create、enterprise.recordItem' }),
    entityType: z.string(),
    entityId: z.string(),
    before: z.unknown().meta({ description: '修改前的值（仅变化的字段）' }),
    after: z.unknown().meta({ description: '修改后的值' }),
  })
  .meta({ id: 'HistoryEntry', description: '一条变更记录（审计）' });
export type HistoryEntryDto = z.infer<typeof historyEntryDto>;

const itemCounts = z.object({ done: z.number().int(), notApplicable: z.number().int(), pending: z.number().int() });

export const dashboardTownRow = z
  .object({
    townId: z.number().int(),
    townName: z.string(),
    total: z.number().int(),
    byStatus: z.record(z.enum(STATUSES), z.number().int()),
    items: z.record(z.string(), itemCounts).meta({ description: '按取缔标准项代码：已完成、不适用、待完成' }),
  })
  .meta({ id: 'DashboardRow', description: '一个镇街（或合计）的进度' });
export type DashboardTownRow = z.infer<typeof dashboardTownRow>;

export const dashboardDto = z.object({ towns: z.array(dashboardTownRow), totals: dashboardTownRow }).meta({ id: 'Dashboard', description: '各镇街取缔进度统计' });
export type DashboardDto = z.infer<typeof dashboardDto>;

export const healthDto = z
  .object({ status: z.enum(['ok', 'unavailable']).meta({ description: 'ok 正常；unavailable 数据库无响应（此时状态码 503）' }), database: z.enum(['sqlite', 'postgres']) })
  .meta({ id: 'Health', description: '服务与数据库是否可用' });

const chainBreakKinds = ['head_missing', 'link', 'hash', 'head', 'beyond_head'] as const;
export const auditVerifyDto = z
  .object({
    ok: z.boolean().meta({ description: '审计哈希链完整' }),
    message: z.string().meta({ description: '中文结论' }),
    count: z.number().int().meta({ description: '已核对且完好的记录数' }),
    head: z.object({ lastId: z.number().int(), lastHash: z.string() }).nullable(),
    break: z
      .object({
        kind: z.enum(chainBreakKinds).meta({ description: 'head_missing 链头缺失、link 链接断裂、hash 记录被改动、head 最新记录被删除、beyond_head 链头之后有插入的记录' }),
        id: z.number().int(),
        previousId: z.number().int().nullable(),
        expected: z.string(),
        found: z.string(),
        reason: z.string().meta({ description: '中文说明' }),
      })
      .nullable()
      .meta({ description: '第一处断裂（完整时为 null）' }),
  })
  .meta({ id: 'AuditVerification', description: '审计哈希链校验结果' });
