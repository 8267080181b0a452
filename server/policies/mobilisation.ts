// Mobilisation (宣传发动): a town's leading body and its publicity log.
import { TOWN_KEEPERS } from '../../domain/roles.js';
import { covers, hasRole, type Actor } from '../auth/actor.js';
import { allow } from './registry.js';
import type { UnitSubject } from './subjects.js';

const signedIn = (actor: Actor) => actor.grants.length > 0;

// Reading is open to every signed-in user; the lists are cut to the scope in SQL.
allow<null>('mobilisation.read', signedIn);
/** Subject: the town whose leading body or publicity log is written. */
allow<UnitSubject>('mobilisation.write', (actor, town) => covers(actor, town.orgPath, TOWN_KEEPERS));
allow<null>('mobilisation.write.any', (actor) => hasRole(actor, ...TOWN_KEEPERS));
