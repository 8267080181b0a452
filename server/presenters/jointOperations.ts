// Joint operations (联合执法) as the web shows them, with what the reader may do, decided by the policies.
import type { CampaignDefinition } from '../../domain/campaign.js';
import { MACHINERY, type JointOperationDetailDto, type JointOperationDto, type JointOperationStatus, type OperationResult } from '../../domain/jointOperations.js';
import type { Status } from '../../domain/status.js';
import type { Actor } from '../auth/actor.js';
import { can, jointOperationSubject } from '../policies/index.js';
import type { OperationView, OperationWorkshopRow } from '../repositories/jointOperations.js';

function parsed<T>(json: string, fallback: T): T {
  try {
    return (JSON.parse(json) as T) ?? fallback;
  } catch {
    return fallback;
  }
}

function teamOf(json: string): JointOperationDto['team'] {
  const raw = parsed<unknown>(json, []);
  return Array.isArray(raw) ? raw.map((m: { unit?: unknown; people?: unknown }) => ({ unit: String(m?.unit ?? ''), people: String(m?.people ?? '') })) : [];
}

function machineryOf(json: string): JointOperationDto['machinery'] {
  const raw = parsed<Record<string, unknown>>(json, {});
  return Object.fromEntries(MACHINERY.map((k) => [k, Number.isInteger(raw[k]) ? (raw[k] as number) : 0])) as JointOperationDto['machinery'];
}

export function presentOperation(v: OperationView, actor: Actor): JointOperationDto {
  const subject = jointOperationSubject(v);
  return {
    id: v.id,
    version: v.version,
    status: v.status as JointOperationStatus,
    townId: v.town_id,
    townName: v.town_name ?? '',
    reason: v.reason,
    proposedOn: v.proposed_on,
    applicant: { name: v.applicant_name ?? '', at: v.applied_at },
    decision: v.decided_at ? { reason: v.decision_reason ?? '', by: v.decider_name ?? '', at: v.decided_at } : null,
    operationOn: v.operation_on,
    team: teamOf(v.team),
    machinery: machineryOf(v.machinery),
    workshopCount: v.workshop_count,
    clearedCount: v.cleared_count,
    completedAt: v.completed_at,
    abilities: {
      approve: can(actor, 'jointOperation.approve', subject),
      return: can(actor, 'jointOperation.return', subject),
      refuse: can(actor, 'jointOperation.refuse', subject),
      resubmit: can(actor, 'jointOperation.resubmit', subject),
      start: can(actor, 'jointOperation.start', subject),
      complete: can(actor, 'jointOperation.complete', subject),
    },
  };
}

export function presentOperationDetail(
  v: OperationView,
  workshops: OperationWorkshopRow[],
  pending: ReadonlyMap<number, string[]>,
  definition: CampaignDefinition,
  actor: Actor,
): JointOperationDetailDto {
  const canRecord = can(actor, 'jointOperation.recordResult', jointOperationSubject(v));
  const itemName = (code: string) => definition.standardItems.find((i) => i.code === code)?.name ?? code;
  return {
    ...presentOperation(v, actor),
    workshops: workshops.map((w) => ({
      id: w.enterprise_id,
      name: w.name,
      villageName: w.village_name ?? null,
      address: w.address,
      contactPerson: w.contact_person,
      phone: w.phone,
      latitude: w.lat,
      longitude: w.lng,
      status: w.status as Status,
      remaining: (pending.get(w.enterprise_id) ?? []).map(itemName),
      result: w.result as OperationResult,
      note: w.note,
      recordedAt: w.recorded_at,
      canRecord,
    })),
  };
}
