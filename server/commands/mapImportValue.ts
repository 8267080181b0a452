// 导入镇街任务表, in the preview: a value the sheet writes in a choice column (生产状况 “半停”) that the
// table of common forms (domain/importValues.ts) cannot tell is mapped, by the user, to one of the
// register's values for every row at once; those rows are checked again.
import { workshopNameKey } from '../../domain/duplicates.js';
import { choiceKey, choiceValue } from '../../domain/importValues.js';
import type { ImportRowError, ImportValueMapping, ImportValueMappingResultDto } from '../../domain/imports.js';
import { createHash } from 'node:crypto';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { conflict, invalid } from '../errors.js';
import { compactInput } from '../imports/stagedInput.js';
import { RowChecker, type ValueMappings } from '../imports/validate.js';
import type { DataRow } from '../imports/parse.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { recountImport, readTownRegister, restageRow, stagedErrorRows, stagedRowData } from '../repositories/imports.js';
import { loadImport } from './lib/importRecord.js';

interface StagedData {
  values: DataRow['values'];
  input: Record<string, unknown> | null;
  nameKey?: string;
  /** The user's mappings this row was checked with. */
  mappings?: ValueMappings;
}

export async function mapImportValue(ctx: AppContext, actor: Actor, input: { id: number } & ImportValueMapping): Promise<ImportValueMappingResultDto> {
  const { id, field, from, to } = input;
  const header = await loadImport(ctx.db, actor, id, 'import.confirm');
  if (header.status !== 'preview') throw conflict(header.status === 'confirmed' ? '该文件已确认导入，不能再修改' : '该导入已放弃');
  const known = choiceValue(field, from);
  if (known !== undefined) throw invalid(`“${from}”已能识别，无需对应`, [{ path: 'from', message: '该取值已能识别' }]);
  const key = choiceKey(from);
  const campaign = await currentCampaign(ctx.db);
  return inTransaction(ctx.db, async (trx) => {
    const register = await readTownRegister(trx, campaign.id, header.town_id);
    const rows = await stagedErrorRows(trx, id);
    let changed = 0;
    for (const row of rows) {
      const data = JSON.parse(row.data) as StagedData;
      const value = data.values[field];
      if (value === undefined || choiceKey(value) !== key) continue;
      const errors = (JSON.parse(row.errors) as ImportRowError[]).filter((e) => e.field !== field);
      const mappings: ValueMappings = { ...data.mappings, [field]: { ...data.mappings?.[field], [key]: to } };
      let next: StagedData = { ...data, mappings };
      if (errors.length === 0) {
        // Its only mistake was this value: check the row again, alone (its duplicates within the file
        // and its register matches were found at upload, and stand).
        const checker = new RowChecker({ town: { id: header.town_id, name: header.town_name }, villages: register.villages, kinds: campaign.definition.workshopKinds, existing: [], valueMappings: mappings });
        const checked = checker.check({ rowNo: row.row_no, values: { ...data.values } });
        errors.push(...checked.errors);
        if (checked.input && checked.errors.length === 0) next = { values: checked.values, input: compactInput(checked.input), nameKey: workshopNameKey(checked.input.name), mappings };
      }
      await restageRow(trx, id, row.row_no, { data: JSON.stringify(next), errors: JSON.stringify(errors), hasErrors: errors.length ? 1 : 0 });
      changed++;
    }
    if (changed === 0) throw invalid(`没有哪一行的该列是“${from}”`, [{ path: 'from', message: '表格中没有出错的行是这个取值' }]);
    // The rows' hash over every staged row, as the upload took it.
    const hash = createHash('sha256');
    for (let after = 0; ; ) {
      const page = await stagedRowData(trx, id, after, 5000);
      for (const r of page) hash.update(`${r.row_no}\n${r.data}\n`);
      if (page.length < 5000) break;
      after = page[page.length - 1].row_no;
    }
    const counts = await recountImport(trx, id, hash.digest('hex'));
    await writeAudit(trx, { actor, action: 'import.mapValue', entityType: 'import', entityId: id, scopePath: header.town_path, after: { field, from, to, rows: changed } });
    return { changed, ...counts };
  });
}
