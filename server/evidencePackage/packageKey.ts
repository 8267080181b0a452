// The Ed25519 key the server signs evidence packages with. It lives in one PEM file (PKCS#8, mode
// 0600): `EVIDENCE_SIGNING_KEY_FILE` when set, else `<DATA_DIR>/keys/evidence-signing-key.pem`,
// created on first use. The same file gives the same key across restarts; instances that share a
// DATA_DIR share the key, others must point EVIDENCE_SIGNING_KEY_FILE at one copy of it.
//
// No database or server here: `qudi evidence verify` reads the server's public key through the
// same functions, offline.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const SIGNING_KEY_FILE_ENV = 'EVIDENCE_SIGNING_KEY_FILE';
const DEFAULT_KEY_DIR = 'keys';
const DEFAULT_KEY_FILE = 'evidence-signing-key.pem';

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SPKI PEM of the public key, as served at /api/evidence/public-key.pem. */
  publicKeyPem: string;
  /** SHA-256 (hex) of the raw 32-byte public key. */
  fingerprint: string;
  /** The PEM file the private key was read from. */
  file: string;
}

/** Where the server's signing key is (or will be created). */
export function signingKeyFile(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  const configured = env[SIGNING_KEY_FILE_ENV]?.trim();
  return configured ? path.resolve(configured) : path.join(dataDir, DEFAULT_KEY_DIR, DEFAULT_KEY_FILE);
}

/** SHA-256 (hex) of the raw Ed25519 public key: the 32 bytes that follow the 12-byte SPKI header. */
export function publicKeyFingerprint(publicKey: KeyObject): string {
  return createHash('sha256').update(rawPublicKey(publicKey)).digest('hex');
}

export function rawPublicKey(publicKey: KeyObject): Buffer {
  const jwk = publicKey.export({ format: 'jwk' });
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new Error('不是 Ed25519 公钥 / not an Ed25519 public key');
  return Buffer.from(jwk.x, 'base64url');
}

/** Fingerprint in groups of four hex digits, for reading aloud or comparing on paper. */
export function formatFingerprint(fingerprint: string): string {
  return fingerprint.match(/.{1,4}/g)?.join(' ') ?? fingerprint;
}

function describeKey(privateKey: KeyObject, file: string): SigningKey {
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw new Error(`签名密钥文件 ${file} 不是 Ed25519 私钥 / ${file} is not an Ed25519 private key`);
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKey,
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    fingerprint: publicKeyFingerprint(publicKey),
    file,
  };
}

function readKeyFile(file: string): SigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(fs.readFileSync(file));
  } catch (err) {
    throw new Error(`无法读取证据包签名密钥 ${file} / cannot read the signing key: ${err instanceof Error ? err.message : String(err)}`);
  }
  return describeKey(privateKey, file);
}

/**
 * Writes a new key where none is. Written to a private temporary file and then hard-linked into
 * place, so that two processes starting at once never see a half-written key and never replace
 * each other's: the second link fails with EEXIST and that process reads the first one's key.
 */
function createKeyFile(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' });
  const temp = `${file}.${randomUUID()}.tmp`;
  fs.writeFileSync(temp, pem, { mode: 0o600, flag: 'wx' });
  try {
    fs.linkSync(temp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

const loaded = new Map<string, SigningKey>();

/**
 * The server's signing key, created on first use under `<dataDir>/keys/`. A key file named by
 * EVIDENCE_SIGNING_KEY_FILE must exist: a missing configured key is a mistake to report, not a
 * reason to start signing with a new key nobody has the public half of.
 */
export function loadSigningKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): SigningKey {
  const file = signingKeyFile(dataDir, env);
  const hit = loaded.get(file);
  if (hit) return hit;
  if (!fs.existsSync(file)) {
    if (env[SIGNING_KEY_FILE_ENV]?.trim())
      throw new Error(
        `找不到证据包签名密钥文件 ${file}（环境变量 ${SIGNING_KEY_FILE_ENV}）；可用 openssl genpkey -algorithm ed25519 -out 文件 生成 / ` +
          `signing key file not found (${SIGNING_KEY_FILE_ENV})`,
      );
    createKeyFile(file);
  }
  const key = readKeyFile(file);
  loaded.set(file, key);
  return key;
}

/** The server's public key if its key file exists (never creates one): for offline verification. */
export function findServerPublicKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): { publicKey: KeyObject; file: string } | null {
  const file = signingKeyFile(dataDir, env);
  if (!fs.existsSync(file)) return null;
  return { publicKey: readKeyFile(file).publicKey, file };
}

/**
 * An Ed25519 public key from a PEM file: a public key (SPKI, as downloaded from the server), or a
 * private key whose public half is taken.
 */
export function readPublicKeyFile(file: string): KeyObject {
  let text: Buffer;
  try {
    text = fs.readFileSync(file);
  } catch (err) {
    throw new Error(`无法读取公钥文件 ${file} / cannot read the public key file: ${err instanceof Error ? err.message : String(err)}`);
  }
  return parsePublicKeyPem(text, file);
}

export function parsePublicKeyPem(pem: Buffer | string, what: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch (err) {
    throw new Error(`${what} 不是有效的 PEM 公钥 / not a valid PEM public key: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${what} 不是 Ed25519 公钥 / not an Ed25519 public key`);
  return key;
}
