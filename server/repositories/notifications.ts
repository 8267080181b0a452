// The inbox (notifications, migration 036), who receives a reminder (users by role and place), and
// the deadlines the reminder sweep reads — each a range read on a partial index by day.
import { sql, type Kysely } from 'kysely';
import type { NotificationKind } from '../../domain/notifications.js';
import type { Role } from '../../domain/roles.js';
import { toNumber } from '../db/dialect.js';
import type { Database } from '../db/schema.js';

export interface NewNotification {
  userId: number;
  kind: NotificationKind;
  key: string;
  title: string;
  body: string;
  link: string;
}

/**
 * Writes the notices not written before (per user and key) and answers those it wrote. The keys
 * already written are read first, so that a sweep finding the same deadlines every minute for a
 * week writes (and locks) nothing for them; ON CONFLICT still settles two sweeps at once.
 */
export async function addNotifications(db: Kysely<Database>, items: readonly NewNotification[], at: string): Promise<NewNotification[]> {
  if (items.length === 0) return [];
  const seen = new Set<string>();
  const mark = (userId: number, key: string) => `${userId}\u0000${key}`;
  const keys = [...new Set(items.map((n) => n.key))];
  const userIds = [...new Set(items.map((n) => n.userId))];
  for (let k = 0; k < keys.length; k += 400)
    for (let u = 0; u < userIds.length; u += 400) {
      const rows = await db
        .selectFrom('notifications')
        .select(['user_id', 'key'])
        .where('user_id', 'in', userIds.slice(u, u + 400))
        .where('key', 'in', keys.slice(k, k + 400))
        .execute();
      for (const r of rows) seen.add(mark(r.user_id, r.key));
    }
  const fresh = items.filter((n) => !seen.has(mark(n.userId, n.key)));
  const added: NewNotification[] = [];
  for (let i = 0; i < fresh.length; i += 500) {
    const part = fresh.slice(i, i + 500);
    const res = await db
      .insertInto('notifications')
      .values(part.map((n) => ({ user_id: n.userId, kind: n.kind, key: n.key, title: n.title, body: n.body, link: n.link, created_at: at, read_at: null })))
      .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
      .returning(['user_id', 'key'])
      .execute();
    const written = new Set(res.map((r) => mark(r.user_id, r.key)));
    added.push(...part.filter((n) => written.has(mark(n.userId, n.key))));
  }
  return added;
}

export async function listNotifications(db: Kysely<Database>, userId: number, f: { unreadOnly: boolean; page: number; pageSize: number }) {
  let q = db.selectFrom('notifications').where('user_id', '=', userId);
  if (f.unreadOnly) q = q.where('read_at', 'is', null);
  const [rows, total] = await Promise.all([
    q.selectAll().orderBy('id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    q.select(sql<number | string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: toNumber(total.n) };
}

export async function unreadCount(db: Kysely<Database>, userId: number): Promise<number> {
  const r = await db.selectFrom('notifications').select(sql<number | string>`count(*)`.as('n')).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirstOrThrow();
  return toNumber(r.n);
}

/** Marks the user's notice read; false when there is no such notice of theirs. */
export async function markRead(db: Kysely<Database>, userId: number, id: number, at: string): Promise<boolean> {
  const mine = await db.selectFrom('notifications').select(['id', 'read_at']).where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  if (!mine) return false;
  if (mine.read_at === null) await db.updateTable('notifications').set({ read_at: at }).where('id', '=', id).execute();
  return true;
}

export async function markAllRead(db: Kysely<Database>, userId: number, at: string): Promise<void> {
  await db.updateTable('notifications').set({ read_at: at }).where('user_id', '=', userId).where('read_at', 'is', null).execute();
}

/**
 * Active users holding one of `roles` at `place`: a town or village (org unit id), a department
 * (department id), or anywhere (the district's roles).
 */
export async function usersWithRole(db: Kysely<Database>, roles: readonly Role[], place: { orgUnitIds?: number[]; departmentId?: number } = {}): Promise<number[]> {
  let q = db
    .selectFrom('role_assignments as ra')
    .innerJoin('users as u', 'u.id', 'ra.user_id')
    .select('u.id')
    .distinct()
    .where('u.active', '=', 1)
    .where('ra.role', 'in', [...roles]);
  if (place.orgUnitIds) q = q.where('ra.org_unit_id', 'in', place.orgUnitIds.length ? place.orgUnitIds : [0]);
  if (place.departmentId !== undefined) q = q.where('ra.department_id', '=', place.departmentId);
  return (await q.execute()).map((r) => r.id);
}

/** Open department requests due on one of `days`, with their workshop's name. */
export async function requestsDueOn(db: Kysely<Database>, days: readonly string[]) {
  if (days.length === 0) return [];
  return db
    .selectFrom('department_requests as r')
    .innerJoin('enterprises as e', 'e.id', 'r.enterprise_id')
    .select(['r.id', 'r.enterprise_id', 'r.item_code', 'r.department_id', 'r.town_id', 'r.due_on', 'e.name as enterprise_name'])
    .where('r.is_open', '=', 1)
    .where('r.due_on', 'in', [...days])
    .execute();
}

/** Tips awaiting the town's answer, due on one of `days`. */
export async function tipsDueOn(db: Kysely<Database>, days: readonly string[]) {
  if (days.length === 0) return [];
  return db.selectFrom('tips').select(['id', 'town_id', 'due_on', 'kind']).where('status', '=', 'assigned').where('due_on', 'in', [...days]).execute();
}

/** Per town, how many sites' patrols fall due on one of `days` (the schedule's partial index). */
export async function patrolsDueOn(db: Kysely<Database>, campaignId: number, days: readonly string[]) {
  if (days.length === 0) return [];
  const rows = await db
    .selectFrom('enterprises')
    .select(['town_id', 'patrol_due_on', sql<number | string>`count(*)`.as('n')])
    .where('campaign_id', '=', campaignId)
    .where('patrol_due_on', 'in', [...days])
    .groupBy(['town_id', 'patrol_due_on'])
    .execute();
  return rows.map((r) => ({ townId: r.town_id, dueOn: r.patrol_due_on!, count: toNumber(r.n) }));
}

/** Open escalations (督办) due on one of `days`, with their workshop's name and town, and who escalated. */
export async function escalationsDueOn(db: Kysely<Database>, days: readonly string[]) {
  if (days.length === 0) return [];
  return db
    .selectFrom('workshop_remarks as r')
    .innerJoin('enterprises as e', 'e.id', 'r.enterprise_id')
    .select(['r.id', 'r.enterprise_id', 'r.due_on', 'r.author_id', 'r.author_unit', 'e.name as enterprise_name', 'e.town_id'])
    .where('r.status', '=', 'open')
    .where('r.kind', '=', 'escalation')
    .where('r.due_on', 'in', [...days])
    .execute();
}

/** Towns under rectification (限期整改) whose deadline is one of `days`. */
export async function rectificationsDueOn(db: Kysely<Database>, campaignId: number, days: readonly string[]) {
  if (days.length === 0) return [];
  return db
    .selectFrom('town_acceptances')
    .select(['id', 'town_id', 'rectify_by'])
    .where('campaign_id', '=', campaignId)
    .where('status', '=', 'rectifying')
    .where('rectify_by', 'in', [...days])
    .execute();
}

/** Standard items still pending per town (excluded workshops left out), from the dashboard's kept counts. */
export async function pendingItemsByTown(db: Kysely<Database>, campaignId: number): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('dashboard_item_counts')
    .select(['town_id', (eb) => eb.fn.sum<number | string>('n').as('n')])
    .where('campaign_id', '=', campaignId)
    .where('state', '=', 'pending')
    .where('is_excluded', '=', 0)
    .groupBy('town_id')
    .execute();
  return new Map(rows.map((r) => [r.town_id, toNumber(r.n)] as const).filter(([, n]) => n > 0));
}

/**
 * Joint operations with a day in `days`: approved or under way on their operation day, or still
 * awaiting the office's decision on their proposed day.
 */
export async function jointOperationsOn(db: Kysely<Database>, campaignId: number, days: readonly string[]) {
  if (days.length === 0) return [];
  return db
    .selectFrom('joint_operations as o')
    .innerJoin('org_units as t', 't.id', 'o.town_id')
    .select(['o.id', 'o.town_id', 't.name as town_name', 'o.status', 'o.operation_on', 'o.proposed_on', 'o.team'])
    .where('o.campaign_id', '=', campaignId)
    .where((eb) =>
      eb.or([
        eb.and([eb('o.status', 'in', ['approved', 'in_progress']), eb('o.operation_on', 'in', [...days])]),
        eb.and([eb('o.status', '=', 'applied'), eb('o.proposed_on', 'in', [...days])]),
      ]),
    )
    .execute();
}

/** The users of the liaison departments (帮包部门) paired with a town in the campaign. */
export async function liaisonUsersOf(db: Kysely<Database>, campaignId: number, townId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('liaison_pairs as p')
    .innerJoin('role_assignments as ra', (j) => j.onRef('ra.department_id', '=', 'p.department_id').on('ra.role', '=', 'liaison'))
    .innerJoin('users as u', 'u.id', 'ra.user_id')
    .select('u.id')
    .distinct()
    .where('p.campaign_id', '=', campaignId)
    .where('p.org_unit_id', '=', townId)
    .where('u.active', '=', 1)
    .execute();
  return rows.map((r) => r.id);
}
