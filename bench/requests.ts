// Department requests for the queue benchmark (issue 14): every workshop gets a request for the
// first standard item that departments execute, alternating between that item's departments, in a
// mix of states (30 % still open); every third workshop a request for the next such item too. The
// kept counts are summed once from them, as the repository keeps them. Written straight in SQL (a
// million requests through the API would take hours), then a department user who sees them all.
import { sql } from 'kysely';
import { createUser } from '../server/commands/createUser.js';
import { currentCampaign } from '../server/repositories/campaigns.js';
import { findUserByUsername } from '../server/repositories/users.js';
import { BENCH_PASSWORD, OFFICE_USER, type BenchContext } from './lib.js';

export const DEPARTMENT_USER = 'bench_department';

/** The department whose queue is measured: the first department of the first item departments execute. */
export async function benchDepartment(ctx: BenchContext): Promise<{ id: number; code: string }> {
  const campaign = await currentCampaign(ctx.db);
  const item = campaign.definition.standardItems.find((i) => i.departments.length > 0);
  if (!item) throw new Error('the campaign has no item that a department executes');
  const d = await ctx.db.selectFrom('departments').select(['id', 'code']).where('code', '=', item.departments[0]).executeTakeFirstOrThrow();
  return d;
}

/** Loads the requests once (a no-op when there are some) and the department user; answers how many requests there are. */
export async function ensureBenchRequests(ctx: BenchContext, log: (s: string) => void): Promise<number> {
  const campaign = await currentCampaign(ctx.db);
  const department = await benchDepartment(ctx);
  if (!(await findUserByUsername(ctx.db, DEPARTMENT_USER)))
    await createUser(ctx, null, { username: DEPARTMENT_USER, role: 'department', displayName: '基准测试 职能部门', scope: department.code, password: BENCH_PASSWORD });
  const count = async () => Number((await ctx.db.selectFrom('department_requests').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const have = await count();
  if (have > 0) return have;

  const office = await findUserByUsername(ctx.db, OFFICE_USER);
  if (!office) throw new Error(`user ${OFFICE_USER} missing`);
  const items = campaign.definition.standardItems.filter((i) => i.departments.length > 0).slice(0, 2);
  const started = performance.now();
  await ctx.db.transaction().execute(async (trx) => {
    for (const [k, item] of items.entries()) {
      const ids = await trx.selectFrom('departments').select(['id', 'code']).where('code', 'in', item.departments).execute();
      const idOf = (code: string) => ids.find((d) => d.code === code)!.id;
      const first = idOf(item.departments[0]);
      const second = idOf(item.departments[item.departments.length - 1]);
      const status = sql`(case e.id % 10 when 0 then 'requested' when 1 then 'accepted' when 2 then 'scheduled' when 3 then 'returned' else 'confirmed' end)`;
      await sql`insert into department_requests (campaign_id, enterprise_id, item_code, department_id, town_id, org_path, status, is_open, details, due_on,
          scheduled_on, reason, note, requester_unit, requested_by, requested_at, accepted_by, accepted_at, confirmed_by, confirmed_at, updated_at, version)
        select e.campaign_id, e.id, ${item.code}, case when e.id % 2 = 0 then cast(${first} as integer) else cast(${second} as integer) end, e.town_id, e.org_path, ${status},
          case when e.id % 10 < 3 then 1 else 0 end, '{"facility":"","account":"","access":""}', '2016-05-15',
          null, '', '', '基准测试', ${office.id}, e.created_at, null, null, null, null, e.created_at, 1
        from enterprises e where e.campaign_id = ${campaign.id} and (cast(${k} as integer) = 0 or e.id % 3 = 0)
        order by e.id`.execute(trx);
    }
    await sql`insert into department_request_counts (campaign_id, department_id, town_id, org_path, status, n)
      select campaign_id, department_id, min(town_id), org_path, status, count(*) from department_requests
      group by campaign_id, department_id, org_path, status`.execute(trx);
  });
  const n = await count();
  log(`loaded ${n} department requests in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return n;
}
