// The queries behind an evidence package: the workshops of a package, their evidence files (current
// and replaced), items, verdicts, audit history and the names of the people in them.
import type { Kysely, Selectable } from 'kysely';
import type { AttachmentTable, Database, EnterpriseItemRow, EnterpriseRow } from '../db/schema.js';
import type { Actor } from '../auth/actor.js';
import type { CampaignRecord } from '../repositories/campaigns.js';
import { campaignScope } from '../repositories/scope.js';

const ATTACHMENT_COLUMNS = [
  'id', 'record_type', 'record_id', 'enterprise_id', 'item_code', 'storage_key', 'sha256', 'size', 'mime', 'kind', 'original_name', 'caption',
  'phase', 'captured_at_local', 'captured_at', 'gps_lat', 'gps_lng', 'location_source', 'device_accuracy_m', 'distance_m', 'far',
  'uploaded_by', 'uploaded_at', 'replaces_id', 'replaced_by',
] as const;

/** One evidence file as the package uses it, numbers normalised (PostgreSQL answers bigint/numeric as text). */
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

const num = (v: number | string | null | undefined): number | null => (v === null || v === undefined || v === '' ? null : Number(v));

type AttachmentColumns = Pick<Selectable<AttachmentTable>, (typeof ATTACHMENT_COLUMNS)[number]>;

function toAttachment(r: AttachmentColumns): PackageAttachment {
  return {
    id: Number(r.id),
    recordType: r.record_type,
    recordId: String(r.record_id),
    enterpriseId: num(r.enterprise_id),
    itemCode: r.item_code,
    storageKey: r.storage_key,
    sha256: r.sha256.toLowerCase(),
    size: Number(r.size),
    mime: r.mime,
    kind: r.kind,
    originalName: r.original_name,
    caption: r.caption ?? '',
    phase: r.phase ?? '',
    capturedAtLocal: r.captured_at_local,
    capturedAt: r.captured_at,
    gpsLat: num(r.gps_lat),
    gpsLng: num(r.gps_lng),
    locationSource: r.location_source,
    deviceAccuracyM: num(r.device_accuracy_m),
    distanceM: num(r.distance_m),
    far: Number(r.far) === 1,
    uploadedBy: Number(r.uploaded_by),
    uploadedAt: r.uploaded_at,
    replacesId: num(r.replaces_id),
    replacedBy: num(r.replaced_by),
  };
}

/** Ids per IN list: far below both databases' parameter limits. */
const ID_CHUNK = 500;

/** Every evidence file of the workshops (on the workshop itself or one of its items), current and replaced. */
export async function findWorkshopAttachments(db: Kysely<Database>, enterpriseIds: readonly number[]): Promise<Map<number, PackageAttachment[]>> {
  const out = new Map<number, PackageAttachment[]>(enterpriseIds.map((id) => [id, []]));
  for (let i = 0; i < enterpriseIds.length; i += ID_CHUNK) {
    const ids = enterpriseIds.slice(i, i + ID_CHUNK);
    const rows = await db.selectFrom('attachments').select(ATTACHMENT_COLUMNS).where('enterprise_id', 'in', ids).orderBy('id').execute();
    for (const row of rows) {
      const a = toAttachment(row);
      if (a.enterpriseId !== null) out.get(a.enterpriseId)?.push(a);
    }
  }
  return out;
}

/** The workshops of one town in the current campaign that the actor can see, by id. */
export async function findTownWorkshops(db: Kysely<Database>, actor: Actor, campaign: CampaignRecord, townId: number): Promise<EnterpriseRow[]> {
  let q = db.selectFrom('enterprises').selectAll().where('campaign_id', '=', campaign.id).where('town_id', '=', townId);
  const scope = campaignScope(actor, 'enterprises.org_path', campaign.rootPath);
  if (scope) q = q.where(scope);
  return q.orderBy('id').execute();
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
export async function loadWorkshopDetails(db: Kysely<Database>, e: EnterpriseRow, attachments: readonly PackageAttachment[]): Promise<WorkshopDetails> {
  const [items, verdicts, history, units] = await Promise.all([
    db.selectFrom('enterprise_items').selectAll().where('enterprise_id', '=', e.id).execute(),
    db.selectFrom('verdicts').selectAll().where('enterprise_id', '=', e.id).orderBy('id').execute(),
    // The whole history, oldest first; evidence uploads are audited on the workshop too.
    db
      .selectFrom('audit_log')
      .select(['id', 'at', 'actor_id', 'actor_name', 'action', 'entity_type', 'entity_id', 'before', 'after', 'prev_hash', 'hash'])
      .where('entity_type', '=', 'enterprise')
      .where('entity_id', '=', String(e.id))
      .orderBy('id')
      .execute(),
    db.selectFrom('org_units').select(['id', 'name']).where('id', 'in', [e.town_id, ...(e.village_id ? [e.village_id] : [])]).execute(),
  ]);
  const userIds = new Set<number>();
  for (const i of items) if (i.updated_by !== null) userIds.add(i.updated_by);
  for (const v of verdicts) userIds.add(v.inspector_id);
  for (const a of attachments) userIds.add(a.uploadedBy);
  const users = userIds.size
    ? await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', [...userIds]).execute()
    : [];
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
      id: Number(h.id),
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
    users: new Map(users.map((u) => [u.id, u.display_name])),
    units: new Map(units.map((u) => [u.id, u.name])),
  };
}
