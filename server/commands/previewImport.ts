// 导入镇街任务表, step 1: an uploaded task table (附件2) is parsed, checked and staged in import_rows
// for the preview; nothing is written to the register until confirmImport.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { ImportColumn } from '../../domain/imports.js';
import { nowIso } from '../../domain/time.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { invalid } from '../errors.js';
import { fileHead, fileSha256 as sha256 } from '../imports/fileFacts.js';
import { fileKindOf } from '../imports/parse.js';
import { produceStaged, stageInWorker, type StageSink } from '../imports/stage.js';
import type { CheckedRow } from '../imports/validate.js';
import { authorize } from '../policies/index.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { deleteStagingImport, finishStaging, insertImportRows, insertStagingImport, readTownRegister } from '../repositories/imports.js';
import { findCampaignTown } from '../repositories/orgUnits.js';
import { registerMark } from './lib/importRegister.js';

export interface ImportPreview {
  id: number;
  rowCount: number;
  errorCount: number;
  /** Rows without errors that look like workshops already on the register (each needs a decision). */
  duplicateCount: number;
  /** The first rows (up to `firstRows` of the input); the rest are paged from import_rows. */
  rows: CheckedRow[];
  columns: ImportColumn[];
}

/**
 * Parses and checks an uploaded file (already on disk at `file`) and stages it for confirmation.
 * The rows stream from the parser through the checker into import_rows in batches: only the
 * current batch, the first `firstRows` rows (for the response) and the checker's duplicate keys
 * are kept. `onProgress` is told the number of rows staged so far after each batch.
 */
export async function previewImport(
  ctx: AppContext,
  actor: Actor,
  input: { townId: number; fileName: string; file: string; firstRows?: number; onProgress?: (rows: number) => void },
): Promise<ImportPreview> {
  const { fileName, file } = input;
  const firstRows = input.firstRows ?? Infinity;
  const campaign = await currentCampaign(ctx.db);
  const town = await findCampaignTown(ctx.db, campaign.rootPath, input.townId);
  if (!town) throw invalid('所选镇街不存在', [{ path: 'townId', message: '镇街不存在' }]);
  authorize(actor, 'import.create', { orgPath: town.path });
  const size = (await fs.promises.stat(file)).size;
  if (size === 0) throw invalid('上传的文件是空的', [{ path: 'file', message: '文件为空' }]);
  const kind = fileKindOf(fileName, await fileHead(file));

  const [hash, register] = await Promise.all([sha256(file), readTownRegister(ctx.db, campaign.id, town.id)]);
  // The fingerprint of exactly what the rows are checked against: confirming compares it (checkStillValid).
  const mark = registerMark(register);
  const context = { town: { id: town.id, name: town.name }, villages: register.villages, kinds: campaign.definition.workshopKinds, existing: register.workshops };

  let columns: ImportColumn[] = [];
  let id: number | null = null;
  let staged = 0;
  const first: CheckedRow[] = [];
  /** SHA-256 over every staged row as `row_no LF data LF`, in row order (imports.rows_sha256). */
  const rowsHash = createHash('sha256');
  // Unlike other commands, the batches are written outside a transaction, so that a long upload
  // does not hold the database; the import stays 'staging' (unlisted, not confirmable) until it is
  // complete, and a failure part-way removes what was staged.
  const sink: StageSink = {
    columns: (c) => (columns = c),
    batch: async (batch) => {
      if (id === null) id = await insertStagingImport(ctx.db, { townId: town.id, userId: actor.id, fileName, fileSha256: hash, columns, createdAt: nowIso(), registerMark: mark });
      const importId = id;
      // The rows' hash is taken here, in staging order, while a worker (if any) checks the next batch.
      for (const r of batch.rows) rowsHash.update(`${r[0]}\n${r[2]}\n`);
      await insertImportRows(ctx.db, importId, batch.rows);
      for (const r of batch.first) first.push(r);
      staged += batch.rows.length;
      input.onProgress?.(staged);
    },
  };
  try {
    // A large file is parsed and checked in a worker thread while this one writes the batches.
    const summary =
      size >= ctx.config.importWorkerMinBytes
        ? await stageInWorker({ file, kind, context, firstRows }, sink)
        : await produceStaged(file, kind, context, firstRows, sink);
    if (id === null) throw invalid('表格中没有数据行：表头下方没有可导入的企业', [{ path: 'file', message: '没有数据行' }]);
    await finishStaging(ctx.db, id, { rowCount: summary.rowCount, errorCount: summary.errorCount, duplicateCount: summary.duplicateCount, rowsSha256: rowsHash.digest('hex') });
    return { id, rowCount: summary.rowCount, errorCount: summary.errorCount, duplicateCount: summary.duplicateCount, rows: first, columns: summary.columns };
  } catch (err) {
    if (id !== null) {
      const stagedId: number = id;
      await inTransaction(ctx.db, (trx) => deleteStagingImport(trx, stagedId));
    }
    throw err;
  }
}
