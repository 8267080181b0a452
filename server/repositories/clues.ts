// Disciplinary clues (违纪线索). Every read of one is audited by the command that reads it.
import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { ClueStatus } from '../../domain/selfInspection.js';
import { dialectOf, escapeLike, forUpdate, likeOperator, toNumber } from '../db/dialect.js';
import type { Database, DisciplineClueRow, DisciplineClueTable } from '../db/schema.js';
import { inPrefixes } from './scope.js';

/** A clue of the campaign (locked for the caller's transaction with `forUpdate`), or undefined. */
export async function findClue(db: Kysely<Database>, campaignId: number, id: number, opts: { forUpdate?: boolean } = {}): Promise<DisciplineClueRow | undefined> {
  const q = db.selectFrom('discipline_clues').selectAll().where('id', '=', id);
  const row = await (opts.forUpdate ? forUpdate(db, q) : q).executeTakeFirst();
  return row && row.campaign_id === campaignId ? row : undefined;
}

/** What a filer states about a clue, and where and by whom it was filed. */
export interface NewClue {
  campaignId: number;
  townId: number;
  orgPath: string;
  person: string;
  post: string;
  conduct: string;
  description: string;
  source: string;
  enterpriseId: number | null;
  status: ClueStatus;
  reportedBy: number;
  reportedAt: string;
}

/** Inserts a clue as filed: not yet forwarded or closed, at version 1. */
export async function insertClue(db: Kysely<Database>, c: NewClue): Promise<number> {
  const row: Insertable<DisciplineClueTable> = {
    campaign_id: c.campaignId,
    town_id: c.townId,
    org_path: c.orgPath,
    person: c.person,
    post: c.post,
    conduct: c.conduct,
    description: c.description,
    source: c.source,
    enterprise_id: c.enterpriseId,
    status: c.status,
    reported_by: c.reportedBy,
    reported_at: c.reportedAt,
    forwarded_by: null,
    forwarded_at: null,
    forwarded_to_code: null,
    forwarded_to: null,
    forward_note: '',
    closed_by: null,
    closed_at: null,
    closing_note: '',
    version: 1,
  };
  const { id } = await db.insertInto('discipline_clues').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export interface ClueFilter {
  townId?: number;
  status?: ClueStatus;
  /** Searched in the person, post and description. */
  q?: string;
  page: number;
  pageSize: number;
}

/** One page of the campaign's clues within `prefixes` (the reader's clue grants), newest first, and how many there are. */
export async function findClues(
  db: Kysely<Database>,
  campaignId: number,
  prefixes: readonly string[],
  filter: ClueFilter,
): Promise<{ rows: DisciplineClueRow[]; total: number }> {
  let q = db.selectFrom('discipline_clues').where('campaign_id', '=', campaignId).where(inPrefixes('org_path', prefixes));
  if (filter.townId !== undefined) q = q.where('town_id', '=', filter.townId);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.q) {
    const like = `%${escapeLike(filter.q)}%`;
    const op = likeOperator(dialectOf(db));
    const pattern = sql<string>`${like} escape '\\'`;
    q = q.where((eb) => eb.or([eb('person', op, pattern), eb('post', op, pattern), eb('description', op, pattern)]));
  }
  const { n } = await q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  const rows = await q.selectAll().orderBy('id', 'desc').limit(filter.pageSize).offset((filter.page - 1) * filter.pageSize).execute();
  return { rows, total: toNumber(n) };
}

/** How many of the campaign's clues within `prefixes` are not closed (to forward or to settle). */
export async function countOpenClues(db: Kysely<Database>, campaignId: number, prefixes: readonly string[]): Promise<number> {
  if (prefixes.length === 0) return 0;
  const { n } = await db
    .selectFrom('discipline_clues')
    .where('campaign_id', '=', campaignId)
    .where(inPrefixes('org_path', prefixes))
    .where('status', '!=', 'closed')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return toNumber(n);
}

export type ClueChanges = Omit<Updateable<DisciplineClueTable>, 'id' | 'version'>;

/** Applies `changes` and the next version if the clue is still at `version`; false when someone changed it meanwhile. */
export async function updateClueAtVersion(db: Kysely<Database>, id: number, version: number, changes: ClueChanges): Promise<boolean> {
  const res = await db
    .updateTable('discipline_clues')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
