// `npx tsx bench/accountability.ts [--n 100000] [--keep]`
//
// The 问责清单 (issue 17 §6) at scale: the open problems grouped by town and named person
// (`problemGroups`, what GET /api/accountability runs before summing per person), over --n synthetic
// workshops (bench/generate.ts: the status mix of a campaign under way, five items each, the 附件3
// persons named), with the items-due day passed so pending items count as overdue — the heaviest
// case. Printed: the time of each part, best and median of five, and the groups found.
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { todayInChina } from '../domain/time.js';
import { currentCampaign } from '../server/repositories/campaigns.js';
import { problemGroups } from '../server/repositories/accountability.js';
import { prepareData } from './generate.js';
import { intArg } from './lib.js';

const { values } = parseArgs({ options: { n: { type: 'string' }, keep: { type: 'boolean' } } });
const n = intArg(values.n, 'n', 100_000);
const { target, ctx } = await prepareData({ n, keep: values.keep ?? false, seed: 2016, log: console.log });
try {
  const campaign = await currentCampaign(ctx.db);
  const today = todayInChina();
  for (const itemsOverdue of [false, true]) {
    const times: number[] = [];
    let groups = 0;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      groups = (await problemGroups(ctx.db, { campaignId: campaign.id, today, itemsOverdue, itemCount: campaign.definition.standardItems.length })).length;
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(`problemGroups ${itemsOverdue ? 'with overdue items' : 'without items'}: best ${times[0]!.toFixed(0)} ms · median ${times[2]!.toFixed(0)} ms · ${groups} groups (${n.toLocaleString()} workshops, ${target.kind})`);
  }
} finally {
  await ctx.close();
  if (!values.keep) await target.remove();
}
