// 土政策 records (自查自纠), one row per policy found in a town. Scope: the town's path, by prefix.
import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Actor } from '../auth/actor.js';
import { toNumber } from '../db/dialect.js';
import type { Database, SelfPolicyRow, SelfPolicyTable } from '../db/schema.js';
import { campaignScope } from './scope.js';

export type NewSelfPolicy = Insertable<SelfPolicyTable>;
export type SelfPolicyChanges = Omit<Updateable<SelfPolicyTable>, 'id' | 'version'>;

/** The fields of a 土政策 record a PATCH may change, by their column. */
export const SELF_POLICY_COLUMNS = {
  title: 'title',
  issuedBy: 'issued_by',
  issuedOn: 'issued_on',
  foundOn: 'found_on',
  actionTaken: 'action_taken',
  cleared: 'cleared',
  clearedOn: 'cleared_on',
  notes: 'notes',
} as const;

export async function findSelfPolicy(db: Kysely<Database>, id: number): Promise<SelfPolicyRow | undefined> {
  return db.selectFrom('self_policies').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface SelfPolicyFilter {
  townId?: number;
  cleared?: 'yes' | 'no';
  page: number;
  pageSize: number;
}

/** One page of the campaign's records the actor may see, newest first, and how many there are. */
export async function listSelfPolicies(
  db: Kysely<Database>,
  actor: Actor,
  campaign: { id: number; rootPath: string },
  filter: SelfPolicyFilter,
): Promise<{ rows: SelfPolicyRow[]; total: number }> {
  let q = db.selectFrom('self_policies').where('campaign_id', '=', campaign.id);
  const scope = campaignScope(actor, 'org_path', campaign.rootPath);
  if (scope) q = q.where(scope);
  if (filter.townId !== undefined) q = q.where('town_id', '=', filter.townId);
  if (filter.cleared) q = q.where('cleared', '=', filter.cleared === 'yes' ? 1 : 0);
  const [{ n }, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
    q.selectAll().orderBy('id', 'desc').limit(filter.pageSize).offset((filter.page - 1) * filter.pageSize).execute(),
  ]);
  return { rows, total: toNumber(n) };
}

export async function insertSelfPolicy(db: Kysely<Database>, row: NewSelfPolicy): Promise<number> {
  const { id } = await db.insertInto('self_policies').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Applies `changes` and the next version if the record is still at `version`; false when someone changed it meanwhile. */
export async function updateSelfPolicyAtVersion(db: Kysely<Database>, id: number, version: number, changes: SelfPolicyChanges): Promise<boolean> {
  const res = await db
    .updateTable('self_policies')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
