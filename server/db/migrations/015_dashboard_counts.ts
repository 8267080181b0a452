import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DialectName } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
type AnyDb = Kysely<any>;

/**
 * Maintained counts for the dashboard (取缔进度): workshops per org-unit path and status, and
 * standard items per path, item, state and whether their workshop is excluded (排除: the
 * dashboard leaves those items out). Counting them by scanning the register took 9 s for a
 * town and 17 s for the district at 1,000,000 workshops; the counts are a few thousand rows.
 *
 * Triggers keep them, in the same transaction as every change, so no code path can forget them:
 * a workshop added or changing status or place (its items move with it when its place changes or
 * it is excluded or brought back), an item added or changing state. A bulk writer
 * (the import) may switch the triggers off inside its own transaction and add its rows' counts in
 * one statement (setBulkCounting and addImportedCounts in server/repositories/dashboard.ts): on SQLite through the one-row table
 * dashboard_counts_guard, on PostgreSQL through the transaction-local setting qudi.bulk_counts.
 * The register never deletes workshops or items, so there are no delete triggers; `qudi dashboard
 * rebuild` recounts everything after manual surgery. A later migration that rebuilds enterprises
 * or enterprise_items must create these triggers again (dropping a table drops its triggers).
 *
 * PostgreSQL: every transaction that changes counts first locks the audit chain's head row (which
 * every audited change locks anyway, see reserveIds in server/repositories/audit.ts). Count rows
 * are shared by every workshop of a village, and different commands touch them in different orders
 * (a status count then item counts, or the reverse): without one lock taken first, two ordinary
 * edits in the same village could deadlock. SQLite has one writer at a time.
 */
export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  const rowid = dialect === 'sqlite' ? sql.raw(' without rowid') : sql.raw('');
  await sql`create table dashboard_status_counts (
    campaign_id integer not null,
    town_id integer not null,
    org_path text not null,
    status text not null,
    n integer not null,
    primary key (campaign_id, org_path, status)
  )${rowid}`.execute(db);
  await sql`create table dashboard_item_counts (
    campaign_id integer not null,
    town_id integer not null,
    org_path text not null,
    item_code text not null,
    state text not null,
    is_excluded integer not null,
    n integer not null,
    primary key (campaign_id, org_path, item_code, state, is_excluded)
  )${rowid}`.execute(db);
  if (dialect === 'sqlite') await sqliteTriggers(db);
  else await postgresTriggers(db);
  await backfillDashboardCounts(db);
}

/** Counts everything anew from the register (the migration, and `qudi dashboard rebuild`). */
export async function backfillDashboardCounts(db: AnyDb): Promise<void> {
  // The audit chain's head is locked before the counts, as the triggers lock it (see above).
  await sql`update audit_chain_head set last_id = last_id where id = 1`.execute(db);
  await sql`delete from dashboard_status_counts`.execute(db);
  await sql`delete from dashboard_item_counts`.execute(db);
  await sql`insert into dashboard_status_counts (campaign_id, town_id, org_path, status, n)
    select campaign_id, min(town_id), org_path, status, count(*) from enterprises group by campaign_id, org_path, status`.execute(db);
  await sql`insert into dashboard_item_counts (campaign_id, town_id, org_path, item_code, state, is_excluded, n)
    select e.campaign_id, min(e.town_id), e.org_path, i.item_code, i.state, ${EXCLUDED_E}, count(*)
    from enterprise_items i join enterprises e on e.id = i.enterprise_id
    group by e.campaign_id, e.org_path, i.item_code, i.state, ${EXCLUDED_E}`.execute(db);
}

const STATUS_KEY = sql.raw('(campaign_id, org_path, status)');
const ITEM_KEY = sql.raw('(campaign_id, org_path, item_code, state, is_excluded)');
/** 1 when the workshop named `row` (a table alias, or new/old in a trigger) is excluded, else 0: the counts' is_excluded. */
export const excludedOf = (row: string) => sql.raw(`(case when ${row}.status = 'excluded' then 1 else 0 end)`);
const EXCLUDED_E = excludedOf('e');

/** Adds `n` to one status count (SQL for a trigger body; `row` is new or old). */
function addStatus(row: 'new' | 'old', n: 1 | -1): RawBuilder<unknown> {
  const r = sql.raw(row);
  return sql`insert into dashboard_status_counts (campaign_id, town_id, org_path, status, n)
    values (${r}.campaign_id, ${r}.town_id, ${r}.org_path, ${r}.status, ${sql.raw(String(n))})
    on conflict ${STATUS_KEY} do update set n = dashboard_status_counts.n + excluded.n`;
}

async function sqliteTriggers(db: AnyDb): Promise<void> {
  await sql`create table dashboard_counts_guard (bulk integer not null)`.execute(db);
  await sql`insert into dashboard_counts_guard (bulk) values (0)`.execute(db);
  const on = sql.raw('(select bulk from dashboard_counts_guard) = 0');
  // A workshop's items, counted under the workshop's (old or new) place, with sign `n`.
  const moveItems = (row: 'new' | 'old', n: 1 | -1) => {
    const r = sql.raw(row);
    return sql`insert into dashboard_item_counts (campaign_id, town_id, org_path, item_code, state, is_excluded, n)
      select ${r}.campaign_id, ${r}.town_id, ${r}.org_path, item_code, state, ${excludedOf(row)}, ${sql.raw(String(n))} * count(*)
      from enterprise_items where enterprise_id = ${r}.id group by item_code, state
      on conflict ${ITEM_KEY} do update set n = dashboard_item_counts.n + excluded.n`;
  };
  // One item, counted under its workshop's place, with sign `n`.
  const addItem = (row: 'new' | 'old', n: 1 | -1) => {
    const r = sql.raw(row);
    return sql`insert into dashboard_item_counts (campaign_id, town_id, org_path, item_code, state, is_excluded, n)
      select e.campaign_id, e.town_id, e.org_path, ${r}.item_code, ${r}.state, ${EXCLUDED_E}, ${sql.raw(String(n))}
      from enterprises e where e.id = ${r}.enterprise_id
      on conflict ${ITEM_KEY} do update set n = dashboard_item_counts.n + excluded.n`;
  };
  await sql`create trigger enterprises_count_insert after insert on enterprises when ${on}
    begin ${addStatus('new', 1)}; end`.execute(db);
  await sql`create trigger enterprises_count_update after update of campaign_id, town_id, org_path, status on enterprises when ${on}
    begin ${addStatus('old', -1)}; ${addStatus('new', 1)}; end`.execute(db);
  await sql`create trigger enterprises_count_move after update of campaign_id, town_id, org_path, status on enterprises
    when ${on} and (old.campaign_id is not new.campaign_id or old.town_id is not new.town_id or old.org_path is not new.org_path
      or ${excludedOf('old')} <> ${excludedOf('new')})
    begin ${moveItems('old', -1)}; ${moveItems('new', 1)}; end`.execute(db);
  await sql`create trigger enterprise_items_count_insert after insert on enterprise_items when ${on}
    begin ${addItem('new', 1)}; end`.execute(db);
  await sql`create trigger enterprise_items_count_update after update of enterprise_id, item_code, state on enterprise_items when ${on}
    begin ${addItem('old', -1)}; ${addItem('new', 1)}; end`.execute(db);
}

async function postgresTriggers(db: AnyDb): Promise<void> {
  await sql.raw(`
    create function qudi_count_enterprise() returns trigger language plpgsql as $$
    begin
      perform 1 from audit_chain_head where id = 1 for update;
      if tg_op = 'UPDATE' then
        insert into dashboard_status_counts (campaign_id, town_id, org_path, status, n)
          values (old.campaign_id, old.town_id, old.org_path, old.status, -1)
          on conflict (campaign_id, org_path, status) do update set n = dashboard_status_counts.n + excluded.n;
        if old.campaign_id is distinct from new.campaign_id or old.town_id is distinct from new.town_id or old.org_path is distinct from new.org_path
            or (old.status = 'excluded') <> (new.status = 'excluded') then
          insert into dashboard_item_counts (campaign_id, town_id, org_path, item_code, state, is_excluded, n)
            select old.campaign_id, old.town_id, old.org_path, item_code, state, case when old.status = 'excluded' then 1 else 0 end, -count(*)
            from enterprise_items where enterprise_id = old.id group by item_code, state
            on conflict (campaign_id, org_path, item_code, state, is_excluded) do update set n = dashboard_item_counts.n + excluded.n;
          insert into dashboard_item_counts (campaign_id, town_id, org_path, item_code, state, is_excluded, n)
            select new.campaign_id, new.town_id, new.org_path, item_code, state, case when new.status = 'excluded' then 1 else 0 end, count(*)
            from enterprise_items where enterprise_id = new.id group by item_code, state
            on conflict (campaign_id, org_path, item_code, state, is_excluded) do update set n = dashboard_item_counts.n + excluded.n;
        end if;
      end if;
      insert into dashboard_status_counts (campaign_id, town_id, org_path, status, n)
        values (new.campaign_id, new.town_id, new.org_path, new.status, 1)
        on conflict (campaign_id, org_path, status) do update set n = dashboard_status_counts.n + excluded.n;
      return null;
    end $$;

    create function qudi_count_item() returns trigger language plpgsql as $$
    begin
      perform 1 from audit_chain_head where id = 1 for update;
      if tg_op = 'UPDATE' then
        insert into dashboard_item_counts (campaign_id, town_id, org_path, item_code, state, is_excluded, n)
          select e.campaign_id, e.town_id, e.org_path, old.item_code, old.state, case when e.status = 'excluded' then 1 else 0 end, -1
          from enterprises e where e.id = old.enterprise_id
          on conflict (campaign_id, org_path, item_code, state, is_excluded) do update set n = dashboard_item_counts.n + excluded.n;
      end if;
      insert into dashboard_item_counts (campaign_id, town_id, org_path, item_code, state, is_excluded, n)
        select e.campaign_id, e.town_id, e.org_path, new.item_code, new.state, case when e.status = 'excluded' then 1 else 0 end, 1
        from enterprises e where e.id = new.enterprise_id
        on conflict (campaign_id, org_path, item_code, state, is_excluded) do update set n = dashboard_item_counts.n + excluded.n;
      return null;
    end $$;

    create trigger enterprises_count after insert or update of campaign_id, town_id, org_path, status on enterprises
      for each row when (coalesce(current_setting('qudi.bulk_counts', true), '') <> 'on') execute function qudi_count_enterprise();
    create trigger enterprise_items_count after insert or update of enterprise_id, item_code, state on enterprise_items
      for each row when (coalesce(current_setting('qudi.bulk_counts', true), '') <> 'on') execute function qudi_count_item();
  `).execute(db);
}
