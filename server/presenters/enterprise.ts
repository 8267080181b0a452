import type { CaseParties } from '../../domain/cases.js';
import type { StandardItem } from '../../domain/campaign.js';
import type { EnterpriseDto, EnterpriseSummaryDto, HistoryEntryDto, ItemDto, RejectionDto } from '../../domain/api.js';
import { VERDICT_REASONS } from '../../domain/enterprise.js';
import type { DiscoverySource, ItemState, LicenceState, ProductionStatus, Status } from '../../domain/status.js';
import type { AuditRow, EnterpriseItemRow, EnterpriseRow, VerdictTable } from '../db/schema.js';
import type { Actor } from '../auth/actor.js';
import { can, enterpriseSubject, itemSubject } from '../policies/index.js';
import type { EnterpriseListRow } from '../repositories/enterprises.js';

export function presentSummary(r: EnterpriseListRow): EnterpriseSummaryDto {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    townId: r.town_id,
    townName: r.town_name ?? '',
    villageId: r.village_id,
    villageName: r.village_name ?? null,
    address: r.address,
    contactPerson: r.contact_person,
    phone: r.phone,
    status: r.status as Status,
    itemsDone: r.items_done,
    updatedAt: r.updated_at,
  };
}

export function presentEnterprise(
  row: EnterpriseRow,
  items: EnterpriseItemRow[],
  names: { town: string; village: string | null },
  actor: Actor,
  standardItems: readonly StandardItem[],
  /** Current evidence files per item code. */
  evidenceCounts: ReadonlyMap<string, number> = new Map(),
  /** The verdict that rejected it, while it stands rejected (presentRejection). */
  rejection: RejectionDto | null = null,
  /** Who records obstruction incidents and cases (campaign data). */
  parties: { incidentRecorders: readonly string[]; cases: CaseParties } = { incidentRecorders: [], cases: { recorders: [], receivers: [], hasDiscipline: false } },
): EnterpriseDto {
  const byCode = new Map(items.map((i) => [i.item_code, i]));
  const subject = enterpriseSubject(row);
  const itemDtos: ItemDto[] = standardItems.map((def) => {
    const i = byCode.get(def.code);
    return {
      code: def.code,
      state: (i?.state ?? 'pending') as ItemState,
      unit: i?.unit ?? '',
      person: i?.person ?? '',
      date: i?.done_on ?? null,
      note: i?.note ?? '',
      reason: i?.reason ?? '',
      updatedAt: i?.updated_at ?? null,
      canRecord: can(actor, 'enterprise.recordItem', itemSubject(row, def)),
      evidenceCount: evidenceCounts.get(def.code) ?? 0,
      evidenceMin: def.evidenceMin,
      canUploadEvidence: can(actor, 'evidence.upload', { recordType: 'item', ...itemSubject(row, def) }),
    };
  });
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    townId: row.town_id,
    townName: names.town,
    villageId: row.village_id,
    villageName: names.village,
    address: row.address,
    lng: row.lng,
    lat: row.lat,
    contactPerson: row.contact_person,
    phone: row.phone,
    powerSource: row.power_source,
    powerAccount: row.power_account,
    waterSource: row.water_source,
    landType: row.land_type,
    landOwner: row.land_owner,
    landLease: row.land_lease,
    licenceBusiness: row.licence_business as LicenceState,
    licenceEia: row.licence_eia as LicenceState,
    licenceLand: row.licence_land as LicenceState,
    productionStatus: row.production_status as ProductionStatus,
    rawMaterials: row.raw_materials,
    notes: row.notes,
    discoverySource: row.discovery_source as DiscoverySource,
    villageHead: row.village_head,
    townHead: row.town_head,
    departmentHead: row.department_head,
    status: row.status as Status,
    statusReason: row.status_reason,
    rejection: row.status === 'rejected' ? rejection : null,
    itemsDone: row.items_done,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    items: itemDtos,
    abilities: {
      update: can(actor, 'enterprise.update', subject),
      recordItems: itemDtos.some((i) => i.canRecord),
      verdict: can(actor, 'enterprise.verdict', subject),
      exclude: can(actor, 'enterprise.exclude', subject),
      recur: can(actor, 'enterprise.recur', subject),
      uploadEvidence: can(actor, 'evidence.upload', { recordType: 'enterprise', enterprise: subject, itemDepartments: [] }),
      evidencePackage: can(actor, 'evidence.package', subject),
      viewIncidents: can(actor, 'incident.read', { orgPath: row.org_path, recorders: parties.incidentRecorders }),
      viewCases: can(actor, 'case.read', { orgPath: row.org_path, departmentCode: null, ...parties.cases }),
      viewPatrols: can(actor, 'patrol.read', { orgPath: row.org_path }),
    },
  };
}

/**
 * While a workshop stands rejected, the verdict that rejected it (the latest rejecting one): its
 * reasons, findings, when and by whom. The items keep their records; the town redoes what the
 * findings name. `inspectors`: display names by user id.
 */
export function presentRejection(row: Pick<EnterpriseRow, 'status'>, verdicts: readonly Omit<VerdictTable, 'id'>[], inspectors: ReadonlyMap<number, string>): RejectionDto | null {
  if (row.status !== 'rejected') return null;
  const last = verdicts.filter((v) => v.verdict === 'rejected').at(-1);
  if (!last) return null;
  const stored = JSON.parse(last.reasons) as unknown;
  const reasons = (Array.isArray(stored) ? stored : []).filter((r): r is RejectionDto['reasons'][number] => (VERDICT_REASONS as readonly unknown[]).includes(r));
  return { reasons, findings: last.findings, at: last.created_at, inspector: inspectors.get(last.inspector_id) ?? '' };
}

/** One audit record of a workshop's history (变更记录). */
export function presentHistoryEntry(a: Pick<AuditRow, 'id' | 'at' | 'actor_name' | 'action' | 'entity_type' | 'entity_id' | 'before' | 'after'>): HistoryEntryDto {
  return { id: a.id, at: a.at, actor: a.actor_name, action: a.action, entityType: a.entity_type, entityId: a.entity_id, before: a.before ? JSON.parse(a.before) : null, after: a.after ? JSON.parse(a.after) : null };
}
