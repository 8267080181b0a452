import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newKey, readZipEntries, resign, writeZip } from '../test/fixtures/evidenceZip.js';
import { findServerPublicKey, loadSigningKey, publicKeyFingerprint, signingKeyFile } from './packageKey.js';
import { safeSegment, serializeManifest, signManifest, type PackageManifest } from './packageManifest.js';
import { exitCodeOf, formatPackageReport, runVerifyCli, verifyEvidencePackage } from './packageVerify.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qudi-pkg-unit-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const key = newKey();
const photo = Buffer.from('\xff\xd8\xff\xe0 not really a jpeg, but bytes all the same', 'latin1');
const record = Buffer.from('{"workshop":"测试厂"}\n');

/** A small valid package: record, one evidence file, the key, and a manifest signed with `signer`. */
function packageEntries(signer = key): Map<string, Buffer> {
  const files = new Map<string, Buffer>([
    ['public-key.pem', Buffer.from(signer.publicKeyPem)],
    ['记录.json', record],
    ['evidence/power/7-现场.jpg', photo],
  ]);
  const manifest: PackageManifest = {
    format: 'qudi-evidence-package',
    formatVersion: 1,
    generator: 'Qudi',
    generatedAt: '2016-05-12T08:30:00.000Z',
    generatedBy: { userId: 1, name: '张三' },
    kind: 'workshop',
    campaign: { id: 1, code: 'c', documentNumber: '〔2016〕1号', title: '通知' },
    district: '某区',
    town: { id: 2, name: '某镇' },
    workshop: { id: 3, name: '测试厂' },
    workshops: [{ id: 3, name: '测试厂', folder: '' }],
    publicKey: { algorithm: 'Ed25519', fingerprintSha256: publicKeyFingerprint(signer.publicKey), file: 'public-key.pem' },
    files: [...files].map(([p, b]) => ({ path: p, size: b.length, sha256: sha(b), ...(p.startsWith('evidence/') ? { attachmentId: 7, recordedSha256: sha(b) } : {}) })),
  };
  const manifestBytes = serializeManifest(manifest);
  return new Map([...files, ['manifest.json', manifestBytes], ['manifest.sig', signManifest(manifestBytes, signer.privateKey)]]);
}

const trusted = { key: key.publicKey, source: 'given' as const };

describe('evidence package verification', () => {
  it('accepts an untouched package under the trusted key', async () => {
    const report = await verifyEvidencePackage(await writeZip(packageEntries()), { trustedKey: trusted });
    expect(report).toMatchObject({ ok: true, intact: true, signature: 'valid', keySource: 'given', listed: 3, matched: 3, missing: [], extra: [], mismatches: [], problems: [] });
    expect(exitCodeOf(report)).toBe(0);
    expect(formatPackageReport(report).at(-1)).toMatch(/^结论：证据包完整/);
  });

  it('finds one changed byte in an evidence file', async () => {
    const entries = packageEntries();
    const bad = Buffer.from(photo);
    bad[10] ^= 1;
    entries.set('evidence/power/7-现场.jpg', bad);
    const report = await verifyEvidencePackage(await writeZip(entries), { trustedKey: trusted });
    expect(report.ok).toBe(false);
    expect(report.signature).toBe('valid');
    expect(report.mismatches).toEqual([{ path: 'evidence/power/7-现场.jpg', expected: { size: photo.length, sha256: sha(photo) }, found: { size: bad.length, sha256: sha(bad) } }]);
    expect(exitCodeOf(report)).toBe(1);
  });

  it('reports an added file, a removed file and a name present twice', async () => {
    const added = packageEntries();
    added.set('evidence/power/8-后加的.jpg', Buffer.from('x'));
    expect((await verifyEvidencePackage(await writeZip(added), { trustedKey: trusted })).extra).toEqual(['evidence/power/8-后加的.jpg']);

    const removed = packageEntries();
    removed.delete('记录.json');
    const r2 = await verifyEvidencePackage(await writeZip(removed), { trustedKey: trusted });
    expect(r2.missing).toEqual(['记录.json']);
    expect(r2.ok).toBe(false);

    const twice = [...packageEntries(), ['记录.json', Buffer.from('{"workshop":"另一个"}')] as [string, Buffer]];
    const r3 = await verifyEvidencePackage(await writeZip(twice), { trustedKey: trusted });
    expect(r3.duplicates).toEqual(['记录.json']);
    expect(r3.ok).toBe(false);
  });

  it('refuses a manifest edited without re-signing, and a missing or garbled signature', async () => {
    const edited = packageEntries();
    edited.set('manifest.json', Buffer.from(edited.get('manifest.json')!.toString('utf8').replace('张三', '李四')));
    const r1 = await verifyEvidencePackage(await writeZip(edited), { trustedKey: trusted });
    expect(r1.signature).toBe('invalid');
    expect(r1.ok).toBe(false);
    expect(r1.mismatches).toEqual([]);

    const unsigned = packageEntries();
    unsigned.delete('manifest.sig');
    const r2 = await verifyEvidencePackage(await writeZip(unsigned), { trustedKey: trusted });
    expect(r2.signature).toBe('missing');
    expect(r2.ok).toBe(false);

    const garbled = packageEntries();
    garbled.set('manifest.sig', Buffer.from('not base64 at all!'));
    expect((await verifyEvidencePackage(await writeZip(garbled), { trustedKey: trusted })).signature).toBe('malformed');
  });

  it('refuses a package re-signed with another key, and trusts the embedded key only for integrity', async () => {
    const other = newKey();
    // A forger's complete package: their key inside, their fingerprint in the manifest, their signature.
    const zip = await writeZip(packageEntries(other));

    const underTrusted = await verifyEvidencePackage(zip, { trustedKey: trusted });
    expect(underTrusted.signature).toBe('invalid');
    expect(underTrusted.ok).toBe(false);
    expect(exitCodeOf(underTrusted)).toBe(1);
    expect(underTrusted.warnings.map((w) => w.en).join()).toMatch(/differs from the key used/);

    const embeddedOnly = await verifyEvidencePackage(zip);
    expect(embeddedOnly).toMatchObject({ keySource: 'embedded', signature: 'valid', intact: true, ok: false });
    expect(exitCodeOf(embeddedOnly)).toBe(2);
    expect(formatPackageReport(embeddedOnly).join('\n')).toContain('只能证明完整性，不能证明来源');

    // Re-signing alone (key file and manifest's fingerprint left as they were) fails even on the embedded key.
    expect((await verifyEvidencePackage(await writeZip(resign(packageEntries(), other.privateKey)))).signature).toBe('invalid');
  });

  it('ignores directory entries that other zip tools add, and reports an unreadable file', async () => {
    const withDirs: [string, Buffer][] = [['evidence/', Buffer.alloc(0)], ['evidence/power/', Buffer.alloc(0)], ...packageEntries()];
    const zip = await writeZip(withDirs);
    expect((await readZipEntries(zip)).size).toBe(7);
    expect((await verifyEvidencePackage(zip, { trustedKey: trusted })).ok).toBe(true);
    const bad = await verifyEvidencePackage(Buffer.from('PK not a zip'), { trustedKey: trusted });
    expect(bad.ok).toBe(false);
    expect(bad.problems[0].zh).toMatch(/无法读取压缩包/);
  });

  it('uses the server key from DATA_DIR by default and a given key file when named', async () => {
    const dataDir = path.join(tmp, 'data');
    const serverKey = loadSigningKey(dataDir, {});
    const file = path.join(tmp, 'signed-by-server.zip');
    fs.writeFileSync(file, await writeZip(packageEntries({ privateKey: serverKey.privateKey, publicKey: serverKey.publicKey, publicKeyPem: serverKey.publicKeyPem })));
    const lines: string[] = [];
    expect(await runVerifyCli(file, { dataDir, env: {} }, (l) => lines.push(l))).toBe(0);
    expect(lines.join('\n')).toContain('本服务器的签名公钥');

    const pem = path.join(tmp, 'other.pem');
    fs.writeFileSync(pem, newKey().publicKeyPem);
    expect(await runVerifyCli(file, { dataDir, env: {}, publicKey: pem }, () => undefined)).toBe(1);
    // No server key on this machine and none given: integrity only.
    expect(await runVerifyCli(file, { dataDir: path.join(tmp, 'elsewhere'), env: {} }, () => undefined)).toBe(2);
  });
});

describe('the signing key', () => {
  it('is created once under DATA_DIR/keys with mode 0600 and read back the same', () => {
    const dataDir = path.join(tmp, 'keys-test');
    const first = loadSigningKey(dataDir, {});
    expect(first.file).toBe(path.join(dataDir, 'keys', 'evidence-signing-key.pem'));
    if (process.platform !== 'win32') expect(fs.statSync(first.file).mode & 0o777).toBe(0o600);
    // A "restart": read from the file, not the cache.
    expect(publicKeyFingerprint(findServerPublicKey(dataDir, {})!.publicKey)).toBe(first.fingerprint);
    expect(first.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('uses EVIDENCE_SIGNING_KEY_FILE when set, and refuses a missing one', () => {
    const file = path.join(tmp, 'configured.pem');
    fs.writeFileSync(file, newKey().privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
    const env = { EVIDENCE_SIGNING_KEY_FILE: file };
    expect(signingKeyFile('/nowhere', env)).toBe(file);
    expect(loadSigningKey('/nowhere', env).file).toBe(file);
    expect(() => loadSigningKey('/nowhere', { EVIDENCE_SIGNING_KEY_FILE: path.join(tmp, 'absent.pem') })).toThrow(/找不到证据包签名密钥文件/);
  });
});

describe('paths inside a package', () => {
  it('makes safe segments of names people typed', () => {
    expect(safeSegment('../../etc/passwd')).toBe('__.._etc_passwd');
    expect(safeSegment('现场 照片:1?.jpg')).toBe('现场 照片_1_.jpg');
    expect(safeSegment('...')).toBe('_');
    expect(safeSegment('')).toBe('_');
    expect(safeSegment('name. ')).toBe('name');
    const long = safeSegment(`${'长'.repeat(200)}.jpeg`);
    expect([...long].length).toBe(80);
    expect(long.endsWith('.jpeg')).toBe(true);
  });
});

// The format note (docs/evidence-package.md) promises that OpenSSL and sha256sum can check a package.
const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    execFileSync('sha256sum', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasOpenssl)('checking a package without Qudi', () => {
  it('verifies with openssl pkeyutl and sha256sum as the format note says', () => {
    const dir = path.join(tmp, 'openssl');
    fs.mkdirSync(path.join(dir, 'evidence', 'power'), { recursive: true });
    for (const [name, bytes] of packageEntries()) fs.writeFileSync(path.join(dir, name), bytes);
    fs.writeFileSync(path.join(tmp, 'issuer.pem'), key.publicKeyPem);
    fs.writeFileSync(path.join(tmp, 'sig.bin'), Buffer.from(fs.readFileSync(path.join(dir, 'manifest.sig'), 'ascii').trim(), 'base64'));
    const verified = execFileSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', path.join(tmp, 'issuer.pem'), '-rawin', '-in', path.join(dir, 'manifest.json'), '-sigfile', path.join(tmp, 'sig.bin')], { encoding: 'utf8' });
    expect(verified).toMatch(/Signature Verified Successfully/);

    const der = execFileSync('openssl', ['pkey', '-pubin', '-in', path.join(tmp, 'issuer.pem'), '-outform', 'DER']);
    expect(sha(der.subarray(der.length - 32))).toBe(publicKeyFingerprint(key.publicKey));

    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as PackageManifest;
    const list = manifest.files.map((f) => `${f.sha256}  ${f.path}\n`).join('');
    const checked = execFileSync('sha256sum', ['-c'], { cwd: dir, input: list, encoding: 'utf8' });
    expect(checked.trim().split('\n')).toHaveLength(manifest.files.length);
  });
});
