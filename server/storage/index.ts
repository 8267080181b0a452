// Evidence storage: one interface (types.ts), local disk by default, S3 when STORAGE_URL is set.
import path from 'node:path';
import { LocalStorage } from './local.js';
import type { BlobStorage } from './types.js';
import { parseStorageUrl } from './url.js';

export type { BlobStat, BlobStorage, ByteRange, PutFileOptions, PutOptions, PutStreamOptions, StoredBlob } from './types.js';
export { BlobNotFoundError, BlobTooLargeError, BlobWriteError } from './errors.js';
export { blobKey, sha256OfKey } from './keys.js';
export { LocalStorage } from './local.js';
export { parseStorageUrl } from './url.js';

/** `<dataDir>/files` on local disk, or the S3 bucket named by `storageUrl` (see url.ts). */
export async function openStorage(opts: { dataDir: string; storageUrl?: string }): Promise<BlobStorage> {
  // The S3 client (≈ 15 MB resident) is loaded only when the storage is S3.
  if (opts.storageUrl) {
    const { S3Storage } = await import('./s3.js');
    return new S3Storage(parseStorageUrl(opts.storageUrl));
  }
  const local = new LocalStorage(path.join(opts.dataDir, 'files'));
  await local.sweepTemp();
  return local;
}
