// Walks the audit log's hash chain in id order, in chunks, and reports the first broken link.
// Shared by `qudi audit verify` and the tests.
//
// The head is read first and only records up to its last id are walked: they are all committed
// (the head moves in the same transaction that writes them) and never legitimately change, so the
// walk needs no long-running transaction and concurrent appends do not disturb it.
import type { Db } from '../db/schema.js';
import { auditRowsInOrder, firstAuditIdAfter, readChainHead } from '../repositories/audit.js';
import { chainHash, GENESIS_HASH } from '../db/auditChain.js';

export type ChainBreakKind =
  /** audit_chain_head has no row. */
  | 'head_missing'
  /** A record's prev_hash is not the hash of the record before it: something before it was deleted, inserted or re-hashed. */
  | 'link'
  /** A record's content does not give its stored hash: it was changed after it was written. */
  | 'hash'
  /** The last record is not the one the head names: the newest records were deleted (or the head was changed). */
  | 'head'
  /** A record lies beyond the head: it was inserted behind the application's back. */
  | 'beyond_head';

export interface ChainBreak {
  kind: ChainBreakKind;
  /** The first record where the chain does not hold (for `head`, the record the head names). */
  id: number;
  /** The last good record before the break, if any. */
  previousId: number | null;
  expected: string;
  found: string;
}

export interface ChainReport {
  ok: boolean;
  /** Records checked and found intact (all of them when ok). */
  count: number;
  head: { lastId: number; lastHash: string } | null;
  break: ChainBreak | null;
}

export async function verifyAuditChain(db: Db, opts: { chunkSize?: number } = {}): Promise<ChainReport> {
  const chunkSize = opts.chunkSize ?? 1000;
  const headRow = await readChainHead(db);
  if (!headRow) return { ok: false, count: 0, head: null, break: { kind: 'head_missing', id: 0, previousId: null, expected: 'audit_chain_head (id 1)', found: '（无）' } };
  const head = { lastId: Number(headRow.last_id), lastHash: headRow.last_hash };
  const broken = (count: number, b: ChainBreak): ChainReport => ({ ok: false, count, head, break: b });

  let prevId: number | null = null;
  let prevHash = GENESIS_HASH;
  let count = 0;
  let cursor = 0;
  for (;;) {
    const rows = await auditRowsInOrder(db, { after: cursor, upTo: head.lastId, limit: chunkSize });
    for (const row of rows) {
      const id: number = Number(row.id);
      if (row.prev_hash !== prevHash) return broken(count, { kind: 'link', id, previousId: prevId, expected: prevHash, found: row.prev_hash });
      const hash = chainHash(row.prev_hash, row);
      if (row.hash !== hash) return broken(count, { kind: 'hash', id, previousId: prevId, expected: hash, found: row.hash });
      prevId = id;
      prevHash = row.hash;
      count++;
    }
    if (rows.length < chunkSize) break;
    cursor = Number(rows[rows.length - 1].id);
  }
  if ((prevId ?? 0) !== head.lastId || prevHash !== head.lastHash)
    return broken(count, { kind: 'head', id: head.lastId, previousId: prevId, expected: `#${head.lastId} ${head.lastHash}`, found: prevId === null ? '（无记录）' : `#${prevId} ${prevHash}` });

  // Anything beyond the head was not appended by the writer. The head is read again because
  // records may legitimately have been appended during the walk (in the same commit as the head).
  const beyondId = await firstAuditIdAfter(db, head.lastId);
  if (beyondId !== null) {
    const now = await readChainHead(db);
    if (!now || beyondId > Number(now.last_id))
      return broken(count, { kind: 'beyond_head', id: beyondId, previousId: prevId, expected: `编号不大于 #${now ? Number(now.last_id) : head.lastId}`, found: `#${beyondId}` });
  }
  return { ok: true, count, head, break: null };
}

/** Why the chain broke, in Chinese and in English. */
export function breakReason(b: ChainBreak): { zh: string; en: string } {
  switch (b.kind) {
    case 'head_missing':
      return { zh: '审计链头（audit_chain_head）缺失', en: 'the chain head row is missing' };
    case 'link': {
      const gap = b.previousId !== null && b.id > b.previousId + 1 ? `；编号 #${b.previousId + 1}${b.id > b.previousId + 2 ? `–#${b.id - 1}` : ''} 的记录不存在` : '';
      const before = b.previousId === null ? '链首应为全零' : `应为前一条记录 #${b.previousId} 的哈希`;
      return { zh: `记录的 prev_hash 与链不符（${before}${gap}）：之前的记录被删除、插入或改动`, en: 'prev_hash does not match the previous record: a record before it was deleted, inserted or altered' };
    }
    case 'hash':
      return { zh: '记录内容与其哈希不符：写入后被修改', en: 'the record does not match its hash: altered after it was written' };
    case 'head':
      return { zh: '链头记载的最后一条记录与实际不符：最新的记录被删除或链头被改动', en: 'the newest records were deleted or the head was altered' };
    case 'beyond_head':
      return { zh: '记录在链头之后，不是经由系统写入的', en: 'a record beyond the head, not written by the application' };
  }
}

/** One line for the result, in Chinese (the CLI's first line and the API's message). */
export function chainSummary(report: ChainReport): string {
  if (report.ok) return `审计链完整：${report.count} 条记录${report.head && report.head.lastId > 0 ? `，链头 #${report.head.lastId} ${report.head.lastHash}` : ''}`;
  return `审计链断裂：第一处在记录 #${report.break!.id}（此前 ${report.count} 条记录完好）`;
}

/** The report as the CLI prints it: Chinese first, then English. */
export function formatChainReport(report: ChainReport): string[] {
  if (report.ok) return [chainSummary(report), `audit chain intact: ${report.count} records`];
  const b = report.break!;
  const reason = breakReason(b);
  return [
    chainSummary(report),
    `audit chain broken at record #${b.id} (${report.count} records intact before it)`,
    `  原因 / reason:   ${reason.zh} / ${reason.en}`,
    `  应为 / expected: ${b.expected}`,
    `  实为 / found:    ${b.found}`,
  ];
}
