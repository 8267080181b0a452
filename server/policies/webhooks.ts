// 群机器人 (webhooks): who configures a unit's group robots. The office for every unit (the district,
// each town, each department); a town's principal (主要负责人) for their own town; a department's
// staff for their own department. Anyone else does not see the robot at all (404).
import { DEPARTMENTS, OFFICE, TOWN_PRINCIPALS } from '../../domain/roles.js';
import type { WebhookUnitKind } from '../../domain/webhooks.js';
import { covers, hasRole, type Actor } from '../auth/actor.js';
import { allow } from './registry.js';

/** A robot's unit (or the unit a robot is about to be added to). */
export interface WebhookSubject {
  kind: WebhookUnitKind;
  /** The org unit's path (the district, a town); null for a department. */
  orgPath: string | null;
  departmentId: number | null;
}

const office = (actor: Actor) => hasRole(actor, ...OFFICE);

export function managesWebhooksOf(actor: Actor, s: WebhookSubject): boolean {
  if (office(actor)) return true;
  if (s.kind === 'town' && s.orgPath !== null) return covers(actor, s.orgPath, TOWN_PRINCIPALS);
  if (s.kind === 'department' && s.departmentId !== null) return actor.grants.some((g) => (DEPARTMENTS as readonly string[]).includes(g.role) && g.departmentId === s.departmentId);
  return false;
}

allow<WebhookSubject>('webhook.manage', managesWebhooksOf);
/** The robots page and list: whoever may configure some unit's robot. */
allow<null>('webhook.manage.any', (actor) => hasRole(actor, ...OFFICE, ...TOWN_PRINCIPALS, ...DEPARTMENTS));

/** Which robots the actor's list holds: every one for the office, else their towns' and departments'. */
export function webhookScope(actor: Actor): { all: boolean; orgUnitIds: number[]; departmentIds: number[] } {
  if (office(actor)) return { all: true, orgUnitIds: [], departmentIds: [] };
  const grants = (roles: readonly string[]) => actor.grants.filter((g) => roles.includes(g.role));
  return {
    all: false,
    orgUnitIds: grants(TOWN_PRINCIPALS).map((g) => g.orgUnitId).filter((id): id is number => id !== null),
    departmentIds: grants(DEPARTMENTS).map((g) => g.departmentId).filter((id): id is number => id !== null),
  };
}
