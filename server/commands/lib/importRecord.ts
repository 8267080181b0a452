// Loading a task-table import for a command, shared by the import commands.
import type { Actor } from '../../auth/actor.js';
import type { Db } from '../../db/schema.js';
import { notFound } from '../../errors.js';
import { authorize, importSubject } from '../../policies/index.js';
import { findImport, type ImportHeader } from '../../repositories/imports.js';

/** The refusal for an import that does not exist or lies outside the actor's towns. */
export const IMPORT_NOT_FOUND = '导入记录不存在或不在您的管辖范围内';

/** The import, if it exists and the actor may `action` it (404 when out of sight, 403 when only readable). */
export async function loadImport(db: Db, actor: Actor, id: number, action: string): Promise<ImportHeader> {
  const header = await findImport(db, id);
  if (!header) throw notFound(IMPORT_NOT_FOUND);
  authorize(actor, action, importSubject(header), 'import.read');
  return header;
}
