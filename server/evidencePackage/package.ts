// Writes a signed evidence package (.zip) for one workshop or for every workshop of a town, as a
// stream: the record (记录.docx, 记录.json) and every evidence file are added one after another,
// each evidence file read from storage only when the zip reaches it and hashed as it passes; the
// manifest of all files' SHA-256 comes last, signed with the server's Ed25519 key. Nothing but one
// workshop's small documents is ever held in memory, whatever the size of the videos.
//
// Two stages, so that a problem found before the first byte becomes a proper error response:
// planEvidencePackage() loads the rows and checks every stored object exists with its recorded
// size and key; writeEvidencePackage() streams. A file whose bytes no longer give their recorded
// SHA-256 is only found while streaming: the package then stops without a manifest or signature.
import { createHash } from 'node:crypto';
import { Transform, type Readable, type TransformCallback, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import yazl from 'yazl';
import type { AppContext } from '../context.js';
import type { EnterpriseRow } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { Actor } from '../auth/actor.js';
import type { CampaignRecord } from '../repositories/campaigns.js';
import { sha256OfKey } from '../storage/keys.js';
import { chinaDateTime, todayInChina } from '../../domain/time.js';
import { formatBytes, renderRecordDocx } from './recordDocx.js';
import { formatFingerprint, loadSigningKey, type SigningKey } from './packageKey.js';
import {
  MANIFEST_FILE,
  MANIFEST_FORMAT,
  MANIFEST_VERSION,
  PUBLIC_KEY_FILE,
  README_FILE,
  RECORD_DOCX,
  RECORD_JSON,
  SIGNATURE_FILE,
  evidencePath,
  joinPath,
  safeSegment,
  serializeManifest,
  signManifest,
  workshopFolder,
  type ManifestFile,
  type PackageManifest,
} from './packageManifest.js';
import { buildWorkshopRecord, evidenceGroup, serializeRecord, sortAttachments } from './packageRecord.js';
import { findWorkshopAttachments, loadWorkshopDetails, type PackageAttachment } from './packageDetails.js';

/** A stored evidence file does not match what was recorded at upload: nothing is signed. */
export class EvidenceIntegrityError extends AppError {
  constructor(
    readonly attachmentId: number,
    detail: string,
  ) {
    super('internal', `证据文件 #${attachmentId} ${detail}，可能已被篡改或损坏，证据包未生成、未签名。请联系管理员核查。`);
    this.name = 'EvidenceIntegrityError';
  }
}

/** The receiver went away before the package was complete. */
export class PackageAborted extends Error {
  constructor() {
    super('evidence package aborted: the receiver went away');
    this.name = 'PackageAborted';
  }
}

export interface PackageWorkshop {
  row: EnterpriseRow;
  /** Folder inside the zip: '' for a one-workshop package. */
  folder: string;
  /** Current and replaced files, in reading order. */
  attachments: PackageAttachment[];
  /** Attachment id → path inside the zip. */
  paths: Map<number, string>;
}

export interface PackagePlan {
  kind: 'workshop' | 'town';
  campaign: CampaignRecord;
  town: { id: number; name: string };
  workshops: PackageWorkshop[];
  generatedAt: string;
  generatedBy: { userId: number; name: string };
  key: SigningKey;
  /** The download's file name, e.g. `<district>-<town>-<workshop>-证据包-2016-05-12.zip`. */
  fileName: string;
  /** ASCII fallback for old browsers. */
  asciiFileName: string;
}

export interface SignedPackage {
  manifest: PackageManifest;
  /** SHA-256 (hex) of the exact bytes of manifest.json. */
  manifestSha256: string;
  fileCount: number;
  totalBytes: number;
}

const PREFLIGHT_CONCURRENCY = 8;

/** Checks that every stored object is there with its recorded size and content key, a few at a time. */
async function preflight(ctx: AppContext, attachments: readonly PackageAttachment[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < attachments.length) {
      const a = attachments[next++];
      const keyHash = sha256OfKey(a.storageKey);
      if (keyHash !== null && keyHash !== a.sha256) throw new EvidenceIntegrityError(a.id, '的存储位置与登记的 SHA-256 不一致');
      const stat = await ctx.storage.stat(a.storageKey);
      if (!stat) throw new EvidenceIntegrityError(a.id, '在存储中不存在');
      if (stat.size !== a.size) throw new EvidenceIntegrityError(a.id, `的大小与登记不符（登记 ${a.size} 字节，存储中 ${stat.size} 字节）`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PREFLIGHT_CONCURRENCY, attachments.length) }, worker));
}

/**
 * Loads what the package will contain and checks the stored files. `workshops` are already
 * authorized and in scope; for a town package they are that town's workshops the actor sees.
 */
export async function planEvidencePackage(
  ctx: AppContext,
  input: {
    kind: 'workshop' | 'town';
    actor: Actor;
    campaign: CampaignRecord;
    town: { id: number; name: string };
    workshops: EnterpriseRow[];
    now?: Date;
  },
): Promise<PackagePlan> {
  const key = loadSigningKey(ctx.config.dataDir);
  const def = input.campaign.definition;
  const byWorkshop = await findWorkshopAttachments(ctx.db, input.workshops.map((w) => w.id));
  const workshops = input.workshops.map((row): PackageWorkshop => {
    const folder = input.kind === 'town' ? workshopFolder(row.id, row.name) : '';
    const attachments = sortAttachments(def, byWorkshop.get(row.id) ?? []);
    const paths = new Map(attachments.map((a) => [a.id, evidencePath(folder, evidenceGroup(a), a.id, a.originalName)]));
    return { row, folder, attachments, paths };
  });
  await preflight(ctx, workshops.flatMap((w) => w.attachments));
  const now = input.now ?? new Date();
  const date = todayInChina(now);
  const district = def.orgUnits.name;
  const single = input.kind === 'workshop' ? input.workshops[0] : undefined;
  const nameParts = [district, input.town.name, ...(single ? [safeSegment(single.name, 60)] : []), '证据包', date];
  return {
    kind: input.kind,
    campaign: input.campaign,
    town: input.town,
    workshops,
    generatedAt: now.toISOString(),
    generatedBy: { userId: input.actor.id, name: input.actor.displayName },
    key,
    fileName: `${nameParts.join('-')}.zip`,
    asciiFileName: `qudi-evidence-${single ? `workshop-${single.id}` : `town-${input.town.id}`}-${date}.zip`,
  };
}

/** RFC 6266/5987: an ASCII fallback plus the UTF-8 name. */
export function packageContentDisposition(plan: PackagePlan): string {
  return `attachment; filename="${plan.asciiFileName}"; filename*=UTF-8''${encodeURIComponent(plan.fileName)}`;
}

/** Passes bytes through while counting and hashing them; fails at the end if the hash is not `expected`. */
class HashingStream extends Transform {
  private readonly hash = createHash('sha256');
  bytes = 0;
  sha256 = '';
  constructor(
    private readonly expected: string,
    private readonly onMismatch: (found: string) => Error,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    cb(null, chunk);
  }
  override _flush(cb: TransformCallback): void {
    this.sha256 = this.hash.digest('hex');
    cb(this.sha256 !== this.expected ? this.onMismatch(this.sha256) : null);
  }
}

const sha256Of = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** 说明.txt: what is in the package and how to check it, for whoever opens it (UTF-8 with BOM, CRLF, for Windows Notepad). */
function readmeText(plan: PackagePlan): Buffer {
  const def = plan.campaign.definition;
  const scope =
    plan.kind === 'workshop'
      ? `${def.orgUnits.name} ${plan.town.name} ${plan.workshops[0].row.name}（档案编号 ${plan.workshops[0].row.id}）`
      : `${def.orgUnits.name} ${plan.town.name}，共 ${plan.workshops.length} 家企业，每家一个目录（编号-名称）`;
  const prefix = plan.kind === 'town' ? '<企业目录>/' : '';
  const lines = [
    '证据包说明',
    '',
    `本证据包由 Qudi（土小企业集中取缔行动管理平台）于 ${chinaDateTime(plan.generatedAt)}（北京时间）生成，生成人：${plan.generatedBy.name}。`,
    `依据：${def.issuer}《${def.title}》（${def.documentNumber}）。`,
    `范围：${scope}。`,
    '',
    '包内文件',
    `- ${prefix}${RECORD_DOCX}：企业档案（基本信息、取缔状态、各标准项、验收结论、证据文件清单、变更记录），可用 Word 或 WPS 打开；`,
    `- ${prefix}${RECORD_JSON}：同样内容的机器可读版本（JSON）；`,
    `- ${prefix}evidence/<标准项代码或 workshop>/<编号>-<原文件名>：原样收录的证据文件（照片、视频），与上传时的字节完全相同，包括已被替换的历史文件；`,
    `- ${MANIFEST_FILE}：清单，列出除 ${MANIFEST_FILE} 和 ${SIGNATURE_FILE} 之外每个文件的路径、大小（字节）和 SHA-256；`,
    `- ${SIGNATURE_FILE}：服务器用 Ed25519 私钥对 ${MANIFEST_FILE} 全部字节所作的签名（base64）；`,
    `- ${PUBLIC_KEY_FILE}：签名公钥，仅为方便；证明来源时请使用从发证机关另行取得的公钥；`,
    `- ${README_FILE}：本文件。`,
    '',
    `签名公钥指纹（SHA-256，对 32 字节原始公钥计算）：${formatFingerprint(plan.key.fingerprint)}`,
    '',
    '核验方法一：用 Qudi 命令行（不需要联网和数据库）',
    '  qudi evidence verify 证据包.zip --public-key 公钥.pem',
    '',
    '核验方法二：不使用 Qudi（需要 OpenSSL 3、sha256sum、jq；先解压，在解压目录中执行）',
    '  1. 核对公钥指纹与发证机关公布的一致：',
    '     openssl pkey -pubin -in 公钥.pem -outform DER | tail -c 32 | sha256sum',
    '  2. 验证清单签名（显示 Signature Verified Successfully 即有效）：',
    `     base64 -d ${SIGNATURE_FILE} > /tmp/manifest.sig.bin`,
    `     openssl pkeyutl -verify -pubin -inkey 公钥.pem -rawin -in ${MANIFEST_FILE} -sigfile /tmp/manifest.sig.bin`,
    '  3. 核对每个文件（全部显示“成功”或 OK 即一致）：',
    `     jq -r '.files[] | .sha256 + "  " + .path' ${MANIFEST_FILE} | sha256sum -c`,
    `  4. 确认除 ${MANIFEST_FILE}、${SIGNATURE_FILE} 外，包内没有清单未列出的文件。`,
    '',
    '格式的完整说明见 Qudi 的 docs/evidence-package.md。',
    '',
  ];
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n'), 'utf8')]);
}

/**
 * Streams the package into `out` and ends it. `onSigned` runs once the manifest is signed and
 * before it is written, e.g. to write the audit record: if it fails, the package stops unsigned.
 * Rejects with EvidenceIntegrityError, PackageAborted (the receiver closed `out`) or the storage's
 * error; the caller then destroys `out`.
 */
export async function writeEvidencePackage(
  ctx: AppContext,
  plan: PackagePlan,
  out: Writable,
  opts: { onSigned?: (signed: SignedPackage) => Promise<void> } = {},
): Promise<SignedPackage> {
  const zip = new yazl.ZipFile();
  const mtime = new Date(plan.generatedAt);
  const files: ManifestFile[] = [];
  let totalBytes = 0;
  let settled = false;
  let current: { source?: Readable; hasher: HashingStream } | null = null;

  let fail: (err: Error) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => {
    fail = (err) => {
      if (settled) return;
      settled = true;
      current?.source?.destroy();
      current?.hasher.destroy();
      zip.outputStream.unpipe(out);
      reject(err);
    };
  });
  failed.catch(() => undefined);
  zip.on('error', (err: Error) => fail(err));
  const onClose = () => fail(new PackageAborted());
  out.once('close', onClose);
  zip.outputStream.pipe(out);

  const addBuffer = (path: string, data: Buffer) => {
    files.push({ path, size: data.length, sha256: sha256Of(data) });
    totalBytes += data.length;
    zip.addBuffer(data, path, { mtime });
  };
  /** Stops the background work once the package has failed or the receiver left. */
  const stillWanted = () => {
    if (settled) throw new PackageAborted();
  };

  /** Adds one stored file and waits until the zip has taken all of it. */
  const addStored = async (a: PackageAttachment, path: string) => {
    const hasher = new HashingStream(a.sha256, (found) => new EvidenceIntegrityError(a.id, `的内容与登记的 SHA-256 不一致（登记 ${a.sha256}，实为 ${found}）`));
    const entry: { source?: Readable; hasher: HashingStream } = { hasher };
    current = entry;
    zip.addReadStreamLazy(path, { size: a.size, compress: false, mtime }, (cb) => {
      ctx.storage.open(a.storageKey).then(
        (source) => {
          entry.source = source;
          if (settled) return void source.destroy();
          source.once('error', (err) => hasher.destroy(err));
          source.pipe(hasher);
          cb(null, hasher);
        },
        (err: unknown) => fail(err instanceof Error ? err : new Error(String(err))),
      );
    });
    await Promise.race([finished(hasher), failed]);
    files.push({ path, size: hasher.bytes, sha256: hasher.sha256, attachmentId: a.id, recordedSha256: a.sha256 });
    totalBytes += hasher.bytes;
    current = null;
  };

  const work = async (): Promise<SignedPackage> => {
    addBuffer(README_FILE, readmeText(plan));
    addBuffer(PUBLIC_KEY_FILE, Buffer.from(plan.key.publicKeyPem, 'utf8'));
    for (const w of plan.workshops) {
      stillWanted();
      const details = await loadWorkshopDetails(ctx.db, w.row, w.attachments);
      const record = buildWorkshopRecord({
        definition: plan.campaign.definition,
        campaign: plan.campaign,
        generatedAt: plan.generatedAt,
        workshop: w.row,
        details,
        attachments: w.attachments,
        paths: w.paths,
      });
      addBuffer(joinPath(w.folder, RECORD_DOCX), await renderRecordDocx(record, { fingerprint: plan.key.fingerprint, generatedBy: plan.generatedBy.name }));
      addBuffer(joinPath(w.folder, RECORD_JSON), serializeRecord(record));
      for (const a of w.attachments) await addStored(a, w.paths.get(a.id)!);
    }
    const def = plan.campaign.definition;
    const single = plan.kind === 'workshop' ? plan.workshops[0].row : undefined;
    const manifest: PackageManifest = {
      format: MANIFEST_FORMAT,
      formatVersion: MANIFEST_VERSION,
      generator: 'Qudi',
      generatedAt: plan.generatedAt,
      generatedBy: plan.generatedBy,
      kind: plan.kind,
      campaign: { id: plan.campaign.id, code: plan.campaign.code, documentNumber: def.documentNumber, title: def.title },
      district: def.orgUnits.name,
      town: plan.town,
      ...(single ? { workshop: { id: single.id, name: single.name } } : {}),
      workshops: plan.workshops.map((w) => ({ id: w.row.id, name: w.row.name, folder: w.folder })),
      publicKey: { algorithm: 'Ed25519', fingerprintSha256: plan.key.fingerprint, file: PUBLIC_KEY_FILE },
      files,
    };
    const manifestBytes = serializeManifest(manifest);
    const signed: SignedPackage = { manifest, manifestSha256: sha256Of(manifestBytes), fileCount: files.length, totalBytes };
    stillWanted();
    if (opts.onSigned) await opts.onSigned(signed);
    stillWanted();
    zip.addBuffer(manifestBytes, MANIFEST_FILE, { mtime });
    zip.addBuffer(signManifest(manifestBytes, plan.key.privateKey), SIGNATURE_FILE, { mtime, compress: false });
    zip.end();
    await finished(zip.outputStream);
    settled = true;
    return signed;
  };

  try {
    return await Promise.race([work(), failed]);
  } catch (err) {
    fail(err instanceof Error ? err : new Error(String(err)));
    throw err;
  } finally {
    out.off('close', onClose);
  }
}

/** One line for logs: how much was packaged. */
export function describeSigned(s: SignedPackage): string {
  return `${s.fileCount} 个文件，${formatBytes(s.totalBytes)}，清单 SHA-256 ${s.manifestSha256}`;
}
