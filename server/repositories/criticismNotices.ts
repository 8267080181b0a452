// 通报批评 (criticism_notices): the notices of the campaign, one notice, its draft's writes at the
// version read, and the last number issued under a prefix in a year.
import type { Insertable, Updateable } from 'kysely';
import type { CriticismNoticeRow, CriticismNoticeTable, Db } from '../db/schema.js';

export async function listNotices(db: Db, campaignId: number): Promise<CriticismNoticeRow[]> {
  return db.selectFrom('criticism_notices').selectAll().where('campaign_id', '=', campaignId).orderBy('id', 'desc').execute();
}

export async function findNotice(db: Db, id: number): Promise<CriticismNoticeRow | undefined> {
  return db.selectFrom('criticism_notices').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertNotice(db: Db, row: Insertable<CriticismNoticeTable>): Promise<number> {
  const { id } = await db.insertInto('criticism_notices').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateNoticeAtVersion(db: Db, row: CriticismNoticeRow, changes: Updateable<CriticismNoticeTable>): Promise<boolean> {
  const r = await db
    .updateTable('criticism_notices')
    .set({ ...changes, version: row.version + 1 })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function lastNoticeSeq(db: Db, campaignId: number, prefix: string, year: number): Promise<number> {
  const row = await db
    .selectFrom('criticism_notices')
    .select(({ fn }) => fn.max('seq').as('seq'))
    .where('campaign_id', '=', campaignId)
    .where('number_prefix', '=', prefix)
    .where('year', '=', year)
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
}
