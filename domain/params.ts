// Route parameters and paging that many routes share, declared once.
import { z } from './zod.js';

/** A record's id in a URL (`/api/…/:id`). */
export const recordIdParam = z.coerce.number().int().positive({ error: '编号不正确' });

export const idParams = z.strictObject({ id: recordIdParam });
export const townParams = z.strictObject({ townId: recordIdParam });

/** `page` and `pageSize` of a paged list: pages from 1, at most `maxPageSize` rows a page. */
export function pageFields(opts: { maxPageSize?: number; defaultPageSize?: number; unit?: string } = {}) {
  const { maxPageSize = 100, defaultPageSize = 20, unit = '条' } = opts;
  return {
    page: z.coerce.number().int().min(1, { error: '页码从 1 开始' }).max(100000).default(1),
    pageSize: z.coerce.number().int().min(1).max(maxPageSize, { error: `每页最多 ${maxPageSize} ${unit}` }).default(defaultPageSize),
  };
}

/** Free text, trimmed, at most `max` characters (字). */
export const text = (max: number) => z.string().trim().max(max, { error: `不能超过 ${max} 个字` });

/** A record's id in a body or query (a town, a village…). */
export const entityId = z.coerce.number({ error: '应为编号' }).int({ error: '应为整数编号' }).positive({ error: '应为正整数编号' });

/** A calendar date as YYYY-MM-DD. */
export const isoDate = z.iso.date({ error: '日期格式应为 YYYY-MM-DD' });
