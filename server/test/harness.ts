// Builds a fresh app per test file on the database named by QUDI_TEST_DB (sqlite | postgres),
// with factories that create their own users and workshops, and a login helper for app.inject.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { EnterpriseCreateInput } from '../../domain/enterprise.js';
import type { EnterpriseDto } from '../../domain/api.js';
import type { Role } from '../../domain/roles.js';
import { buildApp } from '../app.js';
import { hashPassword } from '../auth/password.js';
import { loadConfig } from '../config.js';
import type { AppContext } from '../context.js';
import { connect } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { ensureDefaultCampaign } from '../campaign/install.js';
import { resolveScope } from '../commands/createUser.js';
import { currentCampaign, type CampaignRecord } from '../repositories/campaigns.js';
import { findChildByName, insertOrgUnit } from '../repositories/orgUnits.js';
import { insertRoleAssignment, insertUser } from '../repositories/users.js';
import { LocalStorage } from '../storage/local.js';

export const TEST_DB = (process.env.QUDI_TEST_DB ?? 'sqlite') as 'sqlite' | 'postgres';
export const PASSWORD = 'test-password-1';

/** True when this suite cannot run here (PostgreSQL absent outside CI); use with describe.skipIf. */
export function dbUnavailable(): boolean {
  return TEST_DB === 'postgres' && !inject('pgTemplate');
}

async function freshContext(): Promise<{ ctx: AppContext; drop: () => Promise<void> }> {
  const config = loadConfig({ ...process.env, DATABASE_URL: '', DATA_DIR: '', STORAGE_URL: '' });
  // One temporary DATA_DIR per test file: the SQLite database (on SQLite) and the evidence files.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qudi-test-'));
  const storage = new LocalStorage(path.join(dir, 'files'));
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
        const a = new pg.Client({ connectionString: adminUrl });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await a.end();
        removeDir();
      },
    };
  }
  const { db, dialect } = connect({ dataDir: dir });
  await migrateToLatest(db, dialect);
  await ensureDefaultCampaign(db);
  return {
    ctx: { db, dialect, storage, config: { ...config, dataDir: dir } },
    drop: async () => {
      await db.destroy();
      await storage.close();
      removeDir();
    },
  };
}

let passwordHash: Promise<string> | undefined;

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
  /** Records every standard item as done (through the API), leaving the workshop shut down. */
  shutDown(id: number): Promise<EnterpriseDto>;
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

export async function setupTestApp(): Promise<TestApp> {
  const { ctx, drop } = await freshContext();
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

  const shutDown = async (id: number) => {
    office ??= await login('office');
    let last: EnterpriseDto | undefined;
    for (const item of campaign.definition.standardItems) {
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
    close: async () => {
      await app.close();
      await drop();
    },
  };
}
