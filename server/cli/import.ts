// `qudi import FILE --town 名称 [--skip-errors] [--duplicates same|different]`: the same preview,
// decisions and confirmation as the web page (the same commands), run as the district office on
// behalf of the first administrator (who is recorded as the importer).
import path from 'node:path';
import { enterpriseFieldLabels } from '../../domain/i18n/labels.zh-CN.js';
import type { DuplicateDecision } from '../../domain/imports.js';
import type { Actor } from '../auth/actor.js';
import { confirmImport } from '../commands/confirmImport.js';
import { decideImportRows } from '../commands/decideImportRows.js';
import { previewImport } from '../commands/previewImport.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { presentImportRow } from '../presenters/import.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { listImportRows } from '../repositories/imports.js';
import { findOrgUnitByName } from '../repositories/orgUnits.js';
import { findFirstActiveAdmin } from '../repositories/users.js';

const FIELD_LABELS: Record<string, string> = { ...enterpriseFieldLabels, seqNo: '序号' };

/** Staged rows listed per query. */
const PAGE = 500;

export async function runImportCli(
  ctx: AppContext,
  file: string,
  opts: { town: string; skipErrors?: boolean; duplicates?: DuplicateDecision },
  log: (line: string) => void,
): Promise<number> {
  const campaign = await currentCampaign(ctx.db);
  const town = (await findOrgUnitByName(ctx.db, opts.town.trim(), 'town')).find((t) => t.parent_id === campaign.rootId);
  if (!town) throw new AppError('validation_failed', `找不到镇街“${opts.town}” / no such town`);
  const admin = await findFirstActiveAdmin(ctx.db);
  if (!admin) throw new AppError('validation_failed', '还没有管理员账号：请先运行 qudi start 创建 / no administrator yet: run qudi start first');
  const actor: Actor = {
    id: admin.id,
    username: admin.username,
    displayName: `命令行导入（${admin.username}）`,
    grants: [{ role: 'office', orgUnitId: campaign.rootId, orgUnitName: null, departmentId: null, departmentCode: null, departmentName: null, readPrefixes: [campaign.rootPath] }],
  };

  const preview = await previewImport(ctx, actor, { townId: town.id, fileName: path.basename(file), file: path.resolve(file), firstRows: 0 });
  log(`读取 ${preview.rowCount} 行，${preview.errorCount} 行有错误（导入编号 ${preview.id}）/ ${preview.rowCount} rows, ${preview.errorCount} with errors`);
  for (let page = 1; (page - 1) * PAGE < preview.errorCount; page++) {
    const { rows } = await listImportRows(ctx.db, preview.id, { filter: 'errors', page, pageSize: PAGE });
    for (const r of rows.map(presentImportRow))
      for (const e of r.errors) log(`  第 ${r.rowNo} 行${r.seqNo ? `（序号 ${r.seqNo}）` : ''} ${FIELD_LABELS[e.field] ?? e.field}：${e.message}`);
  }
  if (preview.errorCount > 0 && !opts.skipErrors) {
    log('未导入：请修改表格后重新导入，或加 --skip-errors 跳过错误行 / nothing imported: fix the file or pass --skip-errors');
    return 1;
  }
  if (preview.duplicateCount > 0) {
    log(`${preview.duplicateCount} 行与台账中已有的企业疑似重复 / ${preview.duplicateCount} rows look like workshops already registered:`);
    const rowNos: number[] = [];
    for (let page = 1; (page - 1) * PAGE < preview.duplicateCount; page++) {
      const { rows } = await listImportRows(ctx.db, preview.id, { filter: 'undecided', page, pageSize: PAGE });
      for (const r of rows.map(presentImportRow)) {
        rowNos.push(r.rowNo);
        log(`  第 ${r.rowNo} 行${r.seqNo ? `（序号 ${r.seqNo}）` : ''}：疑似台账中的 ${r.matches.map((m) => `“${m.name}”（编号 ${m.id}，${m.reasons.map((x) => (x === 'phone' ? '电话相同' : '名称相近')).join('、')}）`).join('；')}`);
      }
    }
    if (!opts.duplicates) {
      log('未导入：请在网页上逐行选择，或加 --duplicates same（同一场所，不导入）/ --duplicates different（不同企业，导入）/ nothing imported: decide on the web page or pass --duplicates same|different');
      return 1;
    }
    for (let i = 0; i < rowNos.length; i += 1000) await decideImportRows(ctx, actor, { id: preview.id, rowNos: rowNos.slice(i, i + 1000), decision: opts.duplicates });
  }
  const result = await confirmImport(ctx, actor, { id: preview.id, skipErrorRows: true });
  log(
    `已导入 ${result.imported} 家企业${result.linked ? `，${result.linked} 行确认为台账中的同一场所` : ''}${result.skipped ? `，跳过 ${result.skipped} 行` : ''} / imported ${result.imported}, linked ${result.linked}, skipped ${result.skipped}`,
  );
  return 0;
}
