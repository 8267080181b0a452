// Remarks on a workshop (帮包意见与督办) as the web shows them, with what the reader may do: answer an
// open escalation (the town), comment or escalate (the list's abilities). The names a remark shows
// (its author, who answered it) are read by the caller and handed in.
import { isOverdue, type EscalationStatus, type OpenEscalationDto, type RemarkDto, type RemarkKind, type RemarkListDto } from '../../domain/remarks.js';
import type { Status } from '../../domain/status.js';
import { todayInChina } from '../../domain/time.js';
import type { Actor } from '../auth/actor.js';
import type { WorkshopRemarkRow } from '../db/schema.js';
import { can, escalationSubject } from '../policies/index.js';
import type { OpenEscalationRow } from '../repositories/remarks.js';

export function presentRemark(r: WorkshopRemarkRow, workshop: { org_path: string }, users: ReadonlyMap<number, string>, actor: Actor, today = todayInChina()): RemarkDto {
  const status = r.kind === 'escalation' ? (r.status as EscalationStatus) : null;
  return {
    id: r.id,
    kind: r.kind as RemarkKind,
    text: r.body,
    author: users.get(r.author_id) ?? '',
    authorUnit: r.author_unit,
    createdAt: r.created_at,
    status,
    dueOn: r.due_on,
    overdue: isOverdue(status, r.due_on, today),
    answer:
      r.answered_at !== null
        ? { text: r.answer ?? '', by: users.get(r.answered_by ?? 0) ?? '', unit: r.answerer_unit ?? '', at: r.answered_at }
        : null,
    abilities: {
      answer: status !== null && can(actor, 'remark.answer', escalationSubject(workshop, r)),
      interview: status === 'open' && can(actor, 'accountability.create', { orgPath: workshop.org_path, level: 'interview' }),
    },
  };
}

/** A workshop's remarks, and whether the reader may comment on it or escalate it. */
export function presentRemarkList(rows: WorkshopRemarkRow[], workshop: { org_path: string }, users: ReadonlyMap<number, string>, actor: Actor): RemarkListDto {
  const today = todayInChina();
  return {
    items: rows.map((r) => presentRemark(r, workshop, users, actor, today)),
    total: rows.length,
    abilities: {
      comment: can(actor, 'remark.create', { orgPath: workshop.org_path, kind: 'comment' }),
      escalate: can(actor, 'remark.create', { orgPath: workshop.org_path, kind: 'escalation' }),
    },
  };
}

export function presentOpenEscalation(r: OpenEscalationRow, today = todayInChina()): OpenEscalationDto {
  return {
    id: r.id,
    enterprise: { id: r.enterprise_id, name: r.enterprise_name, townName: r.town_name ?? '', villageName: r.village_name ?? null, status: r.enterprise_status as Status },
    text: r.body,
    author: r.author_name ?? '',
    authorUnit: r.author_unit,
    createdAt: r.created_at,
    dueOn: r.due_on,
    overdue: isOverdue('open', r.due_on, today),
  };
}
