// 监管责任人 on file (migration 031): the people named for a town's roles and for a site's, current
// (ended_at null) and past. A change closes the current row and inserts the next; the partial unique
// index keeps one current row per subject and role. Sites wanting a contact are read from the
// register, scoped through scope.ts, with NOT EXISTS on the indexed current rows.
import type { Kysely } from 'kysely';
import { SUPERVISED_STATUSES, type SupervisorRole, type SupervisorSubjectKind } from '../../domain/supervisors.js';
import type { Actor } from '../auth/actor.js';
import type { Database, Db } from '../db/schema.js';
import { newestFirstPage } from './newestFirst.js';
import { campaignScope } from './scope.js';

function withNames(db: Kysely<Database>) {
  return db
    .selectFrom('supervisors as s')
    .leftJoin('users as ua', 'ua.id', 's.assigned_by')
    .leftJoin('users as ue', 'ue.id', 's.ended_by')
    .selectAll('s')
    .select(['ua.display_name as assigned_by_name', 'ue.display_name as ended_by_name']);
}
export type SupervisorView = Awaited<ReturnType<ReturnType<typeof withNames>['execute']>>[number];

/** Every row, current and past, of the subjects of one kind, newest first. */
export async function supervisorsOf(db: Db, campaignId: number, kind: SupervisorSubjectKind, subjectIds: readonly number[]): Promise<SupervisorView[]> {
  if (subjectIds.length === 0) return [];
  return withNames(db)
    .where('s.campaign_id', '=', campaignId)
    .where('s.subject_kind', '=', kind)
    .where('s.subject_id', 'in', [...subjectIds])
    .orderBy('s.id', 'desc')
    .execute();
}

/** The current rows of the subjects of one kind (no names), e.g. to see which roles are filled. */
export async function currentSupervisorRoles(db: Db, campaignId: number, kind: SupervisorSubjectKind, subjectIds: readonly number[]): Promise<{ subject_id: number; role: string }[]> {
  if (subjectIds.length === 0) return [];
  return db
    .selectFrom('supervisors')
    .select(['subject_id', 'role'])
    .where('campaign_id', '=', campaignId)
    .where('subject_kind', '=', kind)
    .where('subject_id', 'in', [...subjectIds])
    .where('ended_at', 'is', null)
    .execute();
}

/** The current row of one subject's role, if anyone holds it. */
export async function currentSupervisor(db: Db, campaignId: number, kind: SupervisorSubjectKind, subjectId: number, role: SupervisorRole) {
  return db
    .selectFrom('supervisors')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('subject_kind', '=', kind)
    .where('subject_id', '=', subjectId)
    .where('role', '=', role)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
}

/** Closes a current row; false when it was closed already (someone else changed the role first). */
export async function closeSupervisor(trx: Db, id: number, by: number, at: string): Promise<boolean> {
  const res = await trx.updateTable('supervisors').set({ ended_at: at, ended_by: by }).where('id', '=', id).where('ended_at', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/**
 * Names the next person for a subject's role; null when a current row for it exists already (the
 * partial unique index: another change got there first), so that the caller answers 409, not 500.
 */
export async function insertSupervisor(
  trx: Db,
  r: { campaignId: number; kind: SupervisorSubjectKind; subjectId: number; townId: number; orgPath: string; role: SupervisorRole; name: string; position: string; phone: string; by: number; at: string },
): Promise<number | null> {
  const row = await trx
    .insertInto('supervisors')
    .values({
      campaign_id: r.campaignId,
      subject_kind: r.kind,
      subject_id: r.subjectId,
      town_id: r.townId,
      org_path: r.orgPath,
      role: r.role,
      name: r.name,
      position: r.position,
      phone: r.phone,
      assigned_by: r.by,
      assigned_at: r.at,
      ended_at: null,
      ended_by: null,
    })
    .onConflict((oc) => oc.columns(['campaign_id', 'subject_kind', 'subject_id', 'role']).where('ended_at', 'is', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Sites under supervision (shut down, accepted, recurred) with no current village contact, in the
 * actor's scope, one town's when given; newest first, one page, with the total.
 */
export async function sitesWithoutContact(db: Db, actor: Actor, f: { campaignId: number; rootPath: string; townId?: number; page: number; pageSize: number }) {
  const scope = campaignScope(actor, 'e.org_path', f.rootPath);
  let q = db
    .selectFrom('enterprises as e')
    .where('e.campaign_id', '=', f.campaignId)
    .where('e.status', 'in', [...SUPERVISED_STATUSES])
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('supervisors as s')
            .select('s.id')
            .whereRef('s.subject_id', '=', 'e.id')
            .where('s.subject_kind', '=', 'workshop')
            .where('s.role', '=', 'village_contact')
            .where('s.ended_at', 'is', null),
        ),
      ),
    );
  if (scope) q = q.where(scope);
  if (f.townId !== undefined) q = q.where('e.town_id', '=', f.townId);
  return newestFirstPage(q, 'e', f, (ids) =>
    db
      .selectFrom('enterprises as e')
      .leftJoin('org_units as t', 't.id', 'e.town_id')
      .leftJoin('org_units as v', 'v.id', 'e.village_id')
      .select(['e.id', 'e.name', 'e.status', 't.name as town_name', 'v.name as village_name'])
      .where('e.id', 'in', ids)
      .orderBy('e.id', 'desc')
      .execute(),
  );
}
