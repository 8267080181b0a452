// Departments (职能部门): matched by code across campaigns, their names and duties kept current.
import type { Kysely } from 'kysely';
import type { DepartmentDef } from '../../domain/campaign.js';
import type { Database } from '../db/schema.js';

/** Inserts the department, or brings its name, duties and order up to date; answers its id. */
export async function upsertDepartment(db: Kysely<Database>, d: DepartmentDef, sort: number): Promise<number> {
  const found = await db.selectFrom('departments').select('id').where('code', '=', d.code).executeTakeFirst();
  if (found) {
    await db.updateTable('departments').set({ name: d.name, duties: JSON.stringify(d.duties), sort }).where('id', '=', found.id).execute();
    return found.id;
  }
  const { id } = await db.insertInto('departments').values({ code: d.code, name: d.name, duties: JSON.stringify(d.duties), sort }).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function listDepartments(db: Kysely<Database>) {
  return db.selectFrom('departments').selectAll().orderBy('sort').execute();
}

/** A department by its code, or undefined. */
export async function findDepartmentByCode(db: Kysely<Database>, code: string) {
  return db.selectFrom('departments').selectAll().where('code', '=', code).executeTakeFirst();
}

/** A department by its id, or undefined. */
export async function findDepartmentById(db: Kysely<Database>, id: number) {
  return db.selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirst();
}
