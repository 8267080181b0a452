// 通报批评 as the web reads it, with what the reader may do, decided by the policies.
import type { NoticeDto } from '../../domain/criticism.js';
import type { CriticismStatus } from '../../domain/workflows/criticismNotice.js';
import type { Actor } from '../auth/actor.js';
import type { CriticismNoticeRow, OrgUnitRow } from '../db/schema.js';
import { can, type NoticeSubject } from '../policies/index.js';

export function presentNotice(row: CriticismNoticeRow, towns: OrgUnitRow[], names: Map<number, string>, actor: Actor): NoticeDto {
  const subject: NoticeSubject = { status: row.status as CriticismStatus, townPaths: towns.map((t) => t.path) };
  return {
    id: row.id,
    status: subject.status,
    towns: towns.map((t) => ({ id: t.id, name: t.name })),
    number: row.number,
    issuerMark: row.issuer_mark,
    numberPrefix: row.number_prefix,
    title: row.title,
    addressees: row.addressees,
    body: row.body,
    signature: row.signature,
    datedOn: row.dated_on,
    copyTo: row.copy_to,
    printedBy: row.printed_by,
    printedOn: row.printed_on,
    createdBy: names.get(row.created_by) ?? '',
    createdAt: row.created_at,
    issuedBy: row.issued_by === null ? null : (names.get(row.issued_by) ?? ''),
    issuedAt: row.issued_at,
    documentSha256: row.document_sha256,
    version: row.version,
    abilities: { edit: can(actor, 'notice.edit', subject), issue: can(actor, 'notice.issue', subject) },
  };
}
