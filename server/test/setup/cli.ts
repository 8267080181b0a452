// Runs the `qudi` command (server/cli.ts under tsx) in a child process, as an operator would.
import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import type { AppContext } from '../../context.js';

export interface CliResult {
  /** The exit code (0: success). */
  code: number;
  out: string;
  err: string;
}

const packageDir = path.join(import.meta.dirname, '..', '..', '..');

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


export interface RunningQudi {
  /** Everything it has written to stdout so far. */
  out(): string;
  /** Resolves once stdout matches `pattern` (rejects after `ms`, or when the process exits first). */
  waitFor(pattern: RegExp, ms?: number): Promise<void>;
  /** SIGTERM, then the exit code once it has exited. */
  stop(): Promise<number | null>;
}

/** A long-running `qudi ARGS` (such as `start`) in a child process against `dataDir`, as an operator starts it. */
export function spawnQudi(args: string[], opts: { dataDir: string; env?: Record<string, string> }): RunningQudi {
  const env = { ...process.env, DATA_DIR: opts.dataDir, DATABASE_URL: '', STORAGE_URL: '', ...opts.env };
  const argv = ['--import', import.meta.resolve('tsx'), path.join(packageDir, 'server', 'cli.ts'), ...args];
  const child = spawn(process.execPath, argv, { env, cwd: packageDir, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    out: () => out,
    waitFor: (pattern, ms = 60_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => done(new Error(`qudi ${args.join(' ')}: no ${pattern} within ${ms} ms\n${out}\n${err}`)), ms);
        const check = () => pattern.test(out) && done();
        const early = () => done(new Error(`qudi ${args.join(' ')} exited before ${pattern}\n${out}\n${err}`));
        function done(error?: Error) {
          clearTimeout(timer);
          child.stdout.off('data', check);
          child.off('exit', early);
          if (error) reject(error);
          else resolve();
        }
        child.stdout.on('data', check);
        child.on('exit', early);
        check();
      }),
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
