// Confirming an import: the staged rows become workshops with set-based SQL, inside the caller's
// transaction. The register row is built from the staged JSON by the database (INSERT … SELECT),
// so a 100,000-row import does not carry every row through JavaScript; the same columns as a
// workshop registered on the form (WORKSHOP_INPUT_COLUMNS, newWorkshopState).
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { WORKSHOP_INPUT_COLUMNS, newWorkshopState } from '../repositories/enterprises.js';
import { dialectOf, type DialectName } from '../db/dialect.js';
import type { Database } from '../db/schema.js';
import { AppError, conflict } from '../errors.js';
import type { Actor } from '../auth/actor.js';
import { writeAuditBatch, type AuditEntry } from '../repositories/audit.js';
import { addImportedCounts, setBulkCounting } from '../repositories/dashboard.js';
import type { CampaignRecord } from '../repositories/campaigns.js';
import { nowIso } from '../../domain/time.js';
import { workshopNameKey } from '../../domain/duplicates.js';
import { INPUT_DEFAULTS } from './stagedInput.js';
import { importDb, readTownRegister, registerMark } from './repository.js';
import { RowChecker, type ImportMatch } from './validate.js';

/** The staged field, or its default when the row left it out. */
function stagedInput(dialect: DialectName, key: string, type: 'text' | 'integer' | 'number'): RawBuilder<unknown> {
  const value = staged(dialect, ['input', key], type);
  const fallback = INPUT_DEFAULTS[key];
  if (fallback === undefined || fallback === null) return value;
  return sql`coalesce(${value}, ${typed(fallback as string | number)})`;
}

/** Staged rows read back per query when checking and when writing audit records. */
const READ_CHUNK = 5000;

/**
 * A field of the staged row's JSON, as SQL: text, or a number. On PostgreSQL the JSON is parsed
 * once per row by stagedRows (column `j`).
 */
function staged(dialect: DialectName, path: string[], type: 'text' | 'integer' | 'number' = 'text'): RawBuilder<unknown> {
  if (dialect === 'sqlite') return sql.raw(`json_extract(r.data, '$.${path.join('.')}')`);
  const text = `(r.j #>> '{${path.join(',')}}')`;
  return sql.raw(type === 'text' ? text : type === 'integer' ? `${text}::integer` : `${text}::double precision`);
}

/**
 * The import's staged rows as `r`: those that become workshops (no errors, not linked as the same
 * site). On PostgreSQL `offset 0` keeps the subquery from being folded into the outer query, which
 * would parse each row's JSON again for every field read from `r.j` (the 100,000-row insert took
 * 9.6 s instead of 2).
 */
function stagedRows(dialect: DialectName, importId: number) {
  const where = sql`import_id = ${importId} and has_errors = 0 and (decision is null or decision = 'different')`;
  return dialect === 'sqlite'
    ? sql`(select * from import_rows where ${where}) r`
    : sql`(select import_id, row_no, matches, data::jsonb as j from import_rows where ${where} offset 0) r`;
}

/** A value bound with its type, so PostgreSQL need not infer it inside INSERT … SELECT. */
function typed(v: string | number | null): RawBuilder<unknown> {
  return typeof v === 'number' ? sql`cast(${v} as integer)` : sql`cast(${v} as text)`;
}

/** The registered workshops a staged row's matches (import_rows.matches) name. */
function matchIds(matches: string): number[] {
  return (JSON.parse(matches) as ImportMatch[]).map((m) => m.id);
}

interface Town {
  id: number;
  name: string;
  path: string;
}

/**
 * Checks, before writing, that the register has not changed under the preview: every row's
 * village still exists and no workshop registered since looks like a row (rows judged different
 * from their known matches are fine). Throws a Chinese conflict naming the first such row. When
 * the town's workshops and villages are as the preview found them (`previewMark`), the preview's
 * checks still hold and the rows are not read again.
 */
async function checkStillValid(trx: Kysely<Database>, campaign: CampaignRecord, town: Town, importId: number, previewMark: string | null): Promise<void> {
  const register = await readTownRegister(trx, campaign.id, town.id);
  if (previewMark !== null && previewMark === registerMark(register)) return;
  const dialect = dialectOf(trx);
  const villages = new Set(register.villages.map((v) => v.id));
  const existing = register.workshops;
  const checker = existing.length ? new RowChecker({ town, villages: [], kinds: campaign.definition.workshopKinds, existing }) : null;
  let last = 0;
  for (;;) {
    const { rows } = await sql<{ row_no: number; name: string; phone: string; village_id: number | null; matches: string | null }>`
      select r.row_no, ${staged(dialect, ['input', 'name'])} as name, ${stagedInput(dialect, 'phone', 'text')} as phone,
        ${staged(dialect, ['input', 'villageId'], 'integer')} as village_id, r.matches
      from ${stagedRows(dialect, importId)} where r.row_no > ${last} order by r.row_no limit ${READ_CHUNK}`.execute(trx);
    if (rows.length === 0) return;
    for (const r of rows) {
      last = r.row_no;
      if (r.village_id !== null && !villages.has(Number(r.village_id))) throw new AppError('conflict', `第 ${r.row_no} 行的村居已被删除，请重新上传`);
      if (!checker) continue;
      const known = new Set(r.matches ? matchIds(r.matches) : []);
      const fresh = checker.matchesFor(r.name, r.phone ?? '').filter((m) => !known.has(m.id));
      if (fresh.length > 0) throw conflict(`第 ${r.row_no} 行的企业“${r.name}”与预览之后登记到台账的“${fresh[0].name}”疑似重复：请重新上传文件`);
    }
  }
}

/**
 * Writes the import's workshops, their standard items and one `enterprise.create` audit record
 * each (with the import and row it came from, and the registered workshops the user judged it
 * different from); and for rows linked as the same site an `enterprise.import_linked` record on
 * that workshop. Answers the counts.
 */
export async function commitImport(
  trx: Kysely<Database>,
  actor: Actor,
  campaign: CampaignRecord,
  town: Town,
  importId: number,
  preview: { registerMark: string | null; duplicateCount: number },
): Promise<{ imported: number; linked: number }> {
  const dialect = dialectOf(trx);
  await checkStillValid(trx, campaign, town, importId, preview.registerMark);
  const now = nowIso();
  const state = newWorkshopState(actor, now);
  const before = Number((await trx.selectFrom('enterprises').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow()).m ?? 0);

  const inputColumns = WORKSHOP_INPUT_COLUMNS.map(([column]) => column);
  const inputValues = WORKSHOP_INPUT_COLUMNS.map(([, key, type]) => stagedInput(dialect, key, type === 'number' ? 'number' : 'text'));
  const stateColumns = Object.keys(state) as (keyof typeof state)[];
  const columns = ['campaign_id', 'town_id', 'village_id', 'org_path', 'name_key', 'import_id', 'import_row', ...inputColumns, ...stateColumns];
  const villageId = staged(dialect, ['input', 'villageId'], 'integer');
  // The dashboard's count triggers stay off for the rows below, whose counts are added in one go.
  await setBulkCounting(trx, true);
  await sql`insert into enterprises (${sql.join(columns.map((c) => sql.ref(c)))})
    select ${typed(campaign.id)}, ${typed(town.id)}, ${villageId}, coalesce(v.path, ${typed(town.path)}), coalesce(${staged(dialect, ['nameKey'])}, ''), ${typed(importId)}, r.row_no,
      ${sql.join(inputValues)}, ${sql.join(stateColumns.map((c) => typed(state[c])))}
    from ${stagedRows(dialect, importId)} left join org_units v on v.id = ${villageId} and v.parent_id = ${typed(town.id)}
    where ${staged(dialect, ['input'])} is not null
    order by r.row_no`.execute(trx);

  const range = await trx
    .selectFrom('enterprises')
    .select((eb) => [eb.fn.min('id').as('first'), eb.fn.max('id').as('last'), eb.fn.countAll().as('n')])
    .where('id', '>', before)
    .where('import_id', '=', importId)
    .executeTakeFirstOrThrow();
  const imported = Number(range.n);
  if (imported > 0) {
    // Rows staged before the name key was staged with them (an import previewed on an older version).
    const unkeyed = await trx.selectFrom('enterprises').select(['id', 'name']).where('id', '>', before).where('import_id', '=', importId).where('name_key', '=', '').execute();
    for (const e of unkeyed) await trx.updateTable('enterprises').set({ name_key: workshopNameKey(e.name) }).where('id', '=', e.id).execute();

    const codes = campaign.definition.standardItems.map((i) => i.code);
    const codeRows = sql.join(codes.map((code) => sql`select cast(${code} as text) as item_code`), sql` union all `);
    // In workshop order, so that SQLite appends to the items' clustered key; the order of one
    // workshop's items does not matter (the key orders them by code).
    await sql`insert into enterprise_items (enterprise_id, item_code, state, unit, person, done_on, note, reason, updated_by, updated_at)
      select e.id, c.item_code, 'pending', '', '', null, '', '', null, null
      from enterprises e cross join (${codeRows}) c
      where e.id between ${Number(range.first)} and ${Number(range.last)} and e.import_id = ${importId}
      order by e.id`.execute(trx);
    await addImportedCounts(trx, importId, Number(range.first), Number(range.last), codes);

    // One audit record per workshop, naming the import row it came from: the row's full content
    // stays in import_rows, whose hash (imports.rows_sha256) the import's own audit record carries.
    // The registered workshops a row was judged different from, for the rows that had any.
    const distinctFrom = new Map<number, number[]>();
    if (preview.duplicateCount > 0)
      for (const r of await importDb(trx)
        .selectFrom('import_rows')
        .select(['row_no', 'matches'])
        .where('import_id', '=', importId)
        .where('has_errors', '=', 0)
        .where('decision', '=', 'different')
        .execute())
        if (r.matches) distinctFrom.set(r.row_no, matchIds(r.matches));
    let last = before;
    for (;;) {
      const rows = await trx
        .selectFrom('enterprises')
        .select(['id', 'name', 'import_row', 'org_path'])
        .where('id', '>', last)
        .where('id', '<=', Number(range.last))
        .where('import_id', '=', importId)
        .orderBy('id')
        .limit(READ_CHUNK)
        .execute();
      if (rows.length === 0) break;
      const entries: AuditEntry[] = rows.map((r) => {
        const known = distinctFrom.get(r.import_row!);
        return {
          actor,
          action: 'enterprise.create',
          entityType: 'enterprise',
          entityId: r.id,
          scopePath: r.org_path,
          after: { name: r.name, importId, importRow: r.import_row, ...(known?.length ? { confirmedDistinctFrom: known } : {}) },
        };
      });
      last = Number(rows[rows.length - 1].id);
      await writeAuditBatch(trx, entries);
    }
  }

  await setBulkCounting(trx, false);

  // Only rows the preview found matches for can have been linked as the same site.
  const links =
    preview.duplicateCount === 0
      ? []
      : await importDb(trx)
          .selectFrom('import_rows')
          .select(['row_no', 'linked_id', 'data'])
          .where('import_id', '=', importId)
          .where('has_errors', '=', 0)
          .where('decision', '=', 'same')
          .orderBy('row_no')
          .execute();
  await writeAuditBatch(
    trx,
    links.map((r) => ({
      actor,
      action: 'enterprise.import_linked',
      entityType: 'enterprise',
      entityId: r.linked_id!,
      scopePath: town.path,
      after: { importId, importRow: r.row_no, values: (JSON.parse(r.data) as { values: Record<string, string> }).values },
    })),
  );
  return { imported, linked: links.length };
}
