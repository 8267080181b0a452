// The one way a command opens a transaction: the change, its audit record and anything else it
// writes commit together or not at all (audit inside the transaction, STYLE.md §11).
import type { Db } from './schema.js';

/** Runs `work` in a transaction of `db` (or, given a transaction already, inside it). */
export function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db);
  return db.transaction().execute(work);
}
