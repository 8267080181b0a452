// Evidence packages (server/evidencePackage/package.ts, server/routes/evidence.ts): a workshop's or a
// town's record and files as a streamed .zip with a signed manifest, checked offline by
// server/evidencePackage/packageVerify.ts, tampered with in every way the issue names, and cut to scope.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EnterpriseDto } from '../../../domain/api.js';
import { EvidenceIntegrityError, PackageAborted, planEvidencePackage, writeEvidencePackage } from '../../evidencePackage/package.js';
import { loadSigningKey, type SigningKey } from '../../evidencePackage/packageKey.js';
import type { PackageManifest } from '../../evidencePackage/packageManifest.js';
import type { WorkshopRecord } from '../../evidencePackage/packageRecord.js';
import { exitCodeOf, verifyEvidencePackage, type VerifyOptions } from '../../evidencePackage/packageVerify.js';
import { dbUnavailable, setupTestApp, TEST_DB, type Agent, type TestApp } from '../setup/app.js';
import { runQudi } from '../setup/cli.js';
import { newKey, readZipEntries, resign, writeZip } from '../fixtures/evidenceZip.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe.skipIf(dbUnavailable())(`evidence packages (${TEST_DB})`, () => {
  let t: TestApp;
  let office: Agent;
  let key: SigningKey;
  let trusted: VerifyOptions;
  let workshop: EnterpriseDto;
  let neighbour: EnterpriseDto;
  /** The attachment rows made for `workshop`: two current photos on an item and the site, and one replaced. */
  const files: { id: number; bytes: Buffer; itemCode: string | null; name: string; replaced: boolean }[] = [];
  let pkg: Buffer;
  let entries: Map<string, Buffer>;
  let manifest: PackageManifest;

  /** Stores the bytes and files an attachment row for them directly, as the upload would. */
  async function attach(w: EnterpriseDto, o: { bytes: Buffer; itemCode: string | null; name: string; by: number; replacesId?: number; far?: boolean }) {
    const stored = await t.ctx.storage.putBuffer(o.bytes, { contentType: 'image/jpeg' });
    const id = await t.ctx.db
      .insertInto('attachments')
      .values({
        campaign_id: t.campaign.id,
        record_type: o.itemCode ? 'item' : 'enterprise',
        record_id: String(w.id),
        enterprise_id: w.id,
        item_code: o.itemCode,
        org_path: (await t.ctx.db.selectFrom('enterprises').select('org_path').where('id', '=', w.id).executeTakeFirstOrThrow()).org_path,
        storage_key: stored.key,
        sha256: stored.sha256,
        size: stored.size,
        mime: 'image/jpeg',
        kind: 'photo',
        original_name: o.name,
        caption: '断电前电表',
        phase: 'before',
        captured_at_local: '2016-05-12T09:30:00',
        captured_at: '2016-05-12T01:30:00.000Z',
        gps_lat: 34.95,
        gps_lng: 117.45,
        location_source: o.far ? 'device' : 'exif',
        device_accuracy_m: o.far ? 15 : null,
        distance_m: o.far ? 820 : 120,
        far: o.far ? 1 : 0,
        thumbnail_key: null,
        uploaded_by: o.by,
        uploaded_at: new Date().toISOString(),
        replaces_id: o.replacesId ?? null,
        replaced_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (o.replacesId) await t.ctx.db.updateTable('attachments').set({ replaced_by: id.id }).where('id', '=', o.replacesId).execute();
    return { id: id.id, key: stored.key };
  }

  const download = async (agent: Agent, url: string) => {
    const res = await agent.get(url);
    return { res, zip: res.rawPayload };
  };

  const storedFile = (key: string) => path.join(t.ctx.config.dataDir, 'files', ...key.split('/'));

  beforeAll(async () => {
    t = await setupTestApp();
    office = await t.login('office');
    key = loadSigningKey(t.ctx.config.dataDir);
    trusted = { trustedKey: { key: key.publicKey, source: 'given' } };
    const town = t.towns[1].name;
    workshop = await t.createWorkshop({ townName: town, name: '东风村塑料颗粒加工点', address: '东风村村东 300 米', lat: 34.951, lng: 117.451 });
    neighbour = await t.createWorkshop({ townName: town, name: '西岭洗选厂' });
    const item = t.campaign.definition.standardItems[0].code;
    const oldBytes = Buffer.from(`旧照片 ${'a'.repeat(3000)}`);
    const old = await attach(workshop, { bytes: oldBytes, itemCode: item, name: 'IMG_0001.jpg', by: office.userId });
    files.push({ id: old.id, bytes: oldBytes, itemCode: item, name: 'IMG_0001.jpg', replaced: true });
    const newBytes = Buffer.from(`新照片 ${'b'.repeat(5000)}`);
    const replacement = await attach(workshop, { bytes: newBytes, itemCode: item, name: 'IMG_0002.jpg', by: office.userId, replacesId: old.id });
    files.push({ id: replacement.id, bytes: newBytes, itemCode: item, name: 'IMG_0002.jpg', replaced: false });
    const siteBytes = Buffer.from(`场所全景 ${'c'.repeat(4000)}`);
    const site = await attach(workshop, { bytes: siteBytes, itemCode: null, name: '../现场:全景.jpg', by: office.userId, far: true });
    files.push({ id: site.id, bytes: siteBytes, itemCode: null, name: '../现场:全景.jpg', replaced: false });
    await attach(neighbour, { bytes: Buffer.from('邻居的照片'), itemCode: item, name: 'n.jpg', by: office.userId });

    const { res, zip } = await download(office, `/api/enterprises/${workshop.id}/evidence-package.zip`);
    expect(res.statusCode, res.body).toBe(200);
    pkg = zip;
    entries = await readZipEntries(pkg);
    manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8')) as PackageManifest;
  });
  afterAll(() => t.close());

  it('streams a zip named for the workshop, and it verifies under the server key', async () => {
    expect(pkg.subarray(0, 2).toString('latin1')).toBe('PK');
    const { res } = await download(office, `/api/enterprises/${workshop.id}/evidence-package.zip`);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(String(res.headers['content-disposition'])).toContain(`filename*=UTF-8''${encodeURIComponent(`${t.campaign.definition.orgUnits.name}-${t.towns[1].name}-东风村塑料颗粒加工点-证据包-`)}`);
    const report = await verifyEvidencePackage(pkg, trusted);
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, signature: 'valid', missing: [], extra: [], mismatches: [] });
    expect(report.keyFingerprint).toBe(key.fingerprint);
    expect(exitCodeOf(report)).toBe(0);
  });

  it('lists every other file in the manifest with its size and SHA-256, evidence with its recorded hash', async () => {
    expect(manifest).toMatchObject({
      format: 'qudi-evidence-package',
      formatVersion: 1,
      generator: 'Qudi',
      kind: 'workshop',
      workshop: { id: workshop.id, name: '东风村塑料颗粒加工点' },
      town: { id: t.towns[1].id, name: t.towns[1].name },
      campaign: { id: t.campaign.id, documentNumber: t.campaign.definition.documentNumber },
      publicKey: { algorithm: 'Ed25519', fingerprintSha256: key.fingerprint },
    });
    const listed = manifest.files.map((f) => f.path).sort();
    const inZip = [...entries.keys()].filter((p) => p !== 'manifest.json' && p !== 'manifest.sig').sort();
    expect(listed).toEqual(inZip);
    for (const f of manifest.files) expect({ path: f.path, size: f.size, sha256: f.sha256 }).toEqual({ path: f.path, size: entries.get(f.path)!.length, sha256: sha(entries.get(f.path)!) });
    expect(listed).toEqual(expect.arrayContaining(['记录.docx', '记录.json', 'public-key.pem', '说明.txt']));

    const item = t.campaign.definition.standardItems[0].code;
    const evidence = manifest.files.filter((f) => f.attachmentId !== undefined);
    expect(evidence.map((f) => f.path).sort()).toEqual(
      [`evidence/${item}/${files[0].id}-IMG_0001.jpg`, `evidence/${item}/${files[1].id}-IMG_0002.jpg`, `evidence/workshop/${files[2].id}-__现场_全景.jpg`].sort(),
    );
    for (const f of files) {
      const listedFile = evidence.find((e) => e.attachmentId === f.id)!;
      const row = await t.ctx.db.selectFrom('attachments').select('sha256').where('id', '=', f.id).executeTakeFirstOrThrow();
      expect(listedFile.recordedSha256).toBe(row.sha256);
      expect(listedFile.sha256).toBe(row.sha256);
      // Bytes exactly as stored.
      expect(entries.get(listedFile.path)!.equals(f.bytes)).toBe(true);
    }
    // The neighbour's file is not in this workshop's package.
    expect(listed.some((p) => p.includes('n.jpg'))).toBe(false);
  });

  it('states the record in 记录.json, with replaced files as history', () => {
    const record = JSON.parse(entries.get('记录.json')!.toString('utf8')) as WorkshopRecord;
    expect(record.workshop).toMatchObject({ id: workshop.id, name: '东风村塑料颗粒加工点', address: '东风村村东 300 米', town: { name: t.towns[1].name } });
    expect(record.items).toHaveLength(t.campaign.definition.standardItems.length);
    expect(record.items[0].evidence).toEqual([files[1].id]);
    expect(record.evidence.map((e) => e.attachmentId).sort()).toEqual([files[1].id, files[2].id].sort());
    expect(record.replacedEvidence).toMatchObject([{ attachmentId: files[0].id, replacedBy: files[1].id }]);
    const site = record.evidence.find((e) => e.attachmentId === files[2].id)!;
    expect(site).toMatchObject({ locationSource: 'device', distanceM: 820, far: true, uploadedBy: { id: office.userId } });
    expect(record.history.map((h) => h.action)).toContain('enterprise.create');
    expect(record.history.every((h) => /^[0-9a-f]{64}$/.test(h.hash))).toBe(true);
  });

  it('writes 记录.docx as a Word document that names the workshop and lists the hashes', async () => {
    const docx = await readZipEntries(entries.get('记录.docx')!);
    const xml = docx.get('word/document.xml')!.toString('utf8');
    expect(xml).toContain('东风村塑料颗粒加工点');
    expect(xml).toContain('土小企业取缔档案');
    expect(xml).toContain(t.campaign.definition.standardItems[0].name);
    expect(xml).toContain(sha(files[1].bytes).slice(0, 32));
    expect(xml).toContain('距场所 820 米，超出允许范围');
    expect(xml).toContain('已替换的证据文件');
  });

  it('audits each download with the SHA-256 of its manifest', async () => {
    const rows = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'evidence.package')
      .where('entity_type', '=', 'enterprise')
      .where('entity_id', '=', String(workshop.id))
      .orderBy('id')
      .execute();
    expect(rows.length).toBeGreaterThanOrEqual(1);
    const after = JSON.parse(rows[0].after!) as { manifestSha256: string; files: number; kind: string };
    expect(after).toMatchObject({ manifestSha256: sha(entries.get('manifest.json')!), files: manifest.files.length, kind: 'workshop' });
    expect(rows[0].actor_id).toBe(office.userId);
  });

  it('fails a package tampered with: a changed byte, an added file, a removed file, an edited manifest, another key', async () => {
    const evidencePath = manifest.files.find((f) => f.attachmentId === files[1].id)!.path;
    // One byte of a stored (uncompressed) evidence file changed in the zip itself.
    const raw = Buffer.from(pkg);
    const at = raw.indexOf(Buffer.from('b'.repeat(64)));
    expect(at).toBeGreaterThan(0);
    raw[at] = 'B'.charCodeAt(0);
    const changed = await verifyEvidencePackage(raw, trusted);
    expect(changed.ok).toBe(false);
    expect(changed.mismatches.map((m) => m.path)).toEqual([evidencePath]);
    expect(changed.signature).toBe('valid');

    const added = new Map(entries);
    added.set('evidence/workshop/999-补拍.jpg', Buffer.from('后来塞进去的照片'));
    const r1 = await verifyEvidencePackage(await writeZip(added), trusted);
    expect(r1.extra).toEqual(['evidence/workshop/999-补拍.jpg']);
    expect(exitCodeOf(r1)).toBe(1);

    const removed = new Map(entries);
    removed.delete(evidencePath);
    const r2 = await verifyEvidencePackage(await writeZip(removed), trusted);
    expect(r2.missing).toEqual([evidencePath]);
    expect(r2.ok).toBe(false);

    const edited = new Map(entries);
    const m2 = { ...manifest, files: manifest.files.filter((f) => f.path !== evidencePath) };
    edited.set('manifest.json', Buffer.from(`${JSON.stringify(m2, null, 2)}\n`));
    edited.delete(evidencePath);
    const r3 = await verifyEvidencePackage(await writeZip(edited), trusted);
    expect(r3.signature).toBe('invalid');
    expect(r3.ok).toBe(false);

    const other = newKey();
    const forged = resign(entries, other.privateKey);
    forged.set('public-key.pem', Buffer.from(other.publicKeyPem));
    const r4 = await verifyEvidencePackage(await writeZip(forged), trusted);
    expect(r4.signature).toBe('invalid');
    expect(r4.ok).toBe(false);
  });

  it('checks a package with `qudi evidence verify`, offline, with the server key or a given one', async () => {
    const file = path.join(t.ctx.config.dataDir, 'package.zip');
    fs.writeFileSync(file, pkg);
    const pem = path.join(t.ctx.config.dataDir, 'issuer.pem');
    fs.writeFileSync(pem, key.publicKeyPem);
    // No database: the command must not need one.
    const qudi = (...args: string[]) => runQudi(args, { dataDir: t.ctx.config.dataDir, databaseUrl: 'postgres://nobody@127.0.0.1:1/none' });
    const good = await qudi('evidence', 'verify', file, '--public-key', pem);
    expect(good.code).toBe(0);
    expect(good.out).toContain('签名有效 / signature valid');
    expect(good.out).toContain('结论：证据包完整');

    const tampered = Buffer.from(pkg);
    tampered[tampered.indexOf(Buffer.from('c'.repeat(64)))] = 'C'.charCodeAt(0);
    fs.writeFileSync(file, tampered);
    const bad = await qudi('evidence', 'verify', file);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('内容不符的文件 / files that differ (1)');
    expect(bad.out).toContain('结论：证据包未通过核验');
  });

  it('answers 404 out of scope, 403 in scope without a packaging role, and lets the town and inspectors package', async () => {
    const otherTown = await t.login('town', t.towns[2].name);
    expect((await otherTown.get(`/api/enterprises/${workshop.id}/evidence-package.zip`)).statusCode).toBe(404);
    expect((await otherTown.get(`/api/org-units/${t.towns[1].id}/evidence-package.zip`)).statusCode).toBe(404);
    expect((await office.get('/api/enterprises/999999/evidence-package.zip')).statusCode).toBe(404);
    expect((await office.get(`/api/org-units/${t.campaign.rootId}/evidence-package.zip`)).statusCode).toBe(404);

    const villageId = await t.village(t.towns[1].name, '东风村');
    const inVillage = await t.createWorkshop({ townName: t.towns[1].name, villageId, name: '东风村石料加工点' });
    const village = await t.login('village', `${t.towns[1].name}/东风村`);
    // The village head reads its workshops on screen but does not package them; other workshops are out of sight.
    expect((await village.get(`/api/enterprises/${inVillage.id}`)).statusCode).toBe(200);
    expect((await village.get(`/api/enterprises/${inVillage.id}/evidence-package.zip`)).statusCode).toBe(403);
    expect((await village.get(`/api/enterprises/${workshop.id}/evidence-package.zip`)).statusCode).toBe(404);
    expect((await village.get(`/api/org-units/${t.towns[1].id}/evidence-package.zip`)).statusCode).toBe(403);
    const inspector = await t.login('inspector');
    expect((await inspector.get(`/api/enterprises/${workshop.id}/evidence-package.zip`)).statusCode).toBe(200);
    const ownTown = await t.login('town', t.towns[1].name);
    expect((await ownTown.get(`/api/enterprises/${workshop.id}/evidence-package.zip`)).statusCode).toBe(200);
    expect((await t.anonymous.get(`/api/enterprises/${workshop.id}/evidence-package.zip`)).statusCode).toBe(401);
  });

  it('packages a town: a folder per workshop, one manifest over all files, audited on the town', async () => {
    const town = await t.login('town', t.towns[1].name);
    const { res, zip } = await download(town, `/api/org-units/${t.towns[1].id}/evidence-package.zip`);
    expect(res.statusCode, res.body).toBe(200);
    const report = await verifyEvidencePackage(zip, trusted);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    const m = report.manifest!;
    expect(m.kind).toBe('town');
    expect(m.workshops.map((w) => w.id)).toEqual(expect.arrayContaining([workshop.id, neighbour.id]));
    const folder = m.workshops.find((w) => w.id === workshop.id)!.folder;
    expect(folder).toBe(`${workshop.id}-东风村塑料颗粒加工点`);
    const paths = m.files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining([`${folder}/记录.docx`, `${folder}/记录.json`, `${folder}/evidence/workshop/${files[2].id}-__现场_全景.jpg`]));
    expect(paths.filter((p) => p.startsWith(`${neighbour.id}-`) && p.includes('/evidence/'))).toHaveLength(1);
    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'evidence.package').where('entity_type', '=', 'org_unit').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after!)).toMatchObject({ kind: 'town', manifestSha256: report.manifestSha256 });
    expect(audit.entity_id).toBe(String(t.towns[1].id));
  });

  it('serves the public key to anyone, the same key across restarts', async () => {
    const res = await t.anonymous.get('/api/evidence/public-key.pem');
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(key.publicKeyPem);
    expect(res.headers['x-key-fingerprint-sha256']).toBe(key.fingerprint);
    expect(entries.get('public-key.pem')!.toString('utf8')).toBe(key.publicKeyPem);
    expect(fs.readFileSync(key.file, 'utf8')).toContain('BEGIN PRIVATE KEY');
  });

  it('stops, unsigned and unaudited, when the receiver goes away mid-package', async () => {
    const row = await t.ctx.db.selectFrom('enterprises').selectAll().where('id', '=', workshop.id).executeTakeFirstOrThrow();
    const actor = { id: office.userId, username: 'o', displayName: '办公室', grants: [] };
    const plan = await planEvidencePackage(t.ctx, { kind: 'workshop', actor, campaign: t.campaign, town: { id: t.towns[1].id, name: t.towns[1].name }, workshops: [row] });
    // A receiver that reads a little and hangs up, like a browser tab closed during the download.
    const out = new PassThrough({ highWaterMark: 1024 });
    out.once('data', () => out.destroy());
    const signed = vi.fn(async () => undefined);
    await expect(writeEvidencePackage(t.ctx, plan, out, { onSigned: signed })).rejects.toThrow(PackageAborted);
    expect(signed).not.toHaveBeenCalled();
  });

  it('refuses to sign when a stored file no longer matches its recorded hash', async () => {
    const victim = await t.createWorkshop({ townName: t.towns[3].name, name: '被篡改的作坊' });
    const bytes = Buffer.from(`原始证据 ${'d'.repeat(2000)}`);
    const { id, key: storageKey } = await attach(victim, { bytes, itemCode: null, name: 'orig.jpg', by: office.userId });
    const file = storedFile(storageKey);
    fs.chmodSync(file, 0o644);

    // Same size, one byte different: found while streaming; the zip stops before any manifest or signature.
    const altered = Buffer.from(bytes);
    altered[altered.length - 1] ^= 1;
    fs.writeFileSync(file, altered);
    const before = await t.ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'evidence.package').where('entity_id', '=', String(victim.id)).execute();
    // The response is cut off (the client sees a broken download, never a signed package).
    await expect(office.get(`/api/enterprises/${victim.id}/evidence-package.zip`)).rejects.toThrow();
    // The writer says why, and nothing past the altered file reaches the receiver.
    const row = await t.ctx.db.selectFrom('enterprises').selectAll().where('id', '=', victim.id).executeTakeFirstOrThrow();
    const actor = { id: office.userId, username: 'o', displayName: '办公室', grants: [] };
    const plan = await planEvidencePackage(t.ctx, { kind: 'workshop', actor, campaign: t.campaign, town: { id: t.towns[3].id, name: t.towns[3].name }, workshops: [row] });
    const out = new PassThrough();
    const received: Buffer[] = [];
    out.on('data', (c: Buffer) => received.push(c));
    const signed = vi.fn(async () => undefined);
    await expect(writeEvidencePackage(t.ctx, plan, out, { onSigned: signed })).rejects.toThrow(EvidenceIntegrityError);
    expect(signed).not.toHaveBeenCalled();
    const partial = Buffer.concat(received);
    expect(partial.includes(Buffer.from('manifest.sig'))).toBe(false);
    const after = await t.ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'evidence.package').where('entity_id', '=', String(victim.id)).execute();
    expect(after.length).toBe(before.length);

    // A different size is caught before the first byte: a proper error answer.
    fs.writeFileSync(file, Buffer.concat([bytes, Buffer.from('x')]));
    const res = await office.get(`/api/enterprises/${victim.id}/evidence-package.zip`);
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({ code: 'internal', detail: expect.stringContaining(`证据文件 #${id}`) });

    fs.rmSync(file);
    const missing = await office.get(`/api/enterprises/${victim.id}/evidence-package.zip`);
    expect(missing.statusCode).toBe(500);
    expect(missing.json().detail).toContain('在存储中不存在');
  });
});
