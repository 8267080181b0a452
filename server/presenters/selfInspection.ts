// Self-inspection (自查自纠) records as the web shows them: a 土政策 record and a disciplinary clue,
// each with what the reader may do to it. The names a record points to (users, towns, the workshop
// a clue names) are read by the caller and handed in.
import type { ClueConduct, ClueDto, ClueSource, ClueStatus, SelfPolicyDto } from '../../domain/selfInspection.js';
import type { Actor } from '../auth/actor.js';
import type { DisciplineClueRow, SelfPolicyRow } from '../db/schema.js';
import { can, clueSubject } from '../policies/index.js';

export function presentSelfPolicy(row: SelfPolicyRow, townName: string, actor: Actor): SelfPolicyDto {
  return {
    id: row.id,
    townId: row.town_id,
    townName,
    title: row.title,
    issuedBy: row.issued_by,
    issuedOn: row.issued_on,
    foundOn: row.found_on,
    actionTaken: row.action_taken,
    cleared: row.cleared === 1,
    clearedOn: row.cleared_on,
    notes: row.notes,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    abilities: { update: can(actor, 'selfPolicy.update', { orgPath: row.org_path }) },
  };
}

/** The names a clue shows, by id: its town, the users who filed, forwarded and closed it, the workshop it names. */
export interface ClueNames {
  towns: ReadonlyMap<number, string>;
  users: ReadonlyMap<number, string>;
  enterprises: ReadonlyMap<number, string>;
}

export function presentClue(r: DisciplineClueRow, names: ClueNames, actor: Actor): ClueDto {
  const user = (id: number | null) => names.users.get(id ?? 0) ?? '';
  const subject = clueSubject(r);
  return {
    id: r.id,
    townId: r.town_id,
    townName: names.towns.get(r.town_id) ?? '',
    person: r.person,
    post: r.post,
    conduct: r.conduct as ClueConduct,
    description: r.description,
    source: r.source as ClueSource,
    enterprise: r.enterprise_id !== null ? { id: r.enterprise_id, name: names.enterprises.get(r.enterprise_id) ?? '' } : null,
    status: r.status as ClueStatus,
    reportedBy: user(r.reported_by),
    reportedAt: r.reported_at,
    forwarded:
      r.forwarded_at !== null
        ? { by: user(r.forwarded_by), at: r.forwarded_at, to: r.forwarded_to ?? '', toCode: r.forwarded_to_code ?? '', note: r.forward_note }
        : null,
    closed: r.closed_at !== null ? { by: user(r.closed_by), at: r.closed_at, note: r.closing_note } : null,
    version: r.version,
    abilities: { forward: can(actor, 'clue.forward', subject), close: can(actor, 'clue.close', subject) },
  };
}
