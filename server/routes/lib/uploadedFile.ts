// A multipart form of a few fields and one file (a town's task table, a tipster's photo), received into a
// temporary directory that is removed whatever happens: the file streams to disk, a file over the limit
// or a form with more than it should carry is refused in the caller's words, never a 500.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { AppError, invalid } from '../../errors.js';

export interface UploadedFile {
  /** Where the bytes are (inside the temporary directory). */
  file: string;
  /** The file's name as sent; undefined when the form held no file. */
  filename: string | undefined;
  fields: Record<string, string>;
}

export interface UploadRefusals {
  /** A temp directory name prefix, e.g. 'qudi-import-'. */
  prefix: string;
  notMultipart: string;
  tooLarge: string;
  tooManyFiles: string;
  tooManyParts: string;
}

export async function withUploadedFile<T>(request: FastifyRequest, say: UploadRefusals, use: (upload: UploadedFile) => Promise<T>): Promise<T> {
  if (!request.isMultipart()) throw new AppError('unsupported_media_type', say.notMultipart);
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), say.prefix));
  try {
    const upload: UploadedFile = { file: path.join(dir, 'upload'), filename: undefined, fields: {} };
    try {
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          if (upload.filename !== undefined) throw invalid(say.tooManyFiles, [{ path: 'file', message: say.tooManyFiles }]);
          upload.filename = part.filename || 'upload';
          await pipeline(part.file, fs.createWriteStream(upload.file));
          if (part.file.truncated) throw new AppError('payload_too_large', say.tooLarge);
        } else upload.fields[part.fieldname] = String(part.value);
      }
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('payload_too_large', say.tooLarge);
      if (code === 'FST_FILES_LIMIT') throw invalid(say.tooManyFiles, [{ path: 'file', message: say.tooManyFiles }]);
      if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') throw invalid(say.tooManyParts);
      throw err;
    }
    return await use(upload);
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}
