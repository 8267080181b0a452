import { sql, type InferResult, type Insertable, type Kysely, type SelectQueryBuilder, type Selectable, type SqlBool } from 'kysely';
import { workshopNameKey } from '../../domain/duplicates.js';
import type { EnterpriseCreate, EnterpriseListQuery } from '../../domain/enterprise.js';
import { SEARCH_MATCH_LIMIT, SEARCHED_COLUMNS } from '../../domain/search.js';
import { checkedNotIndexed, dialectOf, escapeLike, forUpdate, groupConcat, inIdList, likeOperator, toNumber } from '../db/dialect.js';
import { readRunner, type ReadRunner } from '../db/readers.js';
import type { Database, EnterpriseItemRow, EnterpriseItemTable, EnterpriseRow, NewEnterprise, VerdictTable } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import type { Actor } from '../auth/actor.js';
import type { CampaignRecord } from './campaigns.js';
import { moveWorkshopRequests } from './departmentRequests.js';
import { onTaskTable } from './reports.js';
import { gramEntriesQuery, holdsGram, indexWorkshops, reindexWorkshop, searchGram, WEIGH_BOUND, type SearchedText } from './search.js';
import { campaignScope } from './scope.js';

export interface ListFilter {
  campaignId: number;
  /** Path of the campaign's root unit: a scope covering it needs no range condition. */
  rootPath: string;
  townId?: number;
  villageId?: number;
  status?: string;
  q?: string;
  pendingItem?: string;
  /** Only workshops on the task table lacking the location or the phone its 附件2 row needs (登记信息不全). */
  incomplete?: boolean;
  /** Only the workshops a town's task table (附件2) lists (reports.onTaskTable): the 附件2 export. */
  onTaskTable?: boolean;
}

const SORT_COLUMNS = { id: 'enterprises.id', name: 'enterprises.name', updatedAt: 'enterprises.updated_at', status: 'enterprises.status' } as const;

/** Joins a workshop's town (`t`) and village (`v`), for their names. */
export function withPlaceNames<O>(qb: SelectQueryBuilder<Database, 'enterprises', O>) {
  return qb.leftJoin('org_units as t', 't.id', 'enterprises.town_id').leftJoin('org_units as v', 'v.id', 'enterprises.village_id');
}

/**
 * The register's rows the list's filters select, cut to the actor's scope. `orderedPage`: a page
 * in the list's order without a search term; the scope's path range is then only checked (in the
 * index walked in the page's order, whose last column is org_path), so SQLite never picks the path
 * index and sorts every workshop in scope to show one page.
 */
export function filtered(db: Kysely<Database>, actor: Actor, f: ListFilter, opts: { orderedPage?: boolean; byId?: boolean } = {}) {
  // `byId`: the rows are named by id; the campaign is only checked, so that SQLite reads each row
  // by its id instead of through an index on the campaign and then the row (two lookups each).
  const campaign = opts.byId ? checkedNotIndexed(dialectOf(db), 'enterprises.campaign_id') : sql.ref('enterprises.campaign_id');
  let q = db.selectFrom('enterprises').where(sql<SqlBool>`${campaign} = ${f.campaignId}`);
  const pathColumn = opts.orderedPage && countedByStatusCounts(f) ? checkedNotIndexed(dialectOf(db), 'enterprises.org_path') : 'enterprises.org_path';
  const scope = campaignScope(actor, pathColumn, f.rootPath);
  if (scope) q = q.where(scope);
  if (f.townId !== undefined) q = q.where('enterprises.town_id', '=', f.townId);
  if (f.villageId !== undefined) q = q.where('enterprises.village_id', '=', f.villageId);
  if (f.status) q = q.where('enterprises.status', '=', f.status);
  if (f.onTaskTable) q = q.$call(onTaskTable);
  if (f.incomplete) q = q.$call(onTaskTable).where((eb) => eb.or([eb('enterprises.address', '=', ''), eb('enterprises.phone', '=', '')]));
  if (f.pendingItem) {
    // A department's queue: open workshops only (an excluded site awaits nobody's action).
    const code = f.pendingItem;
    q = q.where('enterprises.status', '!=', 'excluded').where('enterprises.id', 'in', (eb) =>
      eb.selectFrom('enterprise_items').select('enterprise_id').where('item_code', '=', code).where('state', '=', 'pending'),
    );
  }
  if (f.q) {
    const pattern = `%${escapeLike(f.q)}%`;
    const op = likeOperator(dialectOf(db));
    q = q.where((eb) =>
      eb.or([
        eb(sql.ref('enterprises.name'), op, sql`${pattern} escape '\\'`),
        eb(sql.ref('enterprises.address'), op, sql`${pattern} escape '\\'`),
        eb(sql.ref('enterprises.contact_person'), op, sql`${pattern} escape '\\'`),
        eb(sql.ref('enterprises.phone'), op, sql`${pattern} escape '\\'`),
      ]),
    );
  }
  return q;
}

type ListPage = Pick<EnterpriseListQuery, 'page' | 'pageSize' | 'sort' | 'order'>;

/** The columns of a list row, place names looked up per row shown (not joined). */
function summaryColumns(qb: SelectQueryBuilder<Database, 'enterprises', object>) {
  return qb.select((eb) => [
    'enterprises.id',
    'enterprises.name',
    'enterprises.kind',
    'enterprises.town_id',
    eb.selectFrom('org_units as t').select('t.name').whereRef('t.id', '=', 'enterprises.town_id').as('town_name'),
    'enterprises.village_id',
    eb.selectFrom('org_units as v').select('v.name').whereRef('v.id', '=', 'enterprises.village_id').as('village_name'),
    'enterprises.address',
    'enterprises.contact_person',
    'enterprises.phone',
    'enterprises.status',
    'enterprises.items_done',
    'enterprises.updated_at',
  ]);
}

/** The list's page of rows, as a query (listEnterprises runs it; the plan tests read its plan). */
export function listRowsQuery(db: Kysely<Database>, actor: Actor, f: ListFilter, page: ListPage) {
  // A one-table query whose page is the first rows of an index walk (a join could hash the
  // matches and sort them all).
  return summaryColumns(filtered(db, actor, f, { orderedPage: true }))
    .orderBy(SORT_COLUMNS[page.sort], page.order)
    .orderBy('enterprises.id', page.order)
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize);
}

/**
 * Up to this many workshops left by the other filters (scope, town, village, status) are walked
 * one by one, each probed in the search index, when the fragment's entries are more: a village
 * head's search for a common fragment reads the village, not the district's entries.
 */
const SCOPE_WALK_MAX = WEIGH_BOUND;

/**
 * The search's walk through the filter's own rows (at most SCOPE_WALK_MAX, so their sort is
 * bounded), each probed in the search index: the newest SEARCH_MATCH_LIMIT + 1 matches' ids.
 */
export function filterWalkQuery(db: Kysely<Database>, actor: Actor, f: ListFilter & { q: string }, gram: string) {
  return filtered(db, actor, f)
    .where(holdsGram(f.campaignId, gram))
    .select('enterprises.id')
    .orderBy(checkedNotIndexed(dialectOf(db), 'enterprises.id'), 'desc')
    .limit(SEARCH_MATCH_LIMIT + 1);
}

/** Which of the workshops `ids` the filter, the scope and LIKE keep (in no order: the caller's ids are). */
export function matchingRowsQuery(db: Kysely<Database>, actor: Actor, f: ListFilter & { q: string }, ids: readonly number[]) {
  return filtered(db, actor, f, { byId: true }).where(inIdList(dialectOf(db), 'enterprises.id', ids)).select('enterprises.id');
}

/** The first index entries walked per step; each step reads twice as many, up to the last. */
const ENTRY_STEPS = [1024, 2048, 4096, 8192];

/**
 * The ids of the newest SEARCH_MATCH_LIMIT + 1 workshops a search matches, newest first.
 * `via: 'entries'` walks the fragment's index entries from the newest, a bounded step at a time
 * (one index range, then the step's rows by id, checked against the filter, the scope and LIKE),
 * until enough match or the entries end: each query has one plan on both databases, whatever
 * the statistics, and none sorts. `via: 'filter'`: filterWalkQuery.
 */
export async function searchMatchIds(db: Kysely<Database>, reads: ReadRunner, actor: Actor, f: ListFilter & { q: string }, gram: string, via: 'entries' | 'filter'): Promise<number[]> {
  if (via === 'filter') return (await reads.all(filterWalkQuery(db, actor, f, gram).compile())).map((r) => r.id);
  const found: number[] = [];
  let before: number | null = null;
  for (let step = 0; ; step++) {
    const size = ENTRY_STEPS[Math.min(step, ENTRY_STEPS.length - 1)];
    const ids: number[] = (await reads.all(gramEntriesQuery(db, f.campaignId, gram, before, size).compile())).map((r) => r.enterprise_id);
    if (ids.length === 0) break;
    const kept = new Set((await reads.all(matchingRowsQuery(db, actor, f, ids).compile())).map((r) => r.id));
    for (const id of ids) if (kept.has(id)) found.push(id);
    if (found.length > SEARCH_MATCH_LIMIT || ids.length < size) break;
    before = ids[ids.length - 1];
  }
  return found.slice(0, SEARCH_MATCH_LIMIT + 1);
}

/**
 * A list with a search term: the matches come through the search index (repositories/search.ts),
 * at most SEARCH_MATCH_LIMIT of them, newest first; the total is exact up to that limit, and
 * `totalCapped` says there are more (the list shows 超过 N 家 and the first N, in the order asked).
 * Every query runs on readRunner (SQLite's read worker), so the server's thread never waits on one.
 */
async function searchEnterprises(db: Kysely<Database>, actor: Actor, f: ListFilter & { q: string }, page: ListPage) {
  const reads = readRunner(db);
  const plain = { ...f, q: undefined };
  // Whether the other filters may leave fewer workshops than the fragment has entries.
  const narrowed = countedByStatusCounts(plain) && (campaignScope(actor, 'org_path', f.rootPath) !== null || f.townId !== undefined || f.villageId !== undefined || !!f.status);
  const driver = await searchGram(db, reads, f.campaignId, f.q, { weigh: narrowed });
  if (!driver || driver.postings === 0) return { rows: [], total: 0, totalCapped: false };
  let via: 'entries' | 'filter' = 'entries';
  if (narrowed) {
    const inFilter = await countFromStatusCounts(db, actor, plain);
    if (inFilter <= SCOPE_WALK_MAX && driver.postings !== null && inFilter < driver.postings) via = 'filter';
  }
  const found = await searchMatchIds(db, reads, actor, f, driver.gram, via);
  const totalCapped = found.length > SEARCH_MATCH_LIMIT;
  const matched = found.slice(0, SEARCH_MATCH_LIMIT);
  const offset = (page.page - 1) * page.pageSize;
  let rows: EnterpriseListRow[] = [];
  if (page.sort === 'id') {
    const pageIds = (page.order === 'desc' ? matched : [...matched].reverse()).slice(offset, offset + page.pageSize);
    if (pageIds.length > 0) rows = await reads.all(summaryColumns(db.selectFrom('enterprises')).where(inIdList(dialectOf(db), 'enterprises.id', pageIds)).orderBy('enterprises.id', page.order).compile());
  } else if (matched.length > offset) {
    // At most SEARCH_MATCH_LIMIT rows to order: the matches, not the register.
    const query = summaryColumns(db.selectFrom('enterprises'))
      .where(inIdList(dialectOf(db), 'enterprises.id', matched))
      .orderBy(SORT_COLUMNS[page.sort], page.order)
      .orderBy('enterprises.id', page.order)
      .limit(page.pageSize)
      .offset(offset);
    rows = await reads.all(query.compile());
  }
  return { rows, total: matched.length, totalCapped };
}

/**
 * Whether the maintained counts (dashboard_status_counts, migration 015) answer the filter's total:
 * they are kept per campaign, org-unit path (a village's, or the town's for a workshop without
 * one), town and status, so scope, town, village and status can be read from them; a search term,
 * a department's queue or the task-table conditions need the register itself.
 */
export function countedByStatusCounts(f: ListFilter): boolean {
  return !f.q && !f.pendingItem && !f.incomplete && !f.onTaskTable;
}

/**
 * The filter's total, as a query: from the maintained counts when they answer it (a few thousand
 * rows whatever the register's size), else an exact count over the register.
 */
export function listTotalQuery(db: Kysely<Database>, actor: Actor, f: ListFilter) {
  if (!countedByStatusCounts(f)) return exactCountQuery(db, actor, f);
  return statusCountsTotalQuery(db, actor, f);
}

/** The total of the workshops in the actor's scope matching town, village and status, from the maintained counts. */
function statusCountsTotalQuery(db: Kysely<Database>, actor: Actor, f: ListFilter) {
  let q = db.selectFrom('dashboard_status_counts').select((eb) => eb.fn.sum<number | string | null>('n').as('total')).where('campaign_id', '=', f.campaignId);
  const scope = campaignScope(actor, 'org_path', f.rootPath);
  if (scope) q = q.where(scope);
  if (f.townId !== undefined) q = q.where('town_id', '=', f.townId);
  // A workshop in a village takes the village's path (commands/lib/placement.ts), so its count rows are the path's.
  const villageId = f.villageId;
  if (villageId !== undefined) q = q.where('org_path', '=', (eb) => eb.selectFrom('org_units').select('path').where('id', '=', villageId));
  if (f.status) q = q.where('status', '=', f.status);
  return q;
}

/** The list's total without a search term or queue, read from the maintained counts (see countedByStatusCounts). */
export async function countFromStatusCounts(db: Kysely<Database>, actor: Actor, f: ListFilter): Promise<number> {
  const { total } = await statusCountsTotalQuery(db, actor, f).executeTakeFirstOrThrow();
  return total === null ? 0 : toNumber(total);
}

export async function listEnterprises(db: Kysely<Database>, actor: Actor, f: ListFilter, page: ListPage) {
  if (f.q) return searchEnterprises(db, actor, { ...f, q: f.q }, page);
  const [rows, [count]] = await Promise.all([listRowsQuery(db, actor, f, page).execute(), listTotalQuery(db, actor, f).execute()]);
  return { rows, total: count?.total == null ? 0 : toNumber(count.total), totalCapped: false };
}

/** count(*) over the register's rows the filter selects in the actor's scope. */
function exactCountQuery(db: Kysely<Database>, actor: Actor, f: ListFilter) {
  return filtered(db, actor, f).select((eb) => eb.fn.countAll<number | string>().as('total'));
}

/** How many workshops the filter selects in the actor's scope, counted in the register itself (the agenda's counts). */
export async function countEnterprises(db: Kysely<Database>, actor: Actor, f: ListFilter): Promise<number> {
  const { total } = await exactCountQuery(db, actor, f).executeTakeFirstOrThrow();
  return toNumber(total);
}

export type EnterpriseListRow = InferResult<ReturnType<typeof listRowsQuery>>[number];

/** With `forUpdate` the row is locked for the caller's transaction. */
export async function findEnterprise(db: Kysely<Database>, id: number, opts: { forUpdate?: boolean } = {}): Promise<EnterpriseRow | undefined> {
  const q = db.selectFrom('enterprises').selectAll().where('id', '=', id);
  return (opts.forUpdate ? forUpdate(db, q) : q).executeTakeFirst();
}

/** Names of workshops by id (for the records that name one, such as a clue). */
export async function enterpriseNames(db: Kysely<Database>, ids: (number | null)[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids.filter((i): i is number => i !== null))];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('enterprises').select(['id', 'name']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function findItems(db: Kysely<Database>, enterpriseId: number): Promise<EnterpriseItemRow[]> {
  return db.selectFrom('enterprise_items').selectAll().where('enterprise_id', '=', enterpriseId).execute();
}

/** The workshops of one town in the campaign that the actor can see, by id (a town's evidence package). */
export async function listTownEnterprises(db: Kysely<Database>, actor: Actor, campaign: CampaignRecord, townId: number): Promise<EnterpriseRow[]> {
  let q = db.selectFrom('enterprises').selectAll().where('campaign_id', '=', campaign.id).where('town_id', '=', townId);
  const scope = campaignScope(actor, 'enterprises.org_path', campaign.rootPath);
  if (scope) q = q.where(scope);
  return q.orderBy('id').execute();
}

/** Every standard item recorded done in the campaign, with its workshop's coordinates, by workshop and item. */
export async function listDoneItemSites(db: Kysely<Database>, campaignId: number) {
  return db
    .selectFrom('enterprise_items as i')
    .innerJoin('enterprises as e', 'e.id', 'i.enterprise_id')
    .select(['e.id', 'e.lat', 'e.lng', 'i.item_code', 'i.done_on'])
    .where('e.campaign_id', '=', campaignId)
    .where('i.state', '=', 'done')
    .orderBy('e.id')
    .orderBy('i.item_code')
    .execute();
}

/**
 * The register's columns that come straight from the form's fields, in one place for both insert
 * paths: a row built here (the form, workshopRow) and the task-table import's INSERT … SELECT from
 * its staged rows (repositories/imports.ts). `number` marks the numeric ones.
 */
export const WORKSHOP_INPUT_COLUMNS = [
  ['name', 'name'], ['kind', 'kind'], ['address', 'address'], ['lng', 'lng', 'number'], ['lat', 'lat', 'number'],
  ['contact_person', 'contactPerson'], ['phone', 'phone'], ['power_source', 'powerSource'], ['power_account', 'powerAccount'],
  ['water_source', 'waterSource'], ['land_type', 'landType'], ['land_owner', 'landOwner'], ['land_lease', 'landLease'],
  ['licence_business', 'licenceBusiness'], ['licence_eia', 'licenceEia'], ['licence_land', 'licenceLand'],
  ['production_status', 'productionStatus'], ['raw_materials', 'rawMaterials'], ['notes', 'notes'], ['discovery_source', 'discoverySource'],
  ['village_head', 'villageHead'], ['town_head', 'townHead'], ['department_head', 'departmentHead'],
] as const satisfies readonly (readonly [keyof NewEnterprise, keyof EnterpriseCreate, ...'number'[]])[];

/** A register field a PATCH may change (the form's fields and the placement). */
export type WorkshopField = (typeof WORKSHOP_INPUT_COLUMNS)[number][1] | 'townId' | 'villageId';

/** API field → column, for every register field a PATCH may change. */
export const WORKSHOP_FIELD_COLUMNS = Object.fromEntries(
  // In the form's order (audit records list changes in it): name, kind, town, village, the rest.
  WORKSHOP_INPUT_COLUMNS.flatMap(([column, field]) => [[field, column], ...(field === 'kind' ? [['townId', 'town_id'], ['villageId', 'village_id']] : [])]),
) as Record<WorkshopField, keyof EnterpriseRow & keyof NewEnterprise>;

export const WORKSHOP_FIELDS = Object.keys(WORKSHOP_FIELD_COLUMNS) as WorkshopField[];

/** What every new workshop starts with, whichever way it is registered. */
export function newWorkshopState(actor: Pick<Actor, 'id'>, now: string) {
  return { status: 'surveyed', status_reason: '', items_done: 0, version: 1, created_by: actor.id, created_at: now, updated_at: now } as const;
}

/** A new workshop's register row, from the form's input placed in its town (and village). */
export function workshopRow(
  actor: Pick<Actor, 'id'>,
  campaign: { id: number },
  place: { town: { id: number }; village: { id: number } | null; path: string },
  input: EnterpriseCreate,
  now: string,
): NewEnterprise {
  const fromInput = Object.fromEntries(WORKSHOP_INPUT_COLUMNS.map(([column, key]) => [column, input[key]]));
  return {
    ...(fromInput as Pick<NewEnterprise, (typeof WORKSHOP_INPUT_COLUMNS)[number][0]>),
    campaign_id: campaign.id,
    town_id: place.town.id,
    village_id: place.village?.id ?? null,
    org_path: place.path,
    ...newWorkshopState(actor, now),
  };
}

/** A new register row's searched texts (search.indexWorkshops), once it has its id. */
function searchedText(id: number, row: NewEnterprise): SearchedText {
  return { id, campaign_id: row.campaign_id, name: row.name, address: row.address ?? '', contact_person: row.contact_person ?? '', phone: row.phone ?? '' };
}

export async function insertEnterprise(db: Kysely<Database>, row: NewEnterprise, itemCodes: readonly string[]): Promise<number> {
  const { id } = await db.insertInto('enterprises').values({ ...row, name_key: workshopNameKey(row.name) }).returning('id').executeTakeFirstOrThrow();
  await indexWorkshops(db, [searchedText(id, row)]);
  await db
    .insertInto('enterprise_items')
    .values(
      itemCodes.map((code) => ({
        enterprise_id: id,
        item_code: code,
        state: 'pending',
        unit: '',
        person: '',
        done_on: null,
        note: '',
        reason: '',
        updated_by: null,
        updated_at: null,
      })),
    )
    .execute();
  return id;
}

/**
 * Applies changes to `row` (as the caller loaded it in this transaction) only if it is still at its
 * version; answers whether it was. A change to a searched text brings the workshop's search index
 * entries along, from the texts `row` holds.
 */
export async function updateEnterpriseAtVersion(db: Kysely<Database>, row: EnterpriseRow, changes: Partial<NewEnterprise>): Promise<boolean> {
  const result = await db
    .updateTable('enterprises')
    .set({ ...changes, ...(changes.name !== undefined ? { name_key: workshopNameKey(changes.name) } : {}), version: row.version + 1 })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  const updated = Number(result.numUpdatedRows) === 1;
  if (updated && SEARCHED_COLUMNS.some((c) => changes[c] !== undefined))
    await reindexWorkshop(db, row, { name: changes.name, address: changes.address, contact_person: changes.contact_person, phone: changes.phone });
  // Moved to another village or town: its department requests follow it (their scope and counts).
  if (updated && ((changes.org_path !== undefined && changes.org_path !== row.org_path) || (changes.town_id !== undefined && changes.town_id !== row.town_id)))
    await moveWorkshopRequests(db, row.id, { town_id: changes.town_id ?? row.town_id, org_path: changes.org_path ?? row.org_path });
  return updated;
}

export async function updateItem(
  db: Kysely<Database>,
  enterpriseId: number,
  code: string,
  changes: Partial<Omit<EnterpriseItemRow, 'enterprise_id' | 'item_code'>>,
): Promise<void> {
  await db.updateTable('enterprise_items').set(changes).where('enterprise_id', '=', enterpriseId).where('item_code', '=', code).execute();
}

export async function resetItems(db: Kysely<Database>, enterpriseId: number, at: string, userId: number): Promise<void> {
  await db
    .updateTable('enterprise_items')
    .set({ state: 'pending', unit: '', person: '', done_on: null, note: '', reason: '', department_id: null, updated_by: userId, updated_at: at })
    .where('enterprise_id', '=', enterpriseId)
    .execute();
}

export async function insertVerdict(
  db: Kysely<Database>,
  v: { enterpriseId: number; verdict: string; reasons: string[]; findings: string; inspectorId: number; at: string },
): Promise<void> {
  await db
    .insertInto('verdicts')
    .values({ enterprise_id: v.enterpriseId, verdict: v.verdict, reasons: JSON.stringify(v.reasons), findings: v.findings, inspector_id: v.inspectorId, created_at: v.at })
    .execute();
}

/** A workshop's verdicts, oldest first (`reasons` as stored: a JSON array of reason codes). */
export async function listVerdicts(db: Kysely<Database>, enterpriseId: number): Promise<Selectable<VerdictTable>[]> {
  return db.selectFrom('verdicts').selectAll().where('enterprise_id', '=', enterpriseId).orderBy('id').execute();
}

/** A workshop's standard items as exported (see packedItems). */
export interface ExportItem {
  item_code: string;
  state: string;
  done_on: string | null;
  reason: string;
  /** The executing department's id (a department confirmed or recorded it), else null. */
  department_id: number | null;
  /** 执行人. */
  person: string;
}

const FIELD_SEP = '\u001f';
const ITEM_SEP = '\u001e';

/**
 * The workshop's items as one text: code, state, date, executing department, person and reason,
 * U+001F between fields, U+001E between items.
 */
function packedItems(db: Kysely<Database>) {
  // Free text: the two separators are replaced in it, so a pasted control character cannot split an item.
  const clean = (column: string) => sql`replace(replace(${sql.ref(column)}, ${ITEM_SEP}, ' '), ${FIELD_SEP}, ' ')`;
  const department = sql`coalesce(cast(i.department_id as text), '')`;
  const fields = sql`i.item_code || ${FIELD_SEP} || i.state || ${FIELD_SEP} || coalesce(i.done_on, '') || ${FIELD_SEP} || ${department} || ${FIELD_SEP} || ${clean('i.person')} || ${FIELD_SEP} || ${clean('i.reason')}`;
  return sql<string | null>`(select ${groupConcat(db, fields, ITEM_SEP)} from enterprise_items i where i.enterprise_id = enterprises.id)`;
}

function unpackItems(packed: string | null | undefined): ExportItem[] {
  if (!packed) return [];
  return packed.split(ITEM_SEP).map((item) => {
    const [item_code, state, done_on, department, person, reason] = item.split(FIELD_SEP);
    return { item_code, state, done_on: done_on || null, department_id: department ? Number(department) : null, person: person ?? '', reason: reason ?? '' };
  });
}

/**
 * The rows of an export: the same filters and scope as the list, walked by keyset (town, id) in
 * chunks so that a district-wide form never holds the whole register in memory. Each chunk comes
 * with its workshops' standard items (`withItems`: the registration table needs them, the task
 * table does not). The queries run on readRunner (a read worker on SQLite), one chunk ahead: the
 * next chunk is being read while the caller writes this one.
 */
export async function* exportEnterpriseChunks(
  db: Kysely<Database>,
  actor: Actor,
  f: ListFilter,
  opts: { chunkSize?: number; withItems?: boolean } = {},
) {
  const chunkSize = opts.chunkSize ?? 1000;
  const withItems = opts.withItems ?? true;
  const reads = readRunner(db);
  const fetchChunk = async (cursor: { townId: number; id: number } | null) => {
    let q = filtered(db, actor, f);
    // A row-value comparison is one index range on (campaign_id, town_id, id): each chunk starts
    // where the last ended instead of rescanning everything after the cursor.
    if (cursor) q = q.where(sql<SqlBool>`(${sql.ref('enterprises.town_id')}, ${sql.ref('enterprises.id')}) > (${cursor.townId}, ${cursor.id})`);
    const query = q
      .$call(withPlaceNames)
      .select([
        'enterprises.id',
        'enterprises.name',
        'enterprises.town_id',
        't.name as town_name',
        'v.name as village_name',
        'enterprises.address',
        'enterprises.phone',
        'enterprises.notes',
        'enterprises.status',
        'enterprises.status_reason',
        'enterprises.village_head',
        'enterprises.town_head',
        'enterprises.department_head',
      ])
      .orderBy('enterprises.town_id')
      .orderBy('enterprises.id')
      .limit(chunkSize);
    // The standard items come packed into one text column per workshop (fields split by U+001F,
    // items by U+001E): a thousand strings per chunk instead of five thousand rows to carry over.
    const rows = (await reads.all(withItems ? query.select(packedItems(db).as('items_packed')).compile() : query.compile())) as (InferResult<typeof query>[number] & {
      items_packed?: string | null;
      items: ExportItem[];
    })[];
    // The rows are fresh copies from the read worker: the items are attached in place, not by copying every row.
    for (const r of rows) r.items = unpackItems(r.items_packed);
    return rows;
  };
  let next: ReturnType<typeof fetchChunk> | null = fetchChunk(null);
  while (next) {
    const chunk: Awaited<ReturnType<typeof fetchChunk>> = await next;
    if (chunk.length === 0) return;
    const last = chunk[chunk.length - 1];
    next = chunk.length < chunkSize ? null : fetchChunk({ townId: last.town_id, id: last.id });
    // Read ahead, but never leave a failed read unobserved while the caller works on this chunk.
    next?.catch(() => undefined);
    yield chunk;
  }
}

export type ExportRow = Awaited<ReturnType<ReturnType<typeof exportEnterpriseChunks>['next']>>['value'] extends infer V ? (V extends (infer R)[] ? R : never) : never;

/**
 * Inserts many workshops and their items in one transaction (synthetic data for demos and
 * benchmarks): `itemsOf` gives the k-th workshop's item rows once its id is known.
 */
export async function insertWorkshopsWithItems(
  db: Kysely<Database>,
  rows: readonly NewEnterprise[],
  itemsOf: (id: number, k: number) => Insertable<EnterpriseItemTable>[],
): Promise<number[]> {
  return inTransaction(db, async (trx) => {
    const ids = (await trx.insertInto('enterprises').values(rows.map((row) => ({ ...row, name_key: workshopNameKey(row.name) }))).returning('id').execute()).map((r) => r.id);
    await indexWorkshops(trx, ids.map((id, k) => searchedText(id, rows[k])));
    const items = ids.flatMap((id, k) => itemsOf(id, k));
    for (let j = 0; j < items.length; j += 1000) await trx.insertInto('enterprise_items').values(items.slice(j, j + 1000)).execute();
    return ids;
  });
}

/** Workshops of the campaign registered so far. */
export async function countWorkshops(db: Kysely<Database>, campaignId: number): Promise<number> {
  const { n } = await db.selectFrom('enterprises').select((eb) => eb.fn.countAll().as('n')).where('campaign_id', '=', campaignId).executeTakeFirstOrThrow();
  return toNumber(n as string | number);
}
