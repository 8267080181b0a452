// `npx tsx bench/export.ts --n 100000 [--keep] [--rounds 2] [--built]`
//
// District-wide exports of the notice's forms through the real app, against a bare writer.
// Loads N synthetic workshops (or reuses a kept database with --keep, as bench/run.ts does), forks
// bench/server.ts (the real app via buildApp), logs in as the office user (whole district) and
// downloads, over HTTP on 127.0.0.1:
//   a. GET /api/exports/task-table.xlsx           (附件2, every workshop of the district)
//   b. GET /api/exports/registration-table.xlsx   (附件3, with 取缔情况 in words)
// and, in the same run, in this process, the reference for each: the same chunked query
// (exportEnterpriseChunks, as the district) and the same cell values written with a bare exceljs
// streaming WorkbookWriter (no styles, merges, widths, row heights, page setup or HTTP) to a sink
// that counts bytes. App and reference alternate (A R R A …) so that load from others on the
// shared machine hits both alike. The server's RSS is sampled from /proc/<pid>/status every 50 ms.
//
// Prints time, rows/s, bytes and peak RSS of each, the ratio app / reference rows/s against the
// target (≥ 0.8×) and the server's peak RSS against its target (≤ 200 MB); results go to
// bench/out/. Then, as diagnostics, the chunked query alone and the bare writer alone with the
// values already in memory, to show where the time goes. It is a measurement: the exit code does
// not depend on the figures.
import { spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { districtActor, locationOf } from '../server/exports/forms.js';
import { shutdownSummary } from '../server/exports/shutdownSummary.js';
import { currentCampaign, type CampaignRecord } from '../server/repositories/campaigns.js';
import { exportEnterpriseChunks, type ExportRow } from '../server/repositories/enterprises.js';
import { prepareData } from './generate.js';
import { ensureBenchUsers, intArg, OFFICE_USER, openTarget, type BenchContext } from './lib.js';
import { benchLogin, builtServer, forkBenchServer, procStatusMb, PRODUCTION_HEAP_MB, stopBenchServer } from './process.js';

const TARGET_RATIO = 0.8;
const TARGET_RSS_MB = 200;
const SAMPLE_MS = 50;
const benchDir = path.dirname(fileURLToPath(import.meta.url));

type Form = 'task-table' | 'registration-table';
const FORMS: Form[] = ['task-table', 'registration-table'];

interface Run {
  form: Form;
  side: 'app' | 'reference';
  seconds: number;
  rows: number;
  bytes: number;
  /** Peak RSS (MiB) of the process doing the writing, sampled every 50 ms; and before it started. */
  peakRssMb: number;
  baseRssMb: number;
}

function readArgs() {
  const { values } = parseArgs({
    options: { n: { type: 'string' }, seed: { type: 'string' }, rounds: { type: 'string' }, keep: { type: 'boolean', default: false }, built: { type: 'boolean', default: false } },
  });
  return {
    n: intArg(values.n, 'n', 100_000),
    seed: intArg(values.seed, 'seed', 2016),
    rounds: intArg(values.rounds, 'rounds', 2),
    keep: values.keep ?? false,
    built: values.built ?? false,
  };
}

const rssMb = (pid: number) => procStatusMb(pid, 'VmRSS');

/** Samples a process's RSS every 50 ms until stopped; answers the peak. */
function sampleRss(pid: number): { base: number; stop(): number } {
  const base = rssMb(pid);
  let peak = base;
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rssMb(pid));
    } catch {
      /* the process is gone */
    }
  }, SAMPLE_MS);
  return {
    base,
    stop() {
      clearInterval(timer);
      try {
        peak = Math.max(peak, rssMb(pid));
      } catch {
        /* gone */
      }
      return peak;
    },
  };
}




/** Downloads an export to the last byte; answers its size. */
async function download(url: string, cookie: string): Promise<number> {
  const res = await fetch(url, { headers: { cookie } });
  if (res.status !== 200 || !res.body) throw new Error(`GET ${url}: HTTP ${res.status} ${await res.text()}`);
  let bytes = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
  }
  // A workbook written to the end closes with the zip's end-of-central-directory record.
  if (bytes < 22) throw new Error(`GET ${url}: only ${bytes} bytes`);
  return bytes;
}

/** A sink that counts what the reference writer produces. */
function countingSink(): { stream: Writable; bytes: () => number } {
  let n = 0;
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      n += chunk.length;
      cb();
    },
  });
  return { stream, bytes: () => n };
}

/** The form's cell values of one workshop, exactly as the app's export computes them. */
function formValues(def: CampaignRecord['definition'], form: Form, n: number, r: ExportRow): (string | number)[] {
  return form === 'registration-table'
    ? [n, r.name, shutdownSummary(def.standardItems, r.items, r.status, r.status_reason), r.village_head, r.town_head, r.department_head, r.notes]
    : [n, r.name, locationOf(r), r.phone, r.notes];
}

/**
 * The same chunked query as the app's export, as the district, mapped to the form's values in
 * chunks: the same function, so the reference reads its rows exactly as the app does (on SQLite
 * through the read worker, one chunk ahead; standard items only for the registration table).
 */
async function* queryChunks(ctx: BenchContext, campaign: CampaignRecord, form: Form): AsyncGenerator<(string | number)[][]> {
  let n = 0;
  const filter = { campaignId: campaign.id, rootPath: campaign.rootPath };
  for await (const chunk of exportEnterpriseChunks(ctx.db, districtActor(campaign), filter, { withItems: form === 'registration-table' }))
    yield chunk.map((r) => formValues(campaign.definition, form, ++n, r));
}

/**
 * The reference: the form's header and rows through a bare streaming WorkbookWriter (no styles,
 * merges, widths, row heights, page setup or HTTP), committing each row, to a sink that counts bytes.
 */
async function bareWrite(columns: readonly string[], chunks: AsyncIterable<(string | number)[][]> | Iterable<(string | number)[][]>, sheetName: string): Promise<{ rows: number; bytes: number }> {
  const sink = countingSink();
  const done = new Promise<void>((resolve, reject) => {
    sink.stream.on('finish', resolve);
    sink.stream.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink.stream, useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet(sheetName);
  ws.addRow([...columns]).commit();
  let rows = 0;
  for await (const chunk of chunks) {
    for (const values of chunk) ws.addRow(values).commit();
    rows += chunk.length;
  }
  ws.commit();
  await wb.commit();
  await done;
  return { rows, bytes: sink.bytes() };
}

const formColumns = (campaign: CampaignRecord, form: Form) => (form === 'task-table' ? campaign.definition.forms.taskTable.columns : campaign.definition.forms.registrationTable.columns);

const mb = (x: number) => `${x.toFixed(0)} MB`;
const int = (x: number) => Math.round(x).toLocaleString('en-US');

async function main(): Promise<void> {
  const args = readArgs();
  // With --built the server runs with npm start's heap cap; the reference, in this process, runs
  // under the same cap (this script restarts itself with it), so that both sides have the same V8.
  if (args.built && !process.execArgv.some((a) => a.startsWith('--max-old-space-size'))) {
    const r = spawnSync(process.execPath, [...process.execArgv, `--max-old-space-size=${PRODUCTION_HEAP_MB}`, ...process.argv.slice(1)], { stdio: 'inherit' });
    process.exitCode = r.status ?? 1;
    return;
  }
  const log = (s: string) => console.log(s);
  const startedAt = new Date();
  log(`Qudi export benchmark: N=${args.n}, ${args.rounds} round(s) per side, ${os.cpus().length} CPUs, Node ${process.version}`);

  const prepared = await prepareData({ n: args.n, keep: args.keep, seed: args.seed, log });
  const { target, load } = prepared;
  const ctx = prepared.ctx;
  let server: ChildProcess | undefined;
  const cleanup = () => server?.kill();
  process.on('exit', cleanup);
  let refCtx: BenchContext | undefined;
  let ctxOpen = true;
  const launchDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qudi-bench-export-'));
  try {
    await ensureBenchUsers(ctx);
    await ctx.close();
    ctxOpen = false;

    // The reference reads through a context of its own, opened as the server opens its one.
    refCtx = await openTarget(target);
    const campaign = await currentCampaign(refCtx.db);
    const started = await forkBenchServer(
      target.env,
      args.built ? builtServer(launchDir) : { script: path.join(benchDir, `server${path.extname(fileURLToPath(import.meta.url))}`) },
    );
    log(`server: ${args.built ? `compiled dist/ on plain node, --max-old-space-size=${PRODUCTION_HEAP_MB} (as npm start runs it)` : 'bench/server.ts under tsx'}`);
    server = started.child;
    const appBase = `http://127.0.0.1:${started.appPort}`;
    const cookie = await benchLogin(appBase, OFFICE_USER);
    const serverStartRssMb = rssMb(started.pid);
    log(`server pid ${started.pid}: ${appBase}; logged in as ${OFFICE_USER} (office, whole district); server RSS after start ${mb(serverStartRssMb)}`);

    const runs: Run[] = [];
    const runApp = async (form: Form) => {
      const rss = sampleRss(started.pid);
      const t0 = performance.now();
      const bytes = await download(`${appBase}/api/exports/${form}.xlsx`, cookie);
      const seconds = (performance.now() - t0) / 1000;
      runs.push({ form, side: 'app', seconds, rows: args.n, bytes, peakRssMb: rss.stop(), baseRssMb: rss.base });
    };
    const runRef = async (form: Form) => {
      const rss = sampleRss(process.pid);
      const t0 = performance.now();
      const r = await bareWrite(formColumns(campaign, form), queryChunks(refCtx!, campaign, form), form);
      const seconds = (performance.now() - t0) / 1000;
      if (r.rows !== args.n) throw new Error(`reference ${form}: ${r.rows} rows, expected ${args.n}`);
      runs.push({ form, side: 'reference', seconds, rows: r.rows, bytes: r.bytes, peakRssMb: rss.stop(), baseRssMb: rss.base });
    };

    for (const form of FORMS) {
      // Warm-up: a small town-filtered export and a reference pass, so JIT and page cache are warm.
      await download(`${appBase}/api/exports/${form}.xlsx?status=excluded`, cookie);
      for (let round = 0; round < args.rounds; round++) {
        const order = round % 2 === 0 ? [runApp, runRef] : [runRef, runApp];
        for (const step of order) {
          await step(form);
          const r = runs[runs.length - 1];
          log(`  ${form.padEnd(18)} ${r.side.padEnd(9)} ${r.seconds.toFixed(2).padStart(6)} s  ${int(r.rows / r.seconds).padStart(7)} rows/s  ${(r.bytes / 1048576).toFixed(1).padStart(5)} MiB  peak RSS ${mb(r.peakRssMb)}`);
        }
      }
    }

    await stopBenchServer(started.child);
    server = undefined;

    // Where the time goes (diagnostics, not part of the ratio): the chunked query alone, and the
    // bare writer alone with every value already in memory (loaded untimed).
    const parts: Record<Form, { querySeconds: number; writerFromMemorySeconds: number }> = {} as never;
    for (const form of FORMS) {
      let t0 = performance.now();
      const all: (string | number)[][] = [];
      for await (const chunk of queryChunks(refCtx, campaign, form)) for (const v of chunk) all.push(v);
      const querySeconds = (performance.now() - t0) / 1000;
      t0 = performance.now();
      await bareWrite(formColumns(campaign, form), [all], form);
      const writerFromMemorySeconds = (performance.now() - t0) / 1000;
      parts[form] = { querySeconds, writerFromMemorySeconds };
      log(`  ${form.padEnd(18)} query alone ${querySeconds.toFixed(2)} s (${int(all.length / querySeconds)} rows/s); bare writer from memory ${writerFromMemorySeconds.toFixed(2)} s (${int(all.length / writerFromMemorySeconds)} rows/s)`);
    }

    // Per form and side: the best round (least disturbed by others on the machine), and the peak RSS over all rounds.
    const summary = FORMS.map((form) => {
      const pick = (side: Run['side']) => {
        const rs = runs.filter((r) => r.form === form && r.side === side);
        const best = rs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
        return { ...best, rowsPerSec: best.rows / best.seconds, peakRssMb: Math.max(...rs.map((r) => r.peakRssMb)), baseRssMb: Math.min(...rs.map((r) => r.baseRssMb)) };
      };
      const app = pick('app');
      const ref = pick('reference');
      const ratio = app.rowsPerSec / ref.rowsPerSec;
      return {
        form,
        app,
        reference: ref,
        ratio: +ratio.toFixed(3),
        verdict: ratio >= TARGET_RATIO ? 'PASS' : 'BELOW',
        rssVerdict: app.peakRssMb <= TARGET_RSS_MB ? 'PASS' : 'BELOW',
      };
    });

    log('');
    log(`N=${args.n} workshops, ${target.kind}, office user (whole district); best of ${args.rounds} round(s)`);
    const head = ['', 'form', 'seconds', 'rows/s', 'MiB', 'peak RSS'];
    const body: string[][] = [];
    for (const s of summary) {
      body.push(['app', `GET /api/exports/${s.form}.xlsx`, s.app.seconds.toFixed(2), int(s.app.rowsPerSec), (s.app.bytes / 1048576).toFixed(1), `${mb(s.app.peakRssMb)} (idle ${mb(s.app.baseRssMb)}) server`]);
      body.push(['ref', `bare WorkbookWriter, same query/values`, s.reference.seconds.toFixed(2), int(s.reference.rowsPerSec), (s.reference.bytes / 1048576).toFixed(1), `${mb(s.reference.peakRssMb)} (bench process)`]);
    }
    const widths = head.map((h, c) => Math.max(h.length, ...body.map((r) => r[c].length)));
    const line = (cells: string[]) => cells.map((cell, c) => (c <= 1 || c === 5 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
    log(line(head));
    for (const r of body) log(line(r));
    log('');
    for (const s of summary) {
      log(`${s.form.padEnd(18)} app / bare writer = ${int(s.app.rowsPerSec)} / ${int(s.reference.rowsPerSec)} rows/s = ${s.ratio.toFixed(2)}×   target ≥ ${TARGET_RATIO}×   ${s.verdict}`);
      const p = parts[s.form];
      log(`${''.padEnd(18)} of which: chunked query alone ${p.querySeconds.toFixed(2)} s, bare writer from memory ${p.writerFromMemorySeconds.toFixed(2)} s; app vs bare writer from memory = ${(p.writerFromMemorySeconds / s.app.seconds).toFixed(2)}×`);
      log(`${''.padEnd(18)} server peak RSS ${mb(s.app.peakRssMb)}   target ≤ ${TARGET_RSS_MB} MB   ${s.rssVerdict}`);
    }
    log(
      `server RSS after start (before any export): ${mb(serverStartRssMb)}; the server runs ${args.built ? `compiled, --max-old-space-size=${PRODUCTION_HEAP_MB}, as npm start runs it (the reference in this process under the same cap)` : "under tsx, like bench/run.ts's"}`,
    );
    log(`machine load (1-min average) at the end: ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs`);

    const outDir = path.join(benchDir, 'out');
    fs.mkdirSync(outDir, { recursive: true });
    const file = path.join(outDir, `export-${target.kind}-n${args.n}-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
    const report = {
      startedAt: startedAt.toISOString(),
      args,
      database: { kind: target.kind, location: target.label, reused: !load },
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '', memGiB: +(os.totalmem() / 2 ** 30).toFixed(1), node: process.version },
      load: load ?? null,
      serverStartRssMb,
      parts,
      runs,
      summary,
      targets: { ratio: TARGET_RATIO, rssMb: TARGET_RSS_MB },
    };
    fs.writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
    log(`results: ${path.relative(process.cwd(), file)}`);
  } finally {
    if (ctxOpen) await ctx.close();
    if (server) await stopBenchServer(server);
    if (refCtx) await refCtx.close();
    fs.rmSync(launchDir, { recursive: true, force: true });
    process.off('exit', cleanup);
    if (!target.persistent) await target.remove();
    else console.log(`data kept at ${target.label} (reuse with --keep)`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
