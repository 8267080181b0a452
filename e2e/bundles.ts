// What each path of the app loads, from the build's manifest (dist/web/.vite/manifest.json): the
// entry's static imports for the login page, plus each page's for a path through the app. Sizes
// are the gzip files the build wrote (what a browser without brotli receives), so the figures are
// deterministic and a test may hold them.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './harness.js';

interface ManifestEntry {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

const WEB = path.join(ROOT, 'dist', 'web');

/** The paths users walk, by the page modules they open (web/…). */
export const PATHS = {
  /** The login page (every user's first load). */
  login: [],
  /** A village or town official on a phone: home → list → a workshop → record an item with a photo. */
  field: ['pages/home/HomePage.tsx', 'pages/enterprises/EnterpriseListPage.tsx', 'pages/enterprises/EnterpriseDetailPage.tsx'],
  /** The office at a desk: home, the dashboard's figures, the list, reports, imports. */
  office: ['pages/home/HomePage.tsx', 'pages/dashboard/DashboardPage.tsx', 'pages/enterprises/EnterpriseListPage.tsx', 'pages/reports/ReportsPage.tsx', 'pages/imports/ImportsPage.tsx'],
} as const;

/** The budgets (KB of gzip JavaScript per path); see bench/README.md for where they stand. */
export const TARGET_KB = { login: 200, field: 200, office: 600 } as const;

export function readManifest(): Record<string, ManifestEntry> {
  return JSON.parse(fs.readFileSync(path.join(WEB, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestEntry>;
}

/** The JavaScript files a path loads: the entry's static closure and each page's (its own dynamic imports, such as the chart, excluded). */
export function filesOf(manifest: Record<string, ManifestEntry>, pages: readonly string[]): string[] {
  const files = new Set<string>();
  const visit = (key: string) => {
    const e = manifest[key];
    if (!e || files.has(e.file)) return;
    files.add(e.file);
    for (const k of e.imports ?? []) visit(k);
  };
  const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
  if (!entry) throw new Error('no entry in the manifest');
  visit(entry);
  for (const p of pages) {
    const key = Object.keys(manifest).find((k) => k.endsWith(p));
    if (!key) throw new Error(`${p} is not in the build`);
    visit(key);
  }
  return [...files].filter((f) => f.endsWith('.js'));
}

/** Bytes a browser receives for `file` with gzip (the .gz the build wrote, or the file itself when too small to compress). */
export function gzipBytes(file: string): number {
  const gz = path.join(WEB, `${file}.gz`);
  return fs.statSync(fs.existsSync(gz) ? gz : path.join(WEB, file)).size;
}

export function pathKB(manifest: Record<string, ManifestEntry>, pages: readonly string[]): number {
  return filesOf(manifest, pages).reduce((sum, f) => sum + gzipBytes(f), 0) / 1024;
}
