// Remarks on workshops (帮包意见与督办, migration 018). A remark's scope is its workshop's path,
// read through the join, so that a remark follows a workshop moved to another village or town.
import type { Insertable, Kysely } from 'kysely';
import type { EscalationStatus, RemarkKind } from '../../domain/remarks.js';
import { forUpdate, toNumber } from '../db/dialect.js';
import type { Database, WorkshopRemarkRow, WorkshopRemarkTable } from '../db/schema.js';
import type { Actor } from '../auth/actor.js';
import type { CampaignRecord } from './campaigns.js';
import { campaignScope } from './scope.js';

export interface NewRemark {
  campaignId: number;
  enterpriseId: number;
  kind: RemarkKind;
  text: string;
  authorId: number;
  authorRole: string;
  authorUnit: string;
  at: string;
  /** Escalations only. */
  dueOn: string | null;
}

/** Inserts a comment, or an escalation (open); answers its id. */
export async function insertRemark(db: Kysely<Database>, r: NewRemark): Promise<number> {
  const row: Insertable<WorkshopRemarkTable> = {
    campaign_id: r.campaignId,
    enterprise_id: r.enterpriseId,
    kind: r.kind,
    body: r.text,
    author_id: r.authorId,
    author_role: r.authorRole,
    author_unit: r.authorUnit,
    created_at: r.at,
    status: r.kind === 'escalation' ? 'open' : null,
    due_on: r.kind === 'escalation' ? r.dueOn : null,
    answer: null,
    answered_by: null,
    answerer_unit: null,
    answered_at: null,
  };
  const { id } = await db.insertInto('workshop_remarks').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** A remark of the campaign (locked for the caller's transaction with `forUpdate`), or undefined. */
export async function findRemark(db: Kysely<Database>, campaignId: number, id: number, opts: { forUpdate?: boolean } = {}): Promise<WorkshopRemarkRow | undefined> {
  const q = db.selectFrom('workshop_remarks').selectAll().where('id', '=', id);
  const row = await (opts.forUpdate ? forUpdate(db, q) : q).executeTakeFirst();
  return row && row.campaign_id === campaignId ? row : undefined;
}

/** Every remark on a workshop, oldest first (a conversation reads downwards). */
export async function listRemarks(db: Kysely<Database>, enterpriseId: number): Promise<WorkshopRemarkRow[]> {
  return db.selectFrom('workshop_remarks').selectAll().where('enterprise_id', '=', enterpriseId).orderBy('id').execute();
}

/** Records the town's answer and the status it leads to if the escalation is still open; false when someone answered it meanwhile. */
export async function setEscalationAnswer(
  db: Kysely<Database>,
  id: number,
  a: { status: EscalationStatus; text: string; by: number; unit: string; at: string },
): Promise<boolean> {
  const res = await db
    .updateTable('workshop_remarks')
    .set({ status: a.status, answer: a.text, answered_by: a.by, answerer_unit: a.unit, answered_at: a.at })
    .where('id', '=', id)
    .where('kind', '=', 'escalation')
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** The open escalations on workshops the actor sees, newest first, one page, and how many there are. */
export async function listOpenEscalations(db: Kysely<Database>, actor: Actor, campaign: CampaignRecord, page: { page: number; pageSize: number }) {
  let q = db
    .selectFrom('workshop_remarks as r')
    .innerJoin('enterprises as e', 'e.id', 'r.enterprise_id')
    .where('r.campaign_id', '=', campaign.id)
    .where('r.status', '=', 'open');
  const scope = campaignScope(actor, 'e.org_path', campaign.rootPath);
  if (scope) q = q.where(scope);
  const [rows, count] = await Promise.all([
    q
      .leftJoin('org_units as t', 't.id', 'e.town_id')
      .leftJoin('org_units as v', 'v.id', 'e.village_id')
      .leftJoin('users as u', 'u.id', 'r.author_id')
      .select([
        'r.id',
        'r.body',
        'r.author_unit',
        'r.created_at',
        'r.status',
        'r.due_on',
        'u.display_name as author_name',
        'e.id as enterprise_id',
        'e.name as enterprise_name',
        'e.status as enterprise_status',
        't.name as town_name',
        'v.name as village_name',
      ])
      .orderBy('r.id', 'desc')
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: toNumber(count.n) };
}

export type OpenEscalationRow = Awaited<ReturnType<typeof listOpenEscalations>>['rows'][number];
