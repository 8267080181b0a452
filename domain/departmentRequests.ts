// 部门协办请求 (notice 三（二）; issue 14): a town (or the office) asks the department whose duty a
// standard item is to act on one workshop, with what the town knows; the department accepts or
// returns it, schedules it, and confirms it with its own evidence, which records the item done.
// Request schemas, DTOs and the rules both sides share (age, overdue, the default due date).
import { calendarDate, statusSchema, timestamp } from './api.js';
import { idText, isoDate, pageFields, text, versionField } from './params.js';
import { addDays, daysBetween, todayInChina } from './time.js';
import { z } from './zod.js';
import { DEPARTMENT_REQUEST_STATUSES, OPEN_DEPARTMENT_REQUEST_STATUSES, type DepartmentRequestStatus } from './workflows/departmentRequest.js';

export { DEPARTMENT_REQUEST_STATUSES, OPEN_DEPARTMENT_REQUEST_STATUSES, type DepartmentRequestStatus } from './workflows/departmentRequest.js';
export { departmentRequestStatusLabels } from './i18n/labels.zh-CN.js';

/** What the town knows, field by field (each at most DETAIL_MAX characters). */
export const REQUEST_DETAIL_FIELDS = ['facility', 'account', 'access'] as const;
export type RequestDetailField = (typeof REQUEST_DETAIL_FIELDS)[number];
export const REQUEST_DETAIL_MAX = 200;
export const REQUEST_REASON_MAX = 500;

/** Days a request is given when the requester sets no due date and the stage's deadline has passed. */
export const DEFAULT_REQUEST_DAYS = 3;

const detail = (description: string) => text(REQUEST_DETAIL_MAX).default('').meta({ description });

export const requestDetailsSchema = z.strictObject({
  facility: detail('供电或供水设施：变压器、线路、自备井的位置等'),
  account: detail('电表号、用电户号或用水户号'),
  access: detail('进场说明：道路、钥匙、联系人、注意事项'),
});
export type RequestDetails = z.output<typeof requestDetailsSchema>;

const futureDate = (what: string) =>
  isoDate.refine((d) => d >= todayInChina(), { error: `${what}不能早于今天` });

/** POST /api/enterprises/:id/requests */
export const departmentRequestCreateSchema = z.strictObject({
  itemCode: z.string({ error: '请选择取缔标准项' }).min(1, { error: '请选择取缔标准项' }).max(40, { error: '没有这个取缔标准项' }),
  departmentCode: z
    .string()
    .max(40, { error: '没有这个部门' })
    .nullable()
    .default(null)
    .meta({ description: '请求的部门代码；该项只有一个执行部门时可不填' }),
  details: requestDetailsSchema.prefault({}),
  dueOn: futureDate('办理期限').nullable().default(null).meta({ description: '办理期限（YYYY-MM-DD，北京时间）；不填时为本阶段的完成期限，已过则为三天后' }),
});
export type DepartmentRequestCreateInput = z.input<typeof departmentRequestCreateSchema>;
export type DepartmentRequestCreate = z.output<typeof departmentRequestCreateSchema>;

/** POST /api/department-requests/:id/accept */
export const requestAcceptSchema = z.strictObject({ version: versionField });
/** POST /api/department-requests/:id/return — why the department cannot act (wrong meter, no access, not its duty). */
export const requestReturnSchema = z.strictObject({
  version: versionField,
  reason: z
    .string({ error: '请填写退回原因' })
    .trim()
    .min(1, { error: '请填写退回原因' })
    .max(REQUEST_REASON_MAX, { error: `不能超过 ${REQUEST_REASON_MAX} 个字` }),
});
/** POST /api/department-requests/:id/schedule — the day the department will act. */
export const requestScheduleSchema = z.strictObject({ version: versionField, scheduledOn: futureDate('计划日期') });
/** POST /api/department-requests/:id/confirm — done on `date`, with the department's evidence already on the item. */
export const requestConfirmSchema = z.strictObject({
  version: versionField,
  date: isoDate.refine((d) => d <= todayInChina(), { error: '完成日期不能晚于今天' }),
  note: text(REQUEST_REASON_MAX).default(''),
});
export type RequestAccept = z.output<typeof requestAcceptSchema>;
export type RequestReturn = z.output<typeof requestReturnSchema>;
export type RequestSchedule = z.output<typeof requestScheduleSchema>;
export type RequestConfirm = z.output<typeof requestConfirmSchema>;

/** The queue's `status`: one state, or `open` (requested, accepted or scheduled — what still waits), or `all`. */
export const REQUEST_QUEUE_FILTERS = ['open', 'all', ...DEPARTMENT_REQUEST_STATUSES] as const;
export type RequestQueueFilter = (typeof REQUEST_QUEUE_FILTERS)[number];

/** GET /api/department-requests */
export const requestQueueQuerySchema = z.strictObject({
  status: z.enum(REQUEST_QUEUE_FILTERS, { error: '状态应为 open、all 或一种请求状态' }).default('open'),
  town: idText('镇街').optional(),
  department: idText('部门').optional(),
  ...pageFields({ maxPageSize: 100, defaultPageSize: 20 }),
});
export type RequestQueueQuery = z.output<typeof requestQueueQuerySchema>;

/** The default due date: the stage's item deadline, or DEFAULT_REQUEST_DAYS from today once that has passed. */
export function defaultRequestDue(itemsDue: string | undefined, today = todayInChina()): string {
  return itemsDue && itemsDue >= today ? itemsDue : addDays(today, DEFAULT_REQUEST_DAYS);
}

/** Whether a request still waiting on the department has passed its due date (China calendar). */
export function requestOverdue(status: DepartmentRequestStatus, dueOn: string, today = todayInChina()): boolean {
  return (OPEN_DEPARTMENT_REQUEST_STATUSES as readonly string[]).includes(status) && dueOn < today;
}

/** Whole days since `requestedAt` (an ISO timestamp) on the China calendar: 0 on the day it was made. */
export function requestAgeDays(requestedAt: string, today = todayInChina()): number {
  return Math.max(0, daysBetween(todayInChina(new Date(requestedAt)), today));
}

const person = z.object({ name: z.string(), at: timestamp }).nullable();

export const departmentRequestDto = z
  .object({
    id: z.number().int(),
    version: z.number().int(),
    status: z.enum(DEPARTMENT_REQUEST_STATUSES).meta({ description: '状态：requested 待受理、accepted 已受理、scheduled 已排期、returned 已退回、confirmed 已确认完成' }),
    itemCode: z.string(),
    itemName: z.string(),
    department: z.object({ id: z.number().int(), code: z.string(), name: z.string() }).meta({ description: '承办部门（当前的责任方，办结前为它）' }),
    enterprise: z.object({
      id: z.number().int(),
      name: z.string(),
      townId: z.number().int(),
      townName: z.string(),
      villageName: z.string().nullable(),
      address: z.string(),
      status: statusSchema,
    }),
    details: requestDetailsSchema,
    requestingUnit: z.string().meta({ description: '提出单位（镇街或领导小组办公室）' }),
    requested: z.object({ name: z.string(), at: timestamp }),
    accepted: person.meta({ description: '受理人与时间' }),
    confirmed: person.meta({ description: '确认完成人与时间' }),
    dueOn: calendarDate,
    scheduledOn: calendarDate.nullable(),
    reason: z.string().meta({ description: '退回原因；未退回为空' }),
    note: z.string().meta({ description: '确认完成时的说明' }),
    ageDays: z.number().int().meta({ description: '自提出之日起的天数' }),
    overdue: z.boolean().meta({ description: '尚未办结且已过办理期限' }),
    abilities: z
      .object({ accept: z.boolean(), return: z.boolean(), schedule: z.boolean(), confirm: z.boolean() })
      .meta({ description: '当前用户可做的操作（承办部门）' }),
  })
  .meta({ id: 'DepartmentRequest', description: '一条部门协办请求：镇街请承办部门对一家企业的一项取缔标准采取行动' });
export type DepartmentRequestDto = z.infer<typeof departmentRequestDto>;

export const workshopRequestListDto = z
  .object({
    items: z.array(departmentRequestDto),
    total: z.number().int(),
    /** The items (and their departments) the reader may request now: none once the items can no longer change. */
    requestable: z
      .array(z.object({ itemCode: z.string(), departments: z.array(z.object({ code: z.string(), name: z.string() })) }))
      .meta({ description: '当前用户可为哪些取缔标准项向哪些部门提出请求（已有未办结请求的项不在内）' }),
    defaultDueOn: calendarDate.meta({ description: '不填办理期限时的期限' }),
  })
  .meta({ id: 'WorkshopDepartmentRequests', description: '一家企业的部门协办请求，最早的在前' });
export type WorkshopRequestListDto = z.infer<typeof workshopRequestListDto>;

export const requestQueueDto = z
  .object({
    items: z.array(departmentRequestDto),
    total: z.number().int(),
    counts: z.record(z.enum(DEPARTMENT_REQUEST_STATUSES), z.number().int()).meta({ description: '管辖范围内（按镇街、部门筛选后）各状态的请求数，不受状态筛选影响' }),
  })
  .meta({ id: 'DepartmentRequestQueue', description: '部门协办请求队列：最早提出的在前' });
export type RequestQueueDto = z.infer<typeof requestQueueDto>;

