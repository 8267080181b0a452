// 巡查: a patrol of a shut site on a phone (the standard items still holding, a verdict, photos), and
// the patrol schedule of the campaign definition (`patrols`): when each site's next patrol is due.
// Request schemas, DTOs and the schedule's arithmetic, which the server and its tests share.
import { calendarDate, statusSchema, timestamp } from './api.js';
import type { CampaignDefinition } from './campaign.js';
import { entityId, idText, isoDate, pageFields, text } from './params.js';
import { addDays, todayInChina } from './time.js';
import { PATROL_OUTCOMES, PATROL_VERDICTS } from './workflows/patrol.js';
import { z } from './zod.js';

export { PATROL_VERDICTS, type PatrolVerdict } from './workflows/patrol.js';

/** Days before the due day from which a patrol shows as due soon (agenda `patrols_due`). */
export const PATROL_DUE_SOON_DAYS = 7;

export const patrolItemSchema = z.strictObject({
  code: z.string({ error: '缺少取缔标准项代码' }).min(1, { error: '缺少取缔标准项代码' }).max(40),
  held: z.boolean({ error: '请逐项选择是否仍符合取缔标准' }),
  note: text(500).prefault(''),
});

export const patrolCreateSchema = z
  .strictObject({
    patrolledOn: isoDate.refine((d) => d <= todayInChina(), { error: '巡查日期不能晚于今天' }),
    items: z.array(patrolItemSchema, { error: '请逐项记录取缔标准是否仍然落实' }).min(1, { error: '请逐项记录取缔标准是否仍然落实' }).max(20),
    verdict: z.enum(PATROL_VERDICTS, { error: '请选择巡查结论' }),
    findings: text(2000).prefault(''),
    evidenceIds: z
      .array(entityId, { error: '请拍摄现场照片' })
      .min(1, { error: '请至少拍摄一张现场照片（带拍摄位置）' })
      .max(50, { error: '最多关联 50 个影像文件' })
      .meta({ description: '本次巡查拍摄的照片、视频：该企业自己的影像文件编号' }),
  })
  .superRefine((v, ctx) => {
    if (PATROL_OUTCOMES[v.verdict].findingsRequired && v.findings.length < 2)
      ctx.addIssue({ code: 'custom', path: ['findings'], message: v.verdict === 'producing' ? '请写明恢复生产的情况' : '请写明发现的疑点' });
    if (v.verdict === 'holding' && v.items.some((i) => !i.held))
      ctx.addIssue({ code: 'custom', path: ['verdict'], message: '有取缔标准项未落实，结论不能为“保持取缔”' });
  });
export type PatrolCreate = z.output<typeof patrolCreateSchema>;

export const patrolQuerySchema = z.strictObject({ town: idText('镇街').optional(), ...pageFields({ maxPageSize: 100, defaultPageSize: 20 }) });

export const patrolDueQuerySchema = z.strictObject({
  town: idText('镇街').optional(),
  overdue: z.enum(['true', 'false'], { error: 'overdue 应为 true 或 false' }).optional().meta({ description: 'true：只列逾期未巡查的' }),
  ...pageFields({ maxPageSize: 100, defaultPageSize: 20 }),
});

const workshopRef = z.object({ id: z.number().int(), name: z.string(), townName: z.string(), villageName: z.string().nullable() });

export const patrolDto = z
  .object({
    id: z.number().int(),
    enterprise: workshopRef,
    patrolledOn: calendarDate,
    items: z.array(z.object({ code: z.string(), held: z.boolean(), note: z.string() })).meta({ description: '各取缔标准项是否仍然落实' }),
    verdict: z.enum(PATROL_VERDICTS).meta({ description: 'holding 保持取缔、concern 发现疑点、producing 恢复生产（死灰复燃）' }),
    findings: z.string(),
    evidenceIds: z.array(z.number().int()),
    recurred: z.boolean().meta({ description: '这次巡查确认反弹，重新启动了取缔' }),
    recordedBy: z.string(),
    recordedUnit: z.string(),
    recordedAt: timestamp,
  })
  .meta({ id: 'Patrol', description: '一次巡查' });
export type PatrolDto = z.infer<typeof patrolDto>;

export const patrolScheduleDto = z
  .object({
    underPatrol: z.boolean().meta({ description: '企业处于已取缔或验收通过状态，须定期巡查' }),
    everyDays: z.number().int().nullable().meta({ description: '巡查周期（天）；行动未设巡查周期时为 null' }),
    lastPatrolOn: calendarDate.nullable(),
    dueOn: calendarDate.nullable().meta({ description: '下次巡查的截止日期；不在巡查范围内或未设周期时为 null' }),
    overdue: z.boolean(),
  })
  .meta({ id: 'PatrolSchedule', description: '企业的巡查安排' });
export type PatrolScheduleDto = z.infer<typeof patrolScheduleDto>;

export const patrolListDto = z
  .object({
    items: z.array(patrolDto),
    total: z.number().int(),
    canRecord: z.boolean().meta({ description: '当前用户可为该企业记录巡查（企业的列表）' }),
    schedule: patrolScheduleDto.nullable().meta({ description: '企业的巡查安排（企业的列表）；全区列表为 null' }),
  })
  .meta({ id: 'Patrols', description: '巡查记录，最新的在前' });
export type PatrolListDto = z.infer<typeof patrolListDto>;

export const patrolDueItemDto = z
  .object({
    enterprise: workshopRef.extend({ status: statusSchema, address: z.string() }),
    lastPatrolOn: calendarDate.nullable(),
    dueOn: calendarDate,
    daysLeft: z.number().int().meta({ description: '距截止日期的天数（负数为已逾期）' }),
    contact: z.object({ name: z.string(), phone: z.string() }).nullable().meta({ description: '村居监管责任人；未明确时为 null' }),
  })
  .meta({ id: 'PatrolDue', description: '一家待巡查的企业' });
export type PatrolDueItemDto = z.infer<typeof patrolDueItemDto>;

export const patrolDueListDto = z
  .object({ items: z.array(patrolDueItemDto), total: z.number().int(), overdue: z.number().int().meta({ description: '其中逾期未巡查的家数' }) })
  .meta({ id: 'PatrolsDue', description: '待巡查的企业，截止日期早的在前' });
export type PatrolDueListDto = z.infer<typeof patrolDueListDto>;

// ---- The schedule ----------------------------------------------------------------------------

type PatrolDef = Pick<CampaignDefinition, 'patrols' | 'phases'>;

/** The patrol interval of a town (its exception, else the campaign's), or null when nothing is scheduled. */
export function patrolEveryDays(def: PatrolDef, townName: string): number | null {
  if (!def.patrols) return null;
  return def.patrols.towns.find((t) => t.town === townName)?.everyDays ?? def.patrols.everyDays;
}

/** The day patrols start: the named phase's start, else the last phase's. */
export function patrolStart(def: PatrolDef): string | null {
  if (!def.patrols) return null;
  const phase = def.phases.find((p) => p.code === def.patrols!.phase) ?? def.phases[def.phases.length - 1];
  return phase.start;
}

/**
 * The day by which a site's next patrol is due: `everyDays` after `since` (its last patrol, or the day
 * it was shut down), never counting from before patrols start. Null when nothing is scheduled.
 */
export function patrolDueOn(def: PatrolDef, townName: string, since: string): string | null {
  const every = patrolEveryDays(def, townName);
  const start = patrolStart(def);
  if (every === null || start === null) return null;
  return addDays(since > start ? since : start, every);
}
