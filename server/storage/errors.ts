// Typed failures of the storage layer. The first two are AppErrors, so a route that lets them
// through answers 413 / 404 with a Chinese message; BlobWriteError becomes a logged 500.
import { AppError } from '../errors.js';

/** The stream went past `maxBytes`; nothing was stored. */
export class BlobTooLargeError extends AppError {
  constructor(readonly maxBytes: number) {
    super('payload_too_large', `文件超过大小上限（${formatBytes(maxBytes)}）`);
    this.name = 'BlobTooLargeError';
  }
}

/** No object under this key. */
export class BlobNotFoundError extends AppError {
  constructor(readonly key: string) {
    super('not_found', '文件不存在');
    this.name = 'BlobNotFoundError';
  }
}

/** The source stream or the storage failed while writing; nothing was stored. `cause` says why. */
export class BlobWriteError extends Error {
  constructor(message: string, options: { cause: unknown }) {
    super(message, options);
    this.name = 'BlobWriteError';
  }
}

function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${+(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${+(n / 1024 ** 2).toFixed(1)} MB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KB`;
  return `${n} 字节`;
}
