// 今日待办 from the facts the route gathered within the actor's scope: which entries, how urgent,
// in which order. No database; the route decides which facts the actor's abilities call for.
import { agendaEntry, sortAgenda, type AgendaDto, type AgendaEntryDto } from '../../domain/agenda.js';
import type { TownReportState } from '../../domain/reports.js';
import { daysBetween } from '../../domain/time.js';

export interface TownReportFact {
  townId: number;
  townName: string;
  state: TownReportState;
  /** The actor submits this town's report (its staff, or the office on its behalf). */
  canSubmit: boolean;
  /** The actor signs it (the town's principal). */
  canSign: boolean;
}

export interface AgendaFacts {
  today: string;
  /** The report phase's deadline and the towns whose reports the actor reads; null: no report to make. */
  reports: { due: string; towns: TownReportFact[] } | null;
  /** Workshops on the task table lacking location or phone; null: not the actor's work. */
  incomplete: number | null;
  /** Pending standard items the actor sees to, by item code in the campaign's order; null: not their work, or not yet the phase. */
  pendingItems: { code: string; n: number }[] | null;
  /** The day all items are due (the shutdown window's end), if the campaign says. */
  itemsDue: string | null;
  /** Workshop counts by status in scope, for the statuses that call for the actor's action. */
  statuses: Partial<Record<'rejected' | 'recurred' | 'shut_down', number>>;
  /** Open escalations the actor's town must answer; null: the actor answers none. */
  openEscalations: number | null;
  /** Open disciplinary clues; null: the actor does not see clues. */
  openClues: number | null;
  /** Sites due for a patrol by `dueBy` and those of them overdue; null: the actor patrols none. */
  patrols: { due: number; overdue: number; dueBy: string } | null;
  /** Public tips the actor triages (received) or answers (assigned, overdue of them); null: neither. */
  tips: { received: number; assigned: number; overdue: number; triages: boolean } | null;
  /** Open flags of the power-data cross-check the actor reviews; null: the actor reviews none. */
  powerFlags?: { resumed: number; unlisted: number } | null;
}

/** Past the deadline, or due today or tomorrow. */
const pressing = (daysLeft: number) => daysLeft <= 1;

function reportEntries(today: string, r: NonNullable<AgendaFacts['reports']>): AgendaEntryDto[] {
  const daysLeft = daysBetween(today, r.due);
  if (r.towns.length > 1) {
    const late = r.towns.filter((t) => t.state === 'overdue' || t.state === 'overdue_unsigned');
    const signed = r.towns.filter((t) => t.state === 'signed' || t.state === 'signed_late').length;
    const out: AgendaEntryDto[] = [];
    if (late.length > 0) out.push(agendaEntry('towns_late', late.length, { of: r.towns.length, urgent: true, due: r.due, daysLeft, names: late.slice(0, 20).map((t) => t.townName) }));
    if (signed < r.towns.length) out.push(agendaEntry('towns_reported', signed, { of: r.towns.length, due: r.due, daysLeft }));
    return out;
  }
  return r.towns.flatMap((t): AgendaEntryDto[] => {
    const town = { townId: t.townId, townName: t.townName, due: r.due, daysLeft };
    const awaitingSignature = t.state === 'submitted' || t.state === 'overdue_unsigned';
    if (awaitingSignature && t.canSign) return [agendaEntry('report_to_sign', 1, { ...town, urgent: true })];
    if (awaitingSignature && t.canSubmit) return [agendaEntry('report_unsigned', 1, { ...town, urgent: t.state === 'overdue_unsigned' })];
    if (t.state === 'overdue' && (t.canSubmit || t.canSign)) return [agendaEntry('report_overdue', 1, { ...town, urgent: true })];
    if (t.state === 'not_reported' && (t.canSubmit || t.canSign)) return [agendaEntry('report_due', 1, { ...town, urgent: pressing(daysLeft) })];
    return [];
  });
}

export function presentAgenda(f: AgendaFacts): AgendaDto {
  const entries: AgendaEntryDto[] = f.reports ? reportEntries(f.today, f.reports) : [];
  if (f.openEscalations) entries.push(agendaEntry('escalations_open', f.openEscalations, { urgent: true }));
  if (f.incomplete) entries.push(agendaEntry('incomplete', f.incomplete));
  const itemsLeft = f.itemsDue === null ? null : daysBetween(f.today, f.itemsDue);
  for (const { code, n } of f.pendingItems ?? [])
    if (n > 0) entries.push(agendaEntry('item_pending', n, { itemCode: code, due: f.itemsDue, daysLeft: itemsLeft, urgent: itemsLeft !== null && itemsLeft < 0 }));
  if (f.statuses.rejected) entries.push(agendaEntry('rejected', f.statuses.rejected, { urgent: true }));
  if (f.statuses.recurred) entries.push(agendaEntry('recurred', f.statuses.recurred, { urgent: true }));
  if (f.statuses.shut_down) entries.push(agendaEntry('awaiting_acceptance', f.statuses.shut_down));
  if (f.openClues) entries.push(agendaEntry('clues_open', f.openClues));
  if (f.patrols?.overdue) entries.push(agendaEntry('patrols_overdue', f.patrols.overdue, { urgent: true }));
  if (f.patrols && f.patrols.due > f.patrols.overdue)
    entries.push(agendaEntry('patrols_due', f.patrols.due - f.patrols.overdue, { due: f.patrols.dueBy, daysLeft: daysBetween(f.today, f.patrols.dueBy) }));
  if (f.tips?.triages && f.tips.received) entries.push(agendaEntry('tips_received', f.tips.received, { urgent: true }));
  if (f.tips && !f.tips.triages && f.tips.assigned) entries.push(agendaEntry('tips_assigned', f.tips.assigned, { urgent: f.tips.overdue > 0 }));
  const powerOpen = (f.powerFlags?.resumed ?? 0) + (f.powerFlags?.unlisted ?? 0);
  if (powerOpen) entries.push(agendaEntry('power_flags_open', powerOpen, { urgent: (f.powerFlags?.resumed ?? 0) > 0 }));
  return { today: f.today, entries: sortAgenda(entries) };
}
