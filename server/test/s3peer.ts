// An S3 service for tests: s3rver in this process on 127.0.0.1 and a free port, over a temporary
// directory, with one empty bucket. `storageUrl` is what STORAGE_URL would hold.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CreateBucketCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';

export interface S3Peer {
  endpoint: string;
  bucket: string;
  storageUrl: string;
  /** Every key in the bucket, sorted (temporary objects included). */
  listKeys(): Promise<string[]>;
  /** Writes an object directly, behind the storage layer's back (to plant leftovers). */
  putRaw(key: string, body: Uint8Array): Promise<void>;
  /** How many times an object was created (PUT, POST, COPY or multipart completion) under `key`. */
  writesTo(key: string): number;
  close(): Promise<void>;
}

// s3rver's built-in account.
const ACCESS_KEY = 'S3RVER';
const SECRET_KEY = 'S3RVER';

export async function startS3Peer(bucket = 'qudi-evidence'): Promise<S3Peer> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'qudi-s3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory });
  const writes = new Map<string, number>();
  server.on('event', (e) => {
    for (const r of e.Records) {
      if (r.eventName.startsWith('ObjectCreated:')) writes.set(r.s3.object.key, (writes.get(r.s3.object.key) ?? 0) + 1);
    }
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY } });
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  return {
    endpoint,
    bucket,
    storageUrl: `s3://${bucket}?endpoint=${encodeURIComponent(endpoint)}&region=us-east-1&accessKeyId=${ACCESS_KEY}&secretAccessKey=${SECRET_KEY}`,
    listKeys: async () => {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
        for (const o of page.Contents ?? []) if (o.Key) keys.push(o.Key);
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return keys.sort();
    },
    putRaw: async (key, body) => {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
    },
    writesTo: (key) => writes.get(key) ?? 0,
    close: async () => {
      client.destroy();
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
