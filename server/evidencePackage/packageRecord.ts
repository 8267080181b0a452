// A workshop's record as the evidence package states it: one plain object that 记录.json holds as
// is and 记录.docx renders for people. Built from rows already loaded; no queries here.
import type { CampaignDefinition } from '../../domain/campaign.js';
import {
  discoverySourceLabels,
  itemStateLabels,
  licenceLabels,
  productionStatusLabels,
  statusLabels,
  verdictReasonLabels,
} from '../../domain/i18n/labels.zh-CN.js';
import type { DiscoverySource, ItemState, LicenceState, ProductionStatus, Status } from '../../domain/status.js';
import type { EnterpriseRow } from '../db/schema.js';
import { WORKSHOP_FOLDER } from './packageManifest.js';
import { fromEarlierRound } from '../../domain/evidence.js';
import type { AuditRecord, PackageAttachment, WorkshopDetails } from './packageDetails.js';

export const RECORD_FORMAT = 'qudi-workshop-record';
export const RECORD_VERSION = 1;

export interface Coded {
  code: string;
  label: string;
}

export interface EvidenceEntry {
  attachmentId: number;
  /** Path of the file inside the package. */
  path: string;
  /** Standard item code, or null for a file on the workshop itself. */
  itemCode: string | null;
  /** The item's name, or 场所 for the workshop. */
  attachedTo: string;
  recordType: string;
  recordId: string;
  kind: string;
  mime: string;
  originalName: string;
  caption: string;
  phase: string;
  capturedAtLocal: string | null;
  capturedAt: string | null;
  gps: { lat: number; lng: number } | null;
  /** exif | device | null (no position known). */
  locationSource: string | null;
  deviceAccuracyM: number | null;
  distanceM: number | null;
  far: boolean;
  sha256: string;
  size: number;
  uploadedBy: { id: number; name: string };
  uploadedAt: string;
  replacesId: number | null;
  replacedBy: number | null;
  /** Uploaded, or by its own capture time taken, before a recurrence last reopened the shutdown: kept, but proves nothing about the shutdown done again. */
  earlierRound: boolean;
}

export interface WorkshopRecord {
  format: typeof RECORD_FORMAT;
  formatVersion: typeof RECORD_VERSION;
  generatedAt: string;
  campaign: { id: number; code: string; documentNumber: string; title: string; issuer: string };
  district: string;
  workshop: {
    id: number;
    name: string;
    kind: Coded;
    town: { id: number; name: string };
    village: { id: number; name: string } | null;
    address: string;
    lng: number | null;
    lat: number | null;
    contactPerson: string;
    phone: string;
    powerSource: string;
    powerAccount: string;
    waterSource: string;
    landType: string;
    landOwner: string;
    landLease: string;
    licenceBusiness: Coded;
    licenceEia: Coded;
    licenceLand: Coded;
    productionStatus: Coded;
    rawMaterials: string;
    discoverySource: Coded;
    villageHead: string;
    townHead: string;
    departmentHead: string;
    notes: string;
    status: Coded;
    statusReason: string;
    itemsDone: number;
    itemsTotal: number;
    version: number;
    createdAt: string;
    updatedAt: string;
  };
  items: {
    code: string;
    name: string;
    state: Coded;
    date: string | null;
    unit: string;
    person: string;
    note: string;
    reason: string;
    updatedAt: string | null;
    updatedBy: { id: number; name: string } | null;
    /** Ids of the item's current evidence files. */
    evidence: number[];
  }[];
  verdicts: { id: number; verdict: Coded; reasons: Coded[]; findings: string; inspector: { id: number; name: string }; at: string }[];
  /** Current evidence files (not replaced). */
  evidence: EvidenceEntry[];
  /** Replaced evidence files, kept as history; their files are in the package too. */
  replacedEvidence: EvidenceEntry[];
  /** The workshop's audit records (and its files'), oldest first, with their hash-chain links. */
  history: AuditRecord[];
}

const coded = <K extends string>(labels: Record<K, string>, code: string): Coded => ({ code, label: labels[code as K] ?? code });

const VERDICT_LABELS: Record<string, string> = { accepted: statusLabels.accepted, rejected: statusLabels.rejected };

/** Where each attachment sits in the package: its path, computed once by the writer. */
export type EvidencePaths = ReadonlyMap<number, string>;

export function evidenceGroup(a: Pick<PackageAttachment, 'itemCode' | 'recordType'>): string {
  if (a.itemCode) return a.itemCode;
  return a.recordType === 'enterprise' || a.recordType === 'item' ? WORKSHOP_FOLDER : a.recordType;
}

export function buildWorkshopRecord(input: {
  definition: CampaignDefinition;
  campaign: { id: number; code: string };
  generatedAt: string;
  workshop: EnterpriseRow;
  details: WorkshopDetails;
  attachments: readonly PackageAttachment[];
  paths: EvidencePaths;
}): WorkshopRecord {
  const { definition: def, workshop: e, details: d } = input;
  const userName = (id: number) => d.users.get(id) ?? `用户 #${id}`;
  const itemNames = new Map(def.standardItems.map((s) => [s.code, s.name]));
  const kindName = def.workshopKinds.find((k) => k.code === e.kind)?.name ?? e.kind;

  const entry = (a: PackageAttachment): EvidenceEntry => ({
    attachmentId: a.id,
    path: input.paths.get(a.id) ?? '',
    itemCode: a.itemCode,
    attachedTo: a.itemCode ? (itemNames.get(a.itemCode) ?? a.itemCode) : '场所',
    recordType: a.recordType,
    recordId: a.recordId,
    kind: a.kind,
    mime: a.mime,
    originalName: a.originalName,
    caption: a.caption,
    phase: a.phase,
    capturedAtLocal: a.capturedAtLocal,
    capturedAt: a.capturedAt,
    gps: a.gpsLat !== null && a.gpsLng !== null ? { lat: a.gpsLat, lng: a.gpsLng } : null,
    locationSource: a.locationSource,
    deviceAccuracyM: a.deviceAccuracyM,
    distanceM: a.distanceM,
    far: a.far,
    sha256: a.sha256,
    size: a.size,
    uploadedBy: { id: a.uploadedBy, name: userName(a.uploadedBy) },
    uploadedAt: a.uploadedAt,
    replacesId: a.replacesId,
    replacedBy: a.replacedBy,
    earlierRound: fromEarlierRound({ uploaded_at: a.uploadedAt, captured_at: a.capturedAt, captured_at_local: a.capturedAtLocal }, e.reopened_at),
  });
  const current = input.attachments.filter((a) => a.replacedBy === null);
  const replaced = input.attachments.filter((a) => a.replacedBy !== null);
  const byItem = new Map(d.items.map((i) => [i.item_code, i]));

  return {
    format: RECORD_FORMAT,
    formatVersion: RECORD_VERSION,
    generatedAt: input.generatedAt,
    campaign: { id: input.campaign.id, code: input.campaign.code, documentNumber: def.documentNumber, title: def.title, issuer: def.issuer },
    district: def.orgUnits.name,
    workshop: {
      id: e.id,
      name: e.name,
      kind: { code: e.kind, label: kindName },
      town: { id: e.town_id, name: d.units.get(e.town_id) ?? '' },
      village: e.village_id ? { id: e.village_id, name: d.units.get(e.village_id) ?? '' } : null,
      address: e.address,
      lng: e.lng,
      lat: e.lat,
      contactPerson: e.contact_person,
      phone: e.phone,
      powerSource: e.power_source,
      powerAccount: e.power_account,
      waterSource: e.water_source,
      landType: e.land_type,
      landOwner: e.land_owner,
      landLease: e.land_lease,
      licenceBusiness: coded<LicenceState>(licenceLabels, e.licence_business),
      licenceEia: coded<LicenceState>(licenceLabels, e.licence_eia),
      licenceLand: coded<LicenceState>(licenceLabels, e.licence_land),
      productionStatus: coded<ProductionStatus>(productionStatusLabels, e.production_status),
      rawMaterials: e.raw_materials,
      discoverySource: coded<DiscoverySource>(discoverySourceLabels, e.discovery_source),
      villageHead: e.village_head,
      townHead: e.town_head,
      departmentHead: e.department_head,
      notes: e.notes,
      status: coded<Status>(statusLabels, e.status),
      statusReason: e.status_reason,
      itemsDone: e.items_done,
      itemsTotal: def.standardItems.length,
      version: e.version,
      createdAt: e.created_at,
      updatedAt: e.updated_at,
    },
    items: def.standardItems.map((s) => {
      const i = byItem.get(s.code);
      return {
        code: s.code,
        name: s.name,
        state: coded<ItemState>(itemStateLabels, i?.state ?? 'pending'),
        date: i?.done_on ?? null,
        unit: i?.unit ?? '',
        person: i?.person ?? '',
        note: i?.note ?? '',
        reason: i?.reason ?? '',
        updatedAt: i?.updated_at ?? null,
        updatedBy: i?.updated_by ? { id: i.updated_by, name: userName(i.updated_by) } : null,
        evidence: current.filter((a) => a.itemCode === s.code).map((a) => a.id),
      };
    }),
    verdicts: d.verdicts.map((v) => ({
      id: v.id,
      verdict: { code: v.verdict, label: VERDICT_LABELS[v.verdict] ?? v.verdict },
      reasons: v.reasons.map((r) => coded(verdictReasonLabels, r)),
      findings: v.findings,
      inspector: { id: v.inspectorId, name: userName(v.inspectorId) },
      at: v.at,
    })),
    evidence: current.map(entry),
    replacedEvidence: replaced.map(entry),
    history: d.history,
  };
}

/** 记录.json: the record, two-space indented, LF at the end. */
export function serializeRecord(record: WorkshopRecord): Buffer {
  return Buffer.from(`${JSON.stringify(record, null, 2)}\n`, 'utf8');
}

/** Attachments in reading order: the workshop's own files first, then by standard item, then by id. */
export function sortAttachments(def: CampaignDefinition, list: readonly PackageAttachment[]): PackageAttachment[] {
  const order = new Map(def.standardItems.map((s, i) => [s.code, i + 1]));
  const rank = (a: PackageAttachment) => (a.itemCode ? (order.get(a.itemCode) ?? order.size + 1) : 0);
  return [...list].sort((a, b) => rank(a) - rank(b) || a.id - b.id);
}
