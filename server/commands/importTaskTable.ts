// Import of a town's task table (附件2): upload → preview (staged in import_rows, nothing in the
// register) → confirm (all valid rows become workshops in one transaction, each audited).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { AppContext } from '../context.js';
import { bulkInsert } from '../db/bulk.js';
import { toNumber } from '../db/dialect.js';
import type { Database } from '../db/schema.js';
import { conflict, invalid, notFound } from '../errors.js';
import { fileKindOf, type ColumnMapping } from '../imports/parse.js';
import { importDb, findImport, readTownRegister, registerMark, type ImportHeader } from '../imports/repository.js';
import { commitImport } from '../imports/commit.js';
import { produceStaged, stageInWorker, type StageSink } from '../imports/stage.js';
import type { CheckedRow, ImportMatch } from '../imports/validate.js';
import { covers, type Actor } from '../auth/actor.js';
import { writeAudit } from '../repositories/audit.js';
import type { CampaignRecord } from '../repositories/campaigns.js';
import { nowIso } from '../../domain/time.js';
import { authorize } from '../policies/index.js';

export interface ImportPreview {
  id: number;
  rowCount: number;
  errorCount: number;
  /** Rows without errors that look like workshops already on the register (each needs a decision). */
  duplicateCount: number;
  /** The first rows (up to `firstRows` of createImport); the rest are paged from import_rows. */
  rows: CheckedRow[];
  columns: ColumnMapping[];
}

const STAGE_COLUMNS = ['import_id', 'row_no', 'seq_no', 'data', 'errors', 'has_errors', 'matches'] as const;

async function townInCampaign(ctx: AppContext, campaign: CampaignRecord, townId: number) {
  const town = await ctx.db.selectFrom('org_units').selectAll().where('id', '=', townId).executeTakeFirst();
  if (!town || town.kind !== 'town' || !town.path.startsWith(campaign.rootPath)) return undefined;
  return town;
}

async function sha256(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

async function fileHead(file: string): Promise<Buffer> {
  const fd = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.alloc(512);
    const { bytesRead } = await fd.read(buf, 0, 512, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fd.close();
  }
}

/**
 * Parses and checks an uploaded file (already on disk) and stages it for confirmation. The rows
 * stream from the parser through the checker into import_rows in batches: only the current batch,
 * the first `firstRows` rows (for the response) and the checker's duplicate keys are kept.
 * `onProgress` is told the number of rows staged so far after each batch.
 */
export async function createImport(
  ctx: AppContext,
  actor: Actor,
  campaign: CampaignRecord,
  townId: number,
  fileName: string,
  file: string,
  opts: { firstRows?: number; onProgress?: (rows: number) => void } = {},
): Promise<ImportPreview> {
  const firstRows = opts.firstRows ?? Infinity;
  const town = await townInCampaign(ctx, campaign, townId);
  if (!town) throw invalid('所选镇街不存在', [{ path: 'townId', message: '镇街不存在' }]);
  authorize(actor, 'import.create', { orgPath: town.path });
  const size = (await fs.promises.stat(file)).size;
  if (size === 0) throw invalid('上传的文件是空的', [{ path: 'file', message: '文件为空' }]);
  const kind = fileKindOf(fileName, await fileHead(file));

  const [hash, register] = await Promise.all([sha256(file), readTownRegister(ctx.db, campaign.id, town.id)]);
  // The fingerprint of exactly what the rows are checked against: confirming compares it (checkStillValid).
  const mark = registerMark(register);
  const context = { town: { id: town.id, name: town.name }, villages: register.villages, kinds: campaign.definition.workshopKinds, existing: register.workshops };
  const idb = importDb(ctx.db);

  let columns: ColumnMapping[] = [];
  let id: number | null = null;
  let staged = 0;
  const first: CheckedRow[] = [];
  /** SHA-256 over every staged row as `row_no LF data LF`, in row order (imports.rows_sha256). */
  const rowsHash = createHash('sha256');
  // Batches are written outside a transaction, so that a long upload does not hold the database;
  // the import stays 'staging' (unlisted, not confirmable) until it is complete, and a
  // failure part-way removes what was staged.
  const sink: StageSink = {
    columns: (c) => (columns = c),
    batch: async (batch) => {
      if (id === null)
        id = (
          await idb
            .insertInto('imports')
            .values({
              town_id: town.id,
              user_id: actor.id,
              file_name: fileName,
              file_sha256: hash,
              row_count: 0,
              error_count: 0,
              columns: JSON.stringify(columns),
              status: 'staging',
              created_at: nowIso(),
              confirmed_at: null,
              rows_sha256: null,
              register_mark: mark,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      const importId = id;
      // The rows' hash is taken here, in staging order, while a worker (if any) checks the next batch.
      for (const r of batch.rows) rowsHash.update(`${r[0]}\n${r[2]}\n`);
      await bulkInsert(ctx.db, 'import_rows' as keyof Database & string, STAGE_COLUMNS, batch.rows.map((r) => [importId, ...r]));
      for (const r of batch.first) first.push(r);
      staged += batch.rows.length;
      opts.onProgress?.(staged);
    },
  };
  try {
    // A large file is parsed and checked in a worker thread while this one writes the batches.
    const summary =
      size >= ctx.config.importWorkerMinBytes
        ? await stageInWorker({ file, kind, context, firstRows }, sink)
        : await produceStaged(file, kind, context, firstRows, sink);
    if (id === null) throw invalid('表格中没有数据行：表头下方没有可导入的企业', [{ path: 'file', message: '没有数据行' }]);
    await idb
      .updateTable('imports')
      .set({ row_count: summary.rowCount, error_count: summary.errorCount, duplicate_count: summary.duplicateCount, rows_sha256: rowsHash.digest('hex'), status: 'preview' })
      .where('id', '=', id)
      .execute();
    return { id, rowCount: summary.rowCount, errorCount: summary.errorCount, duplicateCount: summary.duplicateCount, rows: first, columns: summary.columns };
  } catch (err) {
    if (id !== null) {
      const stagedId: number = id;
      await importDb(ctx.db).transaction().execute(async (trx) => {
        await trx.deleteFrom('import_rows').where('import_id', '=', stagedId).execute();
        await trx.deleteFrom('imports').where('id', '=', stagedId).execute();
      });
    }
    throw err;
  }
}

/**
 * Removes uploads still 'staging' after `olderThanMinutes`: a preview is staged in minutes, so
 * such a record is what a server stopped mid-upload left behind (it was never listed or
 * confirmable). Answers how many were removed.
 */
export async function removeStaleStaging(ctx: AppContext, olderThanMinutes = 60): Promise<number> {
  const cutoff = new Date(Date.now() - olderThanMinutes * 60_000).toISOString();
  const idb = importDb(ctx.db);
  const stale = await idb.selectFrom('imports').select('id').where('status', '=', 'staging').where('created_at', '<', cutoff).execute();
  for (const { id } of stale)
    await idb.transaction().execute(async (trx) => {
      await trx.deleteFrom('import_rows').where('import_id', '=', id).execute();
      await trx.deleteFrom('imports').where('id', '=', id).where('status', '=', 'staging').execute();
    });
  return stale.length;
}

/** The import, if it exists and its town is within the actor's import scope (else 404). */
export async function loadImport(ctx: AppContext, actor: Actor, id: number, action: string): Promise<ImportHeader> {
  const header = await findImport(ctx.db, id);
  if (!header) throw notFound('导入记录不存在或不在您的管辖范围内');
  authorize(actor, action, { orgPath: header.town_path }, 'import.read');
  void actor;
  return header;
}

export type DuplicateDecision = 'same' | 'different';

/**
 * Records the user's answer for rows that look like workshops already on the register: 'same' (the
 * row is that workshop: it will not be imported and is linked to it; `enterpriseId` picks among
 * several matches, else the first) or 'different' (it will be imported, the decision kept in its
 * audit record). Only while the import awaits confirmation; rows without matches are refused.
 */
export async function decideImportRows(
  ctx: AppContext,
  actor: Actor,
  id: number,
  decision: { rowNos: number[]; decision: DuplicateDecision; enterpriseId?: number },
): Promise<{ decided: number; undecided: number }> {
  const header = await loadImport(ctx, actor, id, 'import.confirm');
  if (header.status !== 'preview') throw conflict(header.status === 'confirmed' ? '该文件已确认导入，不能再修改' : '该导入已放弃');
  if (decision.enterpriseId !== undefined && (decision.decision !== 'same' || decision.rowNos.length !== 1))
    throw invalid('只有把单独一行标为“同一场所”时才能指定企业', [{ path: 'enterpriseId', message: '只能与单独一行的“同一场所”一起使用' }]);
  return ctx.db.transaction().execute(async (trx) => {
    const idb = importDb(trx);
    const rows = await idb
      .selectFrom('import_rows')
      .select(['row_no', 'matches', 'has_errors'])
      .where('import_id', '=', id)
      .where('row_no', 'in', decision.rowNos)
      .execute();
    const found = new Map(rows.map((r) => [r.row_no, r]));
    const missing = decision.rowNos.filter((n) => !found.get(n)?.matches);
    if (missing.length)
      throw invalid(`第 ${missing.slice(0, 10).join('、')} 行没有疑似重复的企业，无需选择`, [{ path: 'rowNos', message: '只能对疑似重复的行作出选择' }]);
    const linked: { rowNo: number; enterpriseId: number | null }[] = [];
    for (const rowNo of decision.rowNos) {
      const matches = JSON.parse(found.get(rowNo)!.matches!) as ImportMatch[];
      let linkedId: number | null = null;
      if (decision.decision === 'same') {
        linkedId = decision.enterpriseId ?? matches[0].id;
        if (!matches.some((m) => m.id === linkedId))
          throw invalid('所选企业不是这一行的疑似重复企业', [{ path: 'enterpriseId', message: '请从疑似重复的企业中选择' }]);
      }
      linked.push({ rowNo, enterpriseId: linkedId });
    }
    for (const l of linked)
      await idb.updateTable('import_rows').set({ decision: decision.decision, linked_id: l.enterpriseId }).where('import_id', '=', id).where('row_no', '=', l.rowNo).execute();
    await writeAudit(trx, {
      actor,
      action: 'import.decide',
      entityType: 'import',
      entityId: id,
      scopePath: header.town_path,
      after: { decision: decision.decision, rows: linked },
    });
    const undecided = await undecidedCount(trx, id);
    return { decided: linked.length, undecided };
  });
}

/** Rows of the import that look like registered workshops and still await the user's decision. */
export async function undecidedCount(db: AppContext['db'], id: number): Promise<number> {
  const r = await importDb(db)
    .selectFrom('import_rows')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('import_id', '=', id)
    .where('has_errors', '=', 0)
    .where('matches', 'is not', null)
    .where('decision', 'is', null)
    .executeTakeFirstOrThrow();
  return toNumber(r.n as string | number);
}

export async function confirmImport(
  ctx: AppContext,
  actor: Actor,
  campaign: CampaignRecord,
  id: number,
  skipErrorRows: boolean,
): Promise<{ imported: number; linked: number; skipped: number }> {
  const header = await loadImport(ctx, actor, id, 'import.confirm');
  if (header.status !== 'preview') throw conflict(header.status === 'confirmed' ? '该文件已确认导入，不能重复导入' : '该导入已放弃');
  if (header.error_count > 0 && !skipErrorRows)
    throw conflict(`有 ${header.error_count} 行存在错误：请修改表格后重新上传，或选择“跳过错误行并导入”`);
  const town = await townInCampaign(ctx, campaign, header.town_id);
  if (!town) throw notFound('导入记录不存在或不在您的管辖范围内');
  // Rows that look like registered workshops are counted at preview; without any, none await a decision.
  const undecided = header.duplicate_count > 0 ? await undecidedCount(ctx.db, id) : 0;
  if (undecided > 0)
    throw conflict(`有 ${undecided} 行与台账中已有的企业疑似重复：请逐行选择“同一场所”（不导入）或“不同企业”（导入）后再确认`);

  return ctx.db.transaction().execute(async (trx) => {
    const idb = importDb(trx);
    const at = nowIso();
    const claimed = await idb.updateTable('imports').set({ status: 'confirmed', confirmed_at: at }).where('id', '=', id).where('status', '=', 'preview').executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) throw conflict('该文件已确认导入，不能重复导入');
    if (!covers(actor, town.path, ['office', 'town', 'town_head'])) throw notFound('导入记录不存在或不在您的管辖范围内');
    const { imported, linked: linkedCount } = await commitImport(trx, actor, campaign, town, id, { registerMark: header.register_mark, duplicateCount: header.duplicate_count });
    await idb.updateTable('imports').set({ imported_count: imported }).where('id', '=', id).execute();
    const skipped = header.row_count - imported - linkedCount;
    await writeAudit(trx, {
      actor,
      action: 'import.confirm',
      entityType: 'import',
      entityId: id,
      scopePath: town.path,
      after: { fileName: header.file_name, fileSha256: header.file_sha256, rowsSha256: header.rows_sha256, townId: town.id, rowCount: header.row_count, imported, linked: linkedCount, skipped },
    });
    return { imported, linked: linkedCount, skipped };
  });
}
