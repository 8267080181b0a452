// The patrol schedule inside a command's transaction: the day a site's next patrol is due, from the
// campaign definition's `patrols` (domain/patrols.ts) and the site's town.
import type { CampaignDefinition } from '../../../domain/campaign.js';
import { patrolDueOn } from '../../../domain/patrols.js';
import type { Db } from '../../db/schema.js';
import { findOrgUnit } from '../../repositories/orgUnits.js';

/** The due day of the next patrol after `since` (a patrol, or the shutdown), or null when the campaign schedules none. */
export async function nextPatrolDue(trx: Db, def: CampaignDefinition, townId: number, since: string): Promise<string | null> {
  if (!def.patrols) return null;
  // The town's name only matters when some town has an interval of its own.
  const townName = def.patrols.towns.length > 0 ? ((await findOrgUnit(trx, townId))?.name ?? '') : '';
  return patrolDueOn(def, townName, since);
}
