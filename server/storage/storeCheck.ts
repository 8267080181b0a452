// Checking the evidence store against the records: every attachment's original is read back from
// storage (local disk or S3) and hashed, and must have the size and SHA-256 that its row and the
// hash-chained audit record of its upload (`attachment.create`) both say. The audit hash chain shows the rows were not changed; this shows the files were
// not: a file edited, truncated, swapped or lost on disk or in the bucket is named with its
// attachment and workshop. Thumbnails (derived, rebuildable) are only checked to exist. Objects
// that no record names (a file stored by an upload whose transaction then failed) are listed too;
// they do not fail the check. `qudi evidence prune` (pruneUnreferenced) lists them and, asked to,
// removes those written before the oldest upload still open (less an hour): nothing an upload in
// progress may still record.
import { createHash } from 'node:crypto';
import type { Db } from '../db/schema.js';
import { listStoredFiles, storageKeysInUse } from '../repositories/attachments.js';
import { listAuditByAction } from '../repositories/audit.js';
import { oldestOpenUpload } from '../repositories/uploads.js';
import { BlobNotFoundError } from './errors.js';
import type { BlobStorage, StoredObject } from './types.js';

/** Rows read per query. */
const PAGE = 500;

export interface StoreProblem {
  attachmentId: number;
  enterpriseId: number | null;
  recordType: string;
  storageKey: string;
  kind: 'missing' | 'altered' | 'unreadable' | 'unaudited' | 'row_changed' | 'thumbnail_missing';
  /** What the record says and what storage holds, for `altered`. */
  expected?: { sha256: string; size: number };
  found?: { sha256: string; size: number };
  message?: string;
}

export interface StoreReport {
  /** Every original present, unchanged and matching its audit record (missing thumbnails are reported but do not fail). */
  ok: boolean;
  /** Attachment rows checked, and the bytes read. */
  checked: number;
  bytes: number;
  problems: StoreProblem[];
  /**
   * Stored objects no attachment names (originals or thumbnails), written over an hour before the
   * check began: how many, their bytes, the first keys. The names of every attachment's files are
   * held in memory for this (≈ 200 MB at 1,000,000 attachments, in the CLI's process, not the server's).
   */
  unreferenced: { count: number; bytes: number; keys: string[] };
}

/** Younger objects may belong to an upload whose row is being written right now. */
const UNREFERENCED_MIN_AGE_MS = 3600_000;
const UNREFERENCED_KEYS_KEPT = 50;

async function hashObject(storage: BlobStorage, key: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of await storage.open(key)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), size };
}

/** What each upload's audit record says about its file: attachment id → SHA-256 and size. */
async function auditedFiles(db: Db): Promise<Map<number, { sha256: string; size: number }>> {
  const out = new Map<number, { sha256: string; size: number }>();
  let last = 0;
  for (;;) {
    const rows = await listAuditByAction(db, 'attachment.create', last, 5000);
    if (rows.length === 0) return out;
    for (const r of rows) {
      last = r.id;
      const after = r.after ? (JSON.parse(r.after) as { attachmentId?: number; sha256?: string; size?: number }) : {};
      if (typeof after.attachmentId === 'number' && after.sha256) out.set(after.attachmentId, { sha256: after.sha256, size: Number(after.size) });
    }
  }
}

/**
 * Calls `found` for every stored object written before `before` that neither `known` nor any
 * attachment (original or thumbnail) names, looking the candidates up in pages.
 */
async function eachUnreferenced(db: Db, storage: BlobStorage, before: number, known: Set<string>, found: (o: StoredObject) => Promise<void>): Promise<void> {
  let batch: StoredObject[] = [];
  const settle = async () => {
    const named = await storageKeysInUse(db, batch.map((o) => o.key));
    for (const o of batch) if (!named.has(o.key)) await found(o);
    batch = [];
  };
  for await (const o of storage.list()) {
    if (known.has(o.key) || o.modifiedAt.getTime() >= before) continue;
    batch.push(o);
    if (batch.length >= PAGE) await settle();
  }
  await settle();
}

/** Reads back and hashes every attachment's file, in id order; `onProgress` after each page. */
export async function checkEvidenceStore(db: Db, storage: BlobStorage, onProgress?: (checked: number, bytes: number) => void): Promise<StoreReport> {
  const startedAt = Date.now();
  const audited = await auditedFiles(db);
  const problems: StoreProblem[] = [];
  let checked = 0;
  let bytes = 0;
  let last = 0;
  const referenced = new Set<string>();
  for (;;) {
    const rows = await listStoredFiles(db, last, PAGE);
    if (rows.length === 0) break;
    for (const row of rows) {
      last = row.id;
      checked++;
      referenced.add(row.storage_key);
      if (row.thumbnail_key) referenced.add(row.thumbnail_key);
      const where = { attachmentId: row.id, enterpriseId: row.enterprise_id, recordType: row.record_type, storageKey: row.storage_key };
      const expected = { sha256: row.sha256, size: row.size };
      // The row must still say what was recorded, in the audit chain, when the file arrived.
      const recorded = audited.get(row.id);
      if (!recorded) problems.push({ ...where, kind: 'unaudited', expected });
      else if (recorded.sha256 !== expected.sha256 || recorded.size !== expected.size) problems.push({ ...where, kind: 'row_changed', expected: recorded, found: expected });
      try {
        const found = await hashObject(storage, row.storage_key);
        bytes += found.size;
        if (found.sha256 !== expected.sha256 || found.size !== expected.size) problems.push({ ...where, kind: 'altered', expected, found });
      } catch (err) {
        if (err instanceof BlobNotFoundError) problems.push({ ...where, kind: 'missing', expected });
        else problems.push({ ...where, kind: 'unreadable', expected, message: err instanceof Error ? err.message : String(err) });
      }
      if (row.thumbnail_key && !(await storage.stat(row.thumbnail_key).catch(() => null)))
        problems.push({ ...where, storageKey: row.thumbnail_key, kind: 'thumbnail_missing' });
    }
    onProgress?.(checked, bytes);
  }
  // Objects written before the pass began, less an hour: an upload's object is stored before its
  // row commits, and the pass (hours for a large store) may have walked past a row committed late.
  // Each candidate is then looked up again (the same bytes uploaded anew reuse an old object).
  const unreferenced = { count: 0, bytes: 0, keys: [] as string[] };
  await eachUnreferenced(db, storage, startedAt - UNREFERENCED_MIN_AGE_MS, referenced, async (o) => {
    unreferenced.count++;
    unreferenced.bytes += o.size;
    if (unreferenced.keys.length < UNREFERENCED_KEYS_KEPT) unreferenced.keys.push(o.key);
  });
  return { ok: problems.every((p) => p.kind === 'thumbnail_missing'), checked, bytes, problems, unreferenced };
}

export interface PruneReport {
  /** Only objects written before this are candidates. */
  cutoff: Date;
  /** Unreferenced objects before the cutoff, their bytes, and (removing) how many went. */
  count: number;
  bytes: number;
  removed: number;
  keys: string[];
}

/**
 * Objects no attachment names, written before the cutoff: an hour before the oldest upload still
 * open (a complete upload's object may be stored while its row is not yet written, e.g. after a
 * crash, until it is recorded) or before now, whichever is earlier. With `remove`, each is looked
 * up again just before it goes (the same bytes uploaded anew name an old object again).
 */
export async function pruneUnreferenced(db: Db, storage: BlobStorage, opts: { remove: boolean; now?: number }): Promise<PruneReport> {
  const now = opts.now ?? Date.now();
  const oldestOpen = await oldestOpenUpload(db);
  const cutoff = new Date(Math.min(now, oldestOpen ? Date.parse(oldestOpen) : now) - UNREFERENCED_MIN_AGE_MS);
  const report: PruneReport = { cutoff, count: 0, bytes: 0, removed: 0, keys: [] };
  await eachUnreferenced(db, storage, cutoff.getTime(), new Set(), async (o) => {
    report.count++;
    report.bytes += o.size;
    if (report.keys.length < UNREFERENCED_KEYS_KEPT) report.keys.push(o.key);
    if (opts.remove && !(await storageKeysInUse(db, [o.key])).has(o.key)) {
      await storage.removeUnreferenced(o.key);
      report.removed++;
    }
  });
  return report;
}

/** The prune report as `qudi evidence prune` prints it. */
export function formatPruneReport(r: PruneReport, remove: boolean, limit = 50): string[] {
  const mb = (r.bytes / 1024 ** 2).toFixed(1);
  const when = r.cutoff.toISOString();
  if (r.count === 0) return [`没有未被引用的存储对象（只查 ${when} 之前写入的）/ no unreferenced objects written before ${when}`];
  const lines = remove
    ? [`已删除 ${r.removed} 个未被任何附件记录引用的存储对象（${mb} MB，均写入于 ${when} 之前）/ removed ${r.removed} unreferenced objects`]
    : [
        `有 ${r.count} 个存储对象（${mb} MB）未被任何附件记录引用，均写入于 ${when} 之前；核对后可用 qudi evidence prune --remove 删除 / ${r.count} unreferenced objects; remove with --remove`,
      ];
  for (const key of r.keys.slice(0, limit)) lines.push(`  ${key}`);
  if (r.count > r.keys.length) lines.push(`  …… 另有 ${r.count - r.keys.length} 个未列出 / more not shown`);
  return lines;
}

const KIND_TEXT: Record<StoreProblem['kind'], string> = {
  missing: '文件缺失 / missing',
  altered: '内容与记录不符（已被改动） / altered',
  unreadable: '无法读取 / unreadable',
  unaudited: '审计日志中没有这次上传的记录 / no audit record of the upload',
  row_changed: '附件记录中的哈希或大小与上传时的审计记录不符 / the row differs from its audit record',
  thumbnail_missing: '缩略图缺失（可重新生成） / thumbnail missing',
};

/** The report as printed by `qudi evidence check`: a summary, then each problem (at most `limit`). */
export function formatStoreReport(report: StoreReport, limit = 50): string[] {
  const lines = problemLines(report, limit);
  const u = report.unreferenced;
  if (u.count > 0) {
    lines.push(
      `另有 ${u.count} 个存储对象（${(u.bytes / 1024 ** 2).toFixed(1)} MB）未被任何附件记录引用，多为上传后写入记录失败留下；不影响证据，管理员核对后可用 qudi evidence prune 清理 / ${u.count} stored objects no record names:`,
    );
    for (const key of u.keys.slice(0, limit)) lines.push(`  ${key}`);
    if (u.count > Math.min(limit, u.keys.length)) lines.push(`  …… 另有 ${u.count - Math.min(limit, u.keys.length)} 个未列出 / more not shown`);
  }
  return lines;
}

function problemLines(report: StoreReport, limit: number): string[] {
  const gb = (report.bytes / 1024 ** 3).toFixed(2);
  if (report.problems.length === 0) return [`证据文件完好：${report.checked} 个文件（${gb} GB）的大小和 SHA-256 均与记录一致 / evidence store intact: ${report.checked} files`];
  const originals = report.problems.filter((p) => p.kind !== 'thumbnail_missing').length;
  const lines = [
    `证据文件检查发现 ${report.problems.length} 处问题（原件 ${originals} 处），共检查 ${report.checked} 个文件（${gb} GB）/ ${report.problems.length} problems in ${report.checked} files`,
  ];
  for (const p of report.problems.slice(0, limit)) {
    lines.push(`  附件 #${p.attachmentId}${p.enterpriseId ? `（企业 #${p.enterpriseId}）` : `（${p.recordType}）`}：${KIND_TEXT[p.kind]}  ${p.storageKey}`);
    if (p.kind === 'altered' || p.kind === 'row_changed') lines.push(`    应为 / expected: ${p.expected!.sha256}  ${p.expected!.size} 字节`, `    实为 / found:    ${p.found!.sha256}  ${p.found!.size} 字节`);
    if (p.message) lines.push(`    ${p.message}`);
  }
  if (report.problems.length > limit) lines.push(`  …… 另有 ${report.problems.length - limit} 处未列出 / more not shown`);
  return lines;
}
