// The one interface evidence files are stored through. Two implementations: local disk under
// DATA_DIR/files (local.ts) and S3-compatible object storage (s3.ts); openStorage() picks one.
//
// Objects are content-addressed and write-once: an object's key is derived from the SHA-256 of
// its bytes (see keys.ts), storing bytes that are already there stores nothing and answers
// `existed: true`, and nothing in this interface can replace a stored object or delete one a
// record names (removeUnreferenced is for objects a crash left with no record, and only that).
// Replacing evidence therefore means storing a new file and pointing the record at the new key.
import type { Readable } from 'node:stream';

/** What a successful put answers. */
export interface StoredBlob {
  /** Where the object lives, e.g. `sha256/ab/ab12…` (the same key on every implementation). */
  key: string;
  /** SHA-256 of the bytes, 64 lowercase hex digits. */
  sha256: string;
  /** Size in bytes. */
  size: number;
  /** True when these bytes were already stored: nothing new was written. */
  existed: boolean;
}

export interface PutOptions {
  /**
   * MIME type, e.g. `image/jpeg`. Kept as the object's Content-Type on S3; local disk does not
   * record it. The attachment row in the database is the source of truth for the type.
   * When the bytes were already stored, the first writer's type stays.
   */
  contentType: string;
}

export interface PutStreamOptions extends PutOptions {
  /** Refuse the stream with BlobTooLargeError as soon as it goes past this many bytes. */
  maxBytes?: number;
}

export interface PutFileOptions extends PutOptions {
  /**
   * SHA-256 of the file when the caller already computed it while receiving the bytes (e.g. the
   * tus upload). It is trusted, not re-checked, so that a 1 GB file is not read twice. Without
   * it the file is read once to hash it.
   */
  sha256?: string;
}

/** A byte range, both ends inclusive as in HTTP `Range: bytes=start-end`. */
export interface ByteRange {
  /** First byte, default 0. */
  start?: number;
  /** Last byte (inclusive), default the last byte of the object; clamped to it. */
  end?: number;
}

export interface StoredObject {
  key: string;
  size: number;
  /** When the object was written (file modification time; S3 LastModified). */
  modifiedAt: Date;
}

export interface BlobStat {
  size: number;
  /** Only where the implementation keeps it (S3). */
  contentType?: string;
}

export interface BlobStorage {
  /** For logs and the start-up line, e.g. `本地磁盘 /srv/qudi/data/files`. Never holds credentials. */
  readonly describe: string;

  /**
   * Streams every byte into storage while computing the SHA-256, in constant memory: the bytes go
   * to a temporary object first and are then finalized under their content key. The source is
   * consumed (and destroyed if the put fails). Throws BlobTooLargeError past `maxBytes` and
   * BlobWriteError when the source or the storage fails; in both cases nothing is left behind.
   */
  putStream(source: AsyncIterable<Uint8Array>, opts: PutStreamOptions): Promise<StoredBlob>;

  /**
   * Stores a complete file from local disk. The file stays where it is (the caller removes it once
   * the object is recorded, so that a crash in between can record it again); on local storage on
   * the same filesystem the object is a hard link to it, made read-only, not a copy.
   */
  putFile(path: string, opts: PutFileOptions): Promise<StoredBlob>;

  /** Stores small derived bytes held in memory (thumbnails). */
  putBuffer(data: Uint8Array, opts: PutOptions): Promise<StoredBlob>;

  /**
   * Reads an object, or the byte range of it (for video seeking). Throws BlobNotFoundError for a
   * missing key and RangeError when `start` is at or past the end of the object.
   */
  open(key: string, range?: ByteRange): Promise<Readable>;

  /** Size (and type where kept) of an object, or null when there is no such object. */
  stat(key: string): Promise<BlobStat | null>;

  /**
   * Every stored object (not the temporary ones of puts in progress), in no particular order: its
   * key, size and when it was written. For checks of the store against the records.
   */
  list(): AsyncIterable<StoredObject>;

  /**
   * Removes an object that no record names (`qudi evidence prune`, nothing else). A missing key is
   * no error. Never used on an object a record names: the store is write-once for evidence.
   */
  removeUnreferenced(key: string): Promise<void>;

  /** Releases connections; the instance is not used afterwards. */
  close(): Promise<void>;
}
