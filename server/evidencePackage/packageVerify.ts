// Checks an evidence package offline: no database, no server, only the zip and a public key.
// Shared by `qudi evidence verify` and the tests.
//
// 1. manifest.sig must be a valid Ed25519 signature over the exact bytes of manifest.json, made
//    with a key the checker trusts: one given explicitly, or the server's own. The public-key.pem
//    inside the package is used only when nothing else is at hand, and then the result says that
//    it proves the package is intact, not who made it.
// 2. Every file in the zip is read and hashed (streamed, whatever its size) and compared with the
//    manifest: files missing from the zip, files the manifest does not list, and files whose size
//    or SHA-256 differ are all reported.
import { createHash, type KeyObject } from 'node:crypto';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { findServerPublicKey, formatFingerprint, parsePublicKeyPem, publicKeyFingerprint, readPublicKeyFile } from './packageKey.js';
import {
  MANIFEST_FILE,
  PUBLIC_KEY_FILE,
  SIGNATURE_FILE,
  UNLISTED_FILES,
  decodeSignature,
  manifestSchema,
  signatureValid,
  type PackageManifest,
} from './packageManifest.js';

/** Where the key the signature was checked with came from. */
export type KeySource = 'given' | 'server' | 'embedded' | 'none';

export type SignatureStatus =
  /** Valid under the key used. */
  | 'valid'
  /** Present and well-formed, but not valid for manifest.json under the key used. */
  | 'invalid'
  /** manifest.json or manifest.sig is not in the zip. */
  | 'missing'
  /** manifest.sig is not 64 bytes of base64. */
  | 'malformed'
  /** No key to check it with. */
  | 'unchecked';

export interface FileMismatch {
  path: string;
  expected: { size: number; sha256: string };
  found: { size: number; sha256: string };
}

export interface PackageReport {
  /** Everything checks out under a trusted key (given or the server's): exit code 0. */
  ok: boolean;
  /** The signature is valid under the key used and every file matches, whoever's key it was. */
  intact: boolean;
  signature: SignatureStatus;
  keySource: KeySource;
  /** Fingerprint of the key the signature was checked with. */
  keyFingerprint: string | null;
  /** Fingerprint the manifest names. */
  manifestFingerprint: string | null;
  /** Fingerprint of the package's own public-key.pem. */
  embeddedFingerprint: string | null;
  manifest: PackageManifest | null;
  /** SHA-256 of the bytes of manifest.json (as audited when the package was downloaded). */
  manifestSha256: string | null;
  /** Files listed in the manifest. */
  listed: number;
  /** Listed files found in the zip with the right size and SHA-256. */
  matched: number;
  missing: string[];
  extra: string[];
  /** Names present more than once in the zip. */
  duplicates: string[];
  mismatches: FileMismatch[];
  /** Other reasons the package fails, in Chinese and English. */
  problems: { zh: string; en: string }[];
  /** Worth knowing, not a failure. */
  warnings: { zh: string; en: string }[];
}

export interface VerifyOptions {
  /** The trusted public key: from --public-key ('given') or the server's key file ('server'). */
  trustedKey?: { key: KeyObject; source: 'given' | 'server' };
}

/** Small files read whole; anything bigger under these names is refused rather than held in memory. */
const MAX_SMALL_FILE = 64 * 1024 * 1024;
const SMALL_FILES = new Set([MANIFEST_FILE, SIGNATURE_FILE, PUBLIC_KEY_FILE]);

interface ZipEntryFacts {
  size: number;
  sha256: string;
  count: number;
}

async function hashStream(stream: Readable, keep: boolean): Promise<{ size: number; sha256: string; bytes: Buffer | null }> {
  const hash = createHash('sha256');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = chunk as Buffer;
    hash.update(b);
    size += b.length;
    if (keep) {
      if (size > MAX_SMALL_FILE) throw new Error(`文件过大 / file too large (> ${MAX_SMALL_FILE} bytes)`);
      chunks.push(b);
    }
  }
  return { size, sha256: hash.digest('hex'), bytes: keep ? Buffer.concat(chunks) : null };
}

/** Reads every entry once: its size and SHA-256, and the bytes of the manifest, signature and key. */
async function readZip(source: string | Buffer): Promise<{ entries: Map<string, ZipEntryFacts>; small: Map<string, Buffer> }> {
  const zip = typeof source === 'string' ? await yauzl.openPromise(source, { lazyEntries: true, validateEntrySizes: true }) : await yauzl.fromBufferPromise(source, { lazyEntries: true, validateEntrySizes: true });
  const entries = new Map<string, ZipEntryFacts>();
  const small = new Map<string, Buffer>();
  try {
    for await (const entry of zip.eachEntry()) {
      // Directory entries (from re-zipping with other tools) carry no content.
      if (entry.fileName.endsWith('/')) continue;
      const keep = SMALL_FILES.has(entry.fileName) && !small.has(entry.fileName);
      const facts = await hashStream(await zip.openReadStreamPromise(entry), keep);
      const seen = entries.get(entry.fileName);
      if (seen) seen.count++;
      else entries.set(entry.fileName, { size: facts.size, sha256: facts.sha256, count: 1 });
      if (facts.bytes) small.set(entry.fileName, facts.bytes);
    }
  } finally {
    zip.close();
  }
  return { entries, small };
}

function emptyReport(): PackageReport {
  return {
    ok: false,
    intact: false,
    signature: 'missing',
    keySource: 'none',
    keyFingerprint: null,
    manifestFingerprint: null,
    embeddedFingerprint: null,
    manifest: null,
    manifestSha256: null,
    listed: 0,
    matched: 0,
    missing: [],
    extra: [],
    duplicates: [],
    mismatches: [],
    problems: [],
    warnings: [],
  };
}

/** Verifies a package given as a file path or its bytes. Never throws for a bad package: it reports. */
export async function verifyEvidencePackage(source: string | Buffer, opts: VerifyOptions = {}): Promise<PackageReport> {
  const report = emptyReport();
  let zip: Awaited<ReturnType<typeof readZip>>;
  try {
    zip = await readZip(source);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    report.problems.push({ zh: `无法读取压缩包：${why}`, en: `cannot read the zip: ${why}` });
    return report;
  }
  const { entries, small } = zip;
  report.duplicates = [...entries].filter(([, f]) => f.count > 1).map(([p]) => p);

  // The embedded key: reported, and used only when no trusted key is given.
  let embedded: KeyObject | null = null;
  const embeddedPem = small.get(PUBLIC_KEY_FILE);
  if (embeddedPem) {
    try {
      embedded = parsePublicKeyPem(embeddedPem, PUBLIC_KEY_FILE);
      report.embeddedFingerprint = publicKeyFingerprint(embedded);
    } catch {
      report.warnings.push({ zh: `包内的 ${PUBLIC_KEY_FILE} 不是有效的 Ed25519 公钥`, en: `${PUBLIC_KEY_FILE} in the package is not a valid Ed25519 public key` });
    }
  }
  const key = opts.trustedKey?.key ?? embedded;
  report.keySource = opts.trustedKey?.source ?? (embedded ? 'embedded' : 'none');
  report.keyFingerprint = key ? publicKeyFingerprint(key) : null;
  if (opts.trustedKey && report.embeddedFingerprint && report.embeddedFingerprint !== report.keyFingerprint)
    report.warnings.push({
      zh: `包内附带的公钥（指纹 ${formatFingerprint(report.embeddedFingerprint)}）与所用公钥不同，已忽略`,
      en: 'the public key inside the package differs from the key used; it was ignored',
    });

  // The signature over the exact bytes of manifest.json.
  const manifestBytes = small.get(MANIFEST_FILE);
  const sigFile = small.get(SIGNATURE_FILE);
  if (!manifestBytes) report.problems.push({ zh: `缺少 ${MANIFEST_FILE}`, en: `${MANIFEST_FILE} is missing` });
  if (!sigFile) report.problems.push({ zh: `缺少 ${SIGNATURE_FILE}（未签名）`, en: `${SIGNATURE_FILE} is missing (not signed)` });
  if (manifestBytes) report.manifestSha256 = createHash('sha256').update(manifestBytes).digest('hex');
  if (manifestBytes && sigFile) {
    const sig = decodeSignature(sigFile);
    if (!sig) {
      report.signature = 'malformed';
      report.problems.push({ zh: `${SIGNATURE_FILE} 不是 64 字节签名的 base64 编码`, en: `${SIGNATURE_FILE} is not a base64 64-byte signature` });
    } else if (!key) {
      report.signature = 'unchecked';
      report.problems.push({ zh: '没有可用的公钥，无法验证签名（请用 --public-key 指定）', en: 'no public key to check the signature with (use --public-key)' });
    } else if (signatureValid(manifestBytes, sig, key)) report.signature = 'valid';
    else {
      report.signature = 'invalid';
      report.problems.push({
        zh: `签名无效：${MANIFEST_FILE} 在签名后被修改，或不是用该公钥对应的私钥签名的`,
        en: `invalid signature: ${MANIFEST_FILE} was changed after signing, or was not signed with this key`,
      });
    }
  }

  // The manifest's content, checked against the zip even when the signature failed (to say what differs).
  if (manifestBytes) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(manifestBytes.toString('utf8'));
    } catch {
      parsed = undefined;
    }
    const result = manifestSchema.safeParse(parsed);
    if (!result.success) report.problems.push({ zh: `${MANIFEST_FILE} 格式不正确`, en: `${MANIFEST_FILE} is not a valid manifest` });
    else report.manifest = result.data;
  }
  const manifest = report.manifest;
  if (manifest) {
    report.manifestFingerprint = manifest.publicKey.fingerprintSha256;
    if (report.keyFingerprint && report.manifestFingerprint !== report.keyFingerprint)
      report.problems.push({
        zh: `清单声明的签名公钥指纹 ${formatFingerprint(report.manifestFingerprint)} 与所用公钥的指纹 ${formatFingerprint(report.keyFingerprint)} 不同`,
        en: 'the manifest names a different signing key than the one used',
      });
    report.listed = manifest.files.length;
    const listed = new Set<string>();
    for (const f of manifest.files) {
      if (listed.has(f.path) || UNLISTED_FILES.includes(f.path)) {
        report.problems.push({ zh: `清单重复列出或错误列出了 ${f.path}`, en: `the manifest lists ${f.path} twice or wrongly` });
        continue;
      }
      listed.add(f.path);
      if (f.attachmentId !== undefined && f.recordedSha256 !== undefined && f.recordedSha256 !== f.sha256)
        report.problems.push({ zh: `清单中 ${f.path} 的 SHA-256 与上传时登记的不同`, en: `${f.path}: the manifest's SHA-256 differs from the one recorded at upload` });
      const found = entries.get(f.path);
      if (!found) report.missing.push(f.path);
      else if (found.size !== f.size || found.sha256 !== f.sha256)
        report.mismatches.push({ path: f.path, expected: { size: f.size, sha256: f.sha256 }, found: { size: found.size, sha256: found.sha256 } });
      else report.matched++;
    }
    report.extra = [...entries.keys()].filter((p) => !listed.has(p) && !UNLISTED_FILES.includes(p));
  }

  report.intact =
    report.signature === 'valid' &&
    report.manifest !== null &&
    report.problems.length === 0 &&
    report.missing.length === 0 &&
    report.extra.length === 0 &&
    report.duplicates.length === 0 &&
    report.mismatches.length === 0;
  report.ok = report.intact && (report.keySource === 'given' || report.keySource === 'server');
  return report;
}

/** 0: verified with a trusted key; 2: intact, but checked only with the package's own key; 1: anything else. */
export function exitCodeOf(report: PackageReport): number {
  if (report.ok) return 0;
  return report.intact ? 2 : 1;
}

const KEY_SOURCE_TEXT: Record<KeySource, { zh: string; en: string }> = {
  given: { zh: '指定的公钥', en: 'the given public key' },
  server: { zh: '本服务器的签名公钥', en: "this server's signing key" },
  embedded: { zh: '包内附带的公钥', en: 'the public key inside the package' },
  none: { zh: '无', en: 'none' },
};

const LIST_LIMIT = 20;

/** The report as the CLI prints it: each line Chinese first, then English. */
export function formatPackageReport(report: PackageReport): string[] {
  const lines: string[] = [];
  const m = report.manifest;
  if (m) {
    const scope = m.kind === 'workshop' && m.workshop ? `${m.town.name} ${m.workshop.name}（#${m.workshop.id}）` : `${m.town.name}（${m.workshops.length} 家企业）`;
    lines.push(`证据包 / package: ${m.district} ${scope}`);
    lines.push(`生成 / generated: ${m.generatedAt} · ${m.generatedBy.name} · ${m.generator}`);
  }
  if (report.manifestSha256) lines.push(`清单 SHA-256 / manifest SHA-256: ${report.manifestSha256}`);
  const source = KEY_SOURCE_TEXT[report.keySource];
  lines.push(`公钥 / key: ${source.zh} / ${source.en}${report.keyFingerprint ? ` · 指纹 fingerprint ${formatFingerprint(report.keyFingerprint)}` : ''}`);
  const sig: Record<SignatureStatus, string> = {
    valid: '签名有效 / signature valid',
    invalid: '签名无效 / signature INVALID',
    missing: '未签名或缺少清单 / not signed or no manifest',
    malformed: '签名格式错误 / malformed signature',
    unchecked: '未验证签名 / signature not checked',
  };
  lines.push(sig[report.signature]);
  if (m) lines.push(`文件 / files: ${report.matched} / ${report.listed} 一致 / match`);
  const list = (title: string, items: string[]) => {
    if (items.length === 0) return;
    lines.push(`${title} (${items.length}):`);
    for (const p of items.slice(0, LIST_LIMIT)) lines.push(`  ${p}`);
    if (items.length > LIST_LIMIT) lines.push(`  … 另有 ${items.length - LIST_LIMIT} 个 / ${items.length - LIST_LIMIT} more`);
  };
  list('包内缺少的文件 / missing from the zip', report.missing);
  list('清单未列出的文件 / not in the manifest', report.extra);
  list('重复的文件名 / duplicate names in the zip', report.duplicates);
  if (report.mismatches.length) {
    lines.push(`内容不符的文件 / files that differ (${report.mismatches.length}):`);
    for (const x of report.mismatches.slice(0, LIST_LIMIT)) {
      lines.push(`  ${x.path}`);
      lines.push(`    应为 / expected: ${x.expected.size} 字节 bytes · ${x.expected.sha256}`);
      lines.push(`    实为 / found:    ${x.found.size} 字节 bytes · ${x.found.sha256}`);
    }
  }
  for (const p of report.problems) lines.push(`问题 / problem: ${p.zh} / ${p.en}`);
  for (const w of report.warnings) lines.push(`注意 / note: ${w.zh} / ${w.en}`);
  if (report.ok) lines.push('结论：证据包完整，签名有效，来源可信（由上述公钥对应的私钥签发）。 / Result: the package is intact and signed by the key above.');
  else if (report.intact)
    lines.push(
      '结论：证据包自签名以来未被改动，但只用包内附带的公钥验证，只能证明完整性，不能证明来源；请用 --public-key 指定从发证机关取得的公钥再验证。 / ' +
        'Result: intact since it was signed, but checked only with the key inside the package: this proves integrity, not origin. Verify again with --public-key and the issuer\'s key.',
    );
  else lines.push('结论：证据包未通过核验。 / Result: the package FAILED verification.');
  return lines;
}

/**
 * `qudi evidence verify`: the key is the one given, else the server's own (from DATA_DIR or
 * EVIDENCE_SIGNING_KEY_FILE, if this machine has it), else only the package's. Prints the report
 * and answers the exit code.
 */
export async function runVerifyCli(file: string, opts: { publicKey?: string; dataDir: string; env?: NodeJS.ProcessEnv }, log: (line: string) => void): Promise<number> {
  let trustedKey: VerifyOptions['trustedKey'];
  if (opts.publicKey) trustedKey = { key: readPublicKeyFile(opts.publicKey), source: 'given' };
  else {
    const server = findServerPublicKey(opts.dataDir, opts.env);
    if (server) trustedKey = { key: server.publicKey, source: 'server' };
  }
  const report = await verifyEvidencePackage(file, { trustedKey });
  for (const line of formatPackageReport(report)) log(line);
  return exitCodeOf(report);
}
