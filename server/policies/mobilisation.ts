import { covers, type Actor } from './actor.js';
import { allow } from './registry.js';

const signedIn = (actor: Actor) => actor.grants.length > 0;

// Reading is open to every signed-in user; the lists are cut to the scope in SQL.
allow<null>('mobilisation.read', signedIn);
/** Subject: the town whose leading body or publicity log is written. */
allow<{ orgPath: string }>('mobilisation.write', (actor, town) => covers(actor, town.orgPath, ['office', 'town', 'town_head']));
