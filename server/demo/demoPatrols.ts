// The demo's shut-down and accepted workshops were written straight into the register: they get the
// patrol due day that shutting them down through the commands would have given them (长效监管).
import { patrolDueOn } from '../../domain/patrols.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import type { CampaignRecord } from '../repositories/campaigns.js';
import { orgUnitNames } from '../repositories/orgUnits.js';
import { setPatrolDue, unscheduledPatrolSites } from '../repositories/patrols.js';

export async function scheduleDemoPatrols(ctx: AppContext, campaign: CampaignRecord, today: string): Promise<number> {
  const def = campaign.definition;
  if (!def.patrols) return 0;
  const sites = await unscheduledPatrolSites(ctx.db, campaign.id);
  const towns = await orgUnitNames(ctx.db, [...new Set(sites.map((s) => s.town_id))]);
  await inTransaction(ctx.db, async (trx) => {
    for (const s of sites) {
      const due = patrolDueOn(def, towns.get(s.town_id) ?? '', s.shut_on ?? today);
      if (due) await setPatrolDue(trx, s.id, due);
    }
  });
  return sites.length;
}
