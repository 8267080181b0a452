// What an uploaded file is before it is read: its SHA-256 and its first bytes (for fileKindOf).
import { createHash } from 'node:crypto';
import fs from 'node:fs';

export async function fileSha256(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

export async function fileHead(file: string): Promise<Buffer> {
  const fd = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.alloc(512);
    const { bytesRead } = await fd.read(buf, 0, 512, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fd.close();
  }
}
