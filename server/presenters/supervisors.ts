// 监管责任人 as the web shows them: a town's (current per role, the roles still missing, the people
// replaced) and a site's, with whether the reader may name or change them.
import type { Status } from '../../domain/status.js';
import {
  siteSupervisorAssignable,
  TOWN_SUPERVISOR_ROLES,
  type SiteSupervisorDto,
  type SupervisorDto,
  type SupervisorRole,
  type TownSupervisorsDto,
} from '../../domain/supervisors.js';
import type { Actor } from '../auth/actor.js';
import { can } from '../policies/index.js';
import type { SupervisorView } from '../repositories/supervisors.js';

export function presentSupervisor(r: SupervisorView): SupervisorDto {
  return {
    id: r.id,
    role: r.role as SupervisorRole,
    name: r.name,
    position: r.position,
    phone: r.phone,
    assignedBy: r.assigned_by_name ?? '',
    assignedAt: r.assigned_at,
    endedAt: r.ended_at,
    endedBy: r.ended_at === null ? null : (r.ended_by_name ?? ''),
  };
}

/** A town's people from its rows (newest first): the current one per role in the roles' order, and the past ones. */
export function presentTownSupervisors(town: { id: number; name: string; path: string }, rows: readonly SupervisorView[], actor: Actor): TownSupervisorsDto {
  const current = TOWN_SUPERVISOR_ROLES.map((role) => rows.find((r) => r.role === role && r.ended_at === null)).filter((r): r is SupervisorView => r !== undefined);
  return {
    townId: town.id,
    townName: town.name,
    current: current.map(presentSupervisor),
    missing: TOWN_SUPERVISOR_ROLES.filter((role) => !current.some((r) => r.role === role)),
    history: rows.filter((r) => r.ended_at !== null).map(presentSupervisor),
    canAssign: can(actor, 'supervisor.assign.town', { orgPath: town.path }),
  };
}

export function presentSiteSupervisor(workshop: { id: number; name: string; status: string; org_path: string }, rows: readonly SupervisorView[], actor: Actor): SiteSupervisorDto {
  const status = workshop.status as Status;
  const current = rows.find((r) => r.ended_at === null);
  return {
    enterpriseId: workshop.id,
    enterpriseName: workshop.name,
    status,
    current: current ? presentSupervisor(current) : null,
    history: rows.filter((r) => r.ended_at !== null).map(presentSupervisor),
    canAssign: siteSupervisorAssignable(status) && can(actor, 'supervisor.assign.site', { orgPath: workshop.org_path }),
  };
}
