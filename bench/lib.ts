// Shared by the benchmark scripts: where the benchmark's data lives (a SQLite data directory, or a
// PostgreSQL database created next to the one DATABASE_URL names), and how to open it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CompiledQuery, sql, type Kysely, type KyselyPlugin } from 'kysely';
import pg from 'pg';
import { openContext } from '../server/bootstrap.js';
import { loadConfig } from '../server/config.js';
import { refreshPlannerStats } from '../server/db/dialect.js';
import { isPostgresUrl } from '../server/db/connect.js';
import type { Database } from '../server/db/schema.js';
import { createUser } from '../server/commands/createUser.js';
import { currentCampaign } from '../server/repositories/campaigns.js';
import { findUserByUsername } from '../server/repositories/users.js';
import { rng } from '../server/demo/synthetic.js';

export type BenchContext = Awaited<ReturnType<typeof openContext>>;

/** The benchmark's accounts. Their password never leaves 127.0.0.1 and a throw-away database. */
export const BENCH_PASSWORD = 'bench-password-2016';
export const OFFICE_USER = 'bench_office';
export const TOWN_USER = 'bench_town';

/** The reference routes served by bench/server.ts next to the app (bench/reference.ts). */
export const REF_LIST_PATH = '/ref/enterprises';
export const REF_BARE_LIST_PATH = '/ref/bare/enterprises';
export const REF_BARE_SEARCH_PATH = '/ref/bare/search';
export const REF_BARE_QUEUE_PATH = '/ref/bare/department-requests';

/** What bench/server.ts tells bench/run.ts over IPC. */
export type ServerMessage =
  | { type: 'ready'; appPort: number; refPort: number; pid: number }
  | { type: 'error'; message: string }
  | { type: 'eventLoopDelay'; p50: number; p99: number; max: number; mean: number; count: number };

export interface DataTarget {
  kind: 'sqlite' | 'postgres';
  /** Printable location: the directory, or the database URL without credentials. */
  label: string;
  /** DATA_DIR / DATABASE_URL for this target (handed to loadConfig, and to the server process). */
  env: { DATA_DIR: string; DATABASE_URL?: string };
  /** Kept between runs (`--keep`), at a name derived from N. */
  persistent: boolean;
  exists(): Promise<boolean>;
  create(): Promise<void>;
  remove(): Promise<void>;
}

function withoutPassword(url: string): string {
  const u = new URL(url);
  u.password = '';
  return u.toString();
}

async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * SQLite (default): a data directory under the system temp folder — `qudi-bench-n<N>` when kept,
 * a fresh unique one otherwise. PostgreSQL (DATABASE_URL=postgres://…): a database of its own on
 * that server (`qudi_bench_n<N>` when kept), created from template0 with the C.UTF-8 collation
 * the tests use; the role needs CREATEDB. The database DATABASE_URL names is never written to.
 */
/** A fresh, temporary target on the named database: SQLite in a temp dir, or PostgreSQL next to DATABASE_URL (default: the local server). */
export function freshTarget(db: 'sqlite' | 'postgres'): DataTarget {
  const saved = process.env.DATABASE_URL;
  if (db === 'postgres') process.env.DATABASE_URL = saved ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  else delete process.env.DATABASE_URL;
  try {
    return benchTarget(0, false);
  } finally {
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
  }
}

export function benchTarget(n: number, persistent: boolean): DataTarget {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    if (!isPostgresUrl(databaseUrl)) throw new Error('DATABASE_URL must start with postgres://');
    const name = persistent ? `qudi_bench_n${n}` : `qudi_bench_${process.pid}_${Date.now().toString(36)}`;
    const url = new URL(databaseUrl);
    url.pathname = `/${name}`;
    return {
      kind: 'postgres',
      label: withoutPassword(url.toString()),
      env: { DATA_DIR: os.tmpdir(), DATABASE_URL: url.toString() },
      persistent,
      exists: () => withAdmin(databaseUrl, async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1),
      create: () =>
        withAdmin(databaseUrl, async (c) => {
          await c.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`);
        }),
      remove: () =>
        withAdmin(databaseUrl, async (c) => {
          await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        }),
    };
  }
  const dir = persistent ? path.join(os.tmpdir(), `qudi-bench-n${n}`) : path.join(os.tmpdir(), `qudi-bench-${process.pid}-${Date.now().toString(36)}`);
  return {
    kind: 'sqlite',
    label: path.join(dir, 'qudi.db'),
    env: { DATA_DIR: dir },
    persistent,
    exists: async () => fs.existsSync(path.join(dir, 'qudi.db')),
    create: async () => {
      fs.mkdirSync(dir, { recursive: true });
    },
    remove: async () => {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Opens the target the way the server does (connect, migrate, default campaign); `server` as
 * `qudi start` opens it (SQLite checkpoints on a worker thread).
 */
export function openTarget(target: Pick<DataTarget, 'env'>, poolSize?: number, server = false): Promise<BenchContext> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...target.env, LOG_LEVEL: 'warn' };
  if (!target.env.DATABASE_URL) delete env.DATABASE_URL;
  return openContext(loadConfig(env), { poolSize, server });
}

/** Size on disk of a SQLite target (database and WAL), for the report. */
export function sqliteBytes(target: DataTarget): number | null {
  if (target.kind !== 'sqlite') return null;
  let total = 0;
  for (const suffix of ['', '-wal', '-shm']) {
    const file = target.label + suffix;
    if (fs.existsSync(file)) total += fs.statSync(file).size;
  }
  return total;
}

export function intArg(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value.replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer (got ${value})`);
  return n;
}

/** True when `importMetaUrl` is the script node was started with (not an import). */
export function isMain(importMetaUrl: string): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  const resolved = path.resolve(entry);
  const self = fileURLToPath(importMetaUrl);
  return self === resolved || self === resolved + '.ts' || self.replace(/\.ts$/, '') === resolved;
}

/** Runs `fn` against a handle that records the compiled SQL of every query it sends. */
export async function capture(db: Kysely<Database>, fn: (db: Kysely<Database>) => Promise<unknown>): Promise<CompiledQuery[]> {
  const seen: CompiledQuery[] = [];
  const plugin: KyselyPlugin = {
    transformQuery(args) {
      seen.push(db.getExecutor().compileQuery(args.node, args.queryId));
      return args.node;
    },
    async transformResult(args) {
      return args.result;
    },
  };
  await fn(db.withPlugin(plugin));
  return seen;
}

export async function plan(ctx: BenchContext, q: CompiledQuery): Promise<string[]> {
  if (ctx.dialect === 'sqlite') {
    const r = await ctx.db.executeQuery<{ id: number; parent: number; detail: string }>(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${q.sql}`, [...q.parameters]));
    const depth = new Map<number, number>();
    return r.rows.map((row) => {
      const d = (depth.get(row.parent) ?? -1) + 1;
      depth.set(row.id, d);
      return `${'  '.repeat(d)}${row.detail}`;
    });
  }
  const r = await ctx.db.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`EXPLAIN ${q.sql}`, [...q.parameters]));
  return r.rows.map((row) => row['QUERY PLAN']);
}

/**
 * Planner statistics of the benchmark database, as the server keeps them: `openContext` refreshes
 * SQLite's statistics (bounded sampling) when it opens, and `qudi demo` after its bulk load.
 * `--analyze` runs a full ANALYZE instead, to compare.
 */
export async function setPlannerStats(ctx: BenchContext, analyze: boolean): Promise<'analyzed' | 'as the server keeps them'> {
  if (analyze) {
    await sql`ANALYZE`.execute(ctx.db);
    return 'analyzed';
  }
  await refreshPlannerStats(ctx.db, ctx.dialect);
  return 'as the server keeps them';
}

/** The list's page in the bench, as issue 13 measures it. */
export const PAGE_SIZE = 50;
/** People page through the first screens of a filtered list; deeper pages are rare. */
export const MAX_PAGE = 10;

export interface Combo {
  townId: number;
  status: string;
  rows: number;
}

/** Every (town, status) pair with its row count, from which the request mix is drawn. */
export async function listCombos(ctx: BenchContext): Promise<Combo[]> {
  const campaign = await currentCampaign(ctx.db);
  const rows = await ctx.db
    .selectFrom('enterprises')
    .select(['town_id', 'status', (eb) => eb.fn.countAll().as('n')])
    .where('campaign_id', '=', campaign.id)
    .groupBy(['town_id', 'status'])
    .orderBy('town_id')
    .orderBy('status')
    .execute();
  return rows.map((r) => ({ townId: r.town_id, status: r.status, rows: Number(r.n) }));
}

/** A fixed, seeded sequence of list query strings: random town, random status, page 1..10 (within range). */
export function querySequence(combos: Combo[], seed: number, length = 4096): string[] {
  const r = rng(seed);
  const out: string[] = [];
  for (let i = 0; i < length; i++) {
    const c = combos[Math.floor(r() * combos.length)];
    const pages = Math.max(1, Math.min(MAX_PAGE, Math.ceil(c.rows / PAGE_SIZE)));
    const page = 1 + Math.floor(r() * pages);
    out.push(`?town=${c.townId}&status=${c.status}&page=${page}&pageSize=${PAGE_SIZE}`);
  }
  return out;
}

/** The office user (whole district) and a town user (the second town); answers the town's name. */
export async function ensureBenchUsers(ctx: BenchContext): Promise<string> {
  const campaign = await currentCampaign(ctx.db);
  const towns = await ctx.db.selectFrom('org_units').select(['id', 'name']).where('parent_id', '=', campaign.rootId).where('kind', '=', 'town').orderBy('id').execute();
  const town = towns[1] ?? towns[0];
  const users = [
    { username: OFFICE_USER, role: 'office', displayName: '基准测试 办公室', scope: undefined },
    { username: TOWN_USER, role: 'town', displayName: `基准测试 ${town.name}`, scope: town.name },
  ];
  for (const u of users) {
    if (await findUserByUsername(ctx.db, u.username)) continue;
    await createUser(ctx, null, { ...u, password: BENCH_PASSWORD });
  }
  return town.name;
}

/**
 * A seeded sequence of search query strings for the office: fragments of 2 and 3 characters cut
 * from generated workshops' names, pages 1–3 of 50.
 */
export async function searchSequence(ctx: BenchContext, seed: number, length = 1024): Promise<string[]> {
  const campaign = await currentCampaign(ctx.db);
  const names = (await ctx.db.selectFrom('enterprises').select('name').where('campaign_id', '=', campaign.id).orderBy('id').limit(5000).execute()).map((r) => Array.from(r.name));
  const r = rng(seed + 1);
  const out: string[] = [];
  for (let i = 0; i < length; i++) {
    const chars = names[Math.floor(r() * names.length)];
    const len = i % 2 === 0 ? 2 : 3;
    const at = Math.floor(r() * (chars.length - len + 1));
    const page = 1 + Math.floor(r() * 3);
    out.push(`?q=${encodeURIComponent(chars.slice(at, at + len).join(''))}&page=${page}&pageSize=${PAGE_SIZE}`);
  }
  return out;
}
