// Mobilisation (宣传发动): a town's leading body and its publicity log.
import { TOWN_KEEPERS } from '../../domain/roles.js';
import { covers, hasRole } from '../auth/actor.js';
import { allow } from './registry.js';
import { holdsTown } from './reports.js';
import type { UnitSubject } from './subjects.js';

// Reading is open to everyone whose scope holds a town (not a village head: these are the town's
// records, none of them in one village); the lists are cut to the scope in SQL.
allow<null>('mobilisation.read', holdsTown);
/** Subject: the town whose leading body or publicity log is written. */
allow<UnitSubject>('mobilisation.write', (actor, town) => covers(actor, town.orgPath, TOWN_KEEPERS));
allow<null>('mobilisation.write.any', (actor) => hasRole(actor, ...TOWN_KEEPERS));
