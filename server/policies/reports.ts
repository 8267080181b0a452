// Town reports (任务表报送): the town (or the office on its behalf) submits; only the town's
// principal signs. Subject: the town.
import { DAILY_REPORT_READERS, ROLE_SCOPE_KIND, TOWN_KEEPERS, TOWN_PRINCIPALS } from '../../domain/roles.js';
import { covers, hasRole, type Actor } from '../auth/actor.js';
import { allow } from './registry.js';
import type { UnitSubject } from './subjects.js';

/**
 * Whether some grant of the actor holds at least a whole town: a town's records (its report, its
 * mobilisation log) are nothing a village head's scope, one village, contains.
 */
export const holdsTown = (actor: Actor) => actor.grants.some((g) => ROLE_SCOPE_KIND[g.role] !== 'village');

allow<null>('report.read', holdsTown);
allow<UnitSubject>('report.readTown', (actor, town) => covers(actor, town.orgPath));
allow<UnitSubject>('report.submit', (actor, town) => covers(actor, town.orgPath, TOWN_KEEPERS));
allow<UnitSubject>('report.sign', (actor, town) => covers(actor, town.orgPath, TOWN_PRINCIPALS));
// 日报: the office and the leaders read the district's, a town's staff and principal their town's
// (the figures are cut to the scope in SQL); departments, inspectors, discipline and villages do not.
allow<null>('report.daily', (actor) => hasRole(actor, ...DAILY_REPORT_READERS));

/** The actor as the daily report sees them: only the grants that may read it, so that its figures are cut to those scopes. */
export function dailyReportReader(actor: Actor): Actor {
  return { ...actor, grants: actor.grants.filter((g) => (DAILY_REPORT_READERS as readonly string[]).includes(g.role)) };
}
