import { useSearchParams } from 'react-router';
import { ENTERPRISE_SORTS, enterpriseListQuerySchema } from '../../../domain/enterprise.js';
import { STATUSES, type Status } from '../../../domain/status.js';
import type { EnterpriseListParams } from '../../api/hooks.js';

export const DEFAULT_PAGE_SIZE = 20;

function oneOf<T extends string>(list: readonly T[], v: string | null): T | undefined {
  return v !== null && (list as readonly string[]).includes(v) ? (v as T) : undefined;
}

/** A standard item code the API accepts (anything else would only earn a 400). */
function itemCode(v: string | null): string | undefined {
  return v && enterpriseListQuerySchema.shape.pendingItem.safeParse(v).success ? v : undefined;
}

function positiveInt(v: string | null, fallback: number, max = 100_000): number {
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : fallback;
}

/** The list's parameters as a URL query string states them; anything the API would refuse is left out. */
export function listParamsFrom(search: URLSearchParams): EnterpriseListParams {
  return {
    town: search.get('town') || undefined,
    village: search.get('village') || undefined,
    status: oneOf<Status>(STATUSES, search.get('status')),
    q: search.get('q') || undefined,
    pendingItem: itemCode(search.get('pendingItem')),
    incomplete: search.get('incomplete') === '1' ? '1' : undefined,
    page: positiveInt(search.get('page'), 1),
    pageSize: positiveInt(search.get('pageSize'), DEFAULT_PAGE_SIZE, 100),
    sort: oneOf(ENTERPRISE_SORTS, search.get('sort')),
    order: oneOf(['asc', 'desc'] as const, search.get('order')),
  };
}

/**
 * The query string after changing some parameters: any change other than the page itself starts
 * again at page 1, and defaults (page 1, the default page size, empty filters) are not written.
 */
export function listSearchAfter(params: EnterpriseListParams, patch: Partial<EnterpriseListParams>): URLSearchParams {
  const next = { ...params, page: 'page' in patch ? patch.page : 1, ...patch };
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(next)) {
    if (v === undefined || v === null || v === '') continue;
    if (k === 'page' && v === 1) continue;
    if (k === 'pageSize' && v === DEFAULT_PAGE_SIZE) continue;
    out.set(k, String(v));
  }
  return out;
}

/** The list's filters, page and sort, kept in the URL query string so a view can be shared and reloaded. */
export function useListParams() {
  const [search, setSearch] = useSearchParams();
  const params = listParamsFrom(search);
  const update = (patch: Partial<EnterpriseListParams>) => setSearch(listSearchAfter(params, patch));
  return { params, update, hasFilters: Boolean(params.town || params.village || params.status || params.q || params.pendingItem || params.incomplete) };
}
