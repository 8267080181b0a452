// BlobStorage on S3-compatible object storage (MinIO, 阿里云 OSS, AWS). Objects under
// `<prefix>sha256/ab/<hex>`; a stream whose hash is not yet known goes to `<prefix>tmp/<uuid>` first
// and is then copied to its content key (or dropped when that key already exists).
//
// Operators: give the bucket a lifecycle rule that expires `tmp/` and aborts incomplete multipart
// uploads after a day — that is what cleans up after a crash. A single CopyObject moves at most
// 5 GB, which bounds putStream; putFile uploads straight to the content key and has no such bound.
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { BlobNotFoundError, BlobWriteError } from './errors.js';
import { abandon, hashFile, meter, newTally, sha256Of } from './hashing.js';
import { blobKey, isSha256Hex, sha256OfKey } from './keys.js';
import { checkRange } from './range.js';
import type { BlobStat, BlobStorage, ByteRange, PutFileOptions, PutOptions, PutStreamOptions, StoredBlob, StoredObject } from './types.js';
import { describeS3, type S3Location } from './url.js';

/** Multipart parts: about PART_SIZE × (QUEUE_SIZE + 1) of memory per upload in flight. */
const PART_SIZE = 5 * 1024 * 1024;
const QUEUE_SIZE = 2;
const STALE_TEMP_MS = 24 * 3600_000;

export class S3Storage implements BlobStorage {
  readonly describe: string;
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;

  constructor(loc: S3Location) {
    this.describe = describeS3(loc);
    this.bucket = loc.bucket;
    this.prefix = loc.prefix;
    this.client = new S3Client({
      region: loc.region,
      forcePathStyle: loc.forcePathStyle,
      ...(loc.endpoint ? { endpoint: loc.endpoint } : {}),
      // Without explicit credentials the SDK's default chain reads AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY.
      ...(loc.credentials ? { credentials: loc.credentials } : {}),
      // Only checksums the API requires: MinIO, OSS and s3rver do not all accept the SDK's default trailers.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async putStream(source: AsyncIterable<Uint8Array>, opts: PutStreamOptions): Promise<StoredBlob> {
    const tally = newTally();
    const temp = `${this.prefix}tmp/${randomUUID()}`;
    const body = Readable.from(meter(source, tally, opts.maxBytes), { objectMode: false });
    try {
      await this.upload(temp, body, opts.contentType);
    } catch (err) {
      body.destroy();
      abandon(source);
      await this.deleteQuietly(temp);
      if (tally.tooLarge) throw tally.tooLarge;
      throw new BlobWriteError('storing the stream failed', { cause: tally.sourceError ?? err });
    }
    const sha256 = tally.hash.digest('hex');
    const key = blobKey(sha256);
    try {
      const existed = await this.exists(key);
      if (!existed) {
        await this.client.send(
          new CopyObjectCommand({ Bucket: this.bucket, Key: this.prefix + key, CopySource: `${this.bucket}/${encodeKey(temp)}`, MetadataDirective: 'COPY' }),
        );
      }
      return { key, sha256, size: tally.size, existed };
    } catch (err) {
      throw new BlobWriteError('storing the stream failed', { cause: err });
    } finally {
      await this.deleteQuietly(temp);
    }
  }

  async putFile(file: string, opts: PutFileOptions): Promise<StoredBlob> {
    const given = opts.sha256?.toLowerCase();
    if (given !== undefined && !isSha256Hex(given)) throw new TypeError(`not a SHA-256 hex digest: ${opts.sha256}`);
    let known: { sha256: string; size: number };
    try {
      known = given ? { sha256: given, size: (await fs.promises.stat(file)).size } : await hashFile(file);
    } catch (err) {
      throw new BlobWriteError(`reading ${file} failed`, { cause: err });
    }
    const key = blobKey(known.sha256);
    let existed: boolean;
    try {
      existed = await this.exists(key);
      // The hash is known, so the bytes can go straight to their content key: an upload becomes
      // visible only when complete, and a failed one is aborted.
      if (!existed) await this.upload(this.prefix + key, fs.createReadStream(file), opts.contentType);
    } catch (err) {
      throw new BlobWriteError(`storing ${file} failed`, { cause: err });
    }
    return { key, ...known, existed };
  }

  async putBuffer(data: Uint8Array, opts: PutOptions): Promise<StoredBlob> {
    const sha256 = sha256Of(data);
    const key = blobKey(sha256);
    try {
      const existed = await this.exists(key);
      if (!existed) {
        await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: this.prefix + key, Body: data, ContentType: opts.contentType, ContentLength: data.byteLength }));
      }
      return { key, sha256, size: data.byteLength, existed };
    } catch (err) {
      throw new BlobWriteError('storing the bytes failed', { cause: err });
    }
  }

  async removeUnreferenced(key: string): Promise<void> {
    if (!sha256OfKey(key)) throw new BlobNotFoundError(key);
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.prefix + key }));
    } catch (err) {
      throw new BlobWriteError(`removing ${key} failed`, { cause: err });
    }
  }

  async open(key: string, range?: ByteRange): Promise<Readable> {
    const r = checkRange(range);
    if (!sha256OfKey(key)) throw new BlobNotFoundError(key);
    try {
      const res = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: this.prefix + key, ...(r ? { Range: `bytes=${r.start}-${r.end ?? ''}` } : {}) }),
      );
      return res.Body as Readable;
    } catch (err) {
      const status = httpStatus(err);
      if (status === 404) throw new BlobNotFoundError(key);
      if (status === 416) throw new RangeError(`range ${r?.start}-${r?.end ?? ''} is not satisfiable for ${key}`);
      throw err;
    }
  }

  async stat(key: string): Promise<BlobStat | null> {
    if (!sha256OfKey(key)) return null;
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.prefix + key }));
      return { size: head.ContentLength ?? 0, ...(head.ContentType ? { contentType: head.ContentType } : {}) };
    } catch (err) {
      if (httpStatus(err) === 404) return null;
      throw err;
    }
  }

  async close(): Promise<void> {
    this.client.destroy();
  }

  async *list(): AsyncIterable<StoredObject> {
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: `${this.prefix}sha256/`, ContinuationToken: token }));
      for (const o of page.Contents ?? []) {
        const key = o.Key?.slice(this.prefix.length);
        if (key && sha256OfKey(key)) yield { key, size: o.Size ?? 0, modifiedAt: o.LastModified ?? new Date(0) };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  /** Removes temporary objects older than `olderThanMs` (leftovers of a crash); answers how many. */
  async sweepTemp(olderThanMs = STALE_TEMP_MS): Promise<number> {
    let removed = 0;
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: `${this.prefix}tmp/`, ContinuationToken: token }));
      for (const o of page.Contents ?? []) {
        if (o.Key && o.LastModified && Date.now() - o.LastModified.getTime() > olderThanMs) {
          await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: o.Key }));
          removed++;
        }
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return removed;
  }

  /** Streams to `fullKey` in parts of PART_SIZE (one PUT when smaller); a failed multipart upload is aborted. */
  private async upload(fullKey: string, body: Readable, contentType: string): Promise<void> {
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: fullKey, Body: body, ContentType: contentType },
      partSize: PART_SIZE,
      queueSize: QUEUE_SIZE,
    });
    await upload.done();
  }

  private async exists(key: string): Promise<boolean> {
    return (await this.stat(key)) !== null;
  }

  /** Internal cleanup of temporary objects only: content keys are never deleted. */
  private async deleteQuietly(tempKey: string): Promise<void> {
    if (!tempKey.startsWith(`${this.prefix}tmp/`)) throw new Error(`refusing to delete ${tempKey}: not a temporary object`);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: tempKey })).catch(() => undefined);
  }
}

function encodeKey(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}

function httpStatus(err: unknown): number | undefined {
  return (err as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
}
