import { covers, hasRole, type Actor } from './actor.js';
import { allow } from './registry.js';

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

/** Subject: the town the village is added to. */
allow<{ orgPath: string }>('village.create', (actor, town) => covers(actor, town.orgPath, ['office', 'town', 'town_head']));

allow<Anyone>('user.manage', (actor) => hasRole(actor, 'admin'));
// The audit hash chain covers every town's records, so only the district office and administrators check it.
allow<Anyone>('audit.verify', (actor) => hasRole(actor, 'admin', 'office'));
allow<Anyone>('session.read', () => true);

// Town reports: the town (or the office on its behalf) submits; only the town's principal signs.
allow<{ orgPath: string }>('report.submit', (actor, town) => covers(actor, town.orgPath, ['office', 'town', 'town_head']));
allow<{ orgPath: string }>('report.sign', (actor, town) => covers(actor, town.orgPath, ['town_head']));
allow<Anyone>('report.read', signedIn);

// Import of a town's task table: office, or the town's own staff/head. Subject: the town.
const IMPORT_ROLES = ['office', 'town', 'town_head'] as const;
allow<Anyone>('import.list', (actor) => hasRole(actor, ...IMPORT_ROLES));
allow<{ orgPath: string }>('import.create', (actor, town) => covers(actor, town.orgPath, IMPORT_ROLES));
allow<{ orgPath: string }>('import.read', (actor, town) => covers(actor, town.orgPath, IMPORT_ROLES));
allow<{ orgPath: string }>('import.confirm', (actor, town) => covers(actor, town.orgPath, IMPORT_ROLES));
