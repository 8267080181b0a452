import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerSecurityHeaders } from './securityHeaders.js';

describe('security headers', () => {
  it('sets helmet\'s headers with the given CSP on every reply, and a route may replace one', async () => {
    const app = Fastify();
    registerSecurityHeaders(app, { contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], upgradeInsecureRequests: null } }, strictTransportSecurity: false });
    app.get('/a', async () => ({ ok: true }));
    app.get('/b', async (_req, reply) => reply.header('content-security-policy', "default-src 'none'").send('x'));
    const a = await app.inject('/a');
    expect(a.headers['content-security-policy']).toContain("default-src 'self'");
    expect(a.headers['x-content-type-options']).toBe('nosniff');
    expect(a.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(a.headers['strict-transport-security']).toBeUndefined();
    expect((await app.inject('/b')).headers['content-security-policy']).toBe("default-src 'none'");
    const missing = await app.inject('/nowhere');
    expect(missing.headers['x-content-type-options']).toBe('nosniff');
  });
});
