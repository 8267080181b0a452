// `qudi openapi`: the API's OpenAPI document, exactly as /api/docs/json serves it, without a
// running server (built on a throw-away embedded database), for integrators and for
// `npm run contract`, which regenerates contract/ from it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../app.js';
import { openContext } from '../bootstrap.js';
import { loadConfig } from '../config.js';

export async function apiDocument(): Promise<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qudi-openapi-'));
  try {
    const config = { ...loadConfig({ ...process.env, DATA_DIR: dir, DATABASE_URL: '', STORAGE_URL: '' }), logLevel: 'warn' };
    const ctx = await openContext(config, { poolSize: 1 });
    try {
      const app = await buildApp(ctx, { serveWeb: false });
      try {
        const res = await app.inject({ method: 'GET', url: '/api/docs/json' });
        if (res.statusCode !== 200) throw new Error(`/api/docs/json answered ${res.statusCode}`);
        return res.json();
      } finally {
        await app.close();
      }
    } finally {
      await ctx.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
