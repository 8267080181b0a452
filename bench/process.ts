// The process under test for every benchmark: bench/server.ts (or a built launcher) forked so the
// load generator never shares its event loop, plus logging in to it over HTTP.
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BENCH_PASSWORD, type ServerMessage } from './lib.js';

const benchDir = path.dirname(fileURLToPath(import.meta.url));

export interface BenchServer {
  child: ChildProcess;
  appPort: number;
  refPort: number;
  pid: number;
}

/**
 * Starts the server over the benchmark data `targetEnv`. fork() passes on tsx's loader flags
 * (process.execArgv), so bench/server.ts runs TypeScript too; a built `script` runs on plain node
 * with `execArgv` (e.g. a heap cap).
 */
export function forkBenchServer(targetEnv: object, opts: { script?: string; execArgv?: string[] } = {}): Promise<BenchServer> {
  // QUDI_BENCH_NODE_ARGS adds node flags to the server only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const extra = (process.env.QUDI_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  if (extra.length) opts = { ...opts, execArgv: [...(opts.execArgv ?? process.execArgv), ...extra] };
  const child = fork(opts.script ?? path.join(benchDir, 'server.ts'), [], {
    env: { ...process.env, QUDI_BENCH_TARGET: JSON.stringify({ env: targetEnv }) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    ...(opts.execArgv ? { execArgv: opts.execArgv } : {}),
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error('bench server did not start within 60 s'));
    }, 60_000);
    child.once('message', (m: ServerMessage) => {
      clearTimeout(timer);
      if (m.type === 'ready') resolve({ child, appPort: m.appPort, refPort: m.refPort, pid: m.pid });
      else if (m.type === 'error') reject(new Error(`bench server failed:\n${m.message}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`bench server exited early (code ${code})`));
    });
  });
}

export function stopBenchServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    if (child.connected) child.send('stop');
    else child.kill();
  });
}

/** Logs in as a benchmark user and answers the session cookie. */
export async function benchLogin(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: BENCH_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login as ${username}: HTTP ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('qudi_session='));
  if (!cookie) throw new Error(`login as ${username}: no session cookie`);
  return cookie;
}

/** The old-space cap `npm start` gives the server (package.json, QUDI_HEAP_MB's default). */
export const PRODUCTION_HEAP_MB = 192;

/**
 * The server as production runs it: plain node on the compiled dist/ (built first), no tsx. The same
 * steps as bench/server.ts (openContext, buildApp, listen on 127.0.0.1, report over IPC).
 */
function builtLauncher(dir: string): string {
  const root = path.join(benchDir, '..');
  console.log('building the server (tsc -p tsconfig.server.json → dist/)');
  execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(root, 'tsconfig.server.json')], { stdio: 'inherit' });
  const dist = (f: string) => JSON.stringify(pathToFileURL(path.join(root, 'dist', 'server', f)).href);
  const file = path.join(dir, 'server.mjs');
  fs.writeFileSync(
    file,
    `import { buildApp } from ${dist('app.js')};
import { openContext } from ${dist('bootstrap.js')};
import { loadConfig } from ${dist('config.js')};
const target = JSON.parse(process.env.QUDI_BENCH_TARGET);
const env = { ...process.env, ...target.env, LOG_LEVEL: 'warn' };
if (!target.env.DATABASE_URL) delete env.DATABASE_URL;
try {
  const ctx = await openContext(loadConfig(env), { server: true });
  const app = await buildApp(ctx, { logger: false, serveWeb: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const stop = async () => { await app.close(); await ctx.close(); process.exit(0); };
  process.on('message', (m) => { if (m === 'stop') void stop(); });
  process.on('disconnect', () => void stop());
  process.send({ type: 'ready', appPort: app.server.address().port, refPort: 0, pid: process.pid });
} catch (err) {
  process.send({ type: 'error', message: String(err && err.stack || err) });
  process.exit(1);
}
`,
  );
  return file;
}

/** Fork options for the built server (tsc first) with the heap cap `npm start` uses, or `heapMb`. */
export function builtServer(dir: string, heapMb?: number): { script: string; execArgv: string[] } {
  return { script: builtLauncher(dir), execArgv: [`--max-old-space-size=${heapMb ?? PRODUCTION_HEAP_MB}`] };
}

/** A figure of /proc/<pid>/status (VmRSS, VmHWM) in MiB; 0 once the process is gone (Linux). */
export function procStatusMb(pid: number, key: 'VmRSS' | 'VmHWM'): number {
  try {
    const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** CPU seconds (user, system) a process has used, all threads: less disturbed by other load than wall time. */
export function cpuSeconds(pid: number): { user: number; sys: number } {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  // utime and stime are fields 14 and 15 of stat(5), i.e. 12 and 13 after "pid (comm) ".
  return { user: Number(fields[11]) / 100, sys: Number(fields[12]) / 100 };
}

export type EventLoopDelay = Omit<Extract<ServerMessage, { type: 'eventLoopDelay' }>, 'type'>;

/** Starts a fresh event-loop delay histogram in the server (bench/server.ts). */
export function resetEventLoopDelay(child: ChildProcess): void {
  child.send('eld-reset');
}

/** The server's main-thread event-loop delay since the last reset, in ms. */
export function readEventLoopDelay(child: ChildProcess): Promise<EventLoopDelay> {
  return new Promise((resolve) => {
    const onMessage = (m: ServerMessage) => {
      if (m.type !== 'eventLoopDelay') return;
      child.off('message', onMessage);
      const { type: _type, ...figures } = m;
      resolve(figures);
    };
    child.on('message', onMessage);
    child.send('eld-report');
  });
}
