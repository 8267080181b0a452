// Lists, the org tree, users and the audit chain.
import { ADMINS, AUDITORS, REGISTER_KEEPERS, TOWN_KEEPERS } from '../../domain/roles.js';
import { covers, hasRole, reaches, type Actor } from '../auth/actor.js';
import { allow } from './registry.js';
import type { UnitSubject } from './subjects.js';

/** Actions without a subject: lists (cut to the scope in SQL), and "may the actor do this somewhere in their scope?" (`….any`, the abilities /api/auth/me sends). */
type Anyone = null;
const signedIn = (actor: Actor) => actor.grants.length > 0;

// Lists are open to every signed-in user; what they contain is cut to the user's scope in SQL.
allow<Anyone>('enterprise.list', signedIn);
allow<Anyone>('orgUnit.list', signedIn);
allow<Anyone>('department.list', signedIn);
allow<Anyone>('campaign.read', signedIn);
allow<Anyone>('dashboard.read', signedIn);
// The notice's forms (附件1/2/3): the rows in them are cut to the user's scope like the list.
allow<Anyone>('export.read', signedIn);
allow<Anyone>('session.read', () => true);
// One's own inbox: every signed-in user, only their own notices (the SQL names the user).
allow<Anyone>('notification.read', signedIn);
// 今日待办: each entry is counted within the user's scope.
allow<Anyone>('agenda.read', signedIn);

/** Is the org unit visible to the actor at all (inside its scope, or above it)? Out of sight answers 404. */
allow<UnitSubject>('orgUnit.read', (actor, unit) => reaches(actor, unit.orgPath));

/** Subject: the town the village is added to. */
allow<UnitSubject>('village.create', (actor, town) => covers(actor, town.orgPath, TOWN_KEEPERS));
allow<Anyone>('village.create.any', (actor) => hasRole(actor, ...TOWN_KEEPERS));
allow<Anyone>('enterprise.create.any', (actor) => hasRole(actor, ...REGISTER_KEEPERS));

allow<Anyone>('user.manage', (actor) => hasRole(actor, ...ADMINS));
// The audit hash chain covers every town's records, so only the district office and administrators check it.
allow<Anyone>('audit.verify', (actor) => hasRole(actor, ...AUDITORS));
