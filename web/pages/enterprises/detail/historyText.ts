// Audit entries (action + before/after JSON) told in words: which fields changed, which item was
// recorded, which status change happened and why.
import type { HistoryEntryDto } from '../../../../domain/api.js';
import { enterpriseFieldLabels } from '../../../../domain/i18n/labels.zh-CN.js';
import { DISCOVERY_SOURCES, ITEM_STATES, LICENCE_STATES, PRODUCTION_STATUSES, STATUSES, type Status } from '../../../../domain/status.js';
import { VERDICT_REASONS } from '../../../../domain/enterprise.js';
import { WORKFLOW_EVENTS } from '../../../../domain/workflows/workshop.js';
import { metaLine } from '../../../format.js';
import { t, tOr } from '../../../i18n/index.js';
import { label, type FieldName } from '../../../i18n/labels.js';
// The history's strings, registered when this module loads (with the history timeline, not the page).
import '../../../i18n/history.js';

export interface HistoryNames {
  item: (code: string) => string;
  kind: (code: string) => string;
  town: (id: number) => string | undefined;
  village: (id: number) => string | undefined;
}

export interface HistoryText {
  title: string;
  lines: string[];
  tone: 'blue' | 'green' | 'red' | 'gray';
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isOneOf = <T extends string>(list: readonly T[], v: unknown): v is T => typeof v === 'string' && (list as readonly string[]).includes(v);
const isField = (k: string): k is FieldName => k in enterpriseFieldLabels;

function fieldValue(field: string, v: unknown, names: HistoryNames): string {
  if (v === null || v === undefined || v === '') return t('history.blank');
  if (field.startsWith('licence') && isOneOf(LICENCE_STATES, v)) return label.licence(v);
  if (field === 'productionStatus' && isOneOf(PRODUCTION_STATUSES, v)) return label.production(v);
  if (field === 'discoverySource' && isOneOf(DISCOVERY_SOURCES, v)) return label.discovery(v);
  if (field === 'kind' && typeof v === 'string') return names.kind(v);
  if (field === 'townId' && typeof v === 'number') return names.town(v) ?? String(v);
  if (field === 'villageId' && typeof v === 'number') return names.village(v) ?? String(v);
  if (field === 'status' && isOneOf(STATUSES, v)) return label.status(v);
  return String(v);
}

const fieldLabel = (k: string) => (isField(k) ? label.field(k) : k);

function updateLines(before: unknown, after: unknown, names: HistoryNames): string[] {
  if (!isObj(after)) return [];
  const b = isObj(before) ? before : {};
  return Object.keys(after).map((k) =>
    k in b
      ? t('history.change', { field: fieldLabel(k), from: fieldValue(k, b[k], names), to: fieldValue(k, after[k], names) })
      : t('history.set', { field: fieldLabel(k), to: fieldValue(k, after[k], names) }),
  );
}

function itemLines(after: unknown, names: HistoryNames): string[] {
  if (!isObj(after)) return [];
  const lines: string[] = [];
  const code = typeof after.item === 'string' ? after.item : '';
  if (isOneOf(ITEM_STATES, after.state)) lines.push(t('history.itemState', { item: names.item(code), state: label.itemState(after.state) }));
  if (after.unit || after.person) lines.push(t('history.executor', { unit: String(after.unit ?? ''), person: String(after.person ?? '') }).trim());
  if (after.date) lines.push(t('history.date', { date: String(after.date) }));
  if (after.reason) lines.push(t('history.reason', { reason: String(after.reason) }));
  if (after.note) lines.push(t('history.note', { note: String(after.note) }));
  return lines;
}

function statusLines(before: unknown, after: unknown): string[] {
  if (!isObj(after)) return [];
  const lines: string[] = [];
  const from = isObj(before) && isOneOf(STATUSES, before.status) ? before.status : undefined;
  const to = isOneOf(STATUSES, after.status) ? (after.status as Status) : undefined;
  if (from && to) lines.push(t('history.statusChange', { from: label.status(from), to: label.status(to) }));
  if (Array.isArray(after.reasons) && after.reasons.length > 0)
    lines.push(t('history.reasons', { reasons: after.reasons.map((r) => (isOneOf(VERDICT_REASONS, r) ? label.verdictReason(r) : String(r))).join(t('common.listSeparator')) }));
  // The server files an accepted verdict's findings as the status reason too; say it once.
  if (after.reason && after.reason !== after.findings) lines.push(t('history.reason', { reason: String(after.reason) }));
  if (after.findings) lines.push(t('history.findings', { findings: String(after.findings) }));
  return lines;
}

/** A comment, an escalation or the town's answer (帮包意见与督办): who spoke for which unit, what, and by when. */
function remarkLines(after: unknown): string[] {
  if (!isObj(after)) return [];
  const lines: string[] = [];
  if (after.text) lines.push(after.unit ? t('history.remark', { unit: String(after.unit), text: String(after.text) }) : String(after.text));
  if (after.dueOn) lines.push(t('history.remarkDue', { date: String(after.dueOn) }));
  return lines;
}

/** A department request's step (部门协办): which item and department, by when, the date set, why it was returned. */
function requestLines(after: unknown, names: HistoryNames): string[] {
  if (!isObj(after)) return [];
  const lines: string[] = [];
  if (typeof after.item === 'string') lines.push(t('history.request', { item: names.item(after.item), department: String(after.department ?? '') }));
  if (after.dueOn) lines.push(t('history.remarkDue', { date: String(after.dueOn) }));
  if (after.scheduledOn) lines.push(t('history.requestScheduled', { date: String(after.scheduledOn) }));
  if (after.date) lines.push(t('history.date', { date: String(after.date) }));
  if (after.reason) lines.push(t('history.reason', { reason: String(after.reason) }));
  if (after.note) lines.push(t('history.note', { note: String(after.note) }));
  return lines;
}

/** A case's step (违法案件): the department, the facts, the penalty decision, the transfer and its receipt. */
function caseLines(after: unknown): string[] {
  if (!isObj(after)) return [];
  const lines: string[] = [];
  if (after.department) lines.push(String(after.department));
  if (after.violation) lines.push(String(after.violation));
  const p = isObj(after.penalty) ? after.penalty : undefined;
  if (p) lines.push(t('history.penalty', { number: String(p.decisionNumber ?? ''), amount: String(p.amount ?? '') }));
  if (after.to) lines.push(t('history.caseTo', { unit: String(after.to) }));
  if (after.reason) lines.push(t('history.reason', { reason: String(after.reason) }));
  if (after.reference) lines.push(t('history.caseReference', { reference: String(after.reference) }));
  return lines;
}

/** A site's village contact named (监管责任人): who now, and who before. */
function supervisorLines(before: unknown, after: unknown): string[] {
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const person = (p: Obj) => metaLine(text(p.name), text(p.position), text(p.phone));
  const lines: string[] = [];
  if (isObj(after)) lines.push(person(after));
  if (isObj(before)) lines.push(t('history.supervisorBefore', { person: person(before) }));
  return lines;
}

/** A same-site decision (改头换面): the other workshop, and the reason given. */
function siteLinkLines(after: unknown): string[] {
  if (!isObj(after)) return [];
  const lines = [t('history.siteOther', { name: String(after.siteName ?? '') })];
  if (after.note) lines.push(t('history.reason', { reason: String(after.note) }));
  return lines;
}

export function describeHistory(entry: HistoryEntryDto, names: HistoryNames): HistoryText {
  const { action, before, after } = entry;
  if (action.startsWith('status.')) {
    const event = action.slice('status.'.length);
    const title = isOneOf(WORKFLOW_EVENTS, event) ? label.workflowEvent(event) : action;
    const tone = event === 'accept' ? 'green' : event === 'reject' || event === 'recur' ? 'red' : event === 'exclude' ? 'gray' : 'blue';
    return { title, lines: statusLines(before, after), tone };
  }
  const title = tOr(`history.action.${action}`, action);
  if (action === 'enterprise.update') return { title, lines: updateLines(before, after, names), tone: 'blue' };
  if (action === 'item.record') return { title, lines: itemLines(after, names), tone: 'blue' };
  if (action.startsWith('remark.')) return { title, lines: remarkLines(after), tone: action === 'remark.escalate' ? 'red' : action === 'remark.answer' ? 'green' : 'blue' };
  if (action.startsWith('request.'))
    return { title, lines: requestLines(after, names), tone: action === 'request.return' ? 'red' : action === 'request.confirm' ? 'green' : 'blue' };
  if (action.startsWith('case.')) return { title, lines: caseLines(after), tone: action === 'case.transfer' ? 'red' : 'blue' };
  if (action === 'supervisor.assign') return { title, lines: supervisorLines(before, after), tone: 'blue' };
  if (action === 'site.confirm' || action === 'site.dismiss') return { title, lines: siteLinkLines(after), tone: action === 'site.confirm' ? 'red' : 'gray' };
  if (action === 'enterprise.create') return { title, lines: isObj(after) && after.name ? [String(after.name)] : [], tone: 'blue' };
  return { title, lines: [], tone: 'gray' };
}
