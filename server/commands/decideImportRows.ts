// 导入镇街任务表, step 2: the user answers for the rows that look like workshops already on the register.
import type { DuplicateDecision, ImportDecisionResultDto, ImportMatch } from '../../domain/imports.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { conflict, invalid } from '../errors.js';
import { writeAudit } from '../repositories/audit.js';
import { countUndecidedRows, findStagedRows, setRowDecision } from '../repositories/imports.js';
import { loadImport } from './lib/importRecord.js';

/**
 * Records the user's answer for rows that look like workshops already on the register: 'same' (the
 * row is that workshop: it will not be imported and is linked to it; `enterpriseId` picks among
 * several matches, else the first) or 'different' (it will be imported, the decision kept in its
 * audit record). Only while the import awaits confirmation; rows without matches are refused.
 */
export async function decideImportRows(
  ctx: AppContext,
  actor: Actor,
  input: { id: number; rowNos: number[]; decision: DuplicateDecision; enterpriseId?: number },
): Promise<ImportDecisionResultDto> {
  const { id } = input;
  const header = await loadImport(ctx.db, actor, id, 'import.confirm');
  if (header.status !== 'preview') throw conflict(header.status === 'confirmed' ? '该文件已确认导入，不能再修改' : '该导入已放弃');
  if (input.enterpriseId !== undefined && (input.decision !== 'same' || input.rowNos.length !== 1))
    throw invalid('只有把单独一行标为“同一场所”时才能指定企业', [{ path: 'enterpriseId', message: '只能与单独一行的“同一场所”一起使用' }]);
  return inTransaction(ctx.db, async (trx) => {
    const rows = await findStagedRows(trx, id, input.rowNos);
    const found = new Map(rows.map((r) => [r.row_no, r]));
    const missing = input.rowNos.filter((n) => !found.get(n)?.matches);
    if (missing.length)
      throw invalid(`第 ${missing.slice(0, 10).join('、')} 行没有疑似重复的企业，无需选择`, [{ path: 'rowNos', message: '只能对疑似重复的行作出选择' }]);
    const linked: { rowNo: number; enterpriseId: number | null }[] = [];
    for (const rowNo of input.rowNos) {
      const matches = JSON.parse(found.get(rowNo)!.matches!) as ImportMatch[];
      let linkedId: number | null = null;
      if (input.decision === 'same') {
        linkedId = input.enterpriseId ?? matches[0].id;
        if (!matches.some((m) => m.id === linkedId))
          throw invalid('所选企业不是这一行的疑似重复企业', [{ path: 'enterpriseId', message: '请从疑似重复的企业中选择' }]);
      }
      linked.push({ rowNo, enterpriseId: linkedId });
    }
    for (const l of linked) await setRowDecision(trx, id, l.rowNo, input.decision, l.enterpriseId);
    await writeAudit(trx, {
      actor,
      action: 'import.decide',
      entityType: 'import',
      entityId: id,
      scopePath: header.town_path,
      after: { decision: input.decision, rows: linked },
    });
    const undecided = await countUndecidedRows(trx, id);
    return { decided: linked.length, undecided };
  });
}
