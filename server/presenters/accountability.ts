// 约谈与问责 records and the accountability list (问责清单) as the web shows them, with what the reader may do.
import {
  RESPONSIBLE_KINDS,
  type AccountabilityDto,
  type AccountabilityLevel,
  type AccountabilityMeasure,
  type AccountabilityState,
  type BoardCounts,
  type BoardRowDto,
  type PersonUnitKind,
  type ResponsibleKind,
} from '../../domain/accountability.js';
import type { Actor } from '../auth/actor.js';
import { can } from '../policies/index.js';
import type { ActionView, ProblemGroup } from '../repositories/accountability.js';

export function presentAction(r: ActionView, actor: Actor): AccountabilityDto {
  const subject = { orgPath: r.org_path, level: r.level as AccountabilityLevel, state: r.state as AccountabilityState };
  return {
    id: r.id,
    version: r.version,
    level: subject.level,
    state: subject.state,
    person: { name: r.person_name, position: r.person_position, unitKind: r.unit_kind as PersonUnitKind, unitId: (r.unit_org_id ?? r.unit_department_id)!, unitName: r.unit_name },
    town: { id: r.town_id, name: r.town_name ?? '' },
    enterprise: r.enterprise_id === null ? null : { id: r.enterprise_id, name: r.enterprise_name ?? '' },
    remarkId: r.remark_id,
    previousId: r.previous_id,
    reason: r.reason,
    scheduledOn: r.scheduled_on,
    conductedBy: r.conducted_by,
    measure: r.measure as AccountabilityMeasure | null,
    outcome: r.outcome,
    createdBy: r.created_by_name ?? '',
    createdUnit: r.created_unit,
    createdAt: r.created_at,
    decidedBy: r.decided_by === null ? null : (r.decided_by_name ?? ''),
    decidedAt: r.decided_at,
    abilities: { hold: can(actor, 'accountability.hold', subject), withdraw: can(actor, 'accountability.withdraw', subject) },
  };
}

const ZERO: BoardCounts = { itemsOverdue: 0, rejected: 0, recurred: 0, escalationsOpen: 0, escalationsOverdue: 0, requestsOverdue: 0, interviews: 0, accountabilities: 0 };

/** Everything overdue or failed under a person: the list's sort key. */
export const overdueOf = (c: BoardCounts): number => c.itemsOverdue + c.rejected + c.recurred + c.escalationsOverdue + c.requestsOverdue;

/**
 * The persons of the accountability list: each named person of the problem groups (by kind, town and
 * name; a blank name is no one), each town supervisor with the town's totals, and the 约谈/问责 counted
 * against the same name in the same town. Department requests count only under the department head.
 */
export function boardRows(
  groups: readonly ProblemGroup[],
  supervisors: readonly { town_id: number; role: string; name: string }[],
  actions: readonly { townId: number; name: string; level: string; n: number }[],
  towns: ReadonlyMap<number, string>,
): BoardRowDto[] {
  const rows = new Map<string, BoardRowDto>();
  const row = (kind: ResponsibleKind, townId: number, name: string) => {
    const key = JSON.stringify([kind, townId, name]);
    let r = rows.get(key);
    if (!r) rows.set(key, (r = { kind, name, town: { id: townId, name: towns.get(townId) ?? '' }, counts: { ...ZERO }, overdue: 0 }));
    return r;
  };
  const add = (r: BoardRowDto, g: ProblemGroup, withRequests: boolean) => {
    r.counts.itemsOverdue += g.itemsOverdue;
    r.counts.rejected += g.rejected;
    r.counts.recurred += g.recurred;
    r.counts.escalationsOpen += g.escalationsOpen;
    r.counts.escalationsOverdue += g.escalationsOverdue;
    if (withRequests) r.counts.requestsOverdue += g.requestsOverdue;
  };
  const townTotals = new Map<number, ProblemGroup[]>();
  for (const g of groups) {
    if (g.villageHead.trim()) add(row('village_head', g.townId, g.villageHead.trim()), g, false);
    if (g.townHead.trim()) add(row('town_head', g.townId, g.townHead.trim()), g, false);
    if (g.departmentHead.trim()) add(row('department_head', g.townId, g.departmentHead.trim()), g, true);
    townTotals.set(g.townId, [...(townTotals.get(g.townId) ?? []), g]);
  }
  for (const s of supervisors) {
    const kind: ResponsibleKind = s.role === 'leader' ? 'town_leader' : 'town_supervisor';
    if (!RESPONSIBLE_KINDS.includes(kind) || !s.name.trim()) continue;
    const r = row(kind, s.town_id, s.name.trim());
    for (const g of townTotals.get(s.town_id) ?? []) add(r, g, true);
  }
  const byName = new Map<string, BoardRowDto[]>();
  for (const r of rows.values()) {
    const key = JSON.stringify([r.town.id, r.name]);
    byName.set(key, [...(byName.get(key) ?? []), r]);
  }
  for (const a of actions)
    for (const r of byName.get(JSON.stringify([a.townId, a.name])) ?? []) {
      if (a.level === 'interview') r.counts.interviews += a.n;
      else r.counts.accountabilities += a.n;
    }
  for (const r of rows.values()) r.overdue = overdueOf(r.counts);
  return [...rows.values()];
}
