// The references for the list and the search, served on a bare Fastify instance beside the app:
//   - REF_LIST_PATH: the very same listEnterprises as GET /api/enterprises, for a fixed actor loaded
//     once — no session lookup, no validation, no presenter. What the app costs beyond it is the
//     app's own overhead.
//   - REF_BARE_LIST_PATH and REF_BARE_SEARCH_PATH: the same answers (rows and total) by the shortest
//     SQL, prepared once and run straight on the driver (better-sqlite3 on the main thread, or a
//     pg pool): the limit the data and the indexes allow, not the app's code.
import path from 'node:path';
import Database from 'better-sqlite3';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { fragmentGrams, SEARCH_MATCH_LIMIT } from '../domain/search.js';
import type { AppContext } from '../server/context.js';
import { escapeLike } from '../server/db/dialect.js';
import { currentCampaign } from '../server/repositories/campaigns.js';
import { listEnterprises } from '../server/repositories/enterprises.js';
import { findUserByUsername, loadActor } from '../server/repositories/users.js';
import { OFFICE_USER, REF_BARE_LIST_PATH, REF_BARE_QUEUE_PATH, REF_BARE_SEARCH_PATH, REF_LIST_PATH } from './lib.js';
import { benchDepartment } from './requests.js';

const COLUMNS = `e.id, e.name, e.kind, e.town_id, (select t.name from org_units t where t.id = e.town_id) as town_name, e.village_id,
  (select v.name from org_units v where v.id = e.village_id) as village_name, e.address, e.contact_person, e.phone, e.status, e.items_done, e.updated_at`;

/** The shortest SQL, with ? placeholders (numbered for PostgreSQL below). */
const SQL = {
  listRows: `select ${COLUMNS} from enterprises e where e.campaign_id = ? and e.town_id = ? and e.status = ? order by e.id desc limit ? offset ?`,
  listTotal: `select sum(n) as total from dashboard_status_counts where campaign_id = ? and town_id = ? and status = ?`,
  // SQLite: one join, the entries walked newest first (its fastest shape, ~35 % above the steps).
  // PostgreSQL: the entries a step at a time, then that step's rows by id, as the app does — the
  // join lets PostgreSQL hash and sort every match (36 req/s at 100,000).
  searchJoin: `select e.id from workshop_search_grams g cross join enterprises e
    where g.campaign_id = ? and g.gram = ? and e.id = g.enterprise_id and (e.name like ? escape '\\' or e.address like ? escape '\\' or e.contact_person like ? escape '\\' or e.phone like ? escape '\\')
    order by g.enterprise_id desc limit ?`,
  searchEntries: `select enterprise_id from workshop_search_grams where campaign_id = ? and gram = ? and enterprise_id < ? order by enterprise_id desc limit ?`,
  // The department queue: one department's open requests, oldest first, with what a row shows; counts from the kept table.
  queueRows: `select r.id, r.version, r.status, r.item_code, r.department_id, r.town_id, r.org_path, r.details, r.due_on, r.scheduled_on, r.reason, r.note,
      r.requester_unit, r.requested_at, r.accepted_at, r.confirmed_at,
      (select d.code from departments d where d.id = r.department_id) as department_code, (select d.name from departments d where d.id = r.department_id) as department_name,
      e.id as enterprise_id, e.name as enterprise_name, e.address as enterprise_address, e.status as enterprise_status,
      (select t.name from org_units t where t.id = e.town_id) as town_name, (select v.name from org_units v where v.id = e.village_id) as village_name,
      (select u.display_name from users u where u.id = r.requested_by) as requested_by_name, (select u.display_name from users u where u.id = r.accepted_by) as accepted_by_name,
      (select u.display_name from users u where u.id = r.confirmed_by) as confirmed_by_name
    from department_requests r join enterprises e on e.id = r.enterprise_id
    where r.campaign_id = ? and r.department_id = ? and r.is_open = 1 order by r.id limit ? offset ?`,
  queueCounts: `select status, sum(n) as n from department_request_counts where campaign_id = ? and department_id = ? group by status`,
};
const LIKE_ANY = `(e.name like ? escape '\\' or e.address like ? escape '\\' or e.contact_person like ? escape '\\' or e.phone like ? escape '\\')`;

type Run = (name: keyof typeof SQL | 'rowsByIds' | 'matchingIds', params: unknown[]) => Promise<Record<string, unknown>[]>;

function bareRunner(ctx: AppContext): { run: Run; close: () => Promise<void> } {
  if (ctx.dialect === 'sqlite') {
    const db = new Database(path.join(ctx.config.dataDir, 'qudi.db'), { readonly: true });
    const statements = {
      ...Object.fromEntries(Object.entries(SQL).map(([k, text]) => [k, db.prepare(text)])),
      rowsByIds: db.prepare(`select ${COLUMNS} from enterprises e where e.id in (select value from json_each(?)) order by e.id desc`),
      matchingIds: db.prepare(`select e.id from enterprises e where e.id in (select value from json_each(?)) and ${LIKE_ANY}`),
    } as Record<string, Database.Statement>;
    const asJson = (name: string, params: unknown[]) => (name === 'rowsByIds' || name === 'matchingIds' ? [JSON.stringify(params[0]), ...params.slice(1)] : params);
    return {
      run: (name, params) => Promise.resolve(statements[name].all(...asJson(name, params)) as Record<string, unknown>[]),
      close: () => Promise.resolve(void db.close()),
    };
  }
  const pool = new pg.Pool({ connectionString: ctx.config.databaseUrl, max: 10 });
  const numbered = (text: string) => {
    let n = 0;
    return text.replace(/\?/g, () => `$${++n}`).replace(/ like /g, ' ilike ');
  };
  const texts: Record<string, string> = {
    ...Object.fromEntries(Object.entries(SQL).map(([k, text]) => [k, numbered(text)])),
    rowsByIds: `select ${COLUMNS} from enterprises e where e.id = any($1::int[]) order by e.id desc`,
    matchingIds: numbered(`select e.id from enterprises e where e.id = any(?::int[]) and ${LIKE_ANY}`),
  };
  return {
    run: async (name, params) => (await pool.query({ name: `ref_${name}`, text: texts[name], values: params })).rows as Record<string, unknown>[],
    close: () => pool.end(),
  };
}

export async function buildReference(ctx: AppContext): Promise<FastifyInstance> {
  const campaign = await currentCampaign(ctx.db);
  const user = await findUserByUsername(ctx.db, OFFICE_USER);
  if (!user) throw new Error(`user ${OFFICE_USER} missing`);
  const actor = await loadActor(ctx.db, user, campaign);
  const ref = Fastify({ logger: false });
  const bare = bareRunner(ctx);
  ref.addHook('onClose', () => bare.close());
  type Query = Record<string, string | undefined>;
  const paging = (q: Query) => {
    const pageSize = q.pageSize ? Number(q.pageSize) : 20;
    return { pageSize, offset: ((q.page ? Number(q.page) : 1) - 1) * pageSize, page: q.page ? Number(q.page) : 1 };
  };

  ref.get(REF_LIST_PATH, async (request) => {
    const q = request.query as Query;
    const { page, pageSize } = paging(q);
    const { rows, total } = await listEnterprises(
      ctx.db,
      actor,
      { campaignId: campaign.id, rootPath: campaign.rootPath, townId: q.town ? Number(q.town) : undefined, status: q.status || undefined },
      { page, pageSize, sort: 'id', order: 'desc' },
    );
    return { items: rows, total };
  });

  ref.get(REF_BARE_LIST_PATH, async (request) => {
    const q = request.query as Query;
    const { pageSize, offset } = paging(q);
    const [items, [count]] = await Promise.all([
      bare.run('listRows', [campaign.id, Number(q.town), q.status, pageSize, offset]),
      bare.run('listTotal', [campaign.id, Number(q.town), q.status]),
    ]);
    return { items, total: Number(count?.total ?? 0) };
  });

  // Fragments of up to three characters: one index entry each, as the bench sends.
  ref.get(REF_BARE_SEARCH_PATH, async (request) => {
    const q = request.query as Query;
    const { pageSize, offset } = paging(q);
    const [gram] = fragmentGrams(q.q ?? '');
    const like = `%${escapeLike(q.q ?? '')}%`;
    const ids: number[] = [];
    if (ctx.dialect === 'sqlite') ids.push(...(await bare.run('searchJoin', [campaign.id, gram, like, like, like, like, SEARCH_MATCH_LIMIT + 1])).map((r) => Number(r.id)));
    else for (let before = 2 ** 31 - 1, size = 1024; ids.length <= SEARCH_MATCH_LIMIT; size = Math.min(size * 2, 8192)) {
      const step = (await bare.run('searchEntries', [campaign.id, gram, before, size])).map((r) => Number(r.enterprise_id));
      if (step.length === 0) break;
      const kept = new Set((await bare.run('matchingIds', [step, like, like, like, like])).map((r) => Number(r.id)));
      for (const id of step) if (kept.has(id)) ids.push(id);
      if (step.length < size) break;
      before = step[step.length - 1];
    }
    const matched = ids.slice(0, SEARCH_MATCH_LIMIT);
    const pageIds = matched.slice(offset, offset + pageSize);
    const items = pageIds.length ? await bare.run('rowsByIds', [pageIds]) : [];
    return { items, total: matched.length, totalCapped: ids.length > SEARCH_MATCH_LIMIT };
  });

  // The department's open requests (the queue's default view): the same rows and kept counts, no session, no presenter.
  const department = await benchDepartment(ctx as Parameters<typeof benchDepartment>[0]);
  ref.get(REF_BARE_QUEUE_PATH, async (request) => {
    const { pageSize, offset } = paging(request.query as Query);
    const [items, counts] = await Promise.all([
      bare.run('queueRows', [campaign.id, department.id, pageSize, offset]),
      bare.run('queueCounts', [campaign.id, department.id]),
    ]);
    const byStatus = Object.fromEntries(counts.map((c) => [String(c.status), Number(c.n)]));
    const total = (byStatus.requested ?? 0) + (byStatus.accepted ?? 0) + (byStatus.scheduled ?? 0);
    return { items, total, counts: byStatus };
  });
  return ref;
}
