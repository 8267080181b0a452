// Public tips as the staff see them (with what they may do, the workshops linked and nearby), and as
// the tipster sees one: its own progress and public answer, nothing about anything else.
import { distanceMetres } from '../../domain/geo.js';
import type { TipDto, TipPublicStatusDto, TipStatus, TipVerdict } from '../../domain/tips.js';
import { chinaDateTime } from '../../domain/time.js';
import type { Actor } from '../auth/actor.js';
import type { TipRow } from '../db/schema.js';
import { can } from '../policies/index.js';
import type { WorkshopRef } from '../repositories/tips.js';
import { evidenceIdsOf } from './evidenceIds.js';

const chinaDay = (iso: string) => chinaDateTime(iso).slice(0, 10);

export function presentTipStatus(row: TipRow): TipPublicStatusDto {
  const closed = row.status === 'answered' || row.status === 'dismissed';
  return {
    kind: row.kind === 'fee' ? 'fee' : 'workshop',
    status: row.kind === 'fee' ? 'forwarded' : (row.status as TipStatus),
    submittedOn: chinaDay(row.submitted_at),
    answer: closed ? row.public_answer : '',
    answeredOn: closed && row.answered_at ? chinaDay(row.answered_at) : null,
  };
}

export interface TipFacts {
  rootPath: string;
  today: string;
  /** Names of the towns the tip names (assigned, reported, suggested). */
  towns: Map<number, string>;
  /** The linked workshops, by id. */
  linked: Map<number, WorkshopRef>;
  /** Registered workshops around its location, the nearest first (the detail only). */
  nearby: WorkshopRef[];
  /** The users who assigned and answered it, by id. */
  users: Map<number, string>;
}

function ref(w: WorkshopRef, at: { lat: number | null; lng: number | null }) {
  const distanceM = at.lat !== null && at.lng !== null && w.lat !== null && w.lng !== null ? Math.round(distanceMetres({ lat: at.lat, lng: at.lng }, { lat: w.lat, lng: w.lng })) : null;
  return { id: w.id, name: w.name, status: w.status, townName: w.town_name ?? '', distanceM };
}

export function presentTip(row: TipRow, f: TipFacts, actor: Actor): TipDto {
  const subject = { orgPath: row.org_path ?? f.rootPath, status: row.status as TipStatus, rootPath: f.rootPath };
  const town = row.town_id !== null ? { id: row.town_id, name: f.towns.get(row.town_id) ?? '' } : null;
  const nearby = f.nearby.map((w) => ref(w, row));
  const suggestedId = row.reported_town_id ?? f.nearby[0]?.town_id ?? null;
  return {
    id: row.id,
    version: row.version,
    status: row.status as TipStatus,
    description: row.description,
    address: row.address,
    lat: row.lat,
    lng: row.lng,
    anonymous: row.anonymous === 1,
    contactName: row.contact_name,
    contactPhone: row.contact_phone,
    submittedAt: row.submitted_at,
    town,
    suggestedTown: suggestedId !== null && f.towns.has(suggestedId) ? { id: suggestedId, name: f.towns.get(suggestedId)! } : null,
    dueOn: row.due_on,
    overdue: row.status === 'assigned' && row.due_on !== null && row.due_on < f.today,
    assignNote: row.assign_note,
    verdict: (row.verdict as TipVerdict | null) ?? null,
    publicAnswer: row.public_answer,
    internalNote: row.internal_note,
    answeredAt: row.answered_at,
    answeredBy: row.answered_by !== null ? (f.users.get(row.answered_by) ?? '') : '',
    enterprises: evidenceIdsOf(row.enterprise_ids).flatMap((id) => {
      const w = f.linked.get(id);
      return w ? [ref(w, row)] : [];
    }),
    nearby,
    abilities: { assign: can(actor, 'tip.assign', subject), answer: can(actor, 'tip.answer', subject), dismiss: can(actor, 'tip.dismiss', subject) },
  };
}
