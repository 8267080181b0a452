// The process under test for every benchmark: bench/server.ts (or a built launcher) forked so the
// load generator never shares its event loop, plus logging in to it over HTTP.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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
      else reject(new Error(`bench server failed:\n${m.message}`));
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
