// 运输车辆查处 (notice 三（二）: 严厉查处向我区转移废旧塑料、纸浆、垃圾等土小企业生产原料的运输车辆; issue
// 14): the transport bureau and the traffic police record each truck they stop — plate, vehicle,
// cargo, quantity, where from, where to (a town, a workshop, a place), what was done — and the
// office sees, week by week, which towns raw material still flows to. Request schemas and DTOs.
import { calendarDate, timestamp } from './api.js';
import { entityId, idText, isoDate, pageFields, text } from './params.js';
import { todayInChina } from './time.js';
import { z } from './zod.js';

export const CARGO_KINDS = ['plastic', 'pulp', 'garbage', 'other'] as const;
export type CargoKind = (typeof CARGO_KINDS)[number];
export { cargoKindLabels } from './i18n/labels.zh-CN.js';

export const interceptionCreateSchema = z.strictObject({
  interceptedOn: isoDate.refine((d) => d <= todayInChina(), { error: '查处日期不能晚于今天' }),
  plate: text(20).min(2, { error: '请填写车牌号' }),
  vehicleType: text(30).default('').meta({ description: '车辆类型（如 重型自卸货车）' }),
  cargo: z.enum(CARGO_KINDS, { error: '请选择货物：废旧塑料、纸浆、垃圾或其他' }),
  cargoNote: text(100).default('').meta({ description: '货物说明（其他时必填）' }),
  quantity: text(50).default('').meta({ description: '数量（如 12 吨）' }),
  origin: text(100).default('').meta({ description: '来源地' }),
  destinationTownId: entityId.nullable().default(null).meta({ description: '目的地镇街（已知时）' }),
  destinationEnterpriseId: entityId.nullable().default(null).meta({ description: '目的地企业（已知时，须在目的地镇街）' }),
  destinationPlace: text(100).default('').meta({ description: '目的地（其他地点的说明）' }),
  action: text(500).min(2, { error: '请填写处理措施（如 扣留车辆、罚款、责令返回）' }),
}).superRefine((v, ctx) => {
  if (v.cargo === 'other' && !v.cargoNote) ctx.addIssue({ code: 'custom', path: ['cargoNote'], message: '货物为“其他”时请说明' });
});
export type InterceptionCreate = z.output<typeof interceptionCreateSchema>;
export type InterceptionCreateInput = z.input<typeof interceptionCreateSchema>;

export const interceptionQuerySchema = z.strictObject({ town: idText('镇街').optional(), ...pageFields({ maxPageSize: 100, defaultPageSize: 20 }) });
export const weeklyQuerySchema = z.strictObject({
  weeks: z.coerce.number({ error: '周数应为 1 到 26 之间的整数' }).int({ error: '周数应为 1 到 26 之间的整数' }).min(1, { error: '周数应为 1 到 26 之间的整数' }).max(26, { error: '周数应为 1 到 26 之间的整数' }).default(8),
});

export const interceptionDto = z
  .object({
    id: z.number().int(),
    interceptedOn: calendarDate,
    plate: z.string(),
    vehicleType: z.string(),
    cargo: z.enum(CARGO_KINDS),
    cargoNote: z.string(),
    quantity: z.string(),
    origin: z.string(),
    destinationTown: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    destinationEnterprise: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    destinationPlace: z.string(),
    action: z.string(),
    recordedBy: z.string(),
    recordedUnit: z.string(),
    recordedAt: timestamp,
    fileCount: z.number().int().meta({ description: '照片、视频数（GET /api/interceptions/:id/attachments；上传见 /api/uploads，recordType=interception）' }),
  })
  .meta({ id: 'Interception', description: '一次运输车辆查处' });
export type InterceptionDto = z.infer<typeof interceptionDto>;

export const interceptionListDto = z
  .object({ items: z.array(interceptionDto), total: z.number().int(), canRecord: z.boolean() })
  .meta({ id: 'Interceptions', description: '运输车辆查处，最新的在前' });
export type InterceptionListDto = z.infer<typeof interceptionListDto>;

export const weeklyInterceptionsDto = z
  .object({
    weeks: z.array(calendarDate).meta({ description: '各周的周一（最早的在前）' }),
    rows: z.array(z.object({ townId: z.number().int().nullable(), townName: z.string(), counts: z.array(z.number().int()), total: z.number().int() })).meta({ description: '每个目的地镇街（null 为未知）各周的查处次数' }),
  })
  .meta({ id: 'WeeklyInterceptions', description: '按目的地镇街、按周统计的运输车辆查处次数' });
export type WeeklyInterceptionsDto = z.infer<typeof weeklyInterceptionsDto>;

/** The Monday (YYYY-MM-DD) of the week `date` falls in. */
export function weekOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const back = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - back * 86_400_000).toISOString().slice(0, 10);
}
