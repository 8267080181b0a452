// 监管责任人 on file (notice §二（四）: 各镇街要落实监管责任，明确主管领导和监管责任人; issue 16 §1): the people
// named for a town (its 主管领导 and 监管责任人) and for a site under supervision (its 村居监管责任人). A change
// closes the current row and names the next, so the history stays; the write names the row it replaces.
// Request schemas and DTOs.
import { statusSchema, timestamp } from './api.js';
import { phoneSchema } from './enterprise.js';
import { idField, idText, pageFields, recordIdParam, text } from './params.js';
import type { Status } from './status.js';
import { z } from './zod.js';

export const SUPERVISOR_ROLES = ['leader', 'supervisor', 'village_contact'] as const;
export type SupervisorRole = (typeof SUPERVISOR_ROLES)[number];
/** A town's roles: 主管领导, 监管责任人. */
export const TOWN_SUPERVISOR_ROLES = ['leader', 'supervisor'] as const satisfies readonly SupervisorRole[];
export type TownSupervisorRole = (typeof TOWN_SUPERVISOR_ROLES)[number];
/** A site's role: 村居监管责任人. */
export const SITE_SUPERVISOR_ROLES = ['village_contact'] as const satisfies readonly SupervisorRole[];

/** What a supervisor is named for: a town (org unit) or a workshop under supervision. */
export const SUPERVISOR_SUBJECT_KINDS = ['town', 'workshop'] as const;
export type SupervisorSubjectKind = (typeof SUPERVISOR_SUBJECT_KINDS)[number];

export { supervisorRoleLabels } from './i18n/supervisorLabels.zh-CN.js';

/** The sites under supervision: shut down, accepted, or come back (反弹); each wants a village contact. */
export const SUPERVISED_STATUSES = ['shut_down', 'accepted', 'recurred'] as const satisfies readonly Status[];

/** Whether a site's contact may be named or changed in this status: any but excluded (排除: not a workshop of the campaign). */
export const siteSupervisorAssignable = (status: Status): boolean => status !== 'excluded';

/** PUT …/supervisors/:role and PUT /api/enterprises/:id/supervisor: the person named, and the current row it replaces. */
export const supervisorAssignSchema = z.strictObject({
  name: text(50).min(1, { error: '请填写姓名' }).meta({ description: '姓名' }),
  position: text(50).default('').meta({ description: '职务（可不填）' }),
  phone: phoneSchema.default('').meta({ description: '联系电话（可不填）：手机号 11 位，固定电话带区号' }),
  replaces: idField('现任人员', '请带上被替换的现任人员编号（replaces；尚无现任时为 null）')
    .nullable()
    .meta({ description: '被替换的现任人员记录编号；尚无现任时为 null。与当前不符（他人已变更）时 409 stale_version' }),
});
export type SupervisorAssign = z.output<typeof supervisorAssignSchema>;

export const townSupervisorParams = z.strictObject({
  townId: recordIdParam,
  role: z.enum(TOWN_SUPERVISOR_ROLES, { error: '角色应为 leader（主管领导）或 supervisor（监管责任人）' }),
});

export const supervisionGapsQuerySchema = z.strictObject({ town: idText('镇街').optional(), ...pageFields({ maxPageSize: 100, defaultPageSize: 20 }) });

export const supervisorDto = z
  .object({
    id: z.number().int(),
    role: z.enum(SUPERVISOR_ROLES).meta({ description: 'leader 主管领导、supervisor 监管责任人（镇街）；village_contact 村居监管责任人（企业）' }),
    name: z.string(),
    position: z.string(),
    phone: z.string(),
    assignedBy: z.string().meta({ description: '明确此人的用户' }),
    assignedAt: timestamp,
    endedAt: timestamp.nullable().meta({ description: '被替换的时间；现任为 null' }),
    endedBy: z.string().nullable().meta({ description: '替换此人的用户；现任为 null' }),
  })
  .meta({ id: 'Supervisor', description: '一位监管责任人（现任或已被替换）' });
export type SupervisorDto = z.infer<typeof supervisorDto>;

export const townSupervisorsDto = z
  .object({
    townId: z.number().int(),
    townName: z.string(),
    current: z.array(supervisorDto).meta({ description: '现任：每个角色至多一人' }),
    missing: z.array(z.enum(TOWN_SUPERVISOR_ROLES)).meta({ description: '尚未明确的角色' }),
    history: z.array(supervisorDto).meta({ description: '已被替换的人员，最近的在前' }),
    canAssign: z.boolean().meta({ description: '当前用户可明确或变更该镇街的主管领导、监管责任人' }),
  })
  .meta({ id: 'TownSupervisors', description: '镇街的主管领导和监管责任人' });
export type TownSupervisorsDto = z.infer<typeof townSupervisorsDto>;

export const townSupervisorListDto = z
  .object({
    items: z.array(townSupervisorsDto.omit({ history: true }).meta({ description: '一个镇街的现任主管领导、监管责任人' })),
  })
  .meta({ id: 'TownSupervisorList', description: '管辖范围内各镇街的现任主管领导和监管责任人' });
export type TownSupervisorListDto = z.infer<typeof townSupervisorListDto>;

export const siteSupervisorDto = z
  .object({
    enterpriseId: z.number().int(),
    enterpriseName: z.string(),
    status: statusSchema,
    current: supervisorDto.nullable().meta({ description: '现任村居监管责任人；尚未明确时为 null' }),
    history: z.array(supervisorDto).meta({ description: '已被替换的人员，最近的在前' }),
    canAssign: z.boolean().meta({ description: '当前用户可明确或变更该企业的村居监管责任人' }),
  })
  .meta({ id: 'SiteSupervisor', description: '企业（取缔点位）的村居监管责任人' });
export type SiteSupervisorDto = z.infer<typeof siteSupervisorDto>;

export const supervisionGapsDto = z
  .object({
    towns: z
      .array(z.object({ townId: z.number().int(), townName: z.string(), missing: z.array(z.enum(TOWN_SUPERVISOR_ROLES)) }))
      .meta({ description: '尚未明确主管领导或监管责任人的镇街' }),
    sites: z
      .object({
        items: z.array(z.object({ id: z.number().int(), name: z.string(), status: statusSchema, townName: z.string(), villageName: z.string().nullable() })),
        total: z.number().int().meta({ description: '符合条件的总数' }),
      })
      .meta({ description: '已取缔、验收通过或反弹而尚未明确村居监管责任人的企业，最新登记的在前（分页）' }),
  })
  .meta({ id: 'SupervisionGaps', description: '管辖范围内尚未明确监管责任人的镇街和企业' });
export type SupervisionGapsDto = z.infer<typeof supervisionGapsDto>;
