// The tus protocol as tests speak it, through app.inject: create (with optional first bytes),
// PATCH from an offset, HEAD for the offset. Shared by the upload and clue-attachment suites.
import type { FastifyInstance } from 'fastify';
import { tusMetadata } from './harness.js';

export function tusClient(app: FastifyInstance, cookie: string) {
  return {
    create: (length: number | null, meta: Record<string, string | number>, headers: Record<string, string> = {}, payload?: Buffer) =>
      app.inject({
        method: 'POST',
        url: '/api/uploads/',
        headers: {
          cookie,
          'tus-resumable': '1.0.0',
          ...(length === null ? {} : { 'upload-length': String(length) }),
          'upload-metadata': tusMetadata(meta),
          ...(payload ? { 'content-type': 'application/offset+octet-stream' } : {}),
          ...headers,
        },
        ...(payload ? { payload } : {}),
      }),
    patch: (location: string, offset: number, bytes: Buffer) =>
      app.inject({
        method: 'PATCH',
        url: location,
        headers: { cookie, 'tus-resumable': '1.0.0', 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' },
        payload: bytes,
      }),
    head: (location: string) => app.inject({ method: 'HEAD', url: location, headers: { cookie, 'tus-resumable': '1.0.0' } }),
  };
}
