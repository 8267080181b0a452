import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
type AnyDb = Kysely<any>;

/** Slot reserved for issue 4 (010_attachments); filled in by the change that needs it. */
export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  void db;
  void dialect;
}
