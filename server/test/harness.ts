// Builds a fresh app per test file on the database named by QUDI_TEST_DB (sqlite | postgres),
// with factories that create their own users and workshops, and a login helper for app.inject.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import sharp from 'sharp';
import { inject } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { EnterpriseCreateInput } from '../../domain/enterprise.js';
import type { EnterpriseDto } from '../../domain/api.js';
import type { Role } from '../../domain/roles.js';
import { buildApp } from '../app.js';
import { hashPassword } from '../auth/password.js';
import { loadConfig, type Config } from '../config.js';
import type { AppContext } from '../context.js';
import { connect } from '../db/connect.js';
import { closeReadWorker } from '../db/readers.js';
import { migrateToLatest } from '../db/migrate.js';
import { ensureDefaultCampaign } from '../commands/installCampaign.js';
import { resolveScope } from '../commands/createUser.js';
import { currentCampaign, type CampaignRecord } from '../repositories/campaigns.js';
import { findChildByName, insertOrgUnit } from '../repositories/orgUnits.js';
import { insertRoleAssignment, insertUser } from '../repositories/users.js';
import { LocalStorage } from '../storage/local.js';
import { S3Storage } from '../storage/s3.js';
import type { BlobStorage } from '../storage/types.js';
import { parseStorageUrl } from '../storage/url.js';

export const TEST_DB = (process.env.QUDI_TEST_DB ?? 'sqlite') as 'sqlite' | 'postgres';
export const PASSWORD = 'test-password-1';

/** True when this suite cannot run here (PostgreSQL absent outside CI); use with describe.skipIf. */
export function dbUnavailable(): boolean {
  return TEST_DB === 'postgres' && !inject('pgTemplate');
}

export interface TestAppOptions {
  /** Evidence files in S3-compatible storage (e.g. an s3rver peer's storageUrl) instead of DATA_DIR/files. */
  storageUrl?: string;
  /** Configuration changed for this app, e.g. small evidence limits. */
  config?: Partial<Config>;
}

async function freshContext(opts: TestAppOptions = {}): Promise<{ ctx: AppContext; drop: () => Promise<void> }> {
  const config = { ...loadConfig({ ...process.env, DATABASE_URL: '', DATA_DIR: '', STORAGE_URL: '' }), ...opts.config };
  // One temporary DATA_DIR per test file: the SQLite database (on SQLite) and the evidence files.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qudi-test-'));
  const storage: BlobStorage = opts.storageUrl ? new S3Storage(parseStorageUrl(opts.storageUrl)) : new LocalStorage(path.join(dir, 'files'));
  const removeDir = () => fs.rmSync(dir, { recursive: true, force: true });
  if (TEST_DB === 'postgres') {
    const template = inject('pgTemplate');
    const adminUrl = inject('pgAdminUrl');
    const pid = template.replace('qudi_tpl_', '');
    const name = `qudi_t_${pid}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    await admin.end();
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    const { db, dialect } = connect({ dataDir: '', databaseUrl: u.toString(), poolSize: 4 });
    return {
      ctx: { db, dialect, storage, config: { ...config, dataDir: dir, databaseUrl: u.toString() } },
      drop: async () => {
        await db.destroy();
        await storage.close();
        await dropPgDatabase(name);
        removeDir();
      },
    };
  }
  const { db, dialect } = connect({ dataDir: dir });
  await migrateToLatest(db, dialect);
  await ensureDefaultCampaign({ db });
  return {
    ctx: { db, dialect, storage, config: { ...config, dataDir: dir } },
    drop: async () => {
      await closeReadWorker(db);
      await db.destroy();
      await storage.close();
      removeDir();
    },
  };
}

/**
 * Drops a test database on the PostgreSQL server. pg's pool.end() resolves before its sockets have
 * closed; forcing the drop at once would kill those sessions mid-goodbye, which pg reports as an
 * error (57P01) in whatever still holds them. So it waits for them to leave first.
 */
export async function dropPgDatabase(name: string): Promise<void> {
  const a = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await a.connect();
  try {
    for (let i = 0; i < 40; i++) {
      const { rows } = await a.query<{ n: string }>('SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1', [name]);
      if (Number(rows[0].n) === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await a.end();
  }
}

export interface CliResult {
  /** The exit code (0: success). */
  code: number;
  out: string;
  err: string;
}

const packageDir = path.join(import.meta.dirname, '..', '..');

/**
 * Runs `qudi ARGS` (server/cli.ts under tsx) in a child process, against the given DATA_DIR and
 * database, and returns its exit code and output instead of throwing on a non-zero exit.
 */
export async function runQudi(args: string[], opts: { dataDir: string; databaseUrl?: string; cwd?: string }): Promise<CliResult> {
  // The test app's own storage is local (freshContext clears STORAGE_URL): so is the CLI's.
  const env = { ...process.env, DATA_DIR: opts.dataDir, DATABASE_URL: opts.databaseUrl ?? '', STORAGE_URL: '' };
  const argv = ['--import', import.meta.resolve('tsx'), path.join(packageDir, 'server', 'cli.ts'), ...args];
  return new Promise((resolve) => {
    execFile(process.execPath, argv, { env, cwd: opts.cwd ?? packageDir, maxBuffer: 16 * 1024 * 1024, timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, out: stdout, err: stderr });
    });
  });
}

/** `qudi ARGS` against the test app's own database and DATA_DIR. */
export function qudiIn(t: { ctx: AppContext }, ...args: string[]): Promise<CliResult> {
  return runQudi(args, { dataDir: t.ctx.config.dataDir, databaseUrl: t.ctx.config.databaseUrl });
}

/** A multipart/form-data body (fields, then one file) for app.inject, as a browser sends a form with a file. */
export function multipart(fields: Record<string, string>, file?: { name: string; content: Buffer; type?: string }) {
  const boundary = `----qudi${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`));
    parts.push(file.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

let passwordHash: Promise<string> | undefined;

const jpegs = new Map<number, Promise<Buffer>>();
/** A small JPEG (16×12, one colour per `n`), different bytes for different `n`: evidence for tests. */
export function evidenceJpeg(n = 0): Promise<Buffer> {
  let found = jpegs.get(n);
  if (!found) {
    found = sharp({ create: { width: 16, height: 12, channels: 3, background: { r: (n * 37) % 256, g: (n * 91) % 256, b: (n * 53 + 128) % 256 } } }).jpeg().toBuffer();
    jpegs.set(n, found);
  }
  return found;
}

/** tus Upload-Metadata: `key base64(value)` pairs. */
export function tusMetadata(meta: Record<string, string | number>): string {
  return Object.entries(meta)
    .map(([k, v]) => `${k} ${Buffer.from(String(v), 'utf8').toString('base64')}`)
    .join(',');
}

export interface EvidenceUpload {
  enterpriseId: number;
  /** The standard item; without it the file goes on the workshop itself. */
  itemCode?: string;
  bytes?: Buffer;
  filename?: string;
  /** More Upload-Metadata (caption, phase, deviceLat…), or overrides. */
  metadata?: Record<string, string | number>;
}

export interface Agent {
  userId: number;
  cookie: string;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body: unknown): Promise<LightMyRequestResponse>;
}

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  campaign: CampaignRecord;
  /** Town names of the loaded campaign, in definition order. */
  towns: { id: number; name: string; path: string }[];
  close(): Promise<void>;
  /** Creates a user with `role` over `scope` (a town name, `town/village`, or a department code) and logs in. */
  login(role: Role, scope?: string, opts?: { director?: boolean }): Promise<Agent>;
  anonymous: Agent;
  /** Ensures a village exists under the town and returns its id. */
  village(townName: string, villageName: string): Promise<number>;
  /** Registers a workshop through the API as an office user; returns the created record. */
  createWorkshop(overrides?: Partial<EnterpriseCreateInput> & { townName?: string }): Promise<EnterpriseDto>;
  /**
   * Records every standard item as done (through the API), first uploading the evidence each item
   * needs (small JPEGs, through the tus endpoint), leaving the workshop shut down.
   */
  shutDown(id: number): Promise<EnterpriseDto>;
  /** One tus upload in a single request (creation with upload) as `agent` (default: an office user); answers the raw response. */
  upload(file: EvidenceUpload, agent?: Agent): Promise<LightMyRequestResponse>;
  /** Uploads evidence that must be accepted (201); answers the attachment id. */
  addEvidence(enterpriseId: number, itemCode?: string, opts?: { agent?: Agent; n?: number }): Promise<number>;
}

function agentFor(app: FastifyInstance, cookie: string, userId: number): Agent {
  const send = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, body?: unknown) =>
    app.inject({
      method,
      url,
      headers: { cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
  return {
    userId,
    cookie,
    get: (url) => send('GET', url),
    post: (url, body) => send('POST', url, body ?? {}),
    patch: (url, body) => send('PATCH', url, body),
    put: (url, body) => send('PUT', url, body),
  };
}

let userSeq = 0;

export async function setupTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const { ctx, drop } = await freshContext(opts);
  const app = await buildApp(ctx, { serveWeb: false, logger: process.env.QUDI_TEST_LOG === '1' });
  const campaign = await currentCampaign(ctx.db);
  const towns = await ctx.db.selectFrom('org_units').select(['id', 'name', 'path']).where('parent_id', '=', campaign.rootId).orderBy('id').execute();

  const login = async (role: Role, scope?: string, opts: { director?: boolean } = {}): Promise<Agent> => {
    passwordHash ??= hashPassword(PASSWORD);
    const username = `u${++userSeq}_${role}_${randomBytes(3).toString('hex')}`;
    const resolved = await resolveScope(ctx.db, campaign, role, scope);
    const userId = await insertUser(ctx.db, { username, displayName: `${role} ${scope ?? ''}`, passwordHash: await passwordHash });
    await insertRoleAssignment(ctx.db, { userId, role, ...resolved, director: opts.director });
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
    if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
    const setCookie = res.headers['set-cookie'];
    const cookie = (Array.isArray(setCookie) ? setCookie[0] : String(setCookie)).split(';')[0];
    return agentFor(app, cookie, userId);
  };

  let office: Agent | undefined;
  const village = async (townName: string, villageName: string) => {
    const town = towns.find((t) => t.name === townName);
    if (!town) throw new Error(`no town ${townName}`);
    const existing = await findChildByName(ctx.db, town.id, villageName);
    if (existing) return existing.id;
    const townRow = await ctx.db.selectFrom('org_units').selectAll().where('id', '=', town.id).executeTakeFirstOrThrow();
    return (await insertOrgUnit(ctx.db, townRow, 'village', villageName)).id;
  };

  const createWorkshop = async (overrides: Partial<EnterpriseCreateInput> & { townName?: string } = {}) => {
    office ??= await login('office');
    const { townName, ...rest } = overrides;
    const town = towns.find((t) => t.name === (townName ?? towns[1].name)) ?? towns[1];
    const res = await office.post('/api/enterprises', { name: `测试塑料颗粒加工厂${++userSeq}`, kind: campaign.definition.workshopKinds[0].code, townId: town.id, ...rest });
    if (res.statusCode !== 201) throw new Error(`create failed: ${res.body}`);
    return res.json() as EnterpriseDto;
  };

  const upload = async (file: EvidenceUpload, agent?: Agent) => {
    const as = agent ?? (office ??= await login('office'));
    const bytes = file.bytes ?? (await evidenceJpeg());
    const metadata = {
      recordType: file.itemCode ? 'item' : 'enterprise',
      recordId: file.enterpriseId,
      ...(file.itemCode ? { itemCode: file.itemCode } : {}),
      filename: file.filename ?? 'IMG_0001.jpg',
      ...file.metadata,
    };
    return app.inject({
      method: 'POST',
      url: '/api/uploads',
      headers: {
        cookie: as.cookie,
        'tus-resumable': '1.0.0',
        'upload-length': String(bytes.length),
        'upload-metadata': tusMetadata(metadata),
        'content-type': 'application/offset+octet-stream',
      },
      payload: bytes,
    });
  };

  const addEvidence = async (enterpriseId: number, itemCode?: string, o: { agent?: Agent; n?: number } = {}) => {
    const res = await upload({ enterpriseId, itemCode, bytes: await evidenceJpeg(o.n ?? 0) }, o.agent);
    if (res.statusCode !== 201) throw new Error(`evidence upload failed: ${res.statusCode} ${res.body}`);
    return Number(res.headers['qudi-attachment-id']);
  };

  const shutDown = async (id: number) => {
    office ??= await login('office');
    let last: EnterpriseDto | undefined;
    for (const item of campaign.definition.standardItems) {
      for (let n = 0; n < item.evidenceMin; n++) await addEvidence(id, item.code, { n });
      const res = await office.put(`/api/enterprises/${id}/items/${item.code}`, { state: 'done', unit: '镇街取缔工作组', person: '张三', date: '2016-05-12', note: '' });
      if (res.statusCode !== 200) throw new Error(`item failed: ${res.body}`);
      last = res.json() as EnterpriseDto;
    }
    return last!;
  };

  return {
    app,
    ctx,
    campaign,
    towns,
    login,
    anonymous: agentFor(app, '', 0),
    village,
    createWorkshop,
    shutDown,
    upload,
    addEvidence,
    close: async () => {
      await app.close();
      await drop();
    },
  };
}
