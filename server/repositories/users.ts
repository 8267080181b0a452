import type { Kysely } from 'kysely';
import type { Role } from '../../domain/roles.js';
import type { Database, UserRow } from '../db/schema.js';
import type { Actor, Grant } from '../auth/actor.js';
import { nowIso } from '../../domain/time.js';
import type { CampaignRecord } from './campaigns.js';

export async function findUserByUsername(db: Kysely<Database>, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findUserById(db: Kysely<Database>, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUser(
  db: Kysely<Database>,
  u: { username: string; displayName: string; passwordHash: string },
): Promise<number> {
  const now = nowIso();
  const row = await db
    .insertInto('users')
    .values({ username: u.username, display_name: u.displayName, password_hash: u.passwordHash, active: 1, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A new password hash for the user (the password itself is never stored). */
export async function updatePasswordHash(db: Kysely<Database>, userId: number, passwordHash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash, updated_at: nowIso() }).where('id', '=', userId).execute();
}

export async function insertRoleAssignment(
  db: Kysely<Database>,
  a: { userId: number; role: Role; orgUnitId: number | null; departmentId: number | null; director?: boolean },
): Promise<void> {
  await db
    .insertInto('role_assignments')
    .values({ user_id: a.userId, role: a.role, org_unit_id: a.orgUnitId, department_id: a.departmentId, is_director: a.director ? 1 : 0 })
    .execute();
}

export interface GrantRow {
  role: string | null;
  org_unit_id: number | null;
  org_unit_name: string | null;
  org_path: string | null;
  department_id: number | null;
  department_code: string | null;
  department_name: string | null;
  is_director: number | null;
}

/** The role columns every actor query selects (role_assignments as ra, org_units as ou, departments as d). */
export const GRANT_COLUMNS = [
  'ra.role',
  'ra.org_unit_id',
  'ou.name as org_unit_name',
  'ou.path as org_path',
  'ra.department_id',
  'd.code as department_code',
  'd.name as department_name',
  'ra.is_director',
] as const;

/** The user with every grant resolved to the org-unit path prefixes it may read. */
export async function loadActor(db: Kysely<Database>, user: Pick<UserRow, 'id' | 'username' | 'display_name'>, campaign: CampaignRecord): Promise<Actor> {
  const rows = await db
    .selectFrom('role_assignments as ra')
    .leftJoin('org_units as ou', 'ou.id', 'ra.org_unit_id')
    .leftJoin('departments as d', 'd.id', 'ra.department_id')
    .select(GRANT_COLUMNS)
    .where('ra.user_id', '=', user.id)
    .orderBy('ra.id')
    .execute();
  return buildActor(db, user, rows, campaign);
}

/** Turns role rows into grants; a liaison's scope is the towns its department is paired with. */
export async function buildActor(
  db: Kysely<Database>,
  user: Pick<UserRow, 'id' | 'username' | 'display_name'>,
  rows: readonly GrantRow[],
  campaign: CampaignRecord,
): Promise<Actor> {
  const grants: Grant[] = [];
  for (const r of rows) {
    if (r.role === null) continue;
    const role = r.role as Role;
    let readPrefixes: string[];
    if (role === 'liaison') {
      const towns = r.department_id
        ? await db
            .selectFrom('liaison_pairs as lp')
            .innerJoin('org_units as ou', 'ou.id', 'lp.org_unit_id')
            .select('ou.path')
            .where('lp.campaign_id', '=', campaign.id)
            .where('lp.department_id', '=', r.department_id)
            .execute()
        : [];
      readPrefixes = towns.map((t) => t.path);
    } else {
      readPrefixes = [r.org_path ?? campaign.rootPath];
    }
    grants.push({
      role,
      orgUnitId: r.org_unit_id,
      orgUnitName: r.org_unit_name,
      departmentId: r.department_id,
      departmentCode: r.department_code,
      departmentName: r.department_name,
      readPrefixes,
      // Only an office grant can carry the director flag.
      director: role === 'office' && r.is_director === 1,
    });
  }
  return { id: user.id, username: user.username, displayName: user.display_name, grants };
}

/** Display names of users by id (for the people a record names). */
export async function userNames(db: Kysely<Database>, ids: (number | null)[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids.filter((i): i is number => i !== null))];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** Every account with each of its role assignments (one row per assignment), for the users page. */
export async function listUsersWithRoles(db: Kysely<Database>, limit: number) {
  return db
    .selectFrom('users as u')
    .leftJoin('role_assignments as ra', 'ra.user_id', 'u.id')
    .leftJoin('org_units as ou', 'ou.id', 'ra.org_unit_id')
    .leftJoin('departments as d', 'd.id', 'ra.department_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.active', 'ra.role', 'ou.name as org_unit_name', 'd.name as department_name'])
    .orderBy('u.id')
    .limit(limit)
    .execute();
}

/** Whether any account exists yet (first start creates the administrator when none does). */
export async function anyUser(db: Kysely<Database>): Promise<boolean> {
  return (await db.selectFrom('users').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** The first active administrator (lowest id), if any: the CLI acts on their behalf. */
export async function findFirstActiveAdmin(db: Kysely<Database>): Promise<{ id: number; username: string } | undefined> {
  return db
    .selectFrom('users')
    .innerJoin('role_assignments as r', 'r.user_id', 'users.id')
    .select(['users.id', 'users.username'])
    .where('r.role', '=', 'admin')
    .where('users.active', '=', 1)
    .orderBy('users.id')
    .executeTakeFirst();
}
