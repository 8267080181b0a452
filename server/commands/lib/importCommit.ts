// Confirming an import: the staged rows become workshops inside the confirming command's
// transaction (set-based SQL in repositories/imports.ts), each audited.
import type { Actor } from '../../auth/actor.js';
import type { Db } from '../../db/schema.js';
import { INPUT_DEFAULTS } from '../../imports/stagedInput.js';
import { writeAuditBatch, type AuditEntry } from '../../repositories/audit.js';
import type { CampaignRecord } from '../../repositories/campaigns.js';
import { addImportedCounts, setBulkCounting } from '../../repositories/dashboard.js';
import { newWorkshopState } from '../../repositories/enterprises.js';
import {
  importedRange,
  importedWorkshops,
  insertImportedItems,
  indexImportedWorkshops,
  insertStagedWorkshops,
  keyUnkeyedImported,
  lastEnterpriseId,
  rowsJudgedDifferent,
  rowsLinkedAsSame,
} from '../../repositories/imports.js';
import { nowIso } from '../../../domain/time.js';
import { checkStillValid, matchIds, READ_CHUNK, type ImportTown } from './importRegister.js';

/**
 * Writes the import's workshops, their standard items and one `enterprise.create` audit record
 * each (with the import and row it came from, and the registered workshops the user judged it
 * different from); and for rows linked as the same site an `enterprise.import_linked` record on
 * that workshop. Answers the counts.
 */
export async function commitImport(
  trx: Db,
  actor: Actor,
  campaign: CampaignRecord,
  town: ImportTown,
  importId: number,
  preview: { registerMark: string | null; duplicateCount: number },
): Promise<{ imported: number; linked: number }> {
  await checkStillValid(trx, campaign, town, importId, preview.registerMark);
  const now = nowIso();
  const state = newWorkshopState(actor, now);
  const before = await lastEnterpriseId(trx);

  // The dashboard's count triggers stay off for the rows below, whose counts are added in one go.
  await setBulkCounting(trx, true);
  await insertStagedWorkshops(trx, { campaignId: campaign.id, town, importId, state, defaults: INPUT_DEFAULTS });
  const range = await importedRange(trx, importId, before);
  const imported = range.imported;
  if (imported > 0) {
    await keyUnkeyedImported(trx, importId, before);
    await indexImportedWorkshops(trx, importId, range.first, range.last);
    const codes = campaign.definition.standardItems.map((i) => i.code);
    await insertImportedItems(trx, importId, range.first, range.last, codes);
    await addImportedCounts(trx, importId, range.first, range.last, codes);

    // One audit record per workshop, naming the import row it came from: the row's full content
    // stays in import_rows, whose hash (imports.rows_sha256) the import's own audit record carries.
    // The registered workshops a row was judged different from, for the rows that had any.
    const distinctFrom = new Map<number, number[]>();
    if (preview.duplicateCount > 0) for (const r of await rowsJudgedDifferent(trx, importId)) if (r.matches) distinctFrom.set(r.row_no, matchIds(r.matches));
    let last = before;
    for (;;) {
      const rows = await importedWorkshops(trx, importId, last, range.last, READ_CHUNK);
      if (rows.length === 0) break;
      const entries: AuditEntry[] = rows.map((r) => {
        const known = distinctFrom.get(r.import_row!);
        return {
          actor,
          action: 'enterprise.create',
          entityType: 'enterprise',
          entityId: r.id,
          scopePath: r.org_path,
          after: { name: r.name, importId, importRow: r.import_row, ...(known?.length ? { confirmedDistinctFrom: known } : {}) },
        };
      });
      last = Number(rows[rows.length - 1].id);
      await writeAuditBatch(trx, entries);
    }
  }

  await setBulkCounting(trx, false);

  // Only rows the preview found matches for can have been linked as the same site.
  const links = preview.duplicateCount === 0 ? [] : await rowsLinkedAsSame(trx, importId);
  await writeAuditBatch(
    trx,
    links.map((r) => ({
      actor,
      action: 'enterprise.import_linked',
      entityType: 'enterprise',
      entityId: r.linked_id!,
      scopePath: town.path,
      after: { importId, importRow: r.row_no, values: (JSON.parse(r.data) as { values: Record<string, string> }).values },
    })),
  );
  return { imported, linked: links.length };
}
