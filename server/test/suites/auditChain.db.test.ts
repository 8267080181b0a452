// The tamper-evident audit log: every record is chained to the one before it, `qudi audit verify`
// (server/audit/verify.ts) finds the first broken link, and concurrent writers keep one chain.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Migrator, sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chainHash, GENESIS_HASH } from '../../db/auditChain.js';
import { verifyAuditChain } from '../../audit/verify.js';
import { connect } from '../../db/connect.js';
import type { DialectName } from '../../db/dialect.js';
import { migrateToLatest } from '../../db/migrate.js';
import * as m001 from '../../db/migrations/001_initial.js';
import * as m002 from '../../db/migrations/002_responsible_persons.js';
import * as m003 from '../../db/migrations/003_imports.js';
import * as m004 from '../../db/migrations/004_town_reports.js';
import * as m005 from '../../db/migrations/005_name_key.js';
import * as m006 from '../../db/migrations/006_self_inspection.js';
import * as m007 from '../../db/migrations/007_mobilisation.js';
import * as m008 from '../../db/migrations/008_export_order.js';
import type { AuditRow, Database } from '../../db/schema.js';
import { writeAudit, writeAuditBatch, type AuditEntry } from '../../repositories/audit.js';
import { dbUnavailable, setupTestApp, TEST_DB, type TestApp } from '../setup/app.js';
import { dropPgDatabase } from '../setup/database.js';
import { qudiIn } from '../setup/cli.js';


describe.skipIf(dbUnavailable())(`tamper-evident audit log (${TEST_DB})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await setupTestApp();
  });
  afterAll(() => t.close());

  // Small chunks, so that the walk pages many times even over a test's few dozen records.
  const verify = () => verifyAuditChain(t.ctx.db, { chunkSize: 7 });
  const allRows = () => t.ctx.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
  const restore = (row: AuditRow) => t.ctx.db.insertInto('audit_log').values(row).execute();
  const note = (i: number): AuditEntry => ({ actor: null, action: 'test.note', entityType: 'test', entityId: i, after: { i, text: `第${i}条\n"引号"` } });

  const qudi = (...args: string[]) => qudiIn(t, ...args);

  it('chains every record written through the API, in id order, and the head names the newest', async () => {
    const town = await t.login('town', t.towns[1].name);
    const w = await t.createWorkshop({ townName: t.towns[1].name });
    expect((await town.patch(`/api/enterprises/${w.id}`, { version: w.version, notes: '夜间生产，已固定证据' })).statusCode).toBe(200);
    await t.shutDown(w.id);

    const report = await verify();
    const rows = await allRows();
    expect(report).toMatchObject({ ok: true, break: null, count: rows.length });
    expect(rows.length).toBeGreaterThan(8);
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['auth.login', 'enterprise.create', 'enterprise.update', 'item.record', 'status.complete_shutdown']));
    rows.forEach((r, i) => {
      expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(r.prev_hash).toBe(i === 0 ? GENESIS_HASH : rows[i - 1].hash);
      if (i > 0) expect(r.id).toBe(rows[i - 1].id + 1);
    });
    const last = rows[rows.length - 1];
    expect(report.head).toEqual({ lastId: last.id, lastHash: last.hash });
  });

  it('catches a record edited behind the application\'s back, at that record', async () => {
    const rows = await allRows();
    const target = rows[Math.floor(rows.length / 2)];
    await sql`update audit_log set after = ${'{"name":"另一家企业"}'} where id = ${target.id}`.execute(t.ctx.db);
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.break).toMatchObject({ kind: 'hash', id: target.id, found: target.hash });
    expect(report.break!.expected).not.toBe(target.hash);
    expect(report.count).toBe(rows.indexOf(target));

    // Putting the exact bytes back makes it verify again: the hash covers the stored text only.
    await sql`update audit_log set after = ${target.after} where id = ${target.id}`.execute(t.ctx.db);
    expect((await verify()).ok).toBe(true);

    // Changing who did it is caught the same way, as is re-hashing the row to match: then the next link breaks.
    await sql`update audit_log set actor_name = ${'别人'} where id = ${target.id}`.execute(t.ctx.db);
    expect((await verify()).break).toMatchObject({ kind: 'hash', id: target.id });
    const forged = (await verify()).break!.expected;
    await sql`update audit_log set hash = ${forged} where id = ${target.id}`.execute(t.ctx.db);
    expect((await verify()).break).toMatchObject({ kind: 'link', id: target.id + 1, previousId: target.id, expected: forged, found: target.hash });
    await sql`update audit_log set actor_name = ${target.actor_name}, hash = ${target.hash} where id = ${target.id}`.execute(t.ctx.db);
    expect((await verify()).ok).toBe(true);
  });

  it('catches a deleted middle record at the record after it', async () => {
    const rows = await allRows();
    const k = Math.floor(rows.length / 3);
    const deleted = rows[k];
    await t.ctx.db.deleteFrom('audit_log').where('id', '=', deleted.id).execute();
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.break).toMatchObject({ kind: 'link', id: rows[k + 1].id, previousId: rows[k - 1].id, expected: rows[k - 1].hash, found: deleted.hash });
    expect(report.count).toBe(k);
    await restore(deleted);
    expect((await verify()).ok).toBe(true);
  });

  it('catches the newest records deleted, and a record slipped in beyond the head', async () => {
    const rows = await allRows();
    const [secondLast, last] = rows.slice(-2);
    await t.ctx.db.deleteFrom('audit_log').where('id', '=', last.id).execute();
    let report = await verify();
    expect(report.ok).toBe(false);
    expect(report.break).toMatchObject({ kind: 'head', id: last.id, previousId: secondLast.id });
    expect(report.count).toBe(rows.length - 1);

    await t.ctx.db.deleteFrom('audit_log').where('id', '=', secondLast.id).execute();
    expect((await verify()).break).toMatchObject({ kind: 'head', id: last.id, previousId: rows[rows.length - 3].id });
    await restore(secondLast);
    await restore(last);
    expect((await verify()).ok).toBe(true);

    // A row inserted with SQL instead of through the writer lands beyond the head.
    await sql`insert into audit_log (at, actor_name, action, entity_type, entity_id) values (${new Date().toISOString()}, '系统', 'forged', 'test', '1')`.execute(t.ctx.db);
    const forged = await t.ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'forged').executeTakeFirstOrThrow();
    report = await verify();
    expect(report.break).toMatchObject({ kind: 'beyond_head', id: forged.id });
    await t.ctx.db.deleteFrom('audit_log').where('id', '=', forged.id).execute();
    expect((await verify()).ok).toBe(true);
  });

  it('`qudi audit verify` reports the intact chain, or the first broken link with exit code 1', async () => {
    const rows = await allRows();
    const ok = await qudi('audit', 'verify');
    expect(ok.code).toBe(0);
    expect(ok.out).toContain(`审计链完整：${rows.length} 条记录`);
    expect(ok.out).toContain(rows[rows.length - 1].hash);

    const target = rows[5];
    await sql`update audit_log set after = ${'{}'} where id = ${target.id}`.execute(t.ctx.db);
    const broken = await qudi('audit', 'verify');
    expect(broken.code).toBe(1);
    expect(broken.out).toContain(`审计链断裂：第一处在记录 #${target.id}`);
    expect(broken.out).toContain('写入后被修改');
    expect(broken.out).toContain(`实为 / found:    ${target.hash}`);
    await sql`update audit_log set after = ${target.after} where id = ${target.id}`.execute(t.ctx.db);

    await t.ctx.db.deleteFrom('audit_log').where('id', '=', rows[rows.length - 1].id).execute();
    const truncated = await qudi('audit', 'verify');
    expect(truncated.code).toBe(1);
    expect(truncated.out).toContain(`#${rows[rows.length - 1].id}`);
    expect(truncated.out).toContain('最新的记录被删除');
    await restore(rows[rows.length - 1]);
  }, 60_000);

  it('GET /api/audit/verify answers the office and administrators, and no one else', async () => {
    const office = await t.login('office');
    const admin = await t.login('admin');
    const town = await t.login('town', t.towns[1].name);
    const ok = await office.get('/api/audit/verify');
    expect(ok.statusCode).toBe(200);
    const rows = await allRows();
    expect(ok.json()).toMatchObject({ ok: true, count: rows.length, message: expect.stringContaining(`审计链完整：${rows.length} 条记录`), break: null });
    expect((await admin.get('/api/audit/verify')).statusCode).toBe(200);
    expect((await town.get('/api/audit/verify')).statusCode).toBe(403);
    expect((await t.anonymous.get('/api/audit/verify')).statusCode).toBe(401);

    const target = rows[3];
    await sql`update audit_log set entity_id = ${'999'} where id = ${target.id}`.execute(t.ctx.db);
    const broken = (await admin.get('/api/audit/verify')).json();
    expect(broken).toMatchObject({ ok: false, message: expect.stringContaining(`#${target.id}`), break: { kind: 'hash', id: target.id, found: target.hash, reason: expect.stringContaining('写入后被修改') } });
    await sql`update audit_log set entity_id = ${target.entity_id} where id = ${target.id}`.execute(t.ctx.db);
  });

  it('stays one linear chain when requests, plain connections and a second server instance write at once', async () => {
    const before = (await allRows()).length;
    const office = await t.login('office');
    const town = t.towns[2];
    // On PostgreSQL a second pool on the same database, as a second server instance would have. (A
    // second SQLite writer in one process would only test SQLite's own busy handling.)
    const other = TEST_DB === 'postgres' ? connect({ dataDir: '', databaseUrl: t.ctx.config.databaseUrl, poolSize: 4 }) : { db: t.ctx.db };
    try {
      const results = await Promise.all([
        ...Array.from({ length: 12 }, (_, i) => office.post('/api/enterprises', { name: `并发登记塑料加工点${i}`, kind: t.campaign.definition.workshopKinds[0].code, townId: town.id })),
        ...Array.from({ length: 8 }, (_, i) => writeAudit(t.ctx.db, note(i))),
        ...Array.from({ length: 8 }, (_, i) => writeAudit(other.db, note(100 + i))),
        writeAuditBatch(other.db, Array.from({ length: 650 }, (_, i) => note(1000 + i))),
        t.ctx.db.transaction().execute(async (trx) => {
          await writeAuditBatch(trx, Array.from({ length: 300 }, (_, i) => note(2000 + i)));
          await writeAudit(trx, note(2999));
        }),
      ]);
      for (const r of results.slice(0, 12)) expect((r as { statusCode: number }).statusCode).toBe(201);
    } finally {
      if (other.db !== t.ctx.db) await other.db.destroy();
    }

    const rows = await allRows();
    // 12 workshops + 8 + 8 + 650 + 301 notes, and the office's login.
    expect(rows.length).toBe(before + 1 + 12 + 8 + 8 + 650 + 301);
    const report = await verify();
    expect(report).toMatchObject({ ok: true, count: rows.length });
    for (let i = 1; i < rows.length; i++) expect(rows[i].id).toBe(rows[i - 1].id + 1);
    // A batch's records stay together and in order.
    const batch = rows.filter((r) => r.action === 'test.note' && Number(r.entity_id) >= 1000 && Number(r.entity_id) < 2000);
    expect(batch.map((r) => Number(r.entity_id))).toEqual(Array.from({ length: 650 }, (_, i) => 1000 + i));
    expect(batch[649].id - batch[0].id).toBe(649);

    if (TEST_DB === 'postgres') {
      // The identity sequence is kept in step with the explicit ids.
      const seq = await sql<{ last_value: string }>`select last_value from ${sql.raw(`audit_log_id_seq`)}`.execute(t.ctx.db);
      expect(Number(seq.rows[0].last_value)).toBe(rows[rows.length - 1].id);
    }
  });
});

/** An empty database (no migrations), named like the harness's so the PostgreSQL teardown drops it. */
async function emptyDatabase(): Promise<{ db: Kysely<Database>; dialect: DialectName; drop: () => Promise<void> }> {
  if (TEST_DB === 'postgres') {
    const adminUrl = inject('pgAdminUrl');
    const name = `qudi_t_${inject('pgTemplate').replace('qudi_tpl_', '')}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`);
    await admin.end();
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    const { db, dialect } = connect({ dataDir: '', databaseUrl: u.toString(), poolSize: 2 });
    return {
      db,
      dialect,
      drop: async () => {
        await db.destroy();
        await dropPgDatabase(name);
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qudi-test-'));
  const { db, dialect } = connect({ dataDir: dir });
  return { db, dialect, drop: async () => { await db.destroy(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

describe.skipIf(dbUnavailable())(`audit chain migration 009 (${TEST_DB})`, () => {
  it('chains the records written before it in id order, in batches, and new records follow on', async () => {
    const { db, dialect, drop } = await emptyDatabase();
    try {
      // The schema as it was before 009, with the migrator's own bookkeeping, so that migrating to
      // the latest afterwards runs exactly 009 onwards.
      const before: Record<string, { up: (d: Kysely<unknown>, dialect: DialectName) => Promise<void> }> = { '001_initial': m001, '002_responsible_persons': m002, '003_imports': m003, '004_town_reports': m004, '005_name_key': m005, '006_self_inspection': m006, '007_mobilisation': m007, '008_export_order': m008 };
      const migrations = Object.fromEntries(Object.entries(before).map(([name, m]) => [name, { up: (d: Kysely<unknown>) => m.up(d, dialect) }]));
      const old = new Migrator({ db, provider: { getMigrations: async () => migrations }, migrationTableName: 'qudi_migrations', migrationLockTableName: 'qudi_migrations_lock' });
      const { error } = await old.migrateToLatest();
      expect(error).toBeUndefined();

      // 2,345 legacy records over more than two backfill batches, with a gap in the ids (as a
      // rolled-back PostgreSQL transaction leaves), NULLs, Chinese, quotes and newlines.
      const legacyIds = [...Array.from({ length: 1200 }, (_, i) => i + 1), ...Array.from({ length: 1145 }, (_, i) => i + 1300)];
      const legacy = legacyIds.map((id) => ({
        id,
        at: `2016-05-${String(1 + (id % 28)).padStart(2, '0')}T08:00:00.000Z`,
        actor_id: id % 3 === 0 ? null : 7,
        actor_name: id % 3 === 0 ? '系统' : '西集镇 张三',
        action: 'enterprise.update',
        entity_type: 'enterprise',
        entity_id: String(id % 97),
        scope_path: id % 5 === 0 ? null : '/1/3/',
        before: id % 2 === 0 ? null : JSON.stringify({ notes: `第${id}次\n"修改"` }),
        after: JSON.stringify({ notes: `改为：${id}` }),
      }));
      const raw = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
      for (let i = 0; i < legacy.length; i += 500) await raw.insertInto('audit_log').values(legacy.slice(i, i + 500)).execute();

      expect(await migrateToLatest(db, dialect)).toContain('009_audit_chain');
      const report = await verifyAuditChain(db);
      expect(report).toMatchObject({ ok: true, count: legacy.length, head: { lastId: 2444 } });
      const rows = await db.selectFrom('audit_log').selectAll().orderBy('id').execute();
      expect(rows[0].prev_hash).toBe(GENESIS_HASH);
      // The stored content is untouched; the hash is the documented one over it.
      expect(rows.map((r) => r.after)).toEqual(legacy.map((l) => l.after));
      rows.forEach((r, i) => expect(r.hash).toBe(chainHash(i === 0 ? GENESIS_HASH : rows[i - 1].hash, r)));
      expect(report.head!.lastHash).toBe(rows[rows.length - 1].hash);

      // New records follow the backfilled chain, from a plain connection too.
      await writeAuditBatch(db, [{ actor: null, action: 'test.after', entityType: 'test', entityId: 1 }, { actor: null, action: 'test.after', entityType: 'test', entityId: 2 }]);
      const next = await db.selectFrom('audit_log').select(['id', 'prev_hash']).where('action', '=', 'test.after').orderBy('id').execute();
      expect(next.map((r) => r.id)).toEqual([2445, 2446]);
      expect(next[0].prev_hash).toBe(rows[rows.length - 1].hash);
      expect(await verifyAuditChain(db, { chunkSize: 1000 })).toMatchObject({ ok: true, count: legacy.length + 2 });
    } finally {
      await drop();
    }
  }, 60_000);

  it('starts an empty log from the genesis hash', async () => {
    const { db, dialect, drop } = await emptyDatabase();
    try {
      await migrateToLatest(db, dialect);
      expect(await verifyAuditChain(db)).toEqual({ ok: true, count: 0, head: { lastId: 0, lastHash: GENESIS_HASH }, break: null });
      await writeAudit(db, { actor: null, action: 'test.first', entityType: 'test', entityId: 1 });
      const first = await db.selectFrom('audit_log').selectAll().executeTakeFirstOrThrow();
      expect(first).toMatchObject({ id: 1, prev_hash: GENESIS_HASH });
      expect(await verifyAuditChain(db)).toMatchObject({ ok: true, count: 1, head: { lastId: 1, lastHash: first.hash } });
    } finally {
      await drop();
    }
  });
});
