// 导入镇街任务表, step 3: the valid rows of a previewed import become workshops in one transaction,
// each audited, with the import's own audit record.
import type { ImportConfirmResult } from '../../domain/imports.js';
import { nowIso } from '../../domain/time.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { conflict, notFound } from '../errors.js';
import { can } from '../policies/index.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { claimImportForConfirm, countUndecidedRows, setImportedCount } from '../repositories/imports.js';
import { findCampaignTown } from '../repositories/orgUnits.js';
import { commitImport } from './lib/importCommit.js';
import { IMPORT_NOT_FOUND, loadImport } from './lib/importRecord.js';

/**
 * Confirms a previewed import: refused while rows have errors (unless `skipErrorRows`) or rows that
 * look like registered workshops await a decision, and when the register changed under the preview.
 */
export async function confirmImport(ctx: AppContext, actor: Actor, input: { id: number; skipErrorRows: boolean }): Promise<ImportConfirmResult> {
  const { id } = input;
  const campaign = await currentCampaign(ctx.db);
  const header = await loadImport(ctx.db, actor, id, 'import.confirm');
  if (header.status !== 'preview') throw conflict(header.status === 'confirmed' ? '该文件已确认导入，不能重复导入' : '该导入已放弃');
  if (header.error_count > 0 && !input.skipErrorRows)
    throw conflict(`有 ${header.error_count} 行存在错误：请修改表格后重新上传，或选择“跳过错误行并导入”`);
  const town = await findCampaignTown(ctx.db, campaign.rootPath, header.town_id);
  if (!town) throw notFound(IMPORT_NOT_FOUND);
  // Rows that look like registered workshops are counted at preview; without any, none await a decision.
  const undecided = header.duplicate_count > 0 ? await countUndecidedRows(ctx.db, id) : 0;
  if (undecided > 0)
    throw conflict(`有 ${undecided} 行与台账中已有的企业疑似重复：请逐行选择“同一场所”（不导入）或“不同企业”（导入）后再确认`);

  return inTransaction(ctx.db, async (trx) => {
    if (!(await claimImportForConfirm(trx, id, nowIso()))) throw conflict('该文件已确认导入，不能重复导入');
    // The town the rows go into, checked again inside the transaction that writes them.
    if (!can(actor, 'import.confirm', { orgPath: town.path })) throw notFound(IMPORT_NOT_FOUND);
    const { imported, linked } = await commitImport(trx, actor, campaign, town, id, { registerMark: header.register_mark, duplicateCount: header.duplicate_count });
    await setImportedCount(trx, id, imported);
    const skipped = header.row_count - imported - linked;
    await writeAudit(trx, {
      actor,
      action: 'import.confirm',
      entityType: 'import',
      entityId: id,
      scopePath: town.path,
      after: { fileName: header.file_name, fileSha256: header.file_sha256, rowsSha256: header.rows_sha256, townId: town.id, rowCount: header.row_count, imported, linked, skipped },
    });
    return { imported, linked, skipped };
  });
}
