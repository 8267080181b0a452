// `qudi evidence check`: every evidence file read back from storage must match the size and
// SHA-256 of its record; a file changed or lost behind Qudi's back is named.
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteUpload, insertUpload } from '../../repositories/uploads.js';
import { checkEvidenceStore, formatStoreReport } from '../../storage/storeCheck.js';
import { dbUnavailable, setupTestApp, TEST_DB, type TestApp } from '../setup/app.js';
import { qudiIn } from '../setup/cli.js';


describe.skipIf(dbUnavailable())(`evidence store check (${TEST_DB}, local storage)`, () => {
  let t: TestApp;
  const ids: number[] = [];
  const objectPath = async (id: number) => {
    const row = await t.ctx.db.selectFrom('attachments').select('storage_key').where('id', '=', id).executeTakeFirstOrThrow();
    return path.join(t.ctx.config.dataDir, 'files', ...row.storage_key.split('/'));
  };
  const qudi = (...args: string[]) => qudiIn(t, ...args);

  beforeAll(async () => {
    t = await setupTestApp();
    const town = t.towns[1].name;
    const w = await t.createWorkshop({ townName: town });
    const codes = t.campaign.definition.standardItems.map((i) => i.code);
    for (const [n, code] of codes.slice(0, 3).entries()) ids.push(await t.addEvidence(w.id, code, { n }));
    ids.push(await t.addEvidence(w.id, undefined, { n: 9 }));
  });
  afterAll(() => t.close());

  it('finds every file intact when nothing was touched', async () => {
    const report = await checkEvidenceStore(t.ctx.db, t.ctx.storage);
    expect(report).toMatchObject({ ok: true, checked: 4, problems: [], unreferenced: { count: 0 } });
    expect(report.bytes).toBeGreaterThan(0);
    const cli = await qudi('evidence', 'check');
    expect(cli.code).toBe(0);
    expect(cli.out).toContain('证据文件完好：4 个文件');
  });

  it('lists stored objects no record names (an upload whose row was never written), without failing', async () => {
    // Bytes stored as an upload stores them, and its transaction then failed: an old object, and one
    // from just now (perhaps an upload still writing its row), which is left out.
    const orphan = await t.ctx.storage.putBuffer(Buffer.from('孤立对象：记录未写入'), { contentType: 'image/jpeg' });
    const fresh = await t.ctx.storage.putBuffer(Buffer.from('刚刚写入的对象'), { contentType: 'image/jpeg' });
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    fs.utimesSync(path.join(t.ctx.config.dataDir, 'files', ...orphan.key.split('/')), twoHoursAgo, twoHoursAgo);
    const report = await checkEvidenceStore(t.ctx.db, t.ctx.storage);
    expect(report.ok).toBe(true);
    expect(report.unreferenced).toEqual({ count: 1, bytes: orphan.size, keys: [orphan.key] });
    expect(report.unreferenced.keys).not.toContain(fresh.key);
    const cli = await qudi('evidence', 'check');
    expect(cli.code).toBe(0);
    expect(cli.out).toContain('1 个存储对象');
    expect(cli.out).toContain(orphan.key);
  });

  it('prunes objects no record names only when asked, and only those written before the oldest upload still open', async () => {
    const orphan = await t.ctx.storage.putBuffer(Buffer.from('孤立对象：待清理'), { contentType: 'image/jpeg' });
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    fs.utimesSync(path.join(t.ctx.config.dataDir, 'files', ...orphan.key.split('/')), twoHoursAgo, twoHoursAgo);
    const orphanPath = path.join(t.ctx.config.dataDir, 'files', ...orphan.key.split('/'));
    // An upload opened three hours ago may still complete and name anything stored since (less an hour).
    const uploader = (await t.ctx.db.selectFrom('users').select('id').executeTakeFirstOrThrow()).id;
    await insertUpload(t.ctx.db, { id: 'ab'.repeat(16), uploaderId: uploader, size: 10, metadata: {}, createdAt: new Date(Date.now() - 3 * 3600_000).toISOString() });
    let cli = await qudi('evidence', 'prune', '--remove');
    expect(cli.code).toBe(0);
    expect(cli.out).toContain('没有未被引用的存储对象');
    expect(fs.existsSync(orphanPath)).toBe(true);

    await deleteUpload(t.ctx.db, 'ab'.repeat(16));
    cli = await qudi('evidence', 'prune');
    expect(cli.out).toContain('个存储对象');
    expect(cli.out).toContain(orphan.key);
    expect(fs.existsSync(orphanPath)).toBe(true);
    cli = await qudi('evidence', 'prune', '--remove');
    expect(cli.code).toBe(0);
    expect(cli.out).toMatch(/已删除 \d+ 个/);
    expect(fs.existsSync(orphanPath)).toBe(false);
    // Every recorded file is still there.
    expect((await checkEvidenceStore(t.ctx.db, t.ctx.storage)).ok).toBe(true);
  });

  it('names a file edited on disk and one deleted, with their attachment and workshop, and exits non-zero', async () => {
    const edited = await objectPath(ids[1]);
    fs.chmodSync(edited, 0o644);
    const bytes = fs.readFileSync(edited);
    bytes[bytes.length - 3] ^= 0xff; // one byte of the picture, as a retouch would
    fs.writeFileSync(edited, bytes);
    fs.rmSync(await objectPath(ids[3]));

    const report = await checkEvidenceStore(t.ctx.db, t.ctx.storage);
    expect(report.ok).toBe(false);
    expect(report.checked).toBe(4);
    expect(report.problems.map((p) => [p.attachmentId, p.kind])).toEqual([
      [ids[1], 'altered'],
      [ids[3], 'missing'],
    ]);
    expect(report.problems[0].found!.size).toBe(report.problems[0].expected!.size);
    expect(report.problems[0].found!.sha256).not.toBe(report.problems[0].expected!.sha256);
    const text = formatStoreReport(report).join('\n');
    expect(text).toContain('发现 2 处问题');
    expect(text).toContain(`附件 #${ids[1]}（企业 #`);

    const cli = await qudi('evidence', 'check');
    expect(cli.code).toBe(1);
    expect(cli.out).toContain('内容与记录不符（已被改动）');
    expect(cli.out).toContain('文件缺失');
  });

  it('catches a row pointed at another file behind Qudi’s back: the file matches the row, not the audit record of the upload', async () => {
    const other = await t.ctx.db.selectFrom('attachments').select(['storage_key', 'sha256', 'size']).where('id', '=', ids[0]).executeTakeFirstOrThrow();
    // Raw SQL: the application's types allow no update of a file's identity, which is the point.
    await sql`update attachments set storage_key = ${other.storage_key}, sha256 = ${other.sha256}, size = ${Number(other.size)} where id = ${ids[2]}`.execute(t.ctx.db);
    const report = await checkEvidenceStore(t.ctx.db, t.ctx.storage);
    expect(report.problems.filter((p) => p.attachmentId === ids[2]).map((p) => p.kind)).toEqual(['row_changed']);
    expect(formatStoreReport(report).join('\n')).toContain('与上传时的审计记录不符');
  });
});
