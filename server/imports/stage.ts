// Reading and checking an uploaded task table into the rows staged in import_rows. The same
// function runs in the request's thread (small files) or in a worker thread (large ones), so that
// parsing and checking one batch overlaps with the database writing the previous one.
import type { Worker } from 'node:worker_threads';
import { workshopNameKey } from '../../domain/duplicates.js';
import { AppError } from '../errors.js';
import { startModuleWorker } from '../workers/moduleWorker.js';
import { compactInput } from './stagedInput.js';
import { streamFileBatches, type ColumnMapping, type FileKind } from './parse.js';
import { RowChecker, type CheckedRow, type ImportContext } from './validate.js';

/** Rows per staged batch (one multi-row INSERT). */
export const STAGE_BATCH = 1000;

/** One import_rows row: row_no, seq_no, data, errors, has_errors, matches. */
export type StagedRow = [rowNo: number, seqNo: string | null, data: string, errors: string, hasErrors: 0 | 1, matches: string | null];

export interface StagedBatch {
  rows: StagedRow[];
  /** The checked rows of this batch that fall within the first `firstRows` (for the preview response). */
  first: CheckedRow[];
}

export interface StageSummary {
  columns: ColumnMapping[];
  rowCount: number;
  errorCount: number;
  duplicateCount: number;
}

export interface StageSink {
  /** The header was found: the columns and what they feed. */
  columns(columns: ColumnMapping[]): void;
  /** A batch to write; the next one is produced while this promise is pending. */
  batch(batch: StagedBatch): Promise<void>;
}

/**
 * A staged row's JSON: what the sheet says (for the preview) and, when valid, the register input
 * (without its default fields) with its name key, which the database reads on confirm.
 */
function stagedData(r: CheckedRow): string {
  if (!r.input) return JSON.stringify({ values: r.values, input: null });
  return JSON.stringify({ values: r.values, input: compactInput(r.input), nameKey: workshopNameKey(r.input.name) });
}

/** Parses and checks the file, handing staged rows to `sink` in batches; answers the totals. */
export async function produceStaged(file: string, kind: FileKind, context: ImportContext, firstRows: number, sink: StageSink): Promise<StageSummary> {
  const checker = new RowChecker(context);
  let columns: ColumnMapping[] = [];
  let rowCount = 0;
  let errorCount = 0;
  let duplicateCount = 0;
  let pending: Promise<void> = Promise.resolve();
  let batch: StagedBatch = { rows: [], first: [] };
  const send = async () => {
    if (batch.rows.length === 0) return;
    const full = batch;
    batch = { rows: [], first: [] };
    // One batch in flight: check the next rows while the previous ones are written.
    await pending;
    pending = sink.batch(full);
  };
  for await (const rows of streamFileBatches(file, kind, (c) => {
    columns = c;
    sink.columns(c);
  })) {
    for (const row of rows) {
      const r = checker.check(row);
      rowCount++;
      if (r.errors.length > 0) errorCount++;
      else if (r.matches.length > 0) duplicateCount++;
      if (rowCount <= firstRows) batch.first.push(r);
      const data = stagedData(r);
      batch.rows.push([r.rowNo, r.seqNo, data, r.errors.length ? JSON.stringify(r.errors) : '[]', r.errors.length ? 1 : 0, r.matches.length ? JSON.stringify(r.matches) : null]);
      if (batch.rows.length >= STAGE_BATCH) await send();
    }
  }
  await send();
  await pending;
  return { columns, rowCount, errorCount, duplicateCount };
}

// --- the worker thread ---

interface WorkerInput {
  file: string;
  kind: FileKind;
  context: ImportContext;
  firstRows: number;
}

type WorkerMessage =
  | { type: 'columns'; columns: ColumnMapping[] }
  | { type: 'batch'; batch: StagedBatch }
  | { type: 'done'; summary: StageSummary }
  | { type: 'error'; error: { app: boolean; code?: string; detail?: string; errors?: unknown; extra?: unknown; message: string } };

/** Batches the worker may send ahead of the database (bounds the memory they take in between). */
const WORKER_CREDITS = 3;

/** The staging worker (stageWorker.ts), with a heap of its own, bounded. */
function startWorker(input: WorkerInput): Worker {
  return startModuleWorker(import.meta.url, 'stageWorker', input, { maxOldGenerationSizeMb: 96 });
}

/**
 * produceStaged in a worker thread: the worker parses and checks, this thread writes. Errors in
 * the worker (e.g. a file without a header) come back as the same AppError.
 */
export function stageInWorker(input: WorkerInput, sink: StageSink): Promise<StageSummary> {
  const worker = startWorker(input);
  return new Promise<StageSummary>((resolve, reject) => {
    let settled = false;
    let chain: Promise<void> = Promise.resolve();
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      reject(err);
    };
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'columns') sink.columns(m.columns);
      else if (m.type === 'batch')
        chain = chain.then(() => sink.batch(m.batch)).then(() => {
          if (!settled) worker.postMessage('ack');
        }, fail);
      else if (m.type === 'done')
        chain.then(() => {
          if (settled) return;
          settled = true;
          resolve(m.summary);
        }, fail);
      else {
        const e = m.error;
        fail(e.app ? new AppError(e.code as AppError['code'], e.detail, e.errors as AppError['errors'], e.extra as AppError['extra']) : new Error(e.message));
      }
    });
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (!settled && code !== 0) fail(new Error(`import worker exited with code ${code}`));
    });
  }).finally(() => void worker.terminate());
}

/** The worker's side: runs produceStaged and posts batches, at most WORKER_CREDITS unacknowledged. */
export async function runStageWorker(port: { postMessage(m: WorkerMessage): void; on(event: 'message', fn: (m: unknown) => void): void }, input: WorkerInput): Promise<void> {
  let credits = WORKER_CREDITS;
  let wake: (() => void) | null = null;
  port.on('message', (m) => {
    if (m === 'ack') {
      credits++;
      wake?.();
      wake = null;
    }
  });
  try {
    const summary = await produceStaged(input.file, input.kind, input.context, input.firstRows, {
      columns: (columns) => port.postMessage({ type: 'columns', columns }),
      batch: async (batch) => {
        while (credits === 0) await new Promise<void>((r) => (wake = r));
        credits--;
        port.postMessage({ type: 'batch', batch });
      },
    });
    port.postMessage({ type: 'done', summary });
  } catch (err) {
    const app = err instanceof AppError;
    port.postMessage({
      type: 'error',
      error: app ? { app, code: err.code, detail: err.detail, errors: err.errors, extra: err.extra, message: err.message } : { app, message: err instanceof Error ? err.stack ?? err.message : String(err) },
    });
  }
}
