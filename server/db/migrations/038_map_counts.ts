import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
type AnyDb = Kysely<any>;

/**
 * 一张图 (issue 17 §4): workshops kept counted per map cell, so that the district map at 1,000,000
 * workshops reads a few hundred rows. A cell of level f is f × f cells of the 0.005° grid of
 * migration 035 (`geo_row`, `geo_col`); the levels are MAP_LEVELS in domain/map.ts. Each row: one
 * campaign, level, cell, org-unit path (village or town) and status, with the count and the sums
 * of the latitudes and longitudes (a cluster is drawn at its workshops' mean position).
 *
 * Kept by triggers like the dashboard's counts (migration 015, whose header explains the lock and
 * the bulk switch): a workshop with a position added, or changing campaign, place, status or
 * position. The same switch turns them off for a bulk writer (the import adds its rows' cells in
 * one statement: addImportedCounts in server/repositories/dashboard.ts), and `qudi dashboard
 * rebuild` recounts them. Rows left at 0 stay until a rebuild; readers sum and skip them.
 */
export const MAP_LEVELS_SQL = [1, 4, 16, 64, 256] as const;

/** The cell of `base` (a geo_row or geo_col expression) at level `f`, rounding down also below 0. */
export function cellSql(base: string, f: string): string {
  return `(case when ${base} >= 0 then ${base} / ${f} else (${base} - ${f} + 1) / ${f} end)`;
}

const LEVELS = `(${MAP_LEVELS_SQL.map((f, i) => (i === 0 ? `select ${f} as f` : `select ${f}`)).join(' union all ')})`;
const KEY = '(campaign_id, level, cell_row, cell_col, org_path, status)';
const UPSERT = `on conflict ${KEY} do update set n = map_cell_counts.n + excluded.n,
  sum_lat = map_cell_counts.sum_lat + excluded.sum_lat, sum_lng = map_cell_counts.sum_lng + excluded.sum_lng`;

/** Adds one workshop (`row`: new or old in a trigger) to its cells at every level, with sign `n`. */
function addCells(row: 'new' | 'old', n: 1 | -1): string {
  return `insert into map_cell_counts (campaign_id, level, cell_row, cell_col, org_path, status, town_id, n, sum_lat, sum_lng)
    select ${row}.campaign_id, l.f, ${cellSql(`${row}.geo_row`, 'l.f')}, ${cellSql(`${row}.geo_col`, 'l.f')}, ${row}.org_path, ${row}.status, ${row}.town_id,
      ${n}, ${n} * ${row}.lat, ${n} * ${row}.lng
    from ${LEVELS} l where ${row}.geo_row is not null and ${row}.geo_col is not null
    ${UPSERT}`;
}

export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  const rowid = dialect === 'sqlite' ? sql.raw(' without rowid') : sql.raw('');
  await sql`create table map_cell_counts (
    campaign_id integer not null,
    level integer not null,
    cell_row integer not null,
    cell_col integer not null,
    org_path text not null,
    status text not null,
    town_id integer not null,
    n integer not null,
    sum_lat double precision not null,
    sum_lng double precision not null,
    primary key ${sql.raw(KEY)}
  )${rowid}`.execute(db);
  if (dialect === 'sqlite') {
    const on = '(select bulk from dashboard_counts_guard) = 0';
    await sql.raw(`create trigger enterprises_map_insert after insert on enterprises when ${on}
      begin ${addCells('new', 1)}; end`).execute(db);
    await sql.raw(`create trigger enterprises_map_update after update of campaign_id, town_id, org_path, status, lat, lng on enterprises when ${on}
      begin ${addCells('old', -1)}; ${addCells('new', 1)}; end`).execute(db);
  } else {
    await sql.raw(`
      create function qudi_count_map() returns trigger language plpgsql as $$
      begin
        perform 1 from audit_chain_head where id = 1 for update;
        if tg_op = 'UPDATE' then
          ${addCells('old', -1)};
        end if;
        ${addCells('new', 1)};
        return null;
      end $$;
      create trigger enterprises_map_count after insert or update of campaign_id, town_id, org_path, status, lat, lng on enterprises
        for each row when (coalesce(current_setting('qudi.bulk_counts', true), '') <> 'on') execute function qudi_count_map();
    `).execute(db);
  }
  await backfillMapCounts(db);
}

/** The cells of the workshops `from` selects (a subquery over enterprises aliased as its columns), grouped — for inserting. */
export function cellsOf(from: string): string {
  return `select e.campaign_id, l.f as level, ${cellSql('e.geo_row', 'l.f')} as cell_row, ${cellSql('e.geo_col', 'l.f')} as cell_col, e.org_path, e.status,
      min(e.town_id) as town_id, count(*) as n, sum(e.lat) as sum_lat, sum(e.lng) as sum_lng
    from ${from} e cross join ${LEVELS} l where e.geo_row is not null and e.geo_col is not null
    group by e.campaign_id, l.f, ${cellSql('e.geo_row', 'l.f')}, ${cellSql('e.geo_col', 'l.f')}, e.org_path, e.status`;
}

/** Counts every cell anew from the register (the migration, and `qudi dashboard rebuild`). */
export async function backfillMapCounts(db: AnyDb): Promise<void> {
  await sql`update audit_chain_head set last_id = last_id where id = 1`.execute(db);
  await sql`delete from map_cell_counts`.execute(db);
  await sql.raw(`insert into map_cell_counts (campaign_id, level, cell_row, cell_col, org_path, status, town_id, n, sum_lat, sum_lng)
    ${cellsOf('enterprises')}`).execute(db);
}
