import { describe, expect, it } from 'vitest';
import { DEFAULT_PAGE_SIZE, listParamsFrom, listSearchAfter } from './useListParams.js';

const parse = (query: string) => listParamsFrom(new URLSearchParams(query));

describe('the workshop list’s parameters in the URL', () => {
  it('reads a shared link as the list it showed', () => {
    expect(parse('town=西集镇&status=in_progress&q=塑料&page=3&sort=name&order=asc')).toEqual({
      town: '西集镇',
      village: undefined,
      status: 'in_progress',
      q: '塑料',
      pendingItem: undefined,
      page: 3,
      pageSize: DEFAULT_PAGE_SIZE,
      sort: 'name',
      order: 'asc',
    });
  });

  it('drops what the API would refuse instead of showing an error for a hand-edited link', () => {
    const p = parse('status=closed&pendingItem=断电&page=-2&pageSize=5000&sort=phone&order=up');
    expect(p.status).toBeUndefined();
    expect(p.pendingItem).toBeUndefined();
    expect(p.page).toBe(1);
    expect(p.pageSize).toBe(100);
    expect(p.sort).toBeUndefined();
    expect(p.order).toBeUndefined();
    expect(parse('pendingItem=power_cut').pendingItem).toBe('power_cut');
  });

  it('goes back to the first page when a filter changes, but not when the page does', () => {
    const p = parse('town=西集镇&page=4');
    expect(listSearchAfter(p, { status: 'surveyed' }).toString()).toBe(new URLSearchParams('town=西集镇&status=surveyed').toString());
    expect(listSearchAfter(p, { page: 5 }).get('page')).toBe('5');
  });

  it('writes no defaults, so the plain list has a plain address', () => {
    const p = parse('q=&pageSize=20&page=1');
    expect(listSearchAfter(p, { town: undefined }).toString()).toBe('');
    expect(listSearchAfter(p, { pageSize: 50 }).toString()).toBe('pageSize=50');
  });
});
