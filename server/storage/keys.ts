// Content keys: `sha256/<first two hex digits>/<64 hex digits>`. The two-digit shard keeps any one
// directory (local disk) or listing prefix (S3) to 1/256 of the objects.

const SHA256_HEX = /^[0-9a-f]{64}$/;
const KEY = /^sha256\/([0-9a-f]{2})\/([0-9a-f]{64})$/;

/** True for 64 lowercase hex digits. */
export function isSha256Hex(value: string): boolean {
  return SHA256_HEX.test(value);
}

/** The storage key of the bytes whose SHA-256 is `sha256` (64 hex digits, any case). */
export function blobKey(sha256: string): string {
  const hex = sha256.toLowerCase();
  if (!isSha256Hex(hex)) throw new TypeError(`not a SHA-256 hex digest: ${sha256}`);
  return `sha256/${hex.slice(0, 2)}/${hex}`;
}

/** The SHA-256 named by a well-formed key, or null for anything else (so no path can escape the store). */
export function sha256OfKey(key: string): string | null {
  const m = KEY.exec(key);
  return m && m[2].startsWith(m[1]) ? m[2] : null;
}
