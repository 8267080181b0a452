// Attachments on disciplinary clues (线索附件), through the one attachment mechanism: the discipline
// role and the office director add photos, videos and PDF documents to a clue and read them back,
// every reading audited like a view of the clue; every other role is answered 404 on every door
// (upload, list, details, file, thumbnail, edit, resume, guessed ids), exactly as the clue routes
// answer; and a workshop still takes photos and videos only.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttachmentListDto, ClueAttachmentListDto, UploadResultDto } from '../../../domain/attachment.js';
import type { ListResponse, HistoryEntryDto } from '../../../domain/api.js';
import { dbUnavailable, setupTestApp, TEST_DB, type Agent, type TestApp } from '../setup/app.js';
import { evidenceJpeg } from '../fixtures/images.js';
import { tusClient } from '../fixtures/tusClient.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A small but well-formed one-page PDF, different bytes per `seed`, padded past the first 4100 bytes the upload sniffs. */
function pdf(seed: number, pad = 6000): Buffer {
  return Buffer.from(
    [
      '%PDF-1.4',
      '%âãÏÓ',
      '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
      '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
      '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj',
      `% ${'0123456789'.repeat(Math.ceil(pad / 10))} ${seed}`,
      'trailer << /Root 1 0 R >>',
      '%%EOF',
      '',
    ].join('\n'),
    'latin1',
  );
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe.skipIf(dbUnavailable())(`clue attachments (${TEST_DB})`, () => {
  let t: TestApp;
  let townA: { id: number; name: string; path: string };
  let townB: { id: number; name: string; path: string };
  let clerkA: Agent;
  let discipline: Agent;
  let director: Agent;
  let clueA: number;
  let clueB: number;
  let workshopId: number;
  /** Files discipline put on clue A: a PDF and a photo. */
  let pdfId: number;
  let photoId: number;
  const pdfA = pdf(1);

  const staged = () => filesUnder(path.join(t.ctx.config.dataDir, 'uploads'));
  const stored = () => filesUnder(path.join(t.ctx.config.dataDir, 'files', 'sha256'));
  const rowCount = async () => Number((await t.ctx.db.selectFrom('attachments').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const auditOf = (action: string) => t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();

  const tus = (agent: Agent) => tusClient(t.app, agent.cookie);

  /** One request that creates the upload and carries the whole file. */
  const uploadToClue = (agent: Agent, clueId: number, bytes: Buffer, filename: string, extra: Record<string, string | number> = {}) =>
    tus(agent).create(bytes.length, { recordType: 'clue', recordId: clueId, filename, ...extra }, {}, bytes);

  const clue = (townId: number, extra: Record<string, unknown> = {}) => ({
    townId,
    person: '孙某',
    post: '某村村委会主任',
    conduct: 'collected_fees',
    description: '向无证加工点收取“管理费”，收据在案',
    source: 'public_report',
    ...extra,
  });

  beforeAll(async () => {
    t = await setupTestApp();
    townA = t.towns[1];
    townB = t.towns[2];
    clerkA = await t.login('town', townA.name);
    discipline = await t.login('discipline');
    director = await t.login('office', undefined, { director: true });
    workshopId = (await t.createWorkshop({ townName: townA.name, name: '线索附件关联测试厂' })).id;
    const a = await clerkA.post('/api/self-inspection/clues', clue(townA.id, { enterpriseId: workshopId }));
    expect(a.statusCode, a.body).toBe(201);
    clueA = a.json().id;
    const b = await discipline.post('/api/self-inspection/clues', clue(townB.id, { person: '李某' }));
    clueB = b.json().id;
  });
  afterAll(() => t.close());

  it('lets the discipline role add a PDF and a photo to a clue: typed from their bytes, placed in the clue’s scope, no site to measure against', async () => {
    const doc = await uploadToClue(discipline, clueA, pdfA, '收据.pdf', { caption: '群众提供的收款收据' });
    expect(doc.statusCode, doc.body).toBe(201);
    const d = (doc.json() as UploadResultDto).attachment;
    pdfId = d.id;
    expect(d).toMatchObject({
      recordType: 'clue',
      itemCode: null,
      kind: 'document',
      mime: 'application/pdf',
      size: pdfA.length,
      sha256: sha(pdfA),
      originalName: '收据.pdf',
      caption: '群众提供的收款收据',
      phase: '',
      thumbnailUrl: null,
      distanceM: null,
      far: false,
      fileUrl: `/api/attachments/${pdfId}/file`,
      abilities: { update: true },
    });

    const jpeg = await evidenceJpeg(41);
    const photo = await uploadToClue(discipline, clueA, jpeg, '现场.jpg', { deviceLat: '34.91', deviceLng: '117.47' });
    expect(photo.statusCode, photo.body).toBe(201);
    const p = (photo.json() as UploadResultDto).attachment;
    photoId = p.id;
    // A clue has no site: the position is kept, but there is no distance and nothing is flagged.
    expect(p).toMatchObject({ kind: 'photo', mime: 'image/jpeg', thumbnailUrl: `/api/attachments/${photoId}/thumbnail`, locationSource: 'device', distanceM: null, far: false });

    const rows = await t.ctx.db.selectFrom('attachments').selectAll().where('id', 'in', [pdfId, photoId]).orderBy('id').execute();
    for (const row of rows) expect(row).toMatchObject({ record_type: 'clue', record_id: String(clueA), enterprise_id: null, item_code: null, org_path: townA.path });
    expect(staged()).toEqual([]);
  });

  it('takes a PDF in chunks too, judging the first chunk as a document for a clue', async () => {
    const bytes = pdf(2, 12_000);
    const created = await tus(discipline).create(bytes.length, { recordType: 'clue', recordId: clueA, filename: '谈话笔录.pdf' });
    expect(created.statusCode, created.body).toBe(201);
    const location = String(created.headers.location);
    const first = await tus(discipline).patch(location, 0, bytes.subarray(0, 5000));
    expect(first.statusCode, first.body).toBe(204);
    const done = await tus(discipline).patch(location, 5000, bytes.subarray(5000));
    expect(done.statusCode, done.body).toBe(200);
    expect((done.json() as UploadResultDto).attachment).toMatchObject({ kind: 'document', sha256: sha(bytes), originalName: '谈话笔录.pdf' });
    expect(staged()).toEqual([]);
  });

  it('lists the clue’s files and serves them back byte for byte', async () => {
    const list = await discipline.get(`/api/self-inspection/clues/${clueA}/attachments`);
    expect(list.statusCode, list.body).toBe(200);
    const body = list.json() as ClueAttachmentListDto;
    expect(body.total).toBe(3);
    expect(body.items.map((a) => a.id).slice(0, 2)).toEqual([pdfId, photoId]);
    expect(body.items[0]).toMatchObject({ kind: 'document', uploadedBy: 'discipline ', originalName: '收据.pdf' });
    expect(body.abilities).toEqual({ upload: true });
    expect(body.limits).toEqual({ ...t.ctx.config.evidenceLimits, documentMaxBytes: t.ctx.config.evidenceLimits.photoMaxBytes });

    const file = await discipline.get(`/api/attachments/${pdfId}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers.etag).toBe(`"${sha(pdfA)}"`);
    // Never kept by the browser: every view reaches the server and its audit.
    expect(file.headers['cache-control']).toBe('no-store');
    expect(file.rawPayload.equals(pdfA)).toBe(true);
    const thumb = await discipline.get(`/api/attachments/${photoId}/thumbnail`);
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    expect(thumb.headers['cache-control']).toBe('no-store');
    expect((await discipline.get(`/api/attachments/${pdfId}/thumbnail`)).statusCode).toBe(404);
    expect((await discipline.get(`/api/attachments/${pdfId}`)).json()).toMatchObject({ id: pdfId, recordType: 'clue' });
    expect((await discipline.get('/api/self-inspection/clues/999999/attachments')).statusCode).toBe(404);
  });

  it('lets the office director do the same, on any clue in scope', async () => {
    const bytes = pdf(3);
    const up = await uploadToClue(director, clueB, bytes, '举报信.pdf');
    expect(up.statusCode, up.body).toBe(201);
    const id = (up.json() as UploadResultDto).attachment.id;
    expect(((await director.get(`/api/self-inspection/clues/${clueA}/attachments`)).json() as ClueAttachmentListDto).total).toBe(3);
    const listB = (await director.get(`/api/self-inspection/clues/${clueB}/attachments`)).json() as ClueAttachmentListDto;
    expect(listB.items.map((a) => [a.id, a.originalName])).toEqual([[id, '举报信.pdf']]);
    expect((await director.get(`/api/attachments/${id}/file`)).rawPayload.equals(bytes)).toBe(true);
    expect((await director.get(`/api/attachments/${pdfId}/file`)).statusCode).toBe(200);
    // And discipline sees the director's file: the files follow the clue, not the uploader.
    expect((await discipline.get(`/api/attachments/${id}/file`)).statusCode).toBe(200);

    const patched = await director.patch(`/api/attachments/${id}`, { caption: '实名举报信' });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ caption: '实名举报信', phase: '' });
    const phase = await director.patch(`/api/attachments/${id}`, { phase: 'before' });
    expect(phase.statusCode).toBe(400);
    expect(phase.json().detail).toContain('不区分');
    const update = (await auditOf('attachment.update')).at(-1)!;
    expect(update).toMatchObject({ entity_type: 'clue', entity_id: String(clueB), actor_id: director.userId });
    // What changed, not the words.
    expect(JSON.parse(update.after!)).toEqual({ attachmentId: id, changed: ['caption'] });
  });

  it('audits each upload under the clue with its SHA-256, and each reading of a clue’s file like a view of the clue', async () => {
    const created = (await auditOf('attachment.create')).filter((a) => a.entity_type === 'clue');
    expect(created).toHaveLength(4);
    const first = created.find((a) => JSON.parse(a.after!).attachmentId === pdfId)!;
    expect(first).toMatchObject({ entity_id: String(clueA), scope_path: townA.path, actor_id: discipline.userId });
    const after = JSON.parse(first.after!) as Record<string, unknown>;
    expect(after).toMatchObject({ recordType: 'clue', recordId: String(clueA), sha256: sha(pdfA), size: pdfA.length, mime: 'application/pdf', kind: 'document' });
    // The file's name and caption may repeat the accusation: the clue's audit keeps neither (as clue.create keeps no description).
    expect(after).not.toHaveProperty('originalName');
    expect(after).not.toHaveProperty('caption');

    const views = async () => (await auditOf('clue.attachment.view')).length;
    const before = await views();
    const file = await discipline.get(`/api/attachments/${pdfId}/file`);
    expect(file.statusCode).toBe(200);
    expect(await views()).toBe(before + 1);
    const last = (await auditOf('clue.attachment.view')).at(-1)!;
    expect(last).toMatchObject({ actor_id: discipline.userId, entity_type: 'clue', entity_id: String(clueA), scope_path: townA.path });
    expect(JSON.parse(last.after!)).toEqual({ attachmentId: pdfId, sha256: sha(pdfA), part: 'file', method: 'GET' });

    // A byte range, a revalidation, the thumbnail and the details are each another reading.
    const part = await t.app.inject({ method: 'GET', url: `/api/attachments/${pdfId}/file`, headers: { cookie: director.cookie, range: 'bytes=0-99' } });
    expect(part.statusCode).toBe(206);
    expect(JSON.parse((await auditOf('clue.attachment.view')).at(-1)!.after!)).toMatchObject({ part: 'file', range: 'bytes=0-99' });
    const cached = await t.app.inject({ method: 'GET', url: `/api/attachments/${pdfId}/file`, headers: { cookie: director.cookie, 'if-none-match': `"${sha(pdfA)}"` } });
    expect(cached.statusCode).toBe(304);
    await director.get(`/api/attachments/${photoId}/thumbnail`);
    await director.get(`/api/attachments/${photoId}`);
    expect(await views()).toBe(before + 5);
    expect((await auditOf('clue.attachment.view')).slice(-4).map((a) => [a.actor_id, JSON.parse(a.after!).part])).toEqual([
      [director.userId, 'file'],
      [director.userId, 'file'],
      [director.userId, 'thumbnail'],
      [director.userId, 'info'],
    ]);

    const lists = (await auditOf('clue.attachment.list')).length;
    await discipline.get(`/api/self-inspection/clues/${clueA}/attachments`);
    const listed = (await auditOf('clue.attachment.list')).at(-1)!;
    expect((await auditOf('clue.attachment.list')).length).toBe(lists + 1);
    expect(listed).toMatchObject({ actor_id: discipline.userId, entity_type: 'clue', entity_id: String(clueA) });
    expect(JSON.parse(listed.after!).attachmentIds).toContain(pdfId);

    // Workshop files are not clue readings.
    await t.addEvidence(workshopId);
    const count = await views();
    const office = await t.login('office');
    const w = (await office.get(`/api/enterprises/${workshopId}/attachments`)).json() as AttachmentListDto;
    expect((await office.get(w.items[0].fileUrl)).statusCode).toBe(200);
    expect(await views()).toBe(count);
  });

  it('keeps clue files out of the workshop a clue names, and out of any workshop sharing the clue’s number', async () => {
    const office = await t.login('office');
    // A workshop whose id is the clue's: the clue's files are stored under record id String(clueA) too.
    const exists = async (id: number) => !!(await t.ctx.db.selectFrom('enterprises').select('id').where('id', '=', id).executeTakeFirst());
    for (let i = 0; i < 20 && !(await exists(clueA)); i++) await t.createWorkshop({ townName: townA.name });
    expect(await exists(clueA)).toBe(true);
    for (const id of new Set([clueA, workshopId])) {
      const list = (await office.get(`/api/enterprises/${id}/attachments?history=true`)).json() as AttachmentListDto;
      expect(list.items.every((a) => a.recordType !== 'clue'), `workshop ${id}`).toBe(true);
      const history = (await office.get(`/api/enterprises/${id}/history`)).json() as ListResponse<HistoryEntryDto>;
      expect(JSON.stringify(history.items)).not.toContain(sha(pdfA));
    }
  });

  it('refuses a file that is neither photo, video nor PDF, and a phase, on a clue — in Chinese, leaving nothing', async () => {
    const rows = await rowCount();
    const objects = stored().length;
    const text = await uploadToClue(discipline, clueA, Buffer.from('这不是文档。'.repeat(400)), '笔录.pdf');
    expect(text.statusCode).toBe(415);
    expect(text.json().detail).toContain('只接受照片（JPG、PNG、HEIC）、视频（MP4、MOV）和 PDF 文档');
    const phase = await uploadToClue(discipline, clueA, await evidenceJpeg(42), 'a.jpg', { phase: 'after' });
    expect(phase.statusCode).toBe(400);
    expect(phase.json().detail).toContain('不区分');
    const item = await tus(discipline).create(100, { recordType: 'clue', recordId: clueA, itemCode: 'power_cut', filename: 'a.pdf' });
    expect(item.statusCode).toBe(400);
    expect(await rowCount()).toBe(rows);
    expect(stored().length).toBe(objects);
    expect(staged()).toEqual([]);
  });

  it('refuses a PDF on a workshop item or a workshop (images only, as the notice requires), at once or at the first chunk', async () => {
    const town = await t.login('town', townA.name);
    const rows = await rowCount();
    const objects = stored().length;
    const item = t.campaign.definition.standardItems[0].code;
    const whole = await t.upload({ enterpriseId: workshopId, itemCode: item, bytes: pdf(5), filename: '断电通知.pdf' }, town);
    expect(whole.statusCode).toBe(415);
    expect(whole.json().detail).toBe('文件类型不支持：只接受照片（JPG、PNG、HEIC）和视频（MP4、MOV），此文件实际是 PDF 文档（application/pdf）');
    const site = await t.upload({ enterpriseId: workshopId, bytes: pdf(6), filename: '现场.pdf' }, town);
    expect(site.statusCode).toBe(415);
    const bytes = pdf(7, 12_000);
    const created = await tus(town).create(bytes.length, { recordType: 'item', recordId: workshopId, itemCode: item, filename: '断电通知.pdf' });
    expect(created.statusCode).toBe(201);
    const first = await tus(town).patch(String(created.headers.location), 0, bytes.subarray(0, 5000));
    expect(first.statusCode).toBe(415);
    expect(first.json().detail).toContain('PDF 文档');
    expect(await rowCount()).toBe(rows);
    expect(stored().length).toBe(objects);
    expect(staged()).toEqual([]);
  });

  it('answers 404 to every other role on every door — upload, list, details, file, thumbnail, edit, resume, guessed ids — and logs nothing for them', async () => {
    await t.village(townA.name, '附件测试村');
    const others: [string, Agent][] = [
      ['admin', await t.login('admin')],
      ['office (not director)', await t.login('office')],
      ['leader', await t.login('leader')],
      ['town (the clue’s filer)', clerkA],
      ['town_head', await t.login('town_head', townA.name)],
      ['village', await t.login('village', `${townA.name}/附件测试村`)],
      ['liaison', await t.login('liaison', 'epb')],
      ['department', await t.login('department', 'power_office')],
      ['inspector', await t.login('inspector')],
    ];
    // An upload discipline has started and not finished.
    const pending = await tus(discipline).create(50_000, { recordType: 'clue', recordId: clueA, filename: '未完成.pdf' });
    expect(pending.statusCode).toBe(201);
    const location = String(pending.headers.location);
    const rows = await rowCount();
    const auditBefore = Number((await t.ctx.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const hidden = (name: string, what: string, res: LightMyRequestResponse) => {
      expect(res.statusCode, `${name}: ${what}`).toBe(404);
      expect(res.body, `${name}: ${what}`).not.toContain('收据');
      expect(res.body, `${name}: ${what}`).not.toContain('孙某');
    };

    for (const [name, agent] of others) {
      const up = tus(agent);
      hidden(name, 'upload', await uploadToClue(agent, clueA, pdf(8), 'x.pdf'));
      hidden(name, 'upload (creation only)', await up.create(1000, { recordType: 'clue', recordId: clueA, filename: 'x.pdf' }));
      hidden(name, 'upload to a guessed clue', await up.create(1000, { recordType: 'clue', recordId: clueA + 1000, filename: 'x.pdf' }));
      // Malformed metadata naming a clue: the same 404, not a validation error.
      hidden(name, 'upload, no filename', await up.create(1000, { recordType: 'clue', recordId: clueA }));
      hidden(name, 'upload, bad id', await up.create(1000, { recordType: 'clue', recordId: 'abc', filename: 'x.pdf' }));
      hidden(name, 'upload, phase', await up.create(1000, { recordType: 'clue', recordId: clueA, filename: 'x.pdf', phase: 'after' }));
      hidden(name, 'upload, unknown key', await up.create(1000, { recordType: 'clue', recordId: clueA, filename: 'x.pdf', note: 'x' }));
      hidden(name, 'replace a clue file', await up.create(1000, { recordType: 'clue', recordId: clueA, filename: 'x.pdf', replacesId: pdfId }));
      // Someone else's upload to a clue.
      hidden(name, 'resume HEAD', await up.head(location));
      hidden(name, 'resume PATCH', await up.patch(location, 0, pdf(9).subarray(0, 100)));

      for (const url of [
        `/api/self-inspection/clues/${clueA}/attachments`,
        `/api/self-inspection/clues/${clueB}/attachments?history=true`,
        `/api/self-inspection/clues/${clueA + 1000}/attachments`,
        `/api/self-inspection/clues/abc/attachments`,
        `/api/self-inspection/clues/${clueA}/attachments?history=bogus`,
        `/api/attachments/${pdfId}`,
        `/api/attachments/${pdfId}/file`,
        `/api/attachments/${pdfId}/thumbnail`,
        `/api/attachments/${photoId}`,
        `/api/attachments/${photoId}/file`,
        `/api/attachments/${photoId}/thumbnail`,
      ])
        hidden(name, `GET ${url}`, await agent.get(url));
      hidden(name, 'HEAD file', await t.app.inject({ method: 'HEAD', url: `/api/attachments/${pdfId}/file`, headers: { cookie: agent.cookie } }));
      hidden(name, 'ranged file', await t.app.inject({ method: 'GET', url: `/api/attachments/${photoId}/file`, headers: { cookie: agent.cookie, range: 'bytes=0-9' } }));
      hidden(name, 'PATCH', await agent.patch(`/api/attachments/${pdfId}`, { caption: '改' }));
      hidden(name, 'PATCH photo', await agent.patch(`/api/attachments/${photoId}`, { phase: '' }));
    }
    // Guessing ids past the end of the table finds nothing either, for anyone.
    for (const agent of [others[1][1], discipline]) {
      expect((await agent.get('/api/attachments/99999999/file')).statusCode).toBe(404);
    }

    // Nothing they tried was stored, changed, read or logged; the pending upload is untouched.
    expect(await rowCount()).toBe(rows);
    expect(Number((await t.ctx.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(auditBefore);
    const caption = await t.ctx.db.selectFrom('attachments').select('caption').where('id', '=', pdfId).executeTakeFirstOrThrow();
    expect(caption.caption).toBe('群众提供的收款收据');
    const head = await tus(discipline).head(location);
    expect(head.statusCode).toBe(200);
    expect(head.headers['upload-offset']).toBe('0');
    expect((await t.app.inject({ method: 'DELETE', url: location, headers: { cookie: discipline.cookie, 'tus-resumable': '1.0.0' } })).statusCode).toBe(204);
    expect(staged()).toEqual([]);
  });

  it('freezes a closed clue’s files (403 to add, still readable), and replaces a file on an open one, keeping the old', async () => {
    const replacement = await uploadToClue(discipline, clueB, pdf(10), '举报信（补正）.pdf', { replacesId: (await discipline.get(`/api/self-inspection/clues/${clueB}/attachments`)).json().items[0].id });
    expect(replacement.statusCode, replacement.body).toBe(201);
    const history = (await discipline.get(`/api/self-inspection/clues/${clueB}/attachments?history=true`)).json() as ClueAttachmentListDto;
    expect(history.items.map((a) => a.replacedBy === null)).toEqual([false, true]);
    expect(((await discipline.get(`/api/self-inspection/clues/${clueB}/attachments`)).json() as ClueAttachmentListDto).total).toBe(1);

    expect((await director.post(`/api/self-inspection/clues/${clueB}/forward`, { version: 1 })).statusCode).toBe(200);
    expect((await discipline.post(`/api/self-inspection/clues/${clueB}/close`, { version: 2, note: '已查实，给予处分' })).statusCode).toBe(200);
    const late = await uploadToClue(discipline, clueB, pdf(11), '补充.pdf');
    expect(late.statusCode).toBe(403);
    const list = (await discipline.get(`/api/self-inspection/clues/${clueB}/attachments`)).json() as ClueAttachmentListDto;
    expect(list.abilities.upload).toBe(false);
    expect(list.items[0].abilities.update).toBe(false);
    expect((await discipline.patch(`/api/attachments/${list.items[0].id}`, { caption: '改' })).statusCode).toBe(403);
    expect((await discipline.get(list.items[0].fileUrl)).statusCode).toBe(200);
  });
});
