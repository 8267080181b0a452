// Department requests (部门协办请求) as the web shows them: state, owner (the department), due date,
// age, and what the reader may do with each (the department's acts), decided by the policies.
import type { CampaignDefinition } from '../../domain/campaign.js';
import {
  DEPARTMENT_REQUEST_STATUSES,
  OPEN_DEPARTMENT_REQUEST_STATUSES,
  requestAgeDays,
  requestOverdue,
  type DepartmentRequestDto,
  type DepartmentRequestStatus,
  type RequestDetailField,
  type RequestQueueDto,
  type WorkshopRequestListDto,
} from '../../domain/departmentRequests.js';
import type { Status } from '../../domain/status.js';
import { todayInChina } from '../../domain/time.js';
import type { Actor } from '../auth/actor.js';
import type { EnterpriseRow } from '../db/schema.js';
import { can, departmentRequestSubject, itemSubject } from '../policies/index.js';
import type { RequestView } from '../repositories/departmentRequests.js';

/** The stored details (written through requestDetailsSchema), read leniently: a field missing or not text is empty. */
function detailsOf(json: string): DepartmentRequestDto['details'] {
  let raw: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(json);
    if (parsed && typeof parsed === 'object') raw = parsed as Record<string, unknown>;
  } catch {
    raw = {};
  }
  const field = (k: RequestDetailField) => (typeof raw[k] === 'string' ? (raw[k] as string) : '');
  return { facility: field('facility'), account: field('account'), access: field('access') };
}

export function presentDepartmentRequest(r: RequestView, definition: CampaignDefinition, actor: Actor, today = todayInChina()): DepartmentRequestDto {
  const status = r.status as DepartmentRequestStatus;
  const subject = departmentRequestSubject(r, { org_path: r.org_path, status: r.enterprise_status });
  const item = definition.standardItems.find((i) => i.code === r.item_code);
  return {
    id: r.id,
    version: r.version,
    status,
    itemCode: r.item_code,
    itemName: item?.name ?? r.item_code,
    department: { id: r.department_id, code: r.department_code ?? '', name: r.department_name ?? '' },
    enterprise: {
      id: r.enterprise_id,
      name: r.enterprise_name,
      townId: r.town_id,
      townName: r.town_name ?? '',
      villageName: r.village_name ?? null,
      address: r.enterprise_address,
      status: r.enterprise_status as Status,
    },
    details: detailsOf(r.details),
    requestingUnit: r.requester_unit,
    requested: { name: r.requested_by_name ?? '', at: r.requested_at },
    accepted: r.accepted_at ? { name: r.accepted_by_name ?? '', at: r.accepted_at } : null,
    confirmed: r.confirmed_at ? { name: r.confirmed_by_name ?? '', at: r.confirmed_at } : null,
    dueOn: r.due_on,
    scheduledOn: r.scheduled_on,
    reason: r.reason,
    note: r.note,
    ageDays: requestAgeDays(r.requested_at, today),
    overdue: requestOverdue(status, r.due_on, today),
    abilities: {
      accept: can(actor, 'departmentRequest.accept', subject),
      return: can(actor, 'departmentRequest.return', subject),
      schedule: can(actor, 'departmentRequest.schedule', subject),
      confirm: can(actor, 'departmentRequest.confirm', subject),
    },
  };
}

/**
 * A workshop's requests, and what the reader may request: each item of a department's duty that is
 * still pending and has no open request, with its departments.
 */
export function presentWorkshopRequests(
  rows: RequestView[],
  workshop: EnterpriseRow,
  items: readonly { item_code: string; state: string }[],
  definition: CampaignDefinition,
  departments: readonly { code: string; name: string }[],
  defaultDueOn: string,
  actor: Actor,
): WorkshopRequestListDto {
  const today = todayInChina();
  const open = new Set(rows.filter((r) => (OPEN_DEPARTMENT_REQUEST_STATUSES as readonly string[]).includes(r.status)).map((r) => r.item_code));
  const requestable = definition.standardItems
    .filter((def) => can(actor, 'departmentRequest.create', itemSubject(workshop, def)))
    .filter((def) => !open.has(def.code) && (items.find((i) => i.item_code === def.code)?.state ?? 'pending') === 'pending')
    .map((def) => ({ itemCode: def.code, departments: def.departments.map((code) => ({ code, name: departments.find((d) => d.code === code)?.name ?? code })) }));
  return { items: rows.map((r) => presentDepartmentRequest(r, definition, actor, today)), total: rows.length, requestable, defaultDueOn };
}

export function presentRequestQueue(
  page: { rows: RequestView[]; counts: ReadonlyMap<DepartmentRequestStatus, number>; total: number },
  definition: CampaignDefinition,
  actor: Actor,
): RequestQueueDto {
  const today = todayInChina();
  const counts = Object.fromEntries(DEPARTMENT_REQUEST_STATUSES.map((s) => [s, page.counts.get(s) ?? 0])) as RequestQueueDto['counts'];
  return { items: page.rows.map((r) => presentDepartmentRequest(r, definition, actor, today)), total: page.total, counts };
}
