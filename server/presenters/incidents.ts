// Obstruction incidents as the web shows them, with whether the reader may add the case number and outcome.
import type { IncidentDto, IncidentKind } from '../../domain/incidents.js';
import type { Actor } from '../auth/actor.js';
import { can } from '../policies/index.js';
import type { IncidentView } from '../repositories/incidents.js';
import { evidenceIdsOf } from './evidenceIds.js';

export function presentIncident(r: IncidentView, recorders: readonly string[], actor: Actor): IncidentDto {
  return {
    id: r.id,
    version: r.version,
    enterprise: { id: r.enterprise_id, name: r.enterprise_name, townName: r.town_name ?? '', villageName: r.village_name ?? null },
    operationId: r.operation_id,
    occurredOn: r.occurred_on,
    kind: r.kind as IncidentKind,
    description: r.description,
    persons: r.persons,
    injuries: r.injuries,
    damage: r.damage,
    caseNumber: r.case_number,
    outcome: r.outcome,
    evidenceIds: evidenceIdsOf(r.evidence_ids),
    recordedBy: r.recorded_by_name ?? '',
    recordedUnit: r.recorded_unit,
    recordedAt: r.recorded_at,
    abilities: { update: can(actor, 'incident.update', { orgPath: r.org_path, recorders }) },
  };
}
