// One page of a list kept newest first by id (incidents, cases, interceptions, joint operations): the
// page's ids and the total from the filtered query, then the page's rows with their joins by id —
// so the joins run for one page, never for every match.
import { sql, type SelectQueryBuilder } from 'kysely';
import { toNumber } from '../db/dialect.js';

export async function newestFirstPage<DB, TB extends keyof DB, R>(
  filtered: SelectQueryBuilder<DB, TB, object>,
  alias: string,
  page: { page: number; pageSize: number },
  rowsOf: (ids: number[]) => Promise<R[]>,
): Promise<{ rows: R[]; total: number; ids: number[] }> {
  const id = sql.ref<number>(`${alias}.id`);
  // The builder's tables are generic here, so the two selections are typed by hand.
  const [ids, count] = (await Promise.all([
    filtered.select(id.as('id')).orderBy(id, 'desc').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute(),
    filtered.select(sql<number | string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ])) as unknown as [{ id: number | string }[], { n: number | string }];
  const list = ids.map((r) => Number(r.id));
  return { rows: list.length ? await rowsOf(list) : [], total: toNumber(count.n), ids: list };
}
