// `npm ci` on the oldest Node that package.json's `engines` admits installs without an EBADENGINE
// warning: every package the lockfile pins says it runs there. (cookie@2 and nanoid@6 asked for
// Node 22; package.json's `overrides` pin versions that do not — see the commit that added them.)
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.join(import.meta.dirname, '..');
const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as T;

type Version = [number, number, number];
const compare = (a: Version, b: Version): number => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** The lowest version a (partial, x-) version names, and how many of its parts are given: `20.x` → [20,0,0], 1. */
function partial(text: string): { v: Version; given: number } {
  const parts = text.replace(/^v/, '').split('.');
  const numbers: number[] = [];
  for (const p of parts.slice(0, 3)) {
    if (p === 'x' || p === 'X' || p === '*' || p === '') break;
    if (!/^\d+$/.test(p)) throw new Error(`not a version: ${text}`);
    numbers.push(Number(p));
  }
  return { v: [numbers[0] ?? 0, numbers[1] ?? 0, numbers[2] ?? 0], given: numbers.length };
}

/** The version just past what a partial version covers: `20` → 21.0.0, `20.19` → 20.20.0. */
function pastPartial({ v, given }: { v: Version; given: number }): Version | null {
  if (given === 0) return null;
  if (given === 1) return [v[0] + 1, 0, 0];
  if (given === 2) return [v[0], v[1] + 1, 0];
  return [v[0], v[1], v[2] + 1];
}

/** Whether `version` satisfies an npm `engines` range (the subset of node-semver the lockfile's ranges use). */
function satisfies(version: Version, range: string): boolean {
  return range.split('||').some((alternative) => {
    const tokens = alternative.trim().replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1').split(/\s+/).filter(Boolean);
    if (tokens.length === 3 && tokens[1] === '-') {
      const upper = partial(tokens[2]);
      const past = upper.given === 3 ? null : pastPartial(upper);
      return compare(version, partial(tokens[0]).v) >= 0 && (past ? compare(version, past) < 0 : compare(version, upper.v) <= 0);
    }
    return tokens.every((token) => {
      const [, op, text] = /^(>=|<=|>|<|=|\^|~)?(.*)$/.exec(token)!;
      const p = partial(text);
      const past = pastPartial(p);
      switch (op) {
        case '>=':
          return compare(version, p.v) >= 0;
        case '>':
          return past ? compare(version, past) >= 0 : false;
        case '<':
          return compare(version, p.v) < 0;
        case '<=':
          return past ? compare(version, past) < 0 : true;
        case '^': {
          const major = p.v[0] > 0 || p.given === 1 ? [p.v[0] + 1, 0, 0] : p.v[1] > 0 || p.given === 2 ? [0, p.v[1] + 1, 0] : [0, 0, p.v[2] + 1];
          return compare(version, p.v) >= 0 && compare(version, major as Version) < 0;
        }
        case '~':
          return compare(version, p.v) >= 0 && compare(version, p.given === 1 ? [p.v[0] + 1, 0, 0] : [p.v[0], p.v[1] + 1, 0]) < 0;
        default:
          return compare(version, p.v) >= 0 && (past ? compare(version, past) < 0 : true);
      }
    });
  });
}

describe('the Node version package.json names runs every installed package', () => {
  it('reads npm’s ranges as npm does', () => {
    const v: Version = [20, 19, 0];
    for (const range of ['>=20.19', '>=18', '>= 0.4', '^20.19.0 || >=22.12.0', '20 || >=22', '20.x || 22.x', '10.* || >= 12.*', '>=8.x', '^18 || >=20', '16 || 14 >=14.17 || >=20', '*', '>=6 <7 || >=8', '^20.12||^22||>=24', '18 - 20'])
      expect([range, satisfies(v, range)]).toEqual([range, true]);
    for (const range of ['>=22', '^22 || ^24 || >=26', '>=20.19.1', '^20.20.0', '~20.18.0', '<20.19.0', '>20.19.0', '21.x', '18 - 20.18'])
      expect([range, satisfies(v, range)]).toEqual([range, false]);
  });

  it('pins no package whose engines exclude the oldest Node package.json admits (npm ci warns EBADENGINE)', () => {
    const pkg = readJson<{ engines: { node: string } }>('package.json');
    const oldest = /^>=\s*(\d+(\.\d+){0,2})$/.exec(pkg.engines.node)?.[1];
    expect(oldest, 'package.json engines.node is a lower bound').toBeTruthy();
    const node = partial(oldest!).v;
    const lock = readJson<{ packages: Record<string, { version?: string; engines?: unknown }> }>('package-lock.json');
    const refusing = Object.entries(lock.packages)
      .filter(([, p]) => p.engines && typeof p.engines === 'object' && typeof (p.engines as { node?: unknown }).node === 'string')
      .filter(([, p]) => !satisfies(node, (p.engines as { node: string }).node))
      .map(([where, p]) => `${where.replace(/^.*node_modules\//, '')}@${p.version} wants node ${(p.engines as { node: string }).node}`);
    expect(refusing).toEqual([]);
  });
});
