// Security headers (Content-Security-Policy, X-Content-Type-Options, Referrer-Policy, …) as helmet
// computes them from Qudi's options. They are the same for every reply, so helmet runs once at
// start and the hook only copies its headers: @fastify/helmet built helmet's middleware anew on
// every request (parsing the CSP directives each time), a few percent of a list request's CPU.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/** The headers helmet sets with `options`, lower-cased names. */
export function helmetHeaders(options: Readonly<HelmetOptions>): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: string | number | readonly string[]) => void (headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  let failure: unknown = null;
  let called = false;
  helmet(options)({} as IncomingMessage, res as unknown as ServerResponse, (err?: unknown) => {
    called = true;
    failure = err ?? null;
  });
  if (!called || failure) throw new Error(`helmet: ${failure instanceof Error ? failure.message : 'did not finish synchronously'}`);
  return headers;
}

/** Sets helmet's headers on every reply (a route may still replace one, as the API docs do with their CSP). */
export function registerSecurityHeaders(app: FastifyInstance, options: Readonly<HelmetOptions>): void {
  const headers = helmetHeaders(options);
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}
