// 用电核查 (migration 034): the account lists imported for the towns, their accounts, the matching of an
// account to the register (by power account number, phone, or name in the same town — each through an
// index), and the review list of the flagged accounts of confirmed lists, read through the town's path.
import { sql, type Insertable, type Kysely } from 'kysely';
import type { PowerFlag } from '../../domain/powerCheck.js';
import { forUpdate, toNumber } from '../db/dialect.js';
import type { Database, PowerAccountRow, PowerAccountTable, PowerImportRow, PowerImportTable } from '../db/schema.js';
import { newestFirstPage } from './newestFirst.js';
import { inPrefixes } from './scope.js';

/** Rows written per statement (both databases' parameter limits allow far more). */
const CHUNK = 200;
/** Keys looked up per statement. */
const LOOKUP_CHUNK = 500;

const chunks = <T>(xs: readonly T[], n: number): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, (i + 1) * n));

// ---- Imports -----------------------------------------------------------------------------------

export async function insertPowerImport(trx: Kysely<Database>, row: Insertable<PowerImportTable>): Promise<number> {
  const { id } = await trx.insertInto('power_imports').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function insertPowerAccounts(trx: Kysely<Database>, rows: Insertable<PowerAccountTable>[]): Promise<void> {
  for (const part of chunks(rows, CHUNK)) await trx.insertInto('power_accounts').values(part).execute();
}

export async function findPowerImport(db: Kysely<Database>, campaignId: number, id: number, opts: { forUpdate?: boolean } = {}): Promise<PowerImportRow | undefined> {
  const q = db.selectFrom('power_imports').selectAll().where('id', '=', id);
  const row = await (opts.forUpdate ? forUpdate(db, q) : q).executeTakeFirst();
  return row && row.campaign_id === campaignId ? row : undefined;
}

/** Moves an import from `from` to another status; false when someone else moved it first. */
export async function updatePowerImportStatus(trx: Kysely<Database>, id: number, from: string, changes: Partial<Insertable<PowerImportTable>>): Promise<boolean> {
  const res = await trx.updateTable('power_imports').set(changes).where('id', '=', id).where('status', '=', from).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** A confirmed list of the town with the same bytes, if any (the same file confirmed twice would list every flag twice). */
export async function findConfirmedTwin(db: Kysely<Database>, row: { id: number; campaign_id: number; town_id: number; sha256: string }): Promise<PowerImportRow | undefined> {
  return db
    .selectFrom('power_imports')
    .selectAll()
    .where('campaign_id', '=', row.campaign_id)
    .where('town_id', '=', row.town_id)
    .where('sha256', '=', row.sha256)
    .where('status', '=', 'confirmed')
    .where('id', '<>', row.id)
    .executeTakeFirst();
}

/** Puts the flagged accounts of a confirmed list on the review list. */
export async function openPowerFlags(trx: Kysely<Database>, importId: number): Promise<number> {
  const res = await trx.updateTable('power_accounts').set({ state: 'open' }).where('import_id', '=', importId).where('flag', 'is not', null).executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/**
 * Supersedes the open flags of earlier lists on the accounts a newly confirmed list flags again (same account
 * number): the newer months are the ones to decide on. An account the new list shows without a flag keeps its
 * open flag — the earlier months still showed what they showed. Answers how many.
 */
export async function supersedePowerFlags(trx: Kysely<Database>, row: { id: number; campaign_id: number }, changes: { review_reason: string; reviewed_by: number; reviewed_at: string }): Promise<number> {
  const res = await trx
    .updateTable('power_accounts')
    .set({ state: 'superseded', ...changes })
    .where('campaign_id', '=', row.campaign_id)
    .where('state', '=', 'open')
    .where('import_id', '<>', row.id)
    .where('account_key', 'in', (eb) => eb.selectFrom('power_accounts').select('account_key').where('import_id', '=', row.id).where('flag', 'is not', null).where('account_key', '<>', ''))
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** A discarded list keeps its header (who, when, which file) but not its accounts. */
export async function deletePowerAccounts(trx: Kysely<Database>, importId: number): Promise<void> {
  await trx.deleteFrom('power_accounts').where('import_id', '=', importId).execute();
}

export async function listPowerImports(db: Kysely<Database>, prefixes: readonly string[], f: { campaignId: number; page: number; pageSize: number }) {
  const q = db.selectFrom('power_imports as i').where('i.campaign_id', '=', f.campaignId).where(inPrefixes('i.org_path', prefixes));
  const { rows, total } = await newestFirstPage(q, 'i', f, (ids) => db.selectFrom('power_imports').selectAll().where('id', 'in', ids).orderBy('id', 'desc').execute());
  return { rows, total };
}

export type PowerRowFilter = PowerFlag | 'problems' | 'matched' | undefined;

/** One page of a list's accounts in sheet order, optionally only the flagged, those with problems or the matched. */
export async function listPowerRows(db: Kysely<Database>, importId: number, f: { filter: PowerRowFilter; page: number; pageSize: number }): Promise<{ rows: PowerAccountRow[]; total: number }> {
  let q = db.selectFrom('power_accounts').where('import_id', '=', importId);
  if (f.filter === 'problems') q = q.where('problems', '<>', '[]');
  else if (f.filter === 'matched') q = q.where('enterprise_id', 'is not', null);
  else if (f.filter) q = q.where('flag', '=', f.filter);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('row_no').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    q.select(sql<number | string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: toNumber(count.n) };
}

/** The rows of a list that have problems: row number and problems (JSON), in sheet order. */
export async function powerRowProblems(db: Kysely<Database>, importId: number, limit: number) {
  return db.selectFrom('power_accounts').select(['row_no', 'problems']).where('import_id', '=', importId).where('problems', '<>', '[]').orderBy('row_no').limit(limit).execute();
}

// ---- Matching ----------------------------------------------------------------------------------

export interface MatchedWorkshop {
  id: number;
  name: string;
  status: string;
  town_id: number;
}

/** The register's power account number as compared: the expression migration 034 indexes. */
export const accountExpr = sql<string>`replace(replace(power_account, ' ', ''), '-', '')`;

/**
 * The campaign's workshops that the accounts may be: by power account number (spaces and dashes
 * ignored), by phone (normalised on the register), by name key in the town — each an indexed lookup of
 * the keys given, never a scan of the register. The lowest id wins where several share a key.
 */
export async function workshopsForMatching(
  db: Kysely<Database>,
  f: { campaignId: number; townId: number; accountKeys: string[]; phones: string[]; nameKeys: string[] },
): Promise<{ byAccount: Map<string, MatchedWorkshop>; byPhone: Map<string, MatchedWorkshop>; byName: Map<string, MatchedWorkshop> }> {
  const cols = ['id', 'name', 'status', 'town_id'] as const;
  const byAccount = new Map<string, MatchedWorkshop>();
  const byPhone = new Map<string, MatchedWorkshop>();
  const byName = new Map<string, MatchedWorkshop>();
  const keep = (m: Map<string, MatchedWorkshop>, key: string, w: MatchedWorkshop) => {
    const had = m.get(key);
    if (!had || w.id < had.id) m.set(key, w);
  };
  for (const part of chunks([...new Set(f.accountKeys)], LOOKUP_CHUNK)) {
    const rows = await db.selectFrom('enterprises').select([...cols, accountExpr.as('account_key')]).where('campaign_id', '=', f.campaignId).where(accountExpr, 'in', part).execute();
    for (const r of rows) keep(byAccount, r.account_key, r);
  }
  for (const part of chunks([...new Set(f.phones)], LOOKUP_CHUNK)) {
    const rows = await db.selectFrom('enterprises').select([...cols, 'phone']).where('phone', 'in', part).where('campaign_id', '=', f.campaignId).execute();
    for (const r of rows) keep(byPhone, r.phone, r);
  }
  for (const part of chunks([...new Set(f.nameKeys)], LOOKUP_CHUNK)) {
    const rows = await db.selectFrom('enterprises').select([...cols, 'name_key']).where('campaign_id', '=', f.campaignId).where('name_key', 'in', part).where('town_id', '=', f.townId).execute();
    for (const r of rows) keep(byName, r.name_key, r);
  }
  return { byAccount, byPhone, byName };
}

/** The matched workshops' names and statuses now, by id. */
export async function workshopStates(db: Kysely<Database>, ids: readonly number[]): Promise<Map<number, { id: number; name: string; status: string; org_path: string }>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('enterprises').select(['id', 'name', 'status', 'org_path']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

// ---- Review ------------------------------------------------------------------------------------

export async function findPowerAccount(db: Kysely<Database>, campaignId: number, id: number, opts: { forUpdate?: boolean } = {}): Promise<PowerAccountRow | undefined> {
  const q = db.selectFrom('power_accounts').selectAll().where('id', '=', id);
  const row = await (opts.forUpdate ? forUpdate(db, q) : q).executeTakeFirst();
  return row && row.campaign_id === campaignId ? row : undefined;
}

/** Records the decision on an open flag; false when it was decided already. */
export async function decidePowerFlag(trx: Kysely<Database>, id: number, changes: Partial<Insertable<PowerAccountTable>>): Promise<boolean> {
  const res = await trx.updateTable('power_accounts').set(changes).where('id', '=', id).where('state', '=', 'open').executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

interface FlagFilter {
  campaignId: number;
  state?: string;
  flag?: string;
  townId?: number;
}

function flagsQuery(db: Kysely<Database>, prefixes: readonly string[], f: FlagFilter) {
  let q = db.selectFrom('power_accounts as a').where('a.campaign_id', '=', f.campaignId).where('a.state', 'is not', null).where(inPrefixes('a.org_path', prefixes));
  if (f.townId !== undefined) q = q.where('a.town_id', '=', f.townId);
  return q;
}

/** The flagged accounts of confirmed lists in scope, newest first. */
export async function listPowerFlags(db: Kysely<Database>, prefixes: readonly string[], f: FlagFilter & { page: number; pageSize: number }): Promise<{ rows: PowerAccountRow[]; total: number }> {
  let q = flagsQuery(db, prefixes, f);
  if (f.state !== undefined) q = q.where('a.state', '=', f.state);
  if (f.flag !== undefined) q = q.where('a.flag', '=', f.flag);
  const { rows, total } = await newestFirstPage(q, 'a', f, (ids) => db.selectFrom('power_accounts').selectAll().where('id', 'in', ids).orderBy('id', 'desc').execute());
  return { rows, total };
}

/** How many flagged accounts in scope there are, by flag and state. */
export async function countPowerFlags(db: Kysely<Database>, prefixes: readonly string[], f: FlagFilter): Promise<{ flag: string; state: string; n: number }[]> {
  const rows = await flagsQuery(db, prefixes, f)
    .select(['a.flag', 'a.state', sql<number | string>`count(*)`.as('n')])
    .groupBy(['a.flag', 'a.state'])
    .execute();
  return rows.map((r) => ({ flag: r.flag ?? '', state: r.state ?? '', n: toNumber(r.n) }));
}

/** Open flags in scope by flag (the agenda). */
export async function countOpenPowerFlags(db: Kysely<Database>, prefixes: readonly string[], campaignId: number): Promise<{ resumed: number; unlisted: number }> {
  const rows = await flagsQuery(db, prefixes, { campaignId })
    .where('a.state', '=', 'open')
    .select(['a.flag', sql<number | string>`count(*)`.as('n')])
    .groupBy('a.flag')
    .execute();
  const n = (flag: string) => toNumber(rows.find((r) => r.flag === flag)?.n ?? 0);
  return { resumed: n('resumed'), unlisted: n('unlisted') };
}

/** The months of the lists the accounts come from, by import id (JSON). */
export async function powerImportMonths(db: Kysely<Database>, importIds: readonly number[]): Promise<Map<number, string>> {
  const unique = [...new Set(importIds)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('power_imports').select(['id', 'months']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.months]));
}
