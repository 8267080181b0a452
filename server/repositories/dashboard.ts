// The counts scan the whole scope (hundreds of milliseconds at 100,000 workshops): on SQLite they
// run on the read worker (server/db/readers.ts), so the server keeps answering meanwhile.
import type { Kysely } from 'kysely';
import { readRunner } from '../db/readers.js';
import { toNumber } from '../db/dialect.js';
import type { Database } from '../db/schema.js';
import type { Actor } from '../policies/actor.js';
import { campaignScope } from './scope.js';

/** Workshop counts per town and status, within the actor's scope. */
export async function statusCountsByTown(db: Kysely<Database>, actor: Actor, campaignId: number, rootPath: string) {
  const scope = campaignScope(actor, 'enterprises.org_path', rootPath);
  const query = db
    .selectFrom('enterprises')
    .select(['town_id', 'status', (eb) => eb.fn.countAll().as('n')])
    .where('campaign_id', '=', campaignId)
    .$if(scope !== null, (q) => q.where(scope!))
    .groupBy(['town_id', 'status']);
  const rows = await readRunner(db).all(query.compile());
  return rows.map((r) => ({ townId: r.town_id, status: r.status, n: toNumber(r.n as string | number) }));
}

/** Standard-item counts per town, item and state (excluded workshops do not count). */
export async function itemCountsByTown(db: Kysely<Database>, actor: Actor, campaignId: number, rootPath: string) {
  const scope = campaignScope(actor, 'enterprises.org_path', rootPath);
  const query = db
    .selectFrom('enterprise_items as i')
    .innerJoin('enterprises', 'enterprises.id', 'i.enterprise_id')
    .select(['enterprises.town_id', 'i.item_code', 'i.state', (eb) => eb.fn.countAll().as('n')])
    .where('enterprises.campaign_id', '=', campaignId)
    .where('enterprises.status', '!=', 'excluded')
    .$if(scope !== null, (q) => q.where(scope!))
    .groupBy(['enterprises.town_id', 'i.item_code', 'i.state']);
  const rows = await readRunner(db).all(query.compile());
  return rows.map((r) => ({ townId: r.town_id, item: r.item_code, state: r.state, n: toNumber(r.n as string | number) }));
}
