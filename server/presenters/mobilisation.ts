// Mobilisation (宣传发动) records as the web shows them, each with whether the reader may delete it.
import type { LeadingMemberDto, PublicityEventDto } from '../../domain/mobilisation.js';
import type { Actor } from '../auth/actor.js';
import { can } from '../policies/index.js';
import type { LeadingMemberListRow, PublicityEventListRow } from '../repositories/mobilisation.js';

export function presentLeadingMember(m: LeadingMemberListRow, actor: Actor): LeadingMemberDto {
  return {
    id: m.id,
    townId: m.town_id,
    townName: m.town_name,
    position: m.position as LeadingMemberDto['position'],
    name: m.name,
    title: m.title,
    isPrincipal: m.is_principal === 1,
    canDelete: can(actor, 'mobilisation.write', { orgPath: m.town_path }),
  };
}

/** `createdBy`: the display name of the user who logged it. */
export function presentPublicityEvent(e: PublicityEventListRow, createdBy: string, actor: Actor): PublicityEventDto {
  return {
    id: e.id,
    townId: e.town_id,
    townName: e.town_name,
    kind: e.kind as PublicityEventDto['kind'],
    heldOn: e.held_on,
    place: e.place,
    attendees: e.attendees,
    vehicles: e.vehicles,
    outlet: e.outlet,
    title: e.title,
    link: e.link,
    notes: e.notes,
    createdBy,
    createdAt: e.created_at,
    canDelete: can(actor, 'mobilisation.write', { orgPath: e.town_path }),
  };
}
