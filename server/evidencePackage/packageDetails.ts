// What an evidence package states about its workshops besides their register rows: their evidence
// files (current and replaced), items, verdicts, audit history and the names of the people and
// places in them, read through the repositories and shaped as the record (packageRecord.ts) uses them.
import type { Db, EnterpriseItemRow, EnterpriseRow } from '../db/schema.js';
import { listWorkshopsAttachments, type AttachmentRecord } from '../repositories/attachments.js';
import { listAllAuditForEntity } from '../repositories/audit.js';
import { findItems, listVerdicts } from '../repositories/enterprises.js';
import { orgUnitNames } from '../repositories/orgUnits.js';
import { userNames } from '../repositories/users.js';

/** One evidence file as the package uses it. */
export interface PackageAttachment {
  id: number;
  recordType: string;
  recordId: string;
  enterpriseId: number | null;
  itemCode: string | null;
  storageKey: string;
  sha256: string;
  size: number;
  mime: string;
  kind: string;
  originalName: string;
  caption: string;
  phase: string;
  capturedAtLocal: string | null;
  capturedAt: string | null;
  gpsLat: number | null;
  gpsLng: number | null;
  locationSource: string | null;
  deviceAccuracyM: number | null;
  distanceM: number | null;
  far: boolean;
  uploadedBy: number;
  uploadedAt: string;
  replacesId: number | null;
  replacedBy: number | null;
}

function toAttachment(r: AttachmentRecord): PackageAttachment {
  return {
    id: r.id,
    recordType: r.record_type,
    recordId: r.record_id,
    enterpriseId: r.enterprise_id,
    itemCode: r.item_code,
    storageKey: r.storage_key,
    sha256: r.sha256.toLowerCase(),
    size: r.size,
    mime: r.mime,
    kind: r.kind,
    originalName: r.original_name,
    caption: r.caption ?? '',
    phase: r.phase ?? '',
    capturedAtLocal: r.captured_at_local,
    capturedAt: r.captured_at,
    gpsLat: r.gps_lat,
    gpsLng: r.gps_lng,
    locationSource: r.location_source,
    deviceAccuracyM: r.device_accuracy_m,
    distanceM: r.distance_m,
    far: r.far === 1,
    uploadedBy: r.uploaded_by,
    uploadedAt: r.uploaded_at,
    replacesId: r.replaces_id,
    replacedBy: r.replaced_by,
  };
}

/** Every evidence file of the workshops (on the workshop itself or one of its items), current and replaced, by workshop. */
export async function findWorkshopAttachments(db: Db, enterpriseIds: readonly number[]): Promise<Map<number, PackageAttachment[]>> {
  const out = new Map<number, PackageAttachment[]>(enterpriseIds.map((id) => [id, []]));
  for (const row of await listWorkshopsAttachments(db, enterpriseIds)) {
    if (row.enterprise_id !== null) out.get(row.enterprise_id)?.push(toAttachment(row));
  }
  return out;
}

export interface VerdictRecord {
  id: number;
  verdict: string;
  reasons: string[];
  findings: string;
  inspectorId: number;
  at: string;
}

export interface AuditRecord {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  prevHash: string;
  hash: string;
}

export interface WorkshopDetails {
  items: EnterpriseItemRow[];
  verdicts: VerdictRecord[];
  history: AuditRecord[];
  /** Display names of the users the record mentions, by id. */
  users: Map<number, string>;
  /** Names of the workshop's town and village. */
  units: Map<number, string>;
}

const parseJson = (text: string | null): unknown => {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/** Everything about one workshop besides its register row and its files. */
export async function loadWorkshopDetails(db: Db, e: EnterpriseRow, attachments: readonly PackageAttachment[]): Promise<WorkshopDetails> {
  const [items, verdicts, history, units] = await Promise.all([
    findItems(db, e.id),
    listVerdicts(db, e.id),
    // The whole history, oldest first; evidence uploads are audited on the workshop too.
    listAllAuditForEntity(db, 'enterprise', e.id),
    orgUnitNames(db, [e.town_id, ...(e.village_id ? [e.village_id] : [])]),
  ]);
  const users = await userNames(db, [...items.map((i) => i.updated_by), ...verdicts.map((v) => v.inspector_id), ...attachments.map((a) => a.uploadedBy)]);
  return {
    items,
    verdicts: verdicts.map((v) => ({
      id: v.id,
      verdict: v.verdict,
      reasons: (parseJson(v.reasons) as string[] | null) ?? [],
      findings: v.findings,
      inspectorId: v.inspector_id,
      at: v.created_at,
    })),
    history: history.map((h) => ({
      id: h.id,
      at: h.at,
      actorId: h.actor_id,
      actorName: h.actor_name,
      action: h.action,
      entityType: h.entity_type,
      entityId: h.entity_id,
      before: parseJson(h.before),
      after: parseJson(h.after),
      prevHash: h.prev_hash,
      hash: h.hash,
    })),
    users,
    units,
  };
}
