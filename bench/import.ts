// `npx tsx bench/import.ts --n 100000 [--db sqlite|postgres] [--encoding gbk|utf8] [--built]`
//
// The task-table import (附件2 任务表) at district scale. Generates a CSV in a temp dir with the
// notice's columns (序号 / 企业名称 / 企业位置 / 联系电话 / 备注) for the villages of one town, under the
// usual title and 填报单位 rows and above the signature row, with a few error rows (no name, a bad
// phone, a village not in the town, a repeated row, one each per 2,000 rows). Then, in a fresh
// database (SQLite temp dir, or with --db postgres a database of its own next to DATABASE_URL /
// postgres://postgres@127.0.0.1:5432/postgres):
//   1. forks bench/server.ts (the real app, buildApp) on 127.0.0.1, logs in as the town user,
//      uploads the file as multipart (POST /api/imports → preview) and confirms it with
//      skipErrorRows (POST /api/imports/:id/confirm), timing both; the server's RSS is sampled
//      from /proc/<pid>/status every 50 ms (and its VmHWM read at the end);
//   2. the reference, in this process, measured in the same run on a second fresh database: the
//      same file read by the same parser (streamFile) and the same rows inserted into enterprises
//      (+ standard items) with bare batched Kysely inserts in one transaction — no validation, no
//      staging, no audit, no dashboard counts.
// Prints rows/s for preview, confirm and overall, the ratio against the reference, and PASS / BELOW
// for the targets (≥ 20,000 rows/s overall, server peak RSS ≤ 300 MB). The exit code does not
// depend on the figures.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import iconv from 'iconv-lite';
import { streamFile } from '../server/imports/parse.js';
import { currentCampaign } from '../server/repositories/campaigns.js';
import { setBulkCounting } from '../server/repositories/dashboard.js';
import { ensureVillages } from '../server/demo/synthetic.js';
import { workshopNameKey } from '../domain/duplicates.js';
import { nowIso } from '../domain/time.js';
import { benchTarget, ensureBenchUsers, intArg, isMain, openTarget, TOWN_USER, type DataTarget } from './lib.js';
import { benchLogin, builtServer, cpuSeconds, forkBenchServer, procStatusMb, PRODUCTION_HEAP_MB, stopBenchServer } from './process.js';

const cpuTotal = (pid: number) => {
  const c = cpuSeconds(pid);
  return c.user + c.sys;
};

const TARGET_ROWS_PER_SEC = 20_000;
const TARGET_RSS_MB = 300;
const ERROR_EVERY = 2_000;

interface Args {
  n: number;
  db: 'sqlite' | 'postgres';
  encoding: 'gbk' | 'utf8';
  built: boolean;
  /** --max-old-space-size for the built server's node, in MB (unset: as npm start runs it). */
  heapMb?: number;
}

function readArgs(): Args {
  const { values } = parseArgs({ options: { n: { type: 'string' }, db: { type: 'string' }, encoding: { type: 'string' }, built: { type: 'boolean', default: false }, 'max-old-space': { type: 'string' } } });
  const db = values.db ?? (process.env.DATABASE_URL ? 'postgres' : 'sqlite');
  if (db !== 'sqlite' && db !== 'postgres') throw new Error('--db must be sqlite or postgres');
  const encoding = values.encoding ?? 'gbk';
  if (encoding !== 'gbk' && encoding !== 'utf8') throw new Error('--encoding must be gbk or utf8');
  return { n: intArg(values.n, 'n', 100_000), db, encoding, built: values.built ?? false, heapMb: values['max-old-space'] ? intArg(values['max-old-space'], 'max-old-space', 0) : undefined };
}

/** A fresh target: SQLite temp dir, or a PostgreSQL database of its own. */
function freshTarget(n: number, db: Args['db']): DataTarget {
  const saved = process.env.DATABASE_URL;
  if (db === 'postgres') process.env.DATABASE_URL = saved ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  else delete process.env.DATABASE_URL;
  try {
    return benchTarget(n, false);
  } finally {
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
  }
}

const SURNAMES = ['赵', '钱', '孙', '李', '周', '吴', '郑', '王', '冯', '陈', '褚', '卫', '蒋', '沈', '韩', '杨'];
const TRADES = ['塑料颗粒加工点', '废旧塑料洗选点', '小炼油作坊', '石材加工作坊', '小电镀作坊', '纸浆加工点', '小冶炼作坊', '小石灰窑'];
const SIDES = ['村东', '村西', '村南', '村北', '村口'];

/**
 * Writes the task table and answers how many data rows it has and how many of them are wrong
 * (one of each kind of mistake per ERROR_EVERY rows).
 */
export async function writeCsv(file: string, n: number, townName: string, villages: string[], encoding: Args['encoding']): Promise<{ rows: number; errors: number }> {
  const out = fs.createWriteStream(file);
  const write = (s: string) => new Promise<void>((resolve, reject) => out.write(encoding === 'gbk' ? iconv.encode(s, 'gbk') : s, (err) => (err ? reject(err) : resolve())));
  if (encoding === 'utf8') await write('\uFEFF');
  await write(`附件2,,,,\r\n${townName}非法“小散乱污”企业（作坊）排查任务表,,,,\r\n填报单位：${townName}人民政府（盖章）,,,,\r\n序号,企业名称,企业位置,联系电话,备注\r\n`);
  let errors = 0;
  let lines: string[] = [];
  let prev = '';
  for (let i = 1; i <= n; i++) {
    const village = villages[i % villages.length];
    const name = `${village}${SURNAMES[i % SURNAMES.length]}某某${TRADES[(i >> 4) % TRADES.length]}${i}`;
    const address = `${townName}${village}${SIDES[i % SIDES.length]}${(i % 900) + 50}米`;
    const phone = `13${String(i).padStart(9, '0')}`;
    let line = `${i},${name},${address},${phone},${i % 7 === 0 ? '租用村集体厂房' : ''}`;
    switch (i % ERROR_EVERY) {
      case 100: line = `${i},,${address},${phone},`; errors++; break; // no name
      case 600: line = `${i},${name},${address},12345,`; errors++; break; // bad phone
      case 1100: line = `${i},${name},${townName}不存在村村口,${phone},`; errors++; break; // village not in the town
      case 1600: line = `${i},${prev}`; errors++; break; // the row above again
    }
    prev = line.slice(line.indexOf(',') + 1);
    lines.push(line);
    if (lines.length === 2_000) {
      await write(lines.join('\r\n') + '\r\n');
      lines = [];
    }
  }
  if (lines.length) await write(lines.join('\r\n') + '\r\n');
  await write('填表人：王某某,,,,审核人：李某某\r\n');
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  return { rows: n, errors };
}

/** Samples VmRSS of `pid` every 50 ms; `mark` starts a new phase, `stop` answers the peaks. */
function rssSampler(pid: number) {
  const read = (key: 'VmRSS' | 'VmHWM') => procStatusMb(pid, key);
  const peaks = new Map<string, number>();
  let phase = 'idle';
  const sample = () => {
    const rss = read('VmRSS');
    peaks.set(phase, Math.max(peaks.get(phase) ?? 0, rss));
  };
  sample();
  const timer = setInterval(sample, 50);
  return {
    mark(p: string) {
      sample();
      phase = p;
      sample();
    },
    stop() {
      sample();
      clearInterval(timer);
      return { peaks, hwm: read('VmHWM') };
    },
  };
}


/** Sets up a fresh database with the town user and the town's villages; answers the town. */
async function prepare(target: DataTarget): Promise<{ townId: number; townName: string; villages: string[] }> {
  await target.remove();
  await target.create();
  const ctx = await openTarget(target);
  try {
    const townName = await ensureBenchUsers(ctx);
    const town = await ctx.db.selectFrom('org_units').selectAll().where('kind', '=', 'town').where('name', '=', townName).executeTakeFirstOrThrow();
    const villages = (await ensureVillages(ctx.db, [town], 7)).get(town.id)!.map((v) => v.name);
    return { townId: town.id, townName, villages };
  } finally {
    await ctx.close();
  }
}

/** The reference: the same parser, the same rows, bare batched inserts in one transaction. */
async function reference(target: DataTarget, file: string, townId: number): Promise<{ seconds: number; rows: number }> {
  const ctx = await openTarget(target);
  try {
    const campaign = await currentCampaign(ctx.db);
    const codes = campaign.definition.standardItems.map((i) => i.code);
    const kind = campaign.definition.workshopKinds[0].code;
    const town = await ctx.db.selectFrom('org_units').selectAll().where('id', '=', townId).executeTakeFirstOrThrow();
    const started = performance.now();
    let rows = 0;
    await ctx.db.transaction().execute(async (trx) => {
      // Bare: without the dashboard's count triggers (on PostgreSQL, 600,000 trigger upserts of the
      // same few count rows in one transaction take minutes). The app switches them off as well and
      // adds its counts in two statements, which the reference leaves out.
      await setBulkCounting(trx, true);
      const now = nowIso();
      let batch: { name: string; address: string; phone: string; notes: string }[] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        const ids = await trx
          .insertInto('enterprises')
          .values(
            batch.map((r) => ({
              campaign_id: campaign.id, name: r.name, name_key: workshopNameKey(r.name), kind, town_id: town.id, village_id: null, org_path: town.path,
              address: r.address, lng: null, lat: null, contact_person: '', phone: r.phone, power_source: '', power_account: '', water_source: '',
              land_type: '', land_owner: '', land_lease: '', licence_business: 'unknown', licence_eia: 'unknown', licence_land: 'unknown',
              production_status: 'producing', raw_materials: '', notes: r.notes, discovery_source: 'survey', village_head: '', town_head: '',
              department_head: '', status: 'surveyed', status_reason: '', items_done: 0, version: 1, created_by: null, created_at: now, updated_at: now,
            })),
          )
          .returning('id')
          .execute();
        await trx
          .insertInto('enterprise_items')
          .values(ids.flatMap(({ id }) => codes.map((code) => ({ enterprise_id: id, item_code: code, state: 'pending', unit: '', person: '', done_on: null, note: '', reason: '', updated_by: null, updated_at: null }))))
          .execute();
        rows += batch.length;
        batch = [];
      };
      for await (const r of streamFile(file, 'csv', () => {})) {
        batch.push({ name: r.values.name ?? '', address: r.values.address ?? '', phone: r.values.phone ?? '', notes: r.values.notes ?? '' });
        if (batch.length >= 500) await flush();
      }
      await flush();
    });
    return { seconds: (performance.now() - started) / 1000, rows };
  } finally {
    await ctx.close();
  }
}

const fmt = (x: number) => Math.round(x).toLocaleString('en-US');

async function main(): Promise<void> {
  const args = readArgs();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qudi-bench-import-'));
  const app = freshTarget(args.n, args.db);
  const ref = freshTarget(args.n + 1, args.db);
  let server: ChildProcess | undefined;
  try {
    console.log(`import benchmark: ${fmt(args.n)} rows, ${args.encoding.toUpperCase()} CSV, ${app.kind} (${app.label}), ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}`);
    const { townId, townName, villages } = await prepare(app);
    await prepare(ref);
    const file = path.join(tmp, `${townName}-任务表.csv`);
    const made = await writeCsv(file, args.n, townName, villages, args.encoding);
    const bytes = fs.statSync(file).size;
    console.log(`generated ${file}: ${(bytes / 1048576).toFixed(1)} MiB, ${fmt(made.rows)} rows (${made.errors} with mistakes), ${townName}, villages ${villages.join('、')}`);

    const started = await forkBenchServer(app.env, args.built ? builtServer(tmp, args.heapMb) : {});
    console.log(`server: ${args.built ? `compiled dist/ on plain node, --max-old-space-size=${args.heapMb ?? PRODUCTION_HEAP_MB} (as npm start runs it)` : 'bench/server.ts under tsx'}, pid ${started.pid}`);
    server = started.child;
    const base = `http://127.0.0.1:${started.appPort}`;
    const cookie = await benchLogin(base, TOWN_USER);
    const rss = rssSampler(started.pid);

    rss.mark('preview');
    const c0 = cpuTotal(started.pid);
    const t0 = performance.now();
    const form = new FormData();
    form.set('townId', String(townId));
    form.set('file', await fs.openAsBlob(file), path.basename(file));
    const up = await fetch(`${base}/api/imports`, { method: 'POST', headers: { cookie }, body: form });
    const upBody = (await up.json()) as { id: number; rowCount: number; errorCount: number; detail?: string };
    const t1 = performance.now();
    if (up.status !== 201) throw new Error(`upload: HTTP ${up.status} ${JSON.stringify(upBody)}`);

    rss.mark('confirm');
    const c1 = cpuTotal(started.pid);
    const t2 = performance.now();
    const conf = await fetch(`${base}/api/imports/${upBody.id}/confirm`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ skipErrorRows: true }),
    });
    const confBody = (await conf.json()) as { imported: number; skipped: number };
    const t3 = performance.now();
    if (conf.status !== 200) throw new Error(`confirm: HTTP ${conf.status} ${JSON.stringify(confBody)}`);
    const c2 = cpuTotal(started.pid);
    const { peaks, hwm } = rss.stop();
    await stopBenchServer(server);
    server = undefined;

    const preview = (t1 - t0) / 1000;
    const confirm = (t3 - t2) / 1000;
    const overall = preview + confirm;
    const ok = upBody.rowCount === made.rows && upBody.errorCount === made.errors && confBody.imported === made.rows - made.errors;
    console.log(`preview: ${fmt(upBody.rowCount)} rows, ${fmt(upBody.errorCount)} with errors`);
    console.log(`confirm: ${fmt(confBody.imported)} imported, ${fmt(confBody.skipped)} skipped${ok ? '' : '   (!! not what the file holds)'}`);

    const r = await reference(ref, file, townId);
    const overallRate = args.n / overall;
    const refRate = r.rows / r.seconds;
    const peak = Math.max(hwm, ...peaks.values());
    const line = (label: string, s: number, rows: number) => console.log(`  ${label.padEnd(34)} ${s.toFixed(2).padStart(7)} s ${fmt(rows / s).padStart(9)} rows/s`);
    console.log('\nresults');
    line('a1 preview (upload, parse, check, stage)', preview, args.n);
    line('a2 confirm (register + items + audit)', confirm, args.n);
    line('a  overall (a1 + a2)', overall, args.n);
    line('b  reference (parse + bare insert)', r.seconds, r.rows);
    console.log(`  ratio a/b: ${(overallRate / refRate).toFixed(2)}`);
    console.log(`  server CPU: preview ${(c1 - c0).toFixed(2)} s, confirm ${(c2 - c1).toFixed(2)} s (load ${os.loadavg()[0].toFixed(1)})`);
    console.log(
      `  server RSS peak: preview ${fmt(peaks.get('preview') ?? 0)} MB, confirm ${fmt(peaks.get('confirm') ?? 0)} MB, idle before ${fmt(peaks.get('idle') ?? 0)} MB; VmHWM ${fmt(hwm)} MB`,
    );
    console.log(`\n  ${overallRate >= TARGET_ROWS_PER_SEC ? 'PASS ' : 'BELOW'} overall ${fmt(overallRate)} rows/s (target ≥ ${fmt(TARGET_ROWS_PER_SEC)})`);
    console.log(`  ${peak <= TARGET_RSS_MB ? 'PASS ' : 'BELOW'} server peak RSS ${fmt(peak)} MB (target ≤ ${TARGET_RSS_MB} MB)`);
    if (!ok) console.log('  !! row counts differ from the generated file');
  } finally {
    if (server) await stopBenchServer(server);
    await Promise.allSettled([app.remove(), ref.remove()]);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url))
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 0;
  });
