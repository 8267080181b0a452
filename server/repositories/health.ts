import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/** Whether the database answers at all (GET /api/health). */
export async function databaseAnswers(db: Kysely<Database>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
