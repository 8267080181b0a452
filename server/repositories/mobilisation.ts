// Mobilisation (宣传发动): a town's leading body for the campaign, and its publicity log. Both are
// kept per town; lists are cut to the reader's scope by the town's path.
import type { Insertable, Kysely } from 'kysely';
import type { PublicityKind } from '../../domain/mobilisation.js';
import type { Actor } from '../auth/actor.js';
import type { Database, PublicityEventTable, TownLeadingMemberTable } from '../db/schema.js';
import { visibleTo } from './scope.js';

/** The two tables of a town's mobilisation records. */
export type MobilisationTable = 'town_leading_members' | 'publicity_events';

export type NewLeadingMember = Insertable<TownLeadingMemberTable>;
export type NewPublicityEvent = Insertable<PublicityEventTable>;

/** Lists read at most this many rows (a town has a handful; the whole district a few hundred). */
const LIST_LIMIT = 2000;

/** Rows of `table` for the campaign in the actor's scope, optionally of one town. */
function scoped(db: Kysely<Database>, table: MobilisationTable, actor: Actor, campaignId: number, townId: number | undefined) {
  return db
    .selectFrom(table)
    .innerJoin('org_units as t', 't.id', `${table}.town_id`)
    .where(`${table}.campaign_id`, '=', campaignId)
    .where(visibleTo(actor, 't.path'))
    .$if(townId !== undefined, (q) => q.where(`${table}.town_id`, '=', townId!));
}

/** Leading-body members in the actor's scope, by town, in the order they were added. */
export function listLeadingMembers(db: Kysely<Database>, actor: Actor, campaignId: number, townId: number | undefined) {
  return scoped(db, 'town_leading_members', actor, campaignId, townId)
    .select(['town_leading_members.id', 'town_leading_members.town_id', 't.name as town_name', 't.path as town_path', 'position', 'town_leading_members.name', 'title', 'is_principal'])
    .orderBy('town_leading_members.town_id')
    .orderBy('town_leading_members.id')
    .limit(LIST_LIMIT)
    .execute();
}
export type LeadingMemberListRow = Awaited<ReturnType<typeof listLeadingMembers>>[number];

/** Publicity events in the actor's scope, latest first. */
export function listPublicityEvents(db: Kysely<Database>, actor: Actor, campaignId: number, filter: { townId?: number; kind?: PublicityKind }) {
  return scoped(db, 'publicity_events', actor, campaignId, filter.townId)
    .selectAll('publicity_events')
    .select(['t.name as town_name', 't.path as town_path'])
    .$if(filter.kind !== undefined, (q) => q.where('publicity_events.kind', '=', filter.kind!))
    .orderBy('publicity_events.held_on', 'desc')
    .orderBy('publicity_events.id', 'desc')
    .limit(LIST_LIMIT)
    .execute();
}
export type PublicityEventListRow = Awaited<ReturnType<typeof listPublicityEvents>>[number];

/** One town can have one first responsible person: clears the mark from the town's members. */
export async function clearPrincipal(db: Kysely<Database>, campaignId: number, townId: number): Promise<void> {
  await db.updateTable('town_leading_members').set({ is_principal: 0 }).where('campaign_id', '=', campaignId).where('town_id', '=', townId).execute();
}

export async function insertLeadingMember(db: Kysely<Database>, row: NewLeadingMember): Promise<number> {
  const { id } = await db.insertInto('town_leading_members').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function insertPublicityEvent(db: Kysely<Database>, row: NewPublicityEvent): Promise<number> {
  const { id } = await db.insertInto('publicity_events').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** A row of `table` of the campaign, whole (a deletion's audit keeps all of it), or undefined. */
export function findTownRecord(db: Kysely<Database>, table: MobilisationTable, campaignId: number, id: number) {
  return db.selectFrom(table).selectAll().where('id', '=', id).where('campaign_id', '=', campaignId).executeTakeFirst();
}

export async function deleteTownRecord(db: Kysely<Database>, table: MobilisationTable, id: number): Promise<void> {
  await db.deleteFrom(table).where('id', '=', id).execute();
}
