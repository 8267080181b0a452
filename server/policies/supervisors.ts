// 监管责任人 on file (issue 16 §1). A town's keepers (the office, the town's staff and principal) name
// the town's 主管领导 and 监管责任人; the register's keepers (also a village head in their own village)
// name a site's 村居监管责任人. Everyone whose scope covers the town or the workshop reads them and their
// history; anyone with a grant reads the gaps in their own scope.
import { REGISTER_KEEPERS, TOWN_KEEPERS } from '../../domain/roles.js';
import { covers } from '../auth/actor.js';
import { allow } from './registry.js';
import type { UnitSubject } from './subjects.js';

/** Subject: the town's path, or the workshop's. */
allow<UnitSubject>('supervisor.read', (actor, s) => covers(actor, s.orgPath));
/** Subject: the town. */
allow<UnitSubject>('supervisor.assign.town', (actor, s) => covers(actor, s.orgPath, TOWN_KEEPERS));
/** Subject: the workshop's path (its status is the command's: an excluded workshop is refused as a transition). */
allow<UnitSubject>('supervisor.assign.site', (actor, s) => covers(actor, s.orgPath, REGISTER_KEEPERS));
/** The towns in the reader's scope with their people, and the gaps: anyone with a grant, cut to their scope. */
allow<null>('supervisor.list', (actor) => actor.grants.length > 0);
allow<null>('supervisor.gaps', (actor) => actor.grants.length > 0);
