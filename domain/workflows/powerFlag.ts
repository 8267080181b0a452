// 用电核查 (issue 16 §4): the power company's account list is imported as a preview and confirmed (or
// discarded) by the office; once confirmed, each flagged account — a shut site whose use rose again
// (resumed), or a workshop-sized account matched to no registered workshop (unlisted) — is reviewed:
// a resumed site is recurred (确认反弹), an unlisted account registered as a workshop (登记为企业), or
// either set aside with a reason (排除). An open flag is superseded when a later list of the account is
// confirmed: the newer months are the ones to decide on.
import { defineWorkflow } from './workflow.js';

export const POWER_IMPORT_STATUSES = ['preview', 'confirmed', 'discarded'] as const;
export type PowerImportStatus = (typeof POWER_IMPORT_STATUSES)[number];
export const POWER_IMPORT_EVENTS = ['confirm', 'discard'] as const;
export type PowerImportEvent = (typeof POWER_IMPORT_EVENTS)[number];

const importStatusNames: Record<PowerImportStatus, string> = { preview: '待确认', confirmed: '已确认导入', discarded: '已放弃' };
const importEventNames: Record<PowerImportEvent, string> = { confirm: '确认导入', discard: '放弃' };

export const POWER_IMPORT_WORKFLOW = defineWorkflow<PowerImportStatus, PowerImportEvent>({
  subject: '用电户清单',
  statuses: POWER_IMPORT_STATUSES,
  events: POWER_IMPORT_EVENTS,
  transitions: [
    { event: 'confirm', from: ['preview'], to: 'confirmed' },
    { event: 'discard', from: ['preview'], to: 'discarded' },
  ],
  refusal: (from, event) => `该用电户清单当前为“${importStatusNames[from]}”，不能${importEventNames[event]}`,
});

export const POWER_FLAG_STATES = ['open', 'recurred', 'registered', 'dismissed', 'superseded'] as const;
export type PowerFlagState = (typeof POWER_FLAG_STATES)[number];
export const POWER_FLAG_EVENTS = ['recur', 'register', 'dismiss', 'supersede'] as const;
export type PowerFlagEvent = (typeof POWER_FLAG_EVENTS)[number];

const stateNames: Record<PowerFlagState, string> = { open: '待核查', recurred: '已确认反弹', registered: '已登记为企业', dismissed: '已排除', superseded: '已由新清单取代' };
const eventNames: Record<PowerFlagEvent, string> = { recur: '确认反弹', register: '登记为企业', dismiss: '排除', supersede: '由新清单取代' };

export const POWER_FLAG_WORKFLOW = defineWorkflow<PowerFlagState, PowerFlagEvent>({
  subject: '用电异常户',
  statuses: POWER_FLAG_STATES,
  events: POWER_FLAG_EVENTS,
  transitions: [
    { event: 'recur', from: ['open'], to: 'recurred' },
    { event: 'register', from: ['open'], to: 'registered' },
    { event: 'dismiss', from: ['open'], to: 'dismissed' },
    // A later confirmed list of the same account (the office's confirmation, not a reviewer's decision).
    { event: 'supersede', from: ['open'], to: 'superseded' },
  ],
  refusal: (from, event) => `该用电异常户当前为“${stateNames[from]}”，不能${eventNames[event]}`,
});
