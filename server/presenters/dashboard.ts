// The dashboard (取缔进度看板): the maintained counts arranged per town, with the district's total.
import type { DashboardDto, DashboardTownRow } from '../../domain/api.js';
import { STATUSES, type Status } from '../../domain/status.js';
import type { ItemCount, StatusCount } from '../repositories/dashboard.js';

function emptyRow(townId: number, townName: string, itemCodes: readonly string[]): DashboardTownRow {
  return {
    townId,
    townName,
    total: 0,
    byStatus: Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>,
    items: Object.fromEntries(itemCodes.map((c) => [c, { done: 0, notApplicable: 0, pending: 0 }])),
  };
}

/**
 * One row per visible town (in `towns` order), then any town the counts name that the list did not
 * (its name from `names`), and the totals (合计).
 */
export function presentDashboard(
  itemCodes: readonly string[],
  towns: readonly { id: number; name: string }[],
  statusRows: readonly StatusCount[],
  itemRows: readonly ItemCount[],
  names: ReadonlyMap<number, string>,
): DashboardDto {
  const rows = new Map<number, DashboardTownRow>(towns.map((t) => [t.id, emptyRow(t.id, t.name, itemCodes)]));
  const rowFor = (id: number) => {
    let row = rows.get(id);
    if (!row) rows.set(id, (row = emptyRow(id, names.get(id) ?? '', itemCodes)));
    return row;
  };
  for (const s of statusRows) {
    const row = rowFor(s.townId);
    row.byStatus[s.status as Status] += s.n;
    row.total += s.n;
  }
  for (const i of itemRows) {
    const cell = rowFor(i.townId).items[i.item];
    if (!cell) continue;
    if (i.state === 'done') cell.done += i.n;
    else if (i.state === 'not_applicable') cell.notApplicable += i.n;
    else cell.pending += i.n;
  }
  const list = [...rows.values()];
  const totals = emptyRow(0, '合计', itemCodes);
  for (const row of list) {
    totals.total += row.total;
    for (const s of STATUSES) totals.byStatus[s] += row.byStatus[s];
    for (const c of itemCodes) {
      totals.items[c].done += row.items[c].done;
      totals.items[c].notApplicable += row.items[c].notApplicable;
      totals.items[c].pending += row.items[c].pending;
    }
  }
  return { towns: list, totals };
}
