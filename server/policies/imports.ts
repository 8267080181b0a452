// Import of a town's task table (导入任务表): the office, or the town's own staff and principal.
// Subject: the town the rows go into.
import { TOWN_KEEPERS } from '../../domain/roles.js';
import { covers, hasRole } from '../auth/actor.js';
import { allow } from './registry.js';
import type { UnitSubject } from './subjects.js';

allow<null>('import.list', (actor) => hasRole(actor, ...TOWN_KEEPERS));
allow<UnitSubject>('import.create', (actor, town) => covers(actor, town.orgPath, TOWN_KEEPERS));
allow<UnitSubject>('import.read', (actor, town) => covers(actor, town.orgPath, TOWN_KEEPERS));
allow<UnitSubject>('import.confirm', (actor, town) => covers(actor, town.orgPath, TOWN_KEEPERS));
