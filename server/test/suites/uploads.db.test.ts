// Evidence uploads with the tus protocol (server/routes/uploads.ts) and the evidence API
// (server/routes/attachments.ts): chunked and resumed uploads (through app.inject, over a real
// socket cut mid-chunk, and with tus-js-client), duplicates, refusals that leave nothing behind,
// EXIF time and place, thumbnails, the item-completion rule, scope, byte ranges; and one round
// trip on S3 storage (s3rver).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import exifr from 'exifr';
import type { LightMyRequestResponse } from 'fastify';
import sharp from 'sharp';
import { exifOf } from '../fixtures/exif.js';
import { mp4Fixture } from '../fixtures/mp4.js';
import * as tusClient from 'tus-js-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttachmentDto, AttachmentListDto, UploadResultDto } from '../../../domain/attachment.js';
import type { EnterpriseDto, HistoryEntryDto, ListResponse } from '../../../domain/api.js';
import { dbUnavailable, setupTestApp, TEST_DB, type Agent, type TestApp } from '../setup/app.js';
import { evidenceJpeg } from '../fixtures/images.js';
import { tusMetadata } from '../factories/evidence.js';
import { tusClient as tusOverInject } from '../fixtures/tusClient.js';
import { startS3Peer, type S3Peer } from '../fixtures/s3peer.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

// The workshop's registered position, and points due north of it (111 195 m per degree of latitude).
const SITE = { lat: 34.91, lng: 117.47 };
const north = (metres: number) => ({ lat: SITE.lat + metres / 111_195.08, lng: SITE.lng });

/** A noisy (so: not tiny) JPEG, with capture time and GPS in its EXIF when given. */
async function photo(o: { seed: number; gps?: { lat: number; lng: number }; taken?: string; offset?: string; width?: number }): Promise<Buffer> {
  const width = o.width ?? 320;
  const height = 120;
  const pixels = Buffer.alloc(width * height * 3);
  let x = o.seed * 2654435761 + 1;
  for (let i = 0; i < pixels.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    pixels[i] = x >>> 24;
  }
  const exif = exifOf({ make: 'Xiaomi', model: 'Redmi Note 12', taken: o.taken, offset: o.offset, gps: o.gps });
  return sharp(pixels, { raw: { width, height, channels: 3 } }).withExif(exif).jpeg({ quality: 92 }).toBuffer();
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
}

describe.skipIf(dbUnavailable())(`evidence uploads (${TEST_DB}, local storage)`, () => {
  let t: TestApp;
  let town: Agent;
  let townName: string;
  let otherTown: string;
  let workshop: EnterpriseDto;
  let elsewhere: EnterpriseDto;
  let itemCodes: string[];
  const staged = () => filesUnder(path.join(t.ctx.config.dataDir, 'uploads'));
  const stored = () => filesUnder(path.join(t.ctx.config.dataDir, 'files', 'sha256'));
  const rowCount = async () => Number((await t.ctx.db.selectFrom('attachments').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  const tus = (agent: Agent) => tusOverInject(t.app, agent.cookie);

  const itemMeta = (w: EnterpriseDto, itemCode: string, filename = '断电后电表.jpg') => ({ recordType: 'item', recordId: w.id, itemCode, filename });

  /** Sends `bytes` in chunks of `chunk` bytes; answers the completing response. */
  async function uploadInChunks(agent: Agent, bytes: Buffer, meta: Record<string, string | number>, chunk: number): Promise<LightMyRequestResponse> {
    const created = await tus(agent).create(bytes.length, meta);
    expect(created.statusCode, created.body).toBe(201);
    const location = String(created.headers.location);
    let offset = 0;
    let last: LightMyRequestResponse | undefined;
    while (offset < bytes.length) {
      last = await tus(agent).patch(location, offset, bytes.subarray(offset, offset + chunk));
      offset = Number(last.headers['upload-offset']);
      if (last.statusCode >= 300) return last;
    }
    return last!;
  }

  beforeAll(async () => {
    t = await setupTestApp();
    townName = t.towns[1].name;
    otherTown = t.towns[2].name;
    town = await t.login('town', townName);
    itemCodes = t.campaign.definition.standardItems.map((i) => i.code);
    workshop = await t.createWorkshop({ townName, ...SITE });
    elsewhere = await t.createWorkshop({ townName: otherTown });
  });
  afterAll(() => t.close());

  it('takes a chunked upload cut after the first chunk and resumed from the offset the server reports (HEAD), byte for byte', async () => {
    const bytes = await photo({ seed: 1, gps: north(120), taken: '2016:05:12 09:30:15', offset: '+08:00' });
    expect(bytes.length).toBeGreaterThan(30_000);
    const up = tus(town);
    const before = await rowCount();
    const created = await up.create(bytes.length, { ...itemMeta(workshop, itemCodes[0]), caption: '断电后电表', phase: 'after' });
    expect(created.statusCode, created.body).toBe(201);
    const location = String(created.headers.location);
    expect(location).toMatch(/^\/api\/uploads\/[0-9a-f]{32}$/);
    expect(created.headers['upload-expires']).toBeTruthy();

    const first = await up.patch(location, 0, bytes.subarray(0, 16_384));
    expect(first.statusCode).toBe(204);
    expect(first.headers['upload-offset']).toBe('16384');
    // The connection drops here; the client asks where to go on.
    const head = await up.head(location);
    expect(head.statusCode).toBe(200);
    expect(head.headers['upload-offset']).toBe('16384');
    expect(head.headers['upload-length']).toBe(String(bytes.length));
    expect(head.headers['cache-control']).toBe('no-store');

    // Resuming from anywhere else is refused, in Chinese, changing nothing.
    const wrong = await up.patch(location, 1000, bytes.subarray(1000, 2000));
    expect(wrong.statusCode).toBe(409);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    expect(wrong.json().detail).toContain('续传位置');

    const done = await up.patch(location, 16_384, bytes.subarray(16_384));
    expect(done.statusCode, done.body).toBe(200);
    const id = Number(done.headers['qudi-attachment-id']);
    expect(id).toBeGreaterThan(0);
    const result = done.json() as UploadResultDto;
    expect(result.duplicate).toBe(false);
    expect(result.attachment).toMatchObject({ id, recordType: 'item', itemCode: itemCodes[0], kind: 'photo', mime: 'image/jpeg', size: bytes.length, sha256: sha(bytes), originalName: '断电后电表.jpg', caption: '断电后电表', phase: 'after' });

    const row = await t.ctx.db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.sha256).toBe(sha(bytes));
    expect(Number(row.size)).toBe(bytes.length);
    const kept = await readAll(await t.ctx.storage.open(row.storage_key));
    expect(kept.equals(bytes)).toBe(true);
    expect(staged()).toEqual([]);
    // The finished upload's bytes are gone from staging, but asking again answers the same file:
    // HEAD complete with its id, an empty PATCH at the end and GET the same, nothing recorded twice.
    const again = await up.head(location);
    expect(again.statusCode).toBe(200);
    expect(again.headers['upload-offset']).toBe(String(bytes.length));
    expect(again.headers['qudi-attachment-id']).toBe(String(id));
    const empty = await up.patch(location, bytes.length, Buffer.alloc(0));
    expect(empty.statusCode, empty.body).toBe(200);
    expect((empty.json() as UploadResultDto).attachment.id).toBe(id);
    const asked = await up.result(location);
    expect(asked.statusCode).toBe(200);
    expect(asked.json()).toEqual(result);
    expect(await rowCount()).toBe(before + 1);
    // Nobody else may ask about it.
    const other = await t.login('town', townName);
    expect((await tusOverInject(t.app, other.cookie).result(location)).statusCode).toBe(404);
  });

  it('reads the EXIF capture time and GPS, measures the distance to the workshop and flags a far one', async () => {
    const near = await t.upload({ enterpriseId: workshop.id, itemCode: itemCodes[1], bytes: await photo({ seed: 2, gps: north(250), taken: '2016:05:12 10:05:00', offset: '+08:00' }) }, town);
    expect(near.statusCode, near.body).toBe(201);
    expect((near.json() as UploadResultDto).attachment).toMatchObject({
      capturedAtLocal: '2016-05-12T10:05:00',
      capturedAt: '2016-05-12T10:05:00+08:00',
      locationSource: 'exif',
      far: false,
    });
    const a = (near.json() as UploadResultDto).attachment;
    expect(a.distanceM).toBeGreaterThanOrEqual(249);
    expect(a.distanceM).toBeLessThanOrEqual(251);
    expect(a.gps!.lat).toBeCloseTo(north(250).lat, 5);

    const far = await t.upload({ enterpriseId: workshop.id, itemCode: itemCodes[1], bytes: await photo({ seed: 3, gps: north(2000), taken: '2016:05:12 10:06:00' }) }, town);
    const f = (far.json() as UploadResultDto).attachment;
    expect(f).toMatchObject({ capturedAtLocal: '2016-05-12T10:06:00', capturedAt: null, far: true, locationSource: 'exif' });
    expect(f.distanceM).toBeGreaterThan(1990);

    // No GPS in the photo: the phone's own position at upload is used, and recorded as such.
    const device = await t.upload(
      { enterpriseId: workshop.id, itemCode: itemCodes[1], bytes: await photo({ seed: 4 }), metadata: { deviceLat: north(40).lat.toFixed(7), deviceLng: SITE.lng, deviceAccuracy: 12.5 } },
      town,
    );
    expect((device.json() as UploadResultDto).attachment).toMatchObject({ locationSource: 'device', deviceAccuracyM: 12.5, far: false, capturedAtLocal: null });
    expect((device.json() as UploadResultDto).attachment.distanceM).toBeLessThanOrEqual(41);

    const none = await t.upload({ enterpriseId: workshop.id, itemCode: itemCodes[1], bytes: await photo({ seed: 5 }) }, town);
    expect((none.json() as UploadResultDto).attachment).toMatchObject({ gps: null, locationSource: null, distanceM: null, far: false });
  });

  it('reads when and where a phone video was recorded from its movie box, and measures it like a photo', async () => {
    const at = north(80);
    const android = mp4Fixture({ created: new Date('2016-05-12T02:15:00Z'), xyz: `+${at.lat.toFixed(6)}+${at.lng.toFixed(6)}/` });
    const res = await t.upload({ enterpriseId: workshop.id, itemCode: itemCodes[2], bytes: android, filename: 'VID_20160512_101500.mp4' }, town);
    expect(res.statusCode, res.body).toBe(201);
    const v = (res.json() as UploadResultDto).attachment;
    expect(v).toMatchObject({ kind: 'video', mime: 'video/mp4', capturedAtLocal: '2016-05-12T10:15:00', capturedAt: '2016-05-12T10:15:00+08:00', locationSource: 'exif', far: false, thumbnailUrl: null });
    expect(v.distanceM).toBeGreaterThanOrEqual(79);
    expect(v.distanceM).toBeLessThanOrEqual(81);
    // Without anything in the file, the phone's position at upload stands in, as for photos.
    const bare = await t.upload({ enterpriseId: workshop.id, itemCode: itemCodes[2], bytes: mp4Fixture({ payloadBytes: 1000 }), filename: 'clip.mp4', metadata: { deviceLat: north(20).lat.toFixed(7), deviceLng: SITE.lng } }, town);
    expect((bare.json() as UploadResultDto).attachment).toMatchObject({ capturedAtLocal: null, locationSource: 'device' });
  });

  it('serves a thumbnail without any EXIF, and the original with it', async () => {
    const res = await t.upload({ enterpriseId: workshop.id, bytes: await photo({ seed: 6, gps: north(10), taken: '2016:05:11 08:00:00' }), filename: '现场全景.jpg' }, town);
    const a = (res.json() as UploadResultDto).attachment;
    expect(a.recordType).toBe('enterprise');
    expect(a.thumbnailUrl).toBe(`/api/attachments/${a.id}/thumbnail`);
    const thumb = await town.get(a.thumbnailUrl!);
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    const thumbBytes = thumb.rawPayload;
    expect((await sharp(thumbBytes).metadata()).format).toBe('jpeg');
    expect(await exifr.parse(thumbBytes).catch(() => undefined)).toBeFalsy();
    expect((await sharp(thumbBytes).metadata()).exif).toBeUndefined();
    const original = await town.get(a.fileUrl);
    expect((await exifr.gps(original.rawPayload)).latitude).toBeCloseTo(north(10).lat, 5);
  });

  it('stores the same file sent twice to a record once: one row, one object, the first answered', async () => {
    const bytes = await photo({ seed: 7, gps: north(30) });
    const first = await t.upload({ enterpriseId: workshop.id, itemCode: itemCodes[2], bytes }, town);
    expect(first.statusCode).toBe(201);
    const rows = await rowCount();
    const objects = stored().length;
    const again = await uploadInChunks(town, bytes, itemMeta(workshop, itemCodes[2], '又一次.jpg'), 8192);
    expect(again.statusCode).toBe(200);
    expect(again.headers['qudi-attachment-id']).toBe(first.headers['qudi-attachment-id']);
    expect((again.json() as UploadResultDto).duplicate).toBe(true);
    expect((again.json() as UploadResultDto).attachment.originalName).toBe('IMG_0001.jpg');
    expect(await rowCount()).toBe(rows);
    expect(stored().length).toBe(objects);
    expect(staged()).toEqual([]);
    // The same bytes on another item are another piece of evidence (and still one stored object).
    const other = await t.upload({ enterpriseId: workshop.id, itemCode: itemCodes[3], bytes }, town);
    expect(other.headers['qudi-attachment-id']).not.toBe(first.headers['qudi-attachment-id']);
    expect(await rowCount()).toBe(rows + 1);
    expect(stored().length).toBe(objects);
  });

  it('refuses a file of the wrong type (text named .jpg) with 415 in Chinese, leaving no staged file, object or row', async () => {
    const rows = await rowCount();
    const objects = stored().length;
    const text = Buffer.from('这不是照片。'.repeat(100));
    const res = await t.upload({ enterpriseId: workshop.id, itemCode: itemCodes[0], bytes: text, filename: '断电.jpg' }, town);
    expect(res.statusCode).toBe(415);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'unsupported_media_type', status: 415 });
    expect(res.json().detail).toContain('文件类型不支持');
    // Sent in chunks, it is refused at the first chunk that shows what it is, and is gone.
    const long = Buffer.concat([text, text, text, text]);
    const created = await tus(town).create(long.length, itemMeta(workshop, itemCodes[0], '断电.jpg'));
    const firstChunk = await tus(town).patch(String(created.headers.location), 0, long.subarray(0, 6000));
    expect(firstChunk.statusCode).toBe(415);
    expect(firstChunk.json().detail).toContain('文件类型不支持');
    expect((await tus(town).head(String(created.headers.location))).statusCode).toBe(404);
    expect(staged()).toEqual([]);
    expect(stored().length).toBe(objects);
    expect(await rowCount()).toBe(rows);
  });

  it('refuses oversize files with 413 in Chinese: past every limit at creation, past the photo limit once it shows it is a photo', async () => {
    const limits = t.ctx.config.evidenceLimits;
    const rows = await rowCount();
    const objects = stored().length;
    try {
      t.ctx.config.evidenceLimits = { photoMaxBytes: 20_000, videoMaxBytes: 1_000_000 };
      const huge = await tus(town).create(1_000_001, itemMeta(workshop, itemCodes[0]));
      expect(huge.statusCode).toBe(413);
      expect(huge.json().detail).toMatch(/^文件过大：照片不能超过 19\.5 KB，视频不能超过 976\.6 KB/);
      const bytes = await photo({ seed: 8 });
      expect(bytes.length).toBeGreaterThan(20_000);
      const whole = await t.upload({ enterpriseId: workshop.id, itemCode: itemCodes[0], bytes }, town);
      expect(whole.statusCode).toBe(413);
      expect(whole.json().detail).toContain('照片不能超过');
      // In chunks: refused as soon as the first chunk shows it is a photo.
      const created = await tus(town).create(bytes.length, itemMeta(workshop, itemCodes[0]));
      const firstChunk = await tus(town).patch(String(created.headers.location), 0, bytes.subarray(0, 5000));
      expect(firstChunk.statusCode).toBe(413);
      expect(firstChunk.json().detail).toMatch(/^照片不能超过 19\.5 KB（此文件 \d+(\.\d)? KB）$/);
    } finally {
      t.ctx.config.evidenceLimits = limits;
    }
    expect(staged()).toEqual([]);
    expect(stored().length).toBe(objects);
    expect(await rowCount()).toBe(rows);
  });

  it('refuses deferred lengths, unknown or missing metadata and unknown items, in Chinese', async () => {
    const deferred = await tus(town).create(null, itemMeta(workshop, itemCodes[0]), { 'upload-defer-length': '1' });
    expect(deferred.statusCode).toBe(400);
    expect(deferred.json().detail).toContain('Upload-Defer-Length');
    const unknown = await tus(town).create(100, { ...itemMeta(workshop, itemCodes[0]), filetype: 'image/jpeg' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().detail).toContain('不支持的上传信息字段：filetype');
    // The server's own key (who uploads) cannot be sent by a client.
    const posing = await tus(town).create(100, { ...itemMeta(workshop, itemCodes[0]), qudiUploader: 1 });
    expect(posing.statusCode).toBe(400);
    expect(posing.json().detail).toContain('qudiUploader');
    const noName = await tus(town).create(100, { recordType: 'item', recordId: workshop.id, itemCode: itemCodes[0] });
    expect(noName.statusCode).toBe(400);
    expect(noName.json().detail).toContain('请提供文件名');
    const noItem = await tus(town).create(100, { recordType: 'item', recordId: workshop.id, filename: 'a.jpg' });
    expect(noItem.json().detail).toContain('itemCode');
    const badItem = await tus(town).create(100, itemMeta(workshop, 'teleport'));
    expect(badItem.statusCode).toBe(404);
    const noTus = await t.app.inject({ method: 'POST', url: '/api/uploads', headers: { cookie: town.cookie, 'upload-length': '10' } });
    expect(noTus.statusCode).toBe(412);
    expect(noTus.json().code).toBe('precondition_failed');
    expect(noTus.json().detail).toContain('Tus-Resumable');
    expect(staged()).toEqual([]);
  });

  it('will not mark an item done without its evidence, writing nothing; with it, it will', async () => {
    const w = await t.createWorkshop({ townName });
    const code = itemCodes[4];
    const name = t.campaign.definition.standardItems[4].name;
    const auditBefore = Number((await t.ctx.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const refused = await town.put(`/api/enterprises/${w.id}/items/${code}`, { state: 'done', unit: '镇街取缔工作组', person: '王五', date: '2016-05-13' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'evidence_required', evidenceMin: 1, evidenceCount: 0 });
    expect(refused.json().detail).toBe(`请先上传至少 1 张现场照片或视频，再将“${name}”标记为完成（全程影像记录）`);
    const still = (await town.get(`/api/enterprises/${w.id}`)).json() as EnterpriseDto;
    expect(still.status).toBe('surveyed');
    expect(still.items[4]).toMatchObject({ state: 'pending', evidenceCount: 0, evidenceMin: 1, canUploadEvidence: true });
    expect(Number((await t.ctx.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(auditBefore);
    // Evidence on another item, or on the workshop itself, does not count for this item.
    await t.addEvidence(w.id, itemCodes[0], { agent: town });
    await t.addEvidence(w.id, undefined, { agent: town });
    expect((await town.put(`/api/enterprises/${w.id}/items/${code}`, { state: 'done', unit: '镇街', person: '王五', date: '2016-05-13' })).statusCode).toBe(409);
    // Not applicable needs a reason, not a photo.
    expect((await town.put(`/api/enterprises/${w.id}/items/${itemCodes[1]}`, { state: 'not_applicable', reason: '该点无供水设施' })).statusCode).toBe(200);

    await t.addEvidence(w.id, code, { agent: town, n: 1 });
    const ok = await town.put(`/api/enterprises/${w.id}/items/${code}`, { state: 'done', unit: '镇街取缔工作组', person: '王五', date: '2016-05-13' });
    expect(ok.statusCode).toBe(200);
    const dto = ok.json() as EnterpriseDto;
    expect(dto.items[4]).toMatchObject({ state: 'done', evidenceCount: 1 });
    expect(dto.items[0].evidenceCount).toBe(1);
    expect(dto.abilities.uploadEvidence).toBe(true);
    // The workshop reaches 已取缔 only when every item is done (each with its evidence) or justified.
    for (const c of [itemCodes[0], itemCodes[2], itemCodes[3]]) {
      await t.addEvidence(w.id, c, { agent: town, n: 2 });
      expect((await town.put(`/api/enterprises/${w.id}/items/${c}`, { state: 'done', unit: '镇街', person: '王五', date: '2016-05-13' })).statusCode).toBe(200);
    }
    const shut = (await town.get(`/api/enterprises/${w.id}`)).json() as EnterpriseDto;
    expect(shut.status).toBe('shut_down');
    // Shut down, the items are frozen for acceptance, and so is their evidence.
    expect(shut.items[4].canUploadEvidence).toBe(false);
    const late = await t.upload({ enterpriseId: w.id, itemCode: code, bytes: await evidenceJpeg(9) }, town);
    expect(late.statusCode).toBe(403);
  });

  it('after a recurrence the shutdown is proven anew: earlier files stay in the record but count for no item', async () => {
    const w = await t.createWorkshop({ townName });
    await t.shutDown(w.id);
    const inspector = await t.login('inspector');
    expect((await inspector.post(`/api/enterprises/${w.id}/verdict`, { verdict: 'accepted' })).statusCode).toBe(200);
    const recur = await town.post(`/api/enterprises/${w.id}/recur`, { reason: '巡查发现夜间恢复生产' });
    expect(recur.statusCode).toBe(200);
    const reopened = recur.json() as EnterpriseDto;
    expect(reopened.items.every((i) => i.evidenceCount === 0)).toBe(true);

    const code = itemCodes[0];
    const refused = await town.put(`/api/enterprises/${w.id}/items/${code}`, { state: 'done', unit: '供电部', person: '李四', date: '2016-06-01' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'evidence_required', evidenceCount: 0 });
    expect(refused.json().detail).toContain('反弹前拍摄或上传的影像不计入');

    const before = (await town.get(`/api/enterprises/${w.id}/attachments?itemCode=${code}`)).json() as AttachmentListDto;
    expect(before.items.length).toBeGreaterThan(0);
    expect(before.items.every((a) => a.earlierRound)).toBe(true);

    const fresh = await t.addEvidence(w.id, code, { agent: town, n: 7 });
    const after = (await town.get(`/api/enterprises/${w.id}/attachments?itemCode=${code}`)).json() as AttachmentListDto;
    expect(after.items.find((a) => a.id === fresh)?.earlierRound).toBe(false);
    expect(after.items.filter((a) => a.earlierRound).length).toBe(before.items.length);
    const ok = await town.put(`/api/enterprises/${w.id}/items/${code}`, { state: 'done', unit: '供电部', person: '李四', date: '2016-06-01' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((ok.json() as EnterpriseDto).items[0]).toMatchObject({ state: 'done', evidenceCount: 1 });
  });

  it('after a recurrence a photo taken before it counts for nothing, even uploaded now; one taken since counts', async () => {
    const w = await t.createWorkshop({ townName });
    await t.shutDown(w.id);
    const inspector = await t.login('inspector');
    expect((await inspector.post(`/api/enterprises/${w.id}/verdict`, { verdict: 'accepted' })).statusCode).toBe(200);
    expect((await town.post(`/api/enterprises/${w.id}/recur`, { reason: '群众举报又开工' })).statusCode).toBe(200);
    const code = itemCodes[1];
    // China time as a phone writes it, `minutes` from now.
    const chinaExif = (minutes: number) => new Date(Date.now() + minutes * 60_000 + 8 * 3600_000).toISOString().slice(0, 19).replace(/-/g, ':').replace('T', ' ');

    // From the phone's gallery: taken a day before the recurrence, once with its offset, once without (read as China time).
    for (const [seed, offset] of [[41, '+08:00'], [42, undefined]] as const) {
      const old = await t.upload({ enterpriseId: w.id, itemCode: code, bytes: await photo({ seed, taken: chinaExif(-24 * 60), offset }) }, town);
      expect(old.statusCode, old.body).toBe(201);
      expect((old.json() as UploadResultDto).attachment).toMatchObject({ earlierRound: true });
    }
    const refused = await town.put(`/api/enterprises/${w.id}/items/${code}`, { state: 'done', unit: '供电部', person: '李四', date: '2016-06-01' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'evidence_required', evidenceCount: 0 });
    expect(((await town.get(`/api/enterprises/${w.id}`)).json() as EnterpriseDto).items[1].evidenceCount).toBe(0);

    const fresh = await t.upload({ enterpriseId: w.id, itemCode: code, bytes: await photo({ seed: 43, taken: chinaExif(1), offset: '+08:00' }) }, town);
    expect(fresh.statusCode, fresh.body).toBe(201);
    expect((fresh.json() as UploadResultDto).attachment).toMatchObject({ earlierRound: false });
    const ok = await town.put(`/api/enterprises/${w.id}/items/${code}`, { state: 'done', unit: '供电部', person: '李四', date: '2016-06-01' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((ok.json() as EnterpriseDto).items[1]).toMatchObject({ state: 'done', evidenceCount: 1 });
  });

  it('lists current files (history=true: replaced ones too), edits caption and phase (audited) and replaces a file', async () => {
    const w = await t.createWorkshop({ townName });
    const first = await t.addEvidence(w.id, itemCodes[0], { agent: town, n: 3 });
    const replacement = await t.upload({ enterpriseId: w.id, itemCode: itemCodes[0], bytes: await evidenceJpeg(4), metadata: { replacesId: first, caption: '重拍' } }, town);
    expect(replacement.statusCode, replacement.body).toBe(201);
    const second = Number(replacement.headers['qudi-attachment-id']);
    const replacedAgain = await t.upload({ enterpriseId: w.id, itemCode: itemCodes[0], bytes: await evidenceJpeg(5), metadata: { replacesId: first } }, town);
    expect(replacedAgain.statusCode).toBe(400);
    expect(replacedAgain.json().detail).toContain('已被替换过');
    const wrongRecord = await t.upload({ enterpriseId: w.id, itemCode: itemCodes[1], bytes: await evidenceJpeg(5), metadata: { replacesId: second } }, town);
    expect(wrongRecord.statusCode).toBe(404);

    const list = (await town.get(`/api/enterprises/${w.id}/attachments`)).json() as AttachmentListDto;
    expect(list.items.map((a) => a.id)).toEqual([second]);
    expect(list.maxDistanceM).toBe(300);
    expect(list.limits.photoMaxBytes).toBe(30 * 1024 * 1024);
    expect(list.items[0]).toMatchObject({ replacesId: first, replacedBy: null, caption: '重拍', uploadedBy: `town ${townName}`, fileUrl: `/api/attachments/${second}/file`, abilities: { update: true } });
    expect(list.items[0].uploadedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const history = (await town.get(`/api/enterprises/${w.id}/attachments?history=true`)).json() as AttachmentListDto;
    expect(history.items.map((a) => [a.id, a.replacedBy])).toEqual([[first, second], [second, null]]);
    expect((await town.get(`/api/enterprises/${w.id}/attachments?history=maybe`)).statusCode).toBe(400);
    // The replaced file still opens (files are write-once), and the item still counts one.
    expect((await town.get(`/api/attachments/${first}/file`)).statusCode).toBe(200);
    expect(((await town.get(`/api/enterprises/${w.id}`)).json() as EnterpriseDto).items[0].evidenceCount).toBe(1);

    const patched = await town.patch(`/api/attachments/${second}`, { caption: '断电后电表读数', phase: 'after' });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ caption: '断电后电表读数', phase: 'after' });
    expect((await town.patch(`/api/attachments/${second}`, { sha256: 'x' })).statusCode).toBe(400);
    expect((await town.patch(`/api/attachments/${second}`, { phase: 'during' })).statusCode).toBe(400);
    expect((await town.patch(`/api/attachments/${first}`, { caption: '旧的' })).statusCode).toBe(409);
    const liaison = await t.login('liaison', t.campaign.definition.liaisonPairs.find((p) => p.towns.includes(townName))!.department);
    expect((await liaison.patch(`/api/attachments/${second}`, { caption: '改' })).statusCode).toBe(403);

    const audit = (await town.get(`/api/enterprises/${w.id}/history`)).json() as ListResponse<HistoryEntryDto>;
    const created = audit.items.filter((h) => h.action === 'attachment.create');
    expect(created).toHaveLength(2);
    expect(created.find((h) => (h.after as { attachmentId: number }).attachmentId === second)!.after).toMatchObject({
      sha256: sha(await evidenceJpeg(4)),
      size: (await evidenceJpeg(4)).length,
      mime: 'image/jpeg',
      storageKey: `sha256/${sha(await evidenceJpeg(4)).slice(0, 2)}/${sha(await evidenceJpeg(4))}`,
      recordType: 'item',
      itemCode: itemCodes[0],
      replacesId: first,
    });
    expect(audit.items.find((h) => h.action === 'attachment.update')).toMatchObject({ before: { attachmentId: second, caption: '重拍', phase: '' }, after: { attachmentId: second, caption: '断电后电表读数', phase: 'after' } });
  });

  it('streams a file with byte ranges (206), its type, an RFC 5987 name, its hash as ETag and nosniff', async () => {
    const bytes = await photo({ seed: 11 });
    const res = await t.upload({ enterpriseId: workshop.id, itemCode: itemCodes[3], bytes, filename: '拆除设备 “前”.jpg' }, town);
    const a = (res.json() as UploadResultDto).attachment;
    const whole = await town.get(a.fileUrl);
    expect(whole.statusCode).toBe(200);
    expect(whole.rawPayload.equals(bytes)).toBe(true);
    expect(whole.headers).toMatchObject({ 'content-type': 'image/jpeg', etag: `"${sha(bytes)}"`, 'accept-ranges': 'bytes', 'x-content-type-options': 'nosniff', 'content-length': String(bytes.length) });
    const disposition = String(whole.headers['content-disposition']);
    expect(disposition).toMatch(/^inline; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(disposition)![1])).toBe('拆除设备 “前”.jpg');

    const get = (range: string, extra: Record<string, string> = {}) => t.app.inject({ method: 'GET', url: a.fileUrl, headers: { cookie: town.cookie, range, ...extra } });
    const part = await get('bytes=100-1099');
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-1099/${bytes.length}`);
    expect(part.headers['content-length']).toBe('1000');
    expect(part.rawPayload.equals(bytes.subarray(100, 1100))).toBe(true);
    const tail = await get('bytes=-10');
    expect(tail.statusCode).toBe(206);
    expect(tail.rawPayload.equals(bytes.subarray(bytes.length - 10))).toBe(true);
    const open = await get(`bytes=${bytes.length - 5}-`);
    expect(open.rawPayload.equals(bytes.subarray(bytes.length - 5))).toBe(true);
    const past = await get(`bytes=${bytes.length}-`);
    expect(past.statusCode).toBe(416);
    expect(past.json().code).toBe('range_not_satisfiable');
    expect(past.headers['content-range']).toBe(`bytes */${bytes.length}`);
    expect((await get('bytes=0-1', { 'if-range': '"stale"' })).statusCode).toBe(200);
    const cached = await t.app.inject({ method: 'GET', url: a.fileUrl, headers: { cookie: town.cookie, 'if-none-match': `"${sha(bytes)}"` } });
    expect(cached.statusCode).toBe(304);
    const head = await t.app.inject({ method: 'HEAD', url: a.fileUrl, headers: { cookie: town.cookie } });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-length']).toBe(String(bytes.length));
    expect(head.rawPayload.length).toBe(0);
  });

  it('moves the files with their workshop: into its new scope, measured from its new position', async () => {
    const w = await t.createWorkshop({ townName, lat: 35.2, lng: 117.2 });
    const res = await t.upload({ enterpriseId: w.id, bytes: await photo({ seed: 17, gps: { lat: 35.2 + 500 / 111_195.08, lng: 117.2 } }) }, town);
    const a = (res.json() as UploadResultDto).attachment;
    expect(a.distanceM).toBeGreaterThanOrEqual(499);
    expect(a.far).toBe(true);
    const office = await t.login('office');
    const moved = await office.patch(`/api/enterprises/${w.id}`, { version: 1, lat: 35.2 + 450 / 111_195.08, lng: 117.2, townId: t.towns.find((x) => x.name === otherTown)!.id });
    expect(moved.statusCode, moved.body).toBe(200);
    const seen = (await office.get(`/api/attachments/${a.id}`)).json() as AttachmentDto;
    expect(seen.distanceM).toBeLessThanOrEqual(51);
    expect(seen.far).toBe(false);
    expect((await town.get(a.fileUrl)).statusCode).toBe(404);
    const other = await t.login('town', otherTown);
    expect((await other.get(a.fileUrl)).statusCode).toBe(200);
  });

  it('answers 404 outside the scope — list, file, thumbnail, upload, resume — and for guessed ids', async () => {
    const res = await t.upload({ enterpriseId: elsewhere.id, itemCode: itemCodes[0], bytes: await photo({ seed: 12 }) });
    expect(res.statusCode).toBe(201);
    const a = (res.json() as UploadResultDto).attachment;
    const notFound = (r: LightMyRequestResponse) => {
      expect(r.statusCode).toBe(404);
      expect(r.json().detail).toContain('不在您的管辖范围内');
    };
    notFound(await town.get(`/api/enterprises/${elsewhere.id}/attachments`));
    notFound(await town.get(a.fileUrl));
    notFound(await town.get(a.thumbnailUrl!));
    notFound(await town.get(`/api/attachments/${a.id}`));
    notFound(await town.patch(`/api/attachments/${a.id}`, { caption: 'x' }));
    notFound(await town.get('/api/attachments/999999/file'));
    notFound(await tus(town).create(1000, itemMeta(elsewhere, itemCodes[0])));
    notFound(await tus(town).create(1000, { recordType: 'enterprise', recordId: elsewhere.id, filename: 'a.jpg' }));
    // Someone else's unfinished upload cannot be seen, resumed or abandoned.
    const office = await t.login('office');
    const created = await tus(office).create(50_000, itemMeta(workshop, itemCodes[0]));
    const location = String(created.headers.location);
    expect((await tus(town).head(location)).statusCode).toBe(404);
    expect((await tus(town).patch(location, 0, Buffer.alloc(10))).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: location, headers: { cookie: town.cookie, 'tus-resumable': '1.0.0' } })).statusCode).toBe(404);
    // Its owner may abandon it, which removes it.
    expect((await t.app.inject({ method: 'DELETE', url: location, headers: { cookie: office.cookie, 'tus-resumable': '1.0.0' } })).statusCode).toBe(204);
    expect(staged()).toEqual([]);
    // In scope but not the role's to document: 403. Signed out: 401.
    const liaison = await t.login('liaison', t.campaign.definition.liaisonPairs.find((p) => p.towns.includes(townName))!.department);
    expect((await tus(liaison).create(1000, itemMeta(workshop, itemCodes[0]))).statusCode).toBe(403);
    expect((await liaison.get(`/api/enterprises/${workshop.id}/attachments`)).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/uploads', headers: { 'tus-resumable': '1.0.0', 'upload-length': '10' } })).statusCode).toBe(401);
  });

  it('lets a department upload evidence for the items of its duty only', async () => {
    const def = t.campaign.definition.standardItems.find((i) => i.departments.length > 0)!;
    const dept = await t.login('department', def.departments[0]);
    const own = await t.upload({ enterpriseId: workshop.id, itemCode: def.code, bytes: await photo({ seed: 13 }) }, dept);
    expect(own.statusCode).toBe(201);
    const townItem = t.campaign.definition.standardItems.find((i) => i.departments.length === 0)!;
    expect((await t.upload({ enterpriseId: workshop.id, itemCode: townItem.code, bytes: await photo({ seed: 14 }) }, dept)).statusCode).toBe(403);
  });

  describe('over a real socket', () => {
    let base: string;
    beforeAll(async () => {
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    });

    it('resumes after the connection is cut in the middle of a chunk, from whatever the server kept', async () => {
      const bytes = await photo({ seed: 15, width: 640 });
      const created = await tus(town).create(bytes.length, itemMeta(workshop, itemCodes[2], '设备拆除后.jpg'));
      const location = String(created.headers.location);
      // Announce the whole file, send a third of it, and drop the connection.
      await new Promise<void>((resolve) => {
        const req = http.request(`${base}${location}`, {
          method: 'PATCH',
          headers: { cookie: town.cookie, 'tus-resumable': '1.0.0', 'upload-offset': '0', 'content-type': 'application/offset+octet-stream', 'content-length': String(bytes.length) },
        });
        req.on('error', () => resolve());
        req.on('response', () => resolve());
        req.write(bytes.subarray(0, Math.floor(bytes.length / 3)), () => setTimeout(() => req.destroy(), 100));
      });
      let offset = -1;
      for (let i = 0; i < 50 && offset < 0; i++) {
        const head = await tus(town).head(location);
        if (head.statusCode === 200) offset = Number(head.headers['upload-offset']);
        else await new Promise((r) => setTimeout(r, 50));
      }
      expect(offset).toBeGreaterThanOrEqual(0);
      expect(offset).toBeLessThanOrEqual(Math.floor(bytes.length / 3));
      const done = await tus(town).patch(location, offset, bytes.subarray(offset));
      expect(done.statusCode, done.body).toBe(200);
      const a = (done.json() as UploadResultDto).attachment;
      expect(a.sha256).toBe(sha(bytes));
      expect((await town.get(a.fileUrl)).rawPayload.equals(bytes)).toBe(true);
      expect(staged()).toEqual([]);
    });

    it('works with tus-js-client in chunks', async () => {
      const bytes = await photo({ seed: 16, gps: north(60), taken: '2016:05:12 11:00:00' });
      const { id, body } = await new Promise<{ id: string; body: string }>((resolve, reject) => {
        const upload = new tusClient.Upload(bytes, {
          endpoint: `${base}/api/uploads/`,
          chunkSize: 10_000,
          headers: { cookie: town.cookie },
          metadata: { recordType: 'item', recordId: String(workshop.id), itemCode: itemCodes[3], filename: '原料清理后.jpg', phase: 'after' },
          retryDelays: [],
          onError: reject,
          onSuccess: (payload) => resolve({ id: payload.lastResponse.getHeader('Qudi-Attachment-Id') ?? '', body: payload.lastResponse.getBody() }),
        });
        upload.start();
      });
      expect(Number(id)).toBeGreaterThan(0);
      const result = JSON.parse(body) as UploadResultDto;
      expect(result.attachment).toMatchObject({ id: Number(id), phase: 'after', sha256: sha(bytes), capturedAtLocal: '2016-05-12T11:00:00' });
      const list = (await town.get(`/api/enterprises/${workshop.id}/attachments?itemCode=${itemCodes[3]}`)).json() as AttachmentListDto;
      expect(list.items.some((x: AttachmentDto) => x.id === Number(id))).toBe(true);
    });
  });
});

describe.skipIf(dbUnavailable())(`evidence uploads on S3 storage (${TEST_DB}, s3rver)`, () => {
  let peer: S3Peer;
  let t: TestApp;

  beforeAll(async () => {
    peer = await startS3Peer();
    t = await setupTestApp({ storageUrl: peer.storageUrl });
  });
  afterAll(async () => {
    await t?.close();
    await peer?.close();
  });

  it('uploads in chunks, stores the original and its thumbnail in the bucket, and serves them back, ranges included', async () => {
    const town = await t.login('town', t.towns[1].name);
    const w = await t.createWorkshop({ townName: t.towns[1].name, ...SITE });
    const item = t.campaign.definition.standardItems[0].code;
    const bytes = await photo({ seed: 21, gps: north(100), taken: '2016:05:12 09:00:00' });
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/uploads',
      headers: { cookie: town.cookie, 'tus-resumable': '1.0.0', 'upload-length': String(bytes.length), 'upload-metadata': tusMetadata({ recordType: 'item', recordId: w.id, itemCode: item, filename: '电表.jpg' }) },
    });
    const location = String(created.headers.location);
    const half = Math.floor(bytes.length / 2);
    const patch = (offset: number, chunk: Buffer) =>
      t.app.inject({ method: 'PATCH', url: location, headers: { cookie: town.cookie, 'tus-resumable': '1.0.0', 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' }, payload: chunk });
    expect((await patch(0, bytes.subarray(0, half))).statusCode).toBe(204);
    const head = await t.app.inject({ method: 'HEAD', url: location, headers: { cookie: town.cookie, 'tus-resumable': '1.0.0' } });
    const done = await patch(Number(head.headers['upload-offset']), bytes.subarray(Number(head.headers['upload-offset'])));
    expect(done.statusCode, done.body).toBe(200);
    const a = (done.json() as UploadResultDto).attachment;
    const key = `sha256/${sha(bytes).slice(0, 2)}/${sha(bytes)}`;
    const keys = await peer.listKeys();
    expect(keys).toContain(key);
    expect(keys.filter((k) => k.startsWith('sha256/'))).toHaveLength(2); // the original and its thumbnail

    const file = await town.get(a.fileUrl);
    expect(file.rawPayload.equals(bytes)).toBe(true);
    const part = await t.app.inject({ method: 'GET', url: a.fileUrl, headers: { cookie: town.cookie, range: 'bytes=10-19' } });
    expect(part.statusCode).toBe(206);
    expect(part.rawPayload.equals(bytes.subarray(10, 20))).toBe(true);
    const thumb = await town.get(a.thumbnailUrl!);
    expect(thumb.statusCode).toBe(200);
    expect((await sharp(thumb.rawPayload).metadata()).exif).toBeUndefined();

    // The same bytes again: the same file answered, nothing written to the bucket.
    const writes = peer.writesTo(key);
    const again = await t.upload({ enterpriseId: w.id, itemCode: item, bytes }, town);
    expect(again.headers['qudi-attachment-id']).toBe(String(a.id));
    expect(peer.writesTo(key)).toBe(writes);
    expect(fs.readdirSync(path.join(t.ctx.config.dataDir, 'uploads'))).toEqual([]);
  });
});
