#!/usr/bin/env node
// Runs the built CLI (npm run build produces dist/); from a source checkout without a build, tells how.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist', 'server', 'cli.js');
if (!existsSync(built)) {
  console.error('尚未构建，请先运行 npm run build / not built yet: run npm run build first');
  process.exit(1);
}
await import(pathToFileURL(built).href);
