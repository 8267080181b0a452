// SQL of the task-table import (导入镇街任务表): the uploads (imports) and their staged rows
// (import_rows), and confirming them: the staged rows become workshops with set-based SQL inside the
// caller's transaction. The register row is built from the staged JSON by the database (INSERT …
// SELECT), so a 100,000-row import does not carry every row through JavaScript; the same columns as
// a workshop registered on the form (WORKSHOP_INPUT_COLUMNS, newWorkshopState).
import { sql, type RawBuilder } from 'kysely';
import { workshopNameKey } from '../../domain/duplicates.js';
import type { ImportColumn, RowFilter } from '../../domain/imports.js';
import { TOWN_KEEPERS } from '../../domain/roles.js';
import type { Actor } from '../auth/actor.js';
import { bulkInsert } from '../db/bulk.js';
import { dialectOf, jsonField, parsedJsonRows, toNumber, type DialectName } from '../db/dialect.js';
import type { Db } from '../db/schema.js';
import { WORKSHOP_INPUT_COLUMNS } from './enterprises.js';
import { indexWorkshops } from './search.js';
import { visibleTo } from './scope.js';

// --- uploads and their staged rows ---

const HEADER_COLUMNS = [
  'imports.id', 'imports.town_id', 'imports.user_id', 'imports.file_name', 'imports.file_sha256', 'imports.row_count', 'imports.error_count',
  'imports.columns', 'imports.status', 'imports.imported_count', 'imports.duplicate_count', 'imports.rows_sha256', 'imports.register_mark', 'imports.created_at', 'imports.confirmed_at',
] as const;

function headerQuery(db: Db) {
  return db
    .selectFrom('imports')
    .innerJoin('org_units as t', 't.id', 'imports.town_id')
    .leftJoin('users as u', 'u.id', 'imports.user_id')
    .select([...HEADER_COLUMNS, 't.name as town_name', 't.path as town_path', 'u.display_name as user_name']);
}

/** An import's record with its town's name and path and the importer's name. */
export type ImportHeader = Awaited<ReturnType<ReturnType<typeof headerQuery>['executeTakeFirstOrThrow']>>;

export async function findImport(db: Db, id: number): Promise<ImportHeader | undefined> {
  return headerQuery(db).where('imports.id', '=', id).executeTakeFirst();
}

/** The imports into towns the actor keeps (TOWN_KEEPERS), newest first. */
export async function listImports(db: Db, actor: Actor, page: number, pageSize: number) {
  const scope = visibleTo(actor, 't.path', TOWN_KEEPERS);
  // An upload still streaming in (status 'staging') is listed once its preview is complete.
  const rows = await headerQuery(db).where(scope).where('imports.status', '!=', 'staging').orderBy('imports.id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute();
  const count = await db
    .selectFrom('imports')
    .innerJoin('org_units as t', 't.id', 'imports.town_id')
    .where(scope)
    .where('imports.status', '!=', 'staging')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return { rows, total: toNumber(count.n) };
}

export async function listImportRows(db: Db, importId: number, opts: { filter: RowFilter; page: number; pageSize: number }) {
  let q = db.selectFrom('import_rows').where('import_id', '=', importId);
  if (opts.filter === 'errors') q = q.where('has_errors', '=', 1);
  if (opts.filter === 'duplicates') q = q.where('matches', 'is not', null);
  if (opts.filter === 'undecided') q = q.where('has_errors', '=', 0).where('matches', 'is not', null).where('decision', 'is', null);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('row_no').limit(opts.pageSize).offset((opts.page - 1) * opts.pageSize).execute(),
    q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: toNumber(count.n) };
}

/** Rows of the import that look like registered workshops and still await the user's decision. */
export async function countUndecidedRows(db: Db, importId: number): Promise<number> {
  const r = await db
    .selectFrom('import_rows')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('import_id', '=', importId)
    .where('has_errors', '=', 0)
    .where('matches', 'is not', null)
    .where('decision', 'is', null)
    .executeTakeFirstOrThrow();
  return toNumber(r.n);
}

/** A new upload's record, 'staging' (unlisted, not confirmable) until its rows are all staged. */
export async function insertStagingImport(
  db: Db,
  i: { townId: number; userId: number; fileName: string; fileSha256: string; columns: readonly ImportColumn[]; createdAt: string; registerMark: string },
): Promise<number> {
  const { id } = await db
    .insertInto('imports')
    .values({
      town_id: i.townId,
      user_id: i.userId,
      file_name: i.fileName,
      file_sha256: i.fileSha256,
      row_count: 0,
      error_count: 0,
      columns: JSON.stringify(i.columns),
      status: 'staging',
      created_at: i.createdAt,
      confirmed_at: null,
      rows_sha256: null,
      register_mark: i.registerMark,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** One staged row as the staging pipeline hands it over: row_no, seq_no, data, errors, has_errors, matches. */
export type StagedRowValues = readonly [rowNo: number, seqNo: string | null, data: string, errors: string, hasErrors: 0 | 1, matches: string | null];

const STAGE_COLUMNS = ['import_id', 'row_no', 'seq_no', 'data', 'errors', 'has_errors', 'matches'] as const;

/** Writes a batch of staged rows with multi-row INSERTs. */
export async function insertImportRows(db: Db, importId: number, rows: readonly StagedRowValues[]): Promise<void> {
  await bulkInsert(db, 'import_rows', STAGE_COLUMNS, rows.map((r) => [importId, ...r]));
}

/** Every row staged: the totals, the rows' hash, and the import awaits confirmation ('preview'). */
export async function finishStaging(db: Db, id: number, s: { rowCount: number; errorCount: number; duplicateCount: number; rowsSha256: string }): Promise<void> {
  await db
    .updateTable('imports')
    .set({ row_count: s.rowCount, error_count: s.errorCount, duplicate_count: s.duplicateCount, rows_sha256: s.rowsSha256, status: 'preview' })
    .where('id', '=', id)
    .execute();
}

/** Uploads still 'staging' that were started before `cutoff` (an ISO time). */
export async function staleStagingImportIds(db: Db, cutoff: string): Promise<number[]> {
  const rows = await db.selectFrom('imports').select('id').where('status', '=', 'staging').where('created_at', '<', cutoff).execute();
  return rows.map((r) => r.id);
}

/** Removes an upload that is still 'staging', with its staged rows (call inside a transaction). */
export async function deleteStagingImport(trx: Db, id: number): Promise<void> {
  await trx.deleteFrom('import_rows').where('import_id', '=', id).execute();
  await trx.deleteFrom('imports').where('id', '=', id).where('status', '=', 'staging').execute();
}

/** The staged rows of `rowNos` that exist, with their matches. */
export async function findStagedRows(db: Db, importId: number, rowNos: readonly number[]) {
  return db.selectFrom('import_rows').select(['row_no', 'matches', 'has_errors']).where('import_id', '=', importId).where('row_no', 'in', rowNos).execute();
}

/** Records the user's answer for one staged row that looks like a registered workshop. */
export async function setRowDecision(db: Db, importId: number, rowNo: number, decision: string, linkedId: number | null): Promise<void> {
  await db.updateTable('import_rows').set({ decision, linked_id: linkedId }).where('import_id', '=', importId).where('row_no', '=', rowNo).execute();
}

/** The staged rows with mistakes (what a value mapping may change), in row order. */
export async function stagedErrorRows(db: Db, importId: number) {
  return db.selectFrom('import_rows').select(['row_no', 'data', 'errors']).where('import_id', '=', importId).where('has_errors', '=', 1).orderBy('row_no').execute();
}

/** Rewrites one staged row as checked again. */
export async function restageRow(db: Db, importId: number, rowNo: number, row: { data: string; errors: string; hasErrors: 0 | 1 }): Promise<void> {
  await db.updateTable('import_rows').set({ data: row.data, errors: row.errors, has_errors: row.hasErrors }).where('import_id', '=', importId).where('row_no', '=', rowNo).execute();
}

/** The staged rows' data in row order, a page after `afterRowNo` (for the rows' hash). */
export async function stagedRowData(db: Db, importId: number, afterRowNo: number, limit: number) {
  return db.selectFrom('import_rows').select(['row_no', 'data']).where('import_id', '=', importId).where('row_no', '>', afterRowNo).orderBy('row_no').limit(limit).execute();
}

/** Counts the rows with mistakes and the clean rows that look like registered workshops again, and stores them with the rows' new hash. */
export async function recountImport(db: Db, id: number, rowsSha256: string): Promise<{ errorCount: number; duplicateCount: number }> {
  const counts = await db
    .selectFrom('import_rows')
    .select((eb) => [
      eb.fn.sum<number>(eb.case().when('has_errors', '=', 1).then(1).else(0).end()).as('errors'),
      eb.fn.sum<number>(eb.case().when(eb.and([eb('has_errors', '=', 0), eb('matches', 'is not', null)])).then(1).else(0).end()).as('duplicates'),
    ])
    .where('import_id', '=', id)
    .executeTakeFirstOrThrow();
  const errorCount = toNumber(counts.errors);
  const duplicateCount = toNumber(counts.duplicates);
  await db.updateTable('imports').set({ error_count: errorCount, duplicate_count: duplicateCount, rows_sha256: rowsSha256 }).where('id', '=', id).execute();
  return { errorCount, duplicateCount };
}

/** Marks the import confirmed if it still awaits confirmation; answers whether this call did. */
export async function claimImportForConfirm(trx: Db, id: number, at: string): Promise<boolean> {
  const claimed = await trx.updateTable('imports').set({ status: 'confirmed', confirmed_at: at }).where('id', '=', id).where('status', '=', 'preview').executeTakeFirst();
  return Number(claimed.numUpdatedRows) === 1;
}

export async function setImportedCount(trx: Db, id: number, imported: number): Promise<void> {
  await trx.updateTable('imports').set({ imported_count: imported }).where('id', '=', id).execute();
}

// --- the town's register as an import is checked against ---

/** The town's part of the register that an import is checked against. */
export interface TownRegister {
  villages: { id: number; name: string }[];
  workshops: { id: number; name: string; phone: string; version: number }[];
}

export async function readTownRegister(db: Db, campaignId: number, townId: number): Promise<TownRegister> {
  const [villages, workshops] = await Promise.all([
    db.selectFrom('org_units').select(['id', 'name']).where('parent_id', '=', townId).where('kind', '=', 'village').orderBy('id').execute(),
    db.selectFrom('enterprises').select(['id', 'name', 'phone', 'version']).where('campaign_id', '=', campaignId).where('town_id', '=', townId).orderBy('id').execute(),
  ]);
  return { villages, workshops };
}

// --- confirming: the staged rows into the register ---

/** What the register gets for a field a staged row left out (staged rows leave out fields equal to their default). */
export type InputDefaults = Readonly<Record<string, unknown>>;

/** A field of the staged row's JSON, as SQL: text, or a number (on PostgreSQL parsed once per row by stagedRows). */
function staged(dialect: DialectName, path: string[], type: 'text' | 'integer' | 'number' = 'text'): RawBuilder<unknown> {
  return jsonField(dialect, 'r', 'data', path, type);
}

/** The staged field, or its default when the row left it out. */
function stagedInput(dialect: DialectName, defaults: InputDefaults, key: string, type: 'text' | 'integer' | 'number'): RawBuilder<unknown> {
  const value = staged(dialect, ['input', key], type);
  const fallback = defaults[key];
  if (fallback === undefined || fallback === null) return value;
  return sql`coalesce(${value}, ${typed(fallback as string | number)})`;
}

/**
 * The import's staged rows as `r`: those that become workshops (no errors, not linked as the same
 * site), each row's JSON parsed once on PostgreSQL (parsedJsonRows: the 100,000-row insert took
 * 9.6 s instead of 2 without it).
 */
function stagedRows(dialect: DialectName, importId: number): RawBuilder<unknown> {
  const where = sql`import_id = ${importId} and has_errors = 0 and (decision is null or decision = 'different')`;
  return parsedJsonRows(dialect, 'import_rows', ['import_id', 'row_no', 'matches'], 'data', where, 'r');
}

/** A value bound with its type, so PostgreSQL need not infer it inside INSERT … SELECT. */
function typed(v: string | number | null): RawBuilder<unknown> {
  return typeof v === 'number' ? sql`cast(${v} as integer)` : sql`cast(${v} as text)`;
}

/** What checking a staged row again needs: its name, phone, village and the matches the preview found. */
export interface StagedRowToCheck {
  row_no: number;
  name: string;
  phone: string;
  village_id: number | null;
  matches: string | null;
}

/** Up to `limit` of the rows that will become workshops, after row `afterRowNo`, in row order. */
export async function stagedRowsToCheck(trx: Db, importId: number, defaults: InputDefaults, afterRowNo: number, limit: number): Promise<StagedRowToCheck[]> {
  const dialect = dialectOf(trx);
  const { rows } = await sql<StagedRowToCheck>`
      select r.row_no, ${staged(dialect, ['input', 'name'])} as name, ${stagedInput(dialect, defaults, 'phone', 'text')} as phone,
        ${staged(dialect, ['input', 'villageId'], 'integer')} as village_id, r.matches
      from ${stagedRows(dialect, importId)} where r.row_no > ${afterRowNo} order by r.row_no limit ${limit}`.execute(trx);
  return rows;
}

/** The highest workshop id so far (0 on an empty register). */
export async function lastEnterpriseId(trx: Db): Promise<number> {
  return Number((await trx.selectFrom('enterprises').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow()).m ?? 0);
}

/**
 * Inserts a workshop for every staged row that becomes one, in row order, in one INSERT … SELECT:
 * placed in its village (else the town), with `state` (newWorkshopState) and the staged input.
 */
export async function insertStagedWorkshops(
  trx: Db,
  p: { campaignId: number; town: { id: number; path: string }; importId: number; state: Readonly<Record<string, string | number>>; defaults: InputDefaults },
): Promise<void> {
  const dialect = dialectOf(trx);
  const inputColumns = WORKSHOP_INPUT_COLUMNS.map(([column]) => column);
  const inputValues = WORKSHOP_INPUT_COLUMNS.map(([, key, type]) => stagedInput(dialect, p.defaults, key, type === 'number' ? 'number' : 'text'));
  const stateColumns = Object.keys(p.state);
  const columns = ['campaign_id', 'town_id', 'village_id', 'org_path', 'name_key', 'import_id', 'import_row', ...inputColumns, ...stateColumns];
  const villageId = staged(dialect, ['input', 'villageId'], 'integer');
  await sql`insert into enterprises (${sql.join(columns.map((c) => sql.ref(c)))})
    select ${typed(p.campaignId)}, ${typed(p.town.id)}, ${villageId}, coalesce(v.path, ${typed(p.town.path)}), coalesce(${staged(dialect, ['nameKey'])}, ''), ${typed(p.importId)}, r.row_no,
      ${sql.join(inputValues)}, ${sql.join(stateColumns.map((c) => typed(p.state[c])))}
    from ${stagedRows(dialect, p.importId)} left join org_units v on v.id = ${villageId} and v.parent_id = ${typed(p.town.id)}
    where ${staged(dialect, ['input'])} is not null
    order by r.row_no`.execute(trx);
}

/** The ids of the import's workshops with ids above `afterId`: the first, the last, and how many. */
export async function importedRange(trx: Db, importId: number, afterId: number): Promise<{ first: number; last: number; imported: number }> {
  const range = await trx
    .selectFrom('enterprises')
    .select((eb) => [eb.fn.min('id').as('first'), eb.fn.max('id').as('last'), eb.fn.countAll().as('n')])
    .where('id', '>', afterId)
    .where('import_id', '=', importId)
    .executeTakeFirstOrThrow();
  return { first: Number(range.first), last: Number(range.last), imported: Number(range.n) };
}

/** Gives a name key to the import's workshops that have none (rows staged before the name key was staged with them). */
export async function keyUnkeyedImported(trx: Db, importId: number, afterId: number): Promise<void> {
  const unkeyed = await trx.selectFrom('enterprises').select(['id', 'name']).where('id', '>', afterId).where('import_id', '=', importId).where('name_key', '=', '').execute();
  for (const e of unkeyed) await trx.updateTable('enterprises').set({ name_key: workshopNameKey(e.name) }).where('id', '=', e.id).execute();
}

/** Adds the search index's entries of the import's workshops with ids in [first, last] (repositories/search.ts). */
export async function indexImportedWorkshops(trx: Db, importId: number, first: number, last: number): Promise<void> {
  for (let after = first - 1; after < last; ) {
    const rows = await trx
      .selectFrom('enterprises')
      .select(['id', 'campaign_id', 'name', 'address', 'contact_person', 'phone'])
      .where('id', '>', after)
      .where('id', '<=', last)
      .where('import_id', '=', importId)
      .orderBy('id')
      .limit(5000)
      .execute();
    if (rows.length === 0) return;
    await indexWorkshops(trx, rows);
    after = rows[rows.length - 1].id;
  }
}

/** One pending standard item per code for each of the import's workshops with ids in [first, last]. */
export async function insertImportedItems(trx: Db, importId: number, first: number, last: number, codes: readonly string[]): Promise<void> {
  const codeRows = sql.join(codes.map((code) => sql`select cast(${code} as text) as item_code`), sql` union all `);
  // In workshop order, so that SQLite appends to the items' clustered key; the order of one
  // workshop's items does not matter (the key orders them by code).
  await sql`insert into enterprise_items (enterprise_id, item_code, state, unit, person, done_on, note, reason, updated_by, updated_at)
      select e.id, c.item_code, 'pending', '', '', null, '', '', null, null
      from enterprises e cross join (${codeRows}) c
      where e.id between ${first} and ${last} and e.import_id = ${importId}
      order by e.id`.execute(trx);
}

/** Valid staged rows the user judged different from the registered workshops they look like. */
export async function rowsJudgedDifferent(trx: Db, importId: number) {
  return trx.selectFrom('import_rows').select(['row_no', 'matches']).where('import_id', '=', importId).where('has_errors', '=', 0).where('decision', '=', 'different').execute();
}

/** Valid staged rows the user linked to a registered workshop as the same site, in row order. */
export async function rowsLinkedAsSame(trx: Db, importId: number) {
  return trx
    .selectFrom('import_rows')
    .select(['row_no', 'linked_id', 'data'])
    .where('import_id', '=', importId)
    .where('has_errors', '=', 0)
    .where('decision', '=', 'same')
    .orderBy('row_no')
    .execute();
}

/** Up to `limit` of the import's workshops with ids in (afterId, lastId], in id order. */
export async function importedWorkshops(trx: Db, importId: number, afterId: number, lastId: number, limit: number) {
  return trx
    .selectFrom('enterprises')
    .select(['id', 'name', 'import_row', 'org_path'])
    .where('id', '>', afterId)
    .where('id', '<=', lastId)
    .where('import_id', '=', importId)
    .orderBy('id')
    .limit(limit)
    .execute();
}
