// Notifications (issue 17 §1, §3): what the inbox holds, and the reminder rules — a notice the day
// before a deadline to whoever must act, and on each of the first days after it to them and the next
// level up the responsibility chain. Each notice has a key (what it is about and which deadline), so
// that it is written once per user however often the sweep runs.
import { pageFields } from './params.js';
import { z } from './zod.js';

export const NOTIFICATION_KINDS = [
  'request_due',
  'request_overdue',
  'tip_due',
  'tip_overdue',
  'patrols_due',
  'patrols_overdue',
  'escalation_due',
  'escalation_overdue',
  'rectification_due',
  'rectification_overdue',
  'report_due',
  'report_overdue',
  'phase_ending',
  'items_due',
  'items_overdue',
  'operation_due',
  'operation_pending',
  'interview_due',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * A town's deadline still missed this many days after it goes up the chain to the town's liaison
 * department (帮包部门), after the doer, the town's staff and principal (told at once) — and the
 * office where the deadline is one it watches.
 */
export const LIAISON_AFTER_DAYS = 3;

/** Reminded this many days before a deadline. */
export const REMIND_DAYS_BEFORE = 1;
/** At most this many days ahead (REMIND_DAYS_BEFORE in the environment). */
export const REMIND_DAYS_BEFORE_MAX = 7;
/** A deadline missed up to this many days ago is still told (a sweep that did not run for a few days catches up). */
export const OVERDUE_CATCH_UP_DAYS = 7;

export const notificationDto = z
  .object({
    id: z.number().int(),
    kind: z.enum(NOTIFICATION_KINDS),
    title: z.string(),
    body: z.string(),
    link: z.string().meta({ description: '应用内相关页面，如 /enterprises/12' }),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .meta({ id: 'Notification', description: '站内通知（到期提醒、逾期督促）' });
export type NotificationDto = z.infer<typeof notificationDto>;

export const notificationListDto = z
  .object({ items: z.array(notificationDto), total: z.number().int(), unread: z.number().int() })
  .meta({ id: 'NotificationList', description: '当前用户的通知（最新的在前）及未读数' });
export type NotificationListDto = z.infer<typeof notificationListDto>;

export const notificationCountDto = z.object({ unread: z.number().int() }).meta({ id: 'NotificationCount', description: '当前用户的未读通知数' });
export type NotificationCountDto = z.infer<typeof notificationCountDto>;

export const notificationQuerySchema = z.strictObject({
  unread: z.enum(['true', 'false'], { error: 'unread 只能是 true 或 false' }).optional(),
  ...pageFields({ maxPageSize: 100, defaultPageSize: 20 }),
});
export type NotificationQuery = z.infer<typeof notificationQuerySchema>;
