// Loading a 通报批评 with the towns it names, shared by its commands and routes.
import type { CriticismStatus } from '../../../domain/workflows/criticismNotice.js';
import type { Actor } from '../../auth/actor.js';
import type { CriticismNoticeRow, Db, OrgUnitRow } from '../../db/schema.js';
import { notFound } from '../../errors.js';
import { authorize, type NoticeSubject } from '../../policies/index.js';
import type { CampaignRecord } from '../../repositories/campaigns.js';
import { findNotice } from '../../repositories/criticismNotices.js';
import { findOrgUnit } from '../../repositories/orgUnits.js';
import type { OfficialDocument } from '../../exports/officialDocument.js';

export const noticeTownIds = (row: CriticismNoticeRow): number[] => JSON.parse(row.town_ids) as number[];

export async function noticeTowns(db: Db, row: CriticismNoticeRow): Promise<OrgUnitRow[]> {
  return (await Promise.all(noticeTownIds(row).map((id) => findOrgUnit(db, id)))).filter((t): t is OrgUnitRow => t !== undefined);
}

export const noticeSubject = (row: CriticismNoticeRow, towns: OrgUnitRow[]): NoticeSubject => ({ status: row.status as CriticismStatus, townPaths: towns.map((t) => t.path) });

/** A notice of the campaign the actor may read, with its towns; 404 otherwise. */
export async function readableNotice(db: Db, actor: Actor, campaign: CampaignRecord, id: number): Promise<{ notice: CriticismNoticeRow; towns: OrgUnitRow[] }> {
  const notice = await findNotice(db, id);
  if (!notice || notice.campaign_id !== campaign.id) throw notFound();
  const towns = await noticeTowns(db, notice);
  authorize(actor, 'notice.read', noticeSubject(notice, towns), 'notice.read');
  return { notice, towns };
}

/** The notice as a 公文 to render: its fields, and its number (null for a draft). */
export function noticeDocument(row: CriticismNoticeRow, number: string | null): OfficialDocument {
  return {
    issuerMark: row.issuer_mark,
    number,
    title: row.title,
    addressees: row.addressees,
    body: row.body,
    signature: row.signature,
    datedOn: row.dated_on,
    copyTo: row.copy_to,
    printedBy: row.printed_by,
    printedOn: row.printed_on,
  };
}
