// Housekeeping run hourly by `qudi start`: uploads a stopped server left half-staged are removed.
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { deleteStagingImport, staleStagingImportIds } from '../repositories/imports.js';

/**
 * Removes uploads still 'staging' after `olderThanMinutes` (60): a preview is staged in minutes,
 * so such a record is what a server stopped mid-upload left behind. It was never listed or
 * confirmable and nobody asks for its removal, so there is no actor to authorize and nothing to
 * audit. Answers how many were removed.
 */
export async function removeStaleImports(ctx: AppContext, input: { olderThanMinutes?: number } = {}): Promise<number> {
  const cutoff = new Date(Date.now() - (input.olderThanMinutes ?? 60) * 60_000).toISOString();
  const stale = await staleStagingImportIds(ctx.db, cutoff);
  // One transaction per upload, as each is independent of the others.
  for (const id of stale) await inTransaction(ctx.db, (trx) => deleteStagingImport(trx, id));
  return stale.length;
}
