// SQL for the import staging tables (migration 003). Typed here so the shared schema stays untouched.
import { createHash } from 'node:crypto';
import type { Generated, Kysely } from 'kysely';
import { toNumber } from '../db/dialect.js';
import type { Database } from '../db/schema.js';
import type { Actor } from '../auth/actor.js';
import { visibleTo } from '../repositories/scope.js';
import type { Role } from '../../domain/roles.js';

export interface ImportTable {
  id: Generated<number>;
  town_id: number;
  user_id: number;
  file_name: string;
  file_sha256: string;
  row_count: number;
  error_count: number;
  columns: string;
  status: string;
  imported_count: Generated<number>;
  duplicate_count: Generated<number>;
  /** SHA-256 over the staged rows (row_no LF data LF, in row order), once staging is complete. */
  rows_sha256: string | null;
  /** The town's register as the preview read it (registerMark), for the check on confirm. */
  register_mark: string | null;
  created_at: string;
  confirmed_at: string | null;
}

export interface ImportRowTable {
  import_id: number;
  row_no: number;
  seq_no: string | null;
  data: string;
  errors: string;
  has_errors: number;
  /** JSON ImportMatch[] when the row looks like workshops already on the register, else null. */
  matches: string | null;
  /** 'same' (the row is that workshop: not imported, linked) or 'different' (imported), once decided. */
  decision: string | null;
  linked_id: number | null;
}

export interface ImportDatabase extends Database {
  imports: ImportTable;
  import_rows: ImportRowTable;
}

export const IMPORT_ROLES: readonly Role[] = ['office', 'town', 'town_head'];

export function importDb(db: Kysely<Database>): Kysely<ImportDatabase> {
  return db as unknown as Kysely<ImportDatabase>;
}

const HEADER_COLUMNS = [
  'imports.id', 'imports.town_id', 'imports.user_id', 'imports.file_name', 'imports.file_sha256', 'imports.row_count', 'imports.error_count',
  'imports.columns', 'imports.status', 'imports.imported_count', 'imports.duplicate_count', 'imports.rows_sha256', 'imports.register_mark', 'imports.created_at', 'imports.confirmed_at',
] as const;

function headerQuery(db: Kysely<Database>) {
  return importDb(db)
    .selectFrom('imports')
    .innerJoin('org_units as t', 't.id', 'imports.town_id')
    .leftJoin('users as u', 'u.id', 'imports.user_id')
    .select([...HEADER_COLUMNS, 't.name as town_name', 't.path as town_path', 'u.display_name as user_name']);
}

export type ImportHeader = Awaited<ReturnType<ReturnType<typeof headerQuery>['executeTakeFirstOrThrow']>>;

/** The town's part of the register that an import is checked against. */
export interface TownRegister {
  villages: { id: number; name: string }[];
  workshops: { id: number; name: string; phone: string; version: number }[];
}

export async function readTownRegister(db: Kysely<Database>, campaignId: number, townId: number): Promise<TownRegister> {
  const [villages, workshops] = await Promise.all([
    db.selectFrom('org_units').select(['id', 'name']).where('parent_id', '=', townId).where('kind', '=', 'village').orderBy('id').execute(),
    db.selectFrom('enterprises').select(['id', 'name', 'phone', 'version']).where('campaign_id', '=', campaignId).where('town_id', '=', townId).orderBy('id').execute(),
  ]);
  return { villages, workshops };
}

/**
 * A fingerprint of the town's register as read: SHA-256 over the id and version of each of its
 * workshops and the id of each of its villages, in id order. Any workshop added, moved in or out,
 * or edited (every edit raises its version; workshops are never deleted), or any village added or
 * removed, changes it.
 */
export function registerMark(register: TownRegister): string {
  const hash = createHash('sha256');
  for (const w of register.workshops) hash.update(`w${w.id}:${w.version}\n`);
  for (const v of register.villages) hash.update(`v${v.id}\n`);
  return hash.digest('hex');
}

export async function findImport(db: Kysely<Database>, id: number): Promise<ImportHeader | undefined> {
  return headerQuery(db).where('imports.id', '=', id).executeTakeFirst();
}

export async function listImports(db: Kysely<Database>, actor: Actor, page: number, pageSize: number) {
  const scope = visibleTo(actor, 't.path', IMPORT_ROLES);
  // An upload still streaming in (status 'staging') is listed once its preview is complete.
  const rows = await headerQuery(db).where(scope).where('imports.status', '!=', 'staging').orderBy('imports.id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute();
  const count = await importDb(db)
    .selectFrom('imports')
    .innerJoin('org_units as t', 't.id', 'imports.town_id')
    .where(scope)
    .where('imports.status', '!=', 'staging')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return { rows, total: toNumber(count.n as string | number) };
}

export type RowFilter = 'all' | 'errors' | 'duplicates' | 'undecided';

export async function listImportRows(db: Kysely<Database>, importId: number, opts: { filter: RowFilter; page: number; pageSize: number }) {
  let q = importDb(db).selectFrom('import_rows').where('import_id', '=', importId);
  if (opts.filter === 'errors') q = q.where('has_errors', '=', 1);
  if (opts.filter === 'duplicates') q = q.where('matches', 'is not', null);
  if (opts.filter === 'undecided') q = q.where('has_errors', '=', 0).where('matches', 'is not', null).where('decision', 'is', null);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('row_no').limit(opts.pageSize).offset((opts.page - 1) * opts.pageSize).execute(),
    q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: toNumber(count.n as string | number) };
}
