// Runs the `qudi` command (server/cli.ts under tsx) in a child process, as an operator would.
import { execFile } from 'node:child_process';
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

