// Town reports (任务表报送): the town (or the office on its behalf) submits; only the town's
// principal signs. Subject: the town.
import { TOWN_KEEPERS, TOWN_PRINCIPALS } from '../../domain/roles.js';
import { covers } from '../auth/actor.js';
import { allow } from './registry.js';
import type { UnitSubject } from './subjects.js';

allow<null>('report.read', (actor) => actor.grants.length > 0);
allow<UnitSubject>('report.readTown', (actor, town) => covers(actor, town.orgPath));
allow<UnitSubject>('report.submit', (actor, town) => covers(actor, town.orgPath, TOWN_KEEPERS));
allow<UnitSubject>('report.sign', (actor, town) => covers(actor, town.orgPath, TOWN_PRINCIPALS));
