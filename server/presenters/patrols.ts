// Patrols, a workshop's patrol schedule and the sites due, as the web shows them.
import type { CampaignDefinition } from '../../domain/campaign.js';
import type { PatrolDto, PatrolDueItemDto, PatrolScheduleDto, PatrolVerdict } from '../../domain/patrols.js';
import { patrolEveryDays } from '../../domain/patrols.js';
import type { Status } from '../../domain/status.js';
import { daysBetween } from '../../domain/time.js';
import { underPatrol } from '../../domain/workflows/patrol.js';
import type { EnterpriseRow } from '../db/schema.js';
import type { PatrolDueRow, PatrolView } from '../repositories/patrols.js';
import { evidenceIdsOf } from './evidenceIds.js';

function itemsOf(json: string): PatrolDto['items'] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? (v as PatrolDto['items']).map((i) => ({ code: String(i.code), held: i.held === true, note: String(i.note ?? '') })) : [];
  } catch {
    return [];
  }
}

export function presentPatrol(r: PatrolView): PatrolDto {
  return {
    id: r.id,
    enterprise: { id: r.enterprise_id, name: r.enterprise_name, townName: r.town_name ?? '', villageName: r.village_name ?? null },
    patrolledOn: r.patrolled_on,
    items: itemsOf(r.items),
    verdict: r.verdict as PatrolVerdict,
    findings: r.findings,
    evidenceIds: evidenceIdsOf(r.evidence_ids),
    recurred: r.recurred === 1,
    recordedBy: r.recorded_by_name ?? '',
    recordedUnit: r.recorded_unit,
    recordedAt: r.recorded_at,
  };
}

export function presentPatrolSchedule(row: EnterpriseRow, def: CampaignDefinition, townName: string, today: string): PatrolScheduleDto {
  const patrolled = underPatrol(row.status as Status);
  const dueOn = patrolled ? row.patrol_due_on : null;
  return {
    underPatrol: patrolled,
    everyDays: patrolEveryDays(def, townName),
    lastPatrolOn: row.last_patrol_on,
    dueOn,
    overdue: dueOn !== null && dueOn < today,
  };
}

export function presentPatrolDue(r: PatrolDueRow, today: string): PatrolDueItemDto {
  const dueOn = r.patrol_due_on ?? today;
  return {
    enterprise: { id: r.id, name: r.name, townName: r.town_name ?? '', villageName: r.village_name ?? null, status: r.status as Status, address: r.address },
    lastPatrolOn: r.last_patrol_on,
    dueOn,
    daysLeft: daysBetween(today, dueOn),
    contact: r.contact_name ? { name: r.contact_name, phone: r.contact_phone ?? '' } : null,
  };
}
