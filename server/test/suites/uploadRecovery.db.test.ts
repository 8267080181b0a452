// Evidence uploads across a crash (issue 18). A server killed at a given moment leaves a given state
// on disk and in the database; each test builds that state, starts a new app on the same data (a
// restart: nothing in memory survives) and checks what the phone is told and what is recorded: an
// upload whose bytes are all here is recorded exactly once, whoever asks first, and everyone who
// asks is told the same file; a partial upload resumes from the offset acknowledged; nothing that
// could still be recorded is thrown away.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { UploadResultDto } from '../../../domain/attachment.js';
import type { EnterpriseDto } from '../../../domain/api.js';
import { buildApp } from '../../app.js';
import { noisyJpeg } from '../fixtures/images.js';
import { startS3Peer, type S3Peer } from '../fixtures/s3peer.js';
import { tusClient } from '../fixtures/tusClient.js';
import { dbUnavailable, setupTestApp, TEST_DB, type Agent, type TestApp } from '../setup/app.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe.skipIf(dbUnavailable())(`evidence uploads across a crash (${TEST_DB})`, () => {
  let t: TestApp;
  let town: Agent;
  let workshop: EnterpriseDto;
  let itemCode: string;
  const restarted: FastifyInstance[] = [];

  beforeAll(async () => {
    t = await setupTestApp();
    const townName = t.towns[0].name;
    town = await t.login('town', townName);
    workshop = await t.createWorkshop({ townName });
    itemCode = t.campaign.definition.standardItems[0].code;
  });
  afterEach(async () => {
    for (const app of restarted.splice(0)) await app.close();
  });
  afterAll(() => t.close());

  /** A new server on the same database and data directory: nothing of the old one's memory. */
  async function restart(): Promise<FastifyInstance> {
    const app = await buildApp(t.ctx, { serveWeb: false, logger: false });
    restarted.push(app);
    return app;
  }
  const attachments = async () => t.ctx.db.selectFrom('attachments').select(['id', 'sha256', 'uploaded_by']).where('enterprise_id', '=', workshop.id).execute();
  const stagedPath = (location: string) => path.join(t.ctx.config.dataDir, 'uploads', location.split('/').pop()!);
  const meta = (filename = '断电后电表.jpg') => ({ recordType: 'item', recordId: workshop.id, itemCode, filename });
  let seed = 100;

  /** An upload created on the running server whose every byte then reached the disk before the server died unrecorded. */
  async function stagedButUnrecorded(): Promise<{ location: string; bytes: Buffer }> {
    const bytes = await noisyJpeg(seed++);
    const created = await tusClient(t.app, town.cookie).create(bytes.length, meta());
    expect(created.statusCode, created.body).toBe(201);
    const location = String(created.headers.location);
    fs.writeFileSync(stagedPath(location), bytes);
    return { location, bytes };
  }

  it('killed after the last bytes arrived, before recording: HEAD after the restart records it and carries its id; asking again answers the same file', async () => {
    const { location, bytes } = await stagedButUnrecorded();
    const before = (await attachments()).length;
    const up = tusClient(await restart(), town.cookie);
    const head = await up.head(location);
    expect(head.statusCode).toBe(200);
    expect(head.headers['upload-offset']).toBe(String(bytes.length));
    const id = Number(head.headers['qudi-attachment-id']);
    expect(id).toBeGreaterThan(0);
    const rows = await attachments();
    expect(rows.length).toBe(before + 1);
    expect(rows.find((r) => r.id === id)?.sha256).toBe(sha(bytes));
    expect(fs.existsSync(stagedPath(location))).toBe(false);

    expect((await up.head(location)).headers['qudi-attachment-id']).toBe(String(id));
    const asked = await up.result(location);
    expect(asked.statusCode).toBe(200);
    expect((asked.json() as UploadResultDto).attachment).toMatchObject({ id, sha256: sha(bytes), size: bytes.length });
    expect((await attachments()).length).toBe(before + 1);
  });

  it('killed after the file was stored, before its record was committed: the next asker records it once, storing nothing twice', async () => {
    const { location, bytes } = await stagedButUnrecorded();
    await t.ctx.storage.putFile(stagedPath(location), { contentType: 'image/jpeg' });
    const objects = fs.readdirSync(path.join(t.ctx.config.dataDir, 'files'), { recursive: true }).length;
    const before = (await attachments()).length;
    const asked = await tusClient(await restart(), town.cookie).result(location);
    expect(asked.statusCode, asked.body).toBe(200);
    expect((asked.json() as UploadResultDto).attachment.sha256).toBe(sha(bytes));
    expect((await attachments()).length).toBe(before + 1);
    // Only the thumbnail is new: the original was already there under its content key.
    expect(fs.readdirSync(path.join(t.ctx.config.dataDir, 'files'), { recursive: true }).length).toBeLessThanOrEqual(objects + 2);
  });

  it('killed after recording, before answering (and before the staged bytes went): asking again answers the file and clears the leftovers', async () => {
    const bytes = await noisyJpeg(seed++);
    const up = tusClient(t.app, town.cookie);
    const location = String((await up.create(bytes.length, meta())).headers.location);
    const done = await up.patch(location, 0, bytes);
    expect(done.statusCode, done.body).toBe(200);
    const id = done.headers['qudi-attachment-id'];
    fs.writeFileSync(stagedPath(location), bytes); // what a kill before the cleanup leaves
    const before = (await attachments()).length;
    const head = await tusClient(await restart(), town.cookie).head(location);
    expect(head.statusCode).toBe(200);
    expect(head.headers['qudi-attachment-id']).toBe(id);
    expect(fs.existsSync(stagedPath(location))).toBe(false);
    expect((await attachments()).length).toBe(before);
  });

  it('records a complete upload nobody asks about at start-up, as its uploader', async () => {
    const { location, bytes } = await stagedButUnrecorded();
    await restart();
    let row: { id: number; sha256: string; uploaded_by: number } | undefined;
    for (let i = 0; i < 100 && !row; i++) {
      row = (await attachments()).find((r) => r.sha256 === sha(bytes));
      if (!row) await new Promise((r) => setTimeout(r, 50));
    }
    expect(row).toBeDefined();
    expect(row!.uploaded_by).toBe(town.userId);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['actor_id', 'action']).where('action', '=', 'attachment.create').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(town.userId);
    expect((await tusClient(t.app, town.cookie).head(location)).headers['qudi-attachment-id']).toBe(String(row!.id));
  });

  it('resumes a partial upload after a restart from the offset acknowledged', async () => {
    const bytes = await noisyJpeg(seed++);
    const first = tusClient(t.app, town.cookie);
    const location = String((await first.create(bytes.length, meta())).headers.location);
    const part = await first.patch(location, 0, bytes.subarray(0, 9000));
    expect(part.headers['upload-offset']).toBe('9000');
    const up = tusClient(await restart(), town.cookie);
    const head = await up.head(location);
    expect(head.statusCode).toBe(200);
    expect(head.headers['upload-offset']).toBe('9000');
    expect(head.headers['qudi-attachment-id']).toBeUndefined();
    // Asking for the outcome of an unfinished upload says how far it got, and changes nothing.
    const early = await up.result(location);
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toContain('9000');
    const done = await up.patch(location, 9000, bytes.subarray(9000));
    expect(done.statusCode, done.body).toBe(200);
    expect((done.json() as UploadResultDto).attachment.sha256).toBe(sha(bytes));
  });

  it('records once when several askers find the same complete upload at once, on one server and on two', async () => {
    // Several rounds: which asker wins, and where the others are when it does, varies.
    for (let round = 0; round < 6; round++) {
      const { location } = await stagedButUnrecorded();
      const before = (await attachments()).length;
      const a = tusClient(await restart(), town.cookie);
      const b = tusClient(await restart(), town.cookie);
      const answers = await Promise.all([a.head(location), a.result(location), b.result(location), b.head(location), a.result(location), b.patch(location, 0, Buffer.alloc(0))]);
      const ids = new Set(answers.slice(0, 5).map((r) => r.headers['qudi-attachment-id']));
      expect(answers.slice(0, 5).map((r) => r.statusCode), answers.map((r) => r.body).join('\n')).toEqual([200, 200, 200, 200, 200]);
      expect(ids.size).toBe(1);
      expect((await attachments()).length).toBe(before + 1);
    }
  });

  it('keeps a refusal: a complete upload that is not evidence is refused to every asker, its bytes go, nothing is recorded', async () => {
    const created = await tusClient(t.app, town.cookie).create(40, meta('不是照片.jpg'));
    const location = String(created.headers.location);
    fs.writeFileSync(stagedPath(location), Buffer.from('这不是照片，只是一段文字，伪装成 jpg。'.padEnd(40, '。')).subarray(0, 40));
    const before = (await attachments()).length;
    const up = tusClient(await restart(), town.cookie);
    const head = await up.head(location);
    expect(head.statusCode).toBe(415);
    const asked = await up.result(location);
    expect(asked.statusCode).toBe(415);
    expect(asked.json().detail).toBeTruthy();
    expect(fs.existsSync(stagedPath(location))).toBe(false);
    expect((await attachments()).length).toBe(before);
  });

  it('answers 410 for an unfinished upload past expiry, but records a complete one whatever its age', async () => {
    const bytes = await noisyJpeg(seed++);
    const up = tusClient(t.app, town.cookie);
    const partial = String((await up.create(bytes.length, meta())).headers.location);
    await up.patch(partial, 0, bytes.subarray(0, 5000));
    const { location: complete } = await stagedButUnrecorded();
    const old = new Date(Date.now() - 3 * 24 * 3600_000).toISOString();
    await t.ctx.db.updateTable('uploads').set({ created_at: old }).where('id', 'in', [partial, complete].map((l) => l.split('/').pop()!)).execute();
    const after = tusClient(t.app, town.cookie);
    expect((await after.head(partial)).statusCode).toBe(410);
    const head = await after.head(complete);
    expect(head.statusCode).toBe(200);
    expect(Number(head.headers['qudi-attachment-id'])).toBeGreaterThan(0);
    // The same for a client that sends an empty PATCH at the end instead of asking with HEAD.
    const { location: another, bytes: sent } = await stagedButUnrecorded();
    await t.ctx.db.updateTable('uploads').set({ created_at: old }).where('id', '=', another.split('/').pop()!).execute();
    const empty = await after.patch(another, sent.length, Buffer.alloc(0));
    expect(empty.statusCode, empty.body).toBe(200);
    expect((empty.json() as UploadResultDto).attachment.sha256).toBe(sha(sent));
  });
});

describe.skipIf(dbUnavailable())(`evidence uploads across a crash on S3 storage (${TEST_DB}, s3rver)`, () => {
  let peer: S3Peer;
  let t: TestApp;
  let town: Agent;
  let workshop: EnterpriseDto;
  const restarted: FastifyInstance[] = [];

  beforeAll(async () => {
    peer = await startS3Peer();
    t = await setupTestApp({ storageUrl: peer.storageUrl });
    town = await t.login('town', t.towns[0].name);
    workshop = await t.createWorkshop({ townName: t.towns[0].name });
  });
  afterAll(async () => {
    for (const app of restarted) await app.close();
    await t?.close();
    await peer?.close();
  });

  it('killed after the file went to the bucket, before its record: a restart records it once, writing the object no second time; a partial upload resumes', async () => {
    const bytes = await noisyJpeg(500);
    const up = tusClient(t.app, town.cookie);
    const meta = { recordType: 'item', recordId: workshop.id, itemCode: t.campaign.definition.standardItems[0].code, filename: '电表.jpg' };
    const location = String((await up.create(bytes.length, meta)).headers.location);
    const staged = path.join(t.ctx.config.dataDir, 'uploads', location.split('/').pop()!);
    fs.writeFileSync(staged, bytes);
    const stored = await t.ctx.storage.putFile(staged, { contentType: 'image/jpeg' });
    expect(peer.writesTo(stored.key)).toBe(1);

    const app = await buildApp(t.ctx, { serveWeb: false, logger: false });
    restarted.push(app);
    const after = tusClient(app, town.cookie);
    const asked = await after.result(location);
    expect(asked.statusCode, asked.body).toBe(200);
    expect((asked.json() as UploadResultDto).attachment.sha256).toBe(sha(bytes));
    expect(peer.writesTo(stored.key)).toBe(1);
    expect(fs.existsSync(staged)).toBe(false);

    const other = await noisyJpeg(501);
    const partial = String((await up.create(other.length, { ...meta, filename: '设备.jpg' })).headers.location);
    await up.patch(partial, 0, other.subarray(0, 7000));
    expect((await after.head(partial)).headers['upload-offset']).toBe('7000');
    const done = await after.patch(partial, 7000, other.subarray(7000));
    expect(done.statusCode, done.body).toBe(200);
    expect((done.json() as UploadResultDto).attachment.sha256).toBe(sha(other));
  });
});
