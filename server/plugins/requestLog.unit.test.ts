// What the console shows of requests at each LOG_LEVEL (server/plugins/requestLog.ts): at the
// default level nothing for a request that went well, so the first administrator's password stays
// on screen; with debug one line per request; a failure always.
import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { RequestLogController } from './requestLog.js';

async function logLines(level: string): Promise<{ level: number; msg: string; req?: { method: string; url: string }; res?: { statusCode: number } }[]> {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const app = Fastify({ logger: { level, stream }, logController: new RequestLogController() });
  app.get('/ok', async () => ({ ok: true }));
  app.get('/refused', async (_request, reply) => reply.code(403).send({ refused: true }));
  await app.ready();
  for (const url of ['/ok', '/ok', '/refused', '/nowhere']) await app.inject({ method: 'GET', url });
  await app.close();
  return lines.map((l) => JSON.parse(l) as never);
}

describe('request logging (LOG_LEVEL)', () => {
  it('writes nothing for requests at the default level (info)', async () => {
    expect(await logLines('info')).toEqual([]);
  });

  it('writes one line per request, with method, URL and status, at debug', async () => {
    const lines = (await logLines('debug')).filter((l) => l.msg === 'request completed');
    expect(lines.map((l) => `${l.req?.method} ${l.req?.url} ${l.res?.statusCode}`)).toEqual(['GET /ok 200', 'GET /ok 200', 'GET /refused 403', 'GET /nowhere 404']);
  });

  it('still logs a request that failed, with its error, at the default level', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const app = Fastify({ logger: { level: 'info', stream }, logController: new RequestLogController() });
    app.get('/broken', async () => {
      throw new Error('database gone');
    });
    expect((await app.inject({ method: 'GET', url: '/broken' })).statusCode).toBe(500);
    await app.close();
    const logged = lines.map((l) => JSON.parse(l) as { level: number; msg: string; req?: { url: string } });
    expect(logged.some((l) => l.level >= 50 && l.msg === 'database gone')).toBe(true);
    expect(logged.some((l) => l.level === 40 && l.msg === 'request failed' && l.req?.url === '/broken')).toBe(true);
  });
});
