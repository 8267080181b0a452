// The dashboard's counts come from maintained tables (migration 015: triggers keep them with
// every change), not from scanning the register: a few thousand rows whatever the register's size.
import { sql, type Kysely } from 'kysely';
import { countTriggersLeftOff, inSnapshot, setCountTriggersOff, toNumber } from '../db/dialect.js';
import { backfillDashboardCounts, excludedOf } from '../db/migrations/015_dashboard_counts.js';
import { backfillMapCounts, cellsOf } from '../db/migrations/038_map_counts.js';
import type { Database } from '../db/schema.js';
import type { Actor } from '../auth/actor.js';
import { lockAuditHead } from './audit.js';
import { campaignScope } from './scope.js';

export interface StatusCount {
  townId: number;
  status: string;
  n: number;
}

export interface ItemCount {
  townId: number;
  item: string;
  state: string;
  n: number;
}

/** Workshop counts per town and status, within the actor's scope. */
export async function statusCountsByTown(db: Kysely<Database>, actor: Actor, campaignId: number, rootPath: string): Promise<StatusCount[]> {
  const scope = campaignScope(actor, 'org_path', rootPath);
  const rows = await db
    .selectFrom('dashboard_status_counts')
    .select(['town_id', 'status', (eb) => eb.fn.sum<number | string>('n').as('n')])
    .where('campaign_id', '=', campaignId)
    .$if(scope !== null, (q) => q.where(scope!))
    .groupBy(['town_id', 'status'])
    .execute();
  return rows.map((r) => ({ townId: r.town_id, status: r.status, n: toNumber(r.n) })).filter((r) => r.n !== 0);
}

/** Standard-item counts per town, item and state (excluded workshops do not count). */
export async function itemCountsByTown(db: Kysely<Database>, actor: Actor, campaignId: number, rootPath: string): Promise<ItemCount[]> {
  const scope = campaignScope(actor, 'org_path', rootPath);
  const rows = await db
    .selectFrom('dashboard_item_counts')
    .select(['town_id', 'item_code', 'state', (eb) => eb.fn.sum<number | string>('n').as('n')])
    .where('campaign_id', '=', campaignId)
    .where('is_excluded', '=', 0)
    .$if(scope !== null, (q) => q.where(scope!))
    .groupBy(['town_id', 'item_code', 'state'])
    .execute();
  return rows.map((r) => ({ townId: r.town_id, item: r.item_code, state: r.state, n: toNumber(r.n) })).filter((r) => r.n !== 0);
}

/**
 * Switches the count triggers off (or on again) for the rest of the caller's transaction, while a
 * bulk writer adds many rows and then their counts in one statement. Only inside a transaction.
 */
export async function setBulkCounting(trx: Kysely<Database>, bulk: boolean): Promise<void> {
  // Outside a transaction the SQLite guard would stay set and the triggers off for every writer.
  if (!trx.isTransaction) throw new Error('setBulkCounting needs a transaction');
  await setCountTriggersOff(trx, bulk);
}

/**
 * Adds the counts of workshops just imported with the triggers off: the import's workshops with
 * ids in [firstId, lastId], each with one pending item per code in `itemCodes`.
 */
export async function addImportedCounts(trx: Kysely<Database>, importId: number, firstId: number, lastId: number, itemCodes: readonly string[]): Promise<void> {
  await lockAuditHead(trx); // before the count rows, as the triggers do (migration 015)
  const imported = sql`select campaign_id, min(town_id) as town_id, org_path, status, count(*) as n
    from enterprises where id between ${firstId} and ${lastId} and import_id = ${importId} group by campaign_id, org_path, status`;
  await sql`insert into dashboard_status_counts (campaign_id, town_id, org_path, status, n)
    select campaign_id, town_id, org_path, status, n from (${imported}) g where true
    on conflict (campaign_id, org_path, status) do update set n = dashboard_status_counts.n + excluded.n`.execute(trx);
  // The map's cells (migration 038) of the imported workshops that have a position.
  await sql`insert into map_cell_counts (campaign_id, level, cell_row, cell_col, org_path, status, town_id, n, sum_lat, sum_lng)
    select * from (${sql.raw(cellsOf(`(select * from enterprises where id between ${Number(firstId)} and ${Number(lastId)} and import_id = ${Number(importId)})`))}) g where true
    on conflict (campaign_id, level, cell_row, cell_col, org_path, status) do update set n = map_cell_counts.n + excluded.n,
      sum_lat = map_cell_counts.sum_lat + excluded.sum_lat, sum_lng = map_cell_counts.sum_lng + excluded.sum_lng`.execute(trx);
  if (itemCodes.length === 0) return;
  const codes = sql.join(itemCodes.map((code) => sql`select cast(${code} as text) as item_code`), sql` union all `);
  await sql`insert into dashboard_item_counts (campaign_id, town_id, org_path, item_code, state, is_excluded, n)
    select g.campaign_id, g.town_id, g.org_path, c.item_code, 'pending', ${excludedOf('g')}, sum(g.n)
    from (${imported}) g cross join (${codes}) c where true
    group by g.campaign_id, g.town_id, g.org_path, c.item_code, ${excludedOf('g')}
    on conflict (campaign_id, org_path, item_code, state, is_excluded) do update set n = dashboard_item_counts.n + excluded.n`.execute(trx);
}

/** Recounts everything from the register (`qudi dashboard rebuild`). */
export async function rebuildDashboardCounts(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await backfillDashboardCounts(trx);
    await backfillMapCounts(trx);
    // A bulk writer's switch can only be left on by hand (it lives inside one transaction); turn it off.
    await setCountTriggersOff(trx, false);
  });
}

export interface CountMismatch {
  table: 'status' | 'item' | 'map';
  key: string;
  kept: number;
  actual: number;
}

export interface CountCheck {
  mismatches: CountMismatch[];
  /** SQLite: the triggers are switched off outside any bulk write (the guard was left set). */
  triggersOff: boolean;
}

/**
 * Compares the maintained counts with a full count of the register, both read in one transaction
 * (one snapshot; repeatable read on PostgreSQL), so that changes made meanwhile by a running server
 * are not reported (`qudi dashboard check`, tests).
 */
export async function checkDashboardCounts(db: Kysely<Database>): Promise<CountCheck> {
  return inSnapshot(db, async (trx) => {
    const read = async (query: ReturnType<typeof sql<{ k: string; n: number | string }>>) => new Map((await query.execute(trx)).rows.map((r) => [r.k, toNumber(r.n)]));
    const ex = excludedOf('e');
    const tables = {
      status: [
        sql<{ k: string; n: number | string }>`select campaign_id || '|' || town_id || '|' || org_path || '|' || status as k, n from dashboard_status_counts`,
        sql<{ k: string; n: number | string }>`select campaign_id || '|' || town_id || '|' || org_path || '|' || status as k, count(*) as n from enterprises e group by campaign_id, town_id, org_path, status`,
      ],
      item: [
        sql<{ k: string; n: number | string }>`select campaign_id || '|' || town_id || '|' || org_path || '|' || item_code || '|' || state || '|' || is_excluded as k, n from dashboard_item_counts`,
        sql<{ k: string; n: number | string }>`select e.campaign_id || '|' || e.town_id || '|' || e.org_path || '|' || i.item_code || '|' || i.state || '|' || ${ex} as k, count(*) as n
          from enterprise_items i join enterprises e on e.id = i.enterprise_id group by e.campaign_id, e.town_id, e.org_path, i.item_code, i.state, ${ex}`,
      ],
      // The map's cells (migration 038), by count; rows left at 0 are as good as none.
      map: [
        sql<{ k: string; n: number | string }>`select campaign_id || '|' || level || '|' || cell_row || '|' || cell_col || '|' || org_path || '|' || status as k, n from map_cell_counts where n <> 0`,
        sql<{ k: string; n: number | string }>`select campaign_id || '|' || level || '|' || cell_row || '|' || cell_col || '|' || org_path || '|' || status as k, n from (${sql.raw(cellsOf('enterprises'))}) c`,
      ],
    } as const;
    const mismatches: CountMismatch[] = [];
    for (const table of ['status', 'item', 'map'] as const) {
      const kept = await read(tables[table][0]);
      const actual = await read(tables[table][1]);
      for (const key of new Set([...kept.keys(), ...actual.keys()])) {
        const x = kept.get(key) ?? 0;
        const y = actual.get(key) ?? 0;
        if (x !== y) mismatches.push({ table, key, kept: x, actual: y });
      }
    }
    const triggersOff = await countTriggersLeftOff(trx);
    return { mismatches, triggersOff };
  });
}
