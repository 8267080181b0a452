// The record an evidence file goes on — a workshop, one of its standard items, a disciplinary
// clue or a truck interception — loaded with what the policies need to judge it, the scope path the file takes and whose
// history its audit records belong to. Uploads, edits and reads all ask here, so that every kind
// of record goes through the one attachment mechanism.
import type { UploadMetadata, WorkshopRecordType } from '../../../domain/attachment.js';
import type { Actor } from '../../auth/actor.js';
import type { AttachmentRow, Db, EnterpriseRow } from '../../db/schema.js';
import { AppError, notFound } from '../../errors.js';
import { departmentsRecording } from '../../../domain/campaign.js';
import { authorize, can, clueEvidenceSubject, enterpriseSubject, evidenceSubject, interceptionEvidenceSubject, type EvidenceSubject, type TownAcceptanceEvidenceSubject } from '../../policies/index.js';
import { findCampaignTown } from '../../repositories/orgUnits.js';
import { findAttachment, type AttachmentWithUploader, type RecordRef } from '../../repositories/attachments.js';
import type { CampaignRecord } from '../../repositories/campaigns.js';
import { findEnterprise } from '../../repositories/enterprises.js';
import { findClue } from '../../repositories/clues.js';
import { findInterception } from '../../repositories/interceptions.js';
import { findTip } from '../../repositories/tips.js';
import { readableClue } from './clue.js';

/** Where a file's audit records go: the workshop's history, or the clue's (never the workshop a clue names). */
export interface AuditEntity {
  entityType: 'enterprise' | 'clue' | 'interception' | 'town_acceptance' | 'tip';
  entityId: number;
  scopePath: string;
}

/** The record an upload names, loaded, with what the policies need to judge it. */
export interface EvidenceTarget {
  record: RecordRef;
  subject: EvidenceSubject;
  /** The scope path the file takes: its workshop's, or its clue's town. */
  orgPath: string;
  /** The workshop the file documents (its site is what a photo is measured against); null for a clue. */
  enterprise: EnterpriseRow | null;
  auditEntity: AuditEntity;
}

type TargetRef = Pick<UploadMetadata, 'recordType' | 'recordId' | 'itemCode'>;

/**
 * Loads the record named by an upload and checks that the actor may add evidence to it now:
 * 404 when it does not exist or is outside the actor's scope (a clue: unless the actor may read
 * it), 403 when it is in scope but not theirs to document (or no longer: a shut-down workshop's
 * items are frozen, and so is a closed clue).
 */
export async function resolveEvidenceTarget(
  db: Db,
  campaign: CampaignRecord,
  actor: Actor,
  ref: TargetRef,
  opts: { forUpdate?: boolean } = {},
): Promise<EvidenceTarget> {
  if (ref.recordType === 'clue') {
    const clue = await readableClue(db, actor, campaign, Number(ref.recordId), opts);
    const subject = clueEvidenceSubject(clue);
    authorize(actor, 'evidence.upload', subject);
    return {
      record: { recordType: 'clue', recordId: String(clue.id), itemCode: null },
      subject,
      orgPath: clue.org_path,
      enterprise: null,
      auditEntity: { entityType: 'clue', entityId: clue.id, scopePath: clue.org_path },
    };
  }
  if (ref.recordType === 'interception') {
    const found = await interceptionTarget(db, campaign, Number(ref.recordId), opts);
    if (!found || !can(actor, 'interception.read', found.subject.interception)) throw notFound();
    authorize(actor, 'evidence.upload', found.subject);
    return {
      record: { recordType: 'interception', recordId: String(found.id), itemCode: null },
      subject: found.subject,
      orgPath: found.auditEntity.scopePath,
      enterprise: null,
      auditEntity: found.auditEntity,
    };
  }
  if (ref.recordType === 'town_acceptance') {
    const found = await townAcceptanceTarget(db, campaign, Number(ref.recordId));
    if (!found || !can(actor, 'acceptance.read', { orgPath: found.subject.orgPath })) throw notFound();
    authorize(actor, 'evidence.upload', found.subject);
    return { record: { recordType: 'town_acceptance', recordId: String(found.id), itemCode: null }, subject: found.subject, orgPath: found.subject.orgPath, enterprise: null, auditEntity: found.auditEntity };
  }
  // A tip's photos come from the public page with its receipt code (addTipFile), never through an upload.
  if (ref.recordType === 'tip') throw notFound('群众举报的照片只能由举报人在举报页面提交');
  const target = await loadWorkshopTarget(db, campaign, { ...ref, recordType: ref.recordType }, opts, (enterprise) => can(actor, 'enterprise.read', enterpriseSubject(enterprise)));
  authorize(actor, 'evidence.upload', target.subject);
  return target;
}

/** An interception as the record its photos go on: its files take its destination town's path, or the district's. */
async function interceptionTarget(db: Db, campaign: CampaignRecord, id: number, opts: { forUpdate?: boolean }) {
  const row = await findInterception(db, campaign.id, id, opts);
  if (!row) return undefined;
  const path = row.destination_path ?? campaign.rootPath;
  const subject = interceptionEvidenceSubject(path, campaign.rootPath, departmentsRecording(campaign.definition, 'interceptions'));
  return { id: row.id, subject, auditEntity: { entityType: 'interception' as const, entityId: row.id, scopePath: path } };
}

/** A town's acceptance as the record its documents go on: the town's path, the town's acceptance history. */
async function townAcceptanceTarget(db: Db, campaign: CampaignRecord, townId: number) {
  const town = Number.isSafeInteger(townId) ? await findCampaignTown(db, campaign.rootPath, townId) : undefined;
  if (!town) return undefined;
  const subject: TownAcceptanceEvidenceSubject = { recordType: 'town_acceptance', orgPath: town.path };
  return { id: town.id, subject, auditEntity: { entityType: 'town_acceptance' as const, entityId: town.id, scopePath: town.path } };
}

/**
 * A workshop (or one of its items) as the record a file goes on, without judging whether anyone
 * may add to it: 404 when it is not in the campaign or `visible` says the caller may not see it.
 */
export async function loadWorkshopTarget(
  db: Db,
  campaign: CampaignRecord,
  ref: TargetRef & { recordType: WorkshopRecordType },
  opts: { forUpdate?: boolean },
  visible: (enterprise: EnterpriseRow) => boolean,
): Promise<EvidenceTarget> {
  const enterprise = await findEnterprise(db, Number(ref.recordId), opts);
  if (!enterprise || enterprise.campaign_id !== campaign.id || !visible(enterprise)) throw notFound();
  const item = ref.recordType === 'item' ? (campaign.definition.standardItems.find((i) => i.code === ref.itemCode) ?? null) : null;
  if (ref.recordType === 'item' && !item) throw notFound('取缔标准中没有这一项');
  return {
    record: { recordType: ref.recordType, recordId: String(enterprise.id), itemCode: item?.code ?? null },
    subject: evidenceSubject(enterprise, ref.recordType, item),
    orgPath: enterprise.org_path,
    enterprise,
    auditEntity: { entityType: 'enterprise', entityId: enterprise.id, scopePath: enterprise.org_path },
  };
}

/** The record a stored file is on, as the policies judge it; undefined when that record is gone. */
export interface EvidenceOwner {
  subject: EvidenceSubject;
  auditEntity: AuditEntity;
  /** The workshop's last reopening by a recurrence (null: never, or a clue). */
  reopenedAt: string | null;
}

export async function ownerOfAttachment(
  db: Db,
  campaign: CampaignRecord,
  row: Pick<AttachmentRow, 'record_type' | 'record_id' | 'enterprise_id' | 'item_code'>,
  opts: { forUpdate?: boolean } = {},
): Promise<EvidenceOwner | undefined> {
  if (row.record_type === 'clue') {
    const clue = await findClue(db, campaign.id, Number(row.record_id), opts);
    if (!clue) return undefined;
    return { subject: clueEvidenceSubject(clue), auditEntity: { entityType: 'clue', entityId: clue.id, scopePath: clue.org_path }, reopenedAt: null };
  }
  if (row.record_type === 'interception') {
    const found = await interceptionTarget(db, campaign, Number(row.record_id), opts);
    return found && { subject: found.subject, auditEntity: found.auditEntity, reopenedAt: null };
  }
  if (row.record_type === 'town_acceptance') {
    const found = await townAcceptanceTarget(db, campaign, Number(row.record_id));
    return found && { subject: found.subject, auditEntity: found.auditEntity, reopenedAt: null };
  }
  if (row.record_type === 'tip') {
    const tip = await findTip(db, campaign.id, Number(row.record_id));
    if (!tip) return undefined;
    const orgPath = tip.org_path ?? campaign.rootPath;
    return { subject: { recordType: 'tip', orgPath }, auditEntity: { entityType: 'tip', entityId: tip.id, scopePath: orgPath }, reopenedAt: null };
  }
  if (row.record_type !== 'enterprise' && row.record_type !== 'item') return undefined;
  const enterprise = row.enterprise_id === null ? undefined : await findEnterprise(db, row.enterprise_id, opts);
  if (!enterprise) return undefined;
  const item = campaign.definition.standardItems.find((i) => i.code === row.item_code) ?? null;
  return {
    subject: evidenceSubject(enterprise, row.record_type, item),
    auditEntity: { entityType: 'enterprise', entityId: enterprise.id, scopePath: enterprise.org_path },
    reopenedAt: enterprise.reopened_at,
  };
}

/** A stored file with the record it is on: what presenting it needs. */
export interface AttachmentView {
  row: AttachmentWithUploader;
  owner: EvidenceOwner;
}

/** The file and its record, read again after a change to them; an error if either is gone (rows are never deleted). */
export async function loadAttachmentView(db: Db, campaign: CampaignRecord, id: number): Promise<AttachmentView> {
  const row = await findAttachment(db, id);
  const owner = row ? await ownerOfAttachment(db, campaign, row) : undefined;
  if (!row || !owner) throw new Error(`attachment ${id} vanished`);
  return { row, owner };
}

/** The file a new upload replaces must be a current file of the same record. */
export async function checkReplaceable(db: Db, record: RecordRef, replacesId: number): Promise<void> {
  const old = await findAttachment(db, replacesId);
  if (!old || old.record_type !== record.recordType || old.record_id !== record.recordId || old.item_code !== record.itemCode)
    throw notFound('要替换的文件不存在，或不属于这条记录');
  if (old.replaced_by !== null) throw alreadyReplaced();
}

// Not 409: tus clients take 409 for "resume from elsewhere" and retry it; this refusal is final.
export const alreadyReplaced = () => new AppError('validation_failed', '要替换的文件已被替换过，请刷新后重试', [{ path: 'replacesId', message: '该文件已被替换' }]);
