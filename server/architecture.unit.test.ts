// The parts of docs/architecture.md that an import graph cannot see (dependency-cruiser checks the
// rest, `npm run boundaries`): a Db handle can build SQL wherever it is passed, and a route could
// write an audit record through an import it is allowed. These read the source as text.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.join(import.meta.dirname, '..');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sources(rel));
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

/** Lines of `files` matching `pattern`, as `file:line: text`, comments left out. */
function offending(files: string[], pattern: RegExp): string[] {
  const hits: string[] = [];
  for (const file of files) {
    const lines = fs.readFileSync(path.join(root, file), 'utf8').split('\n');
    lines.forEach((line, i) => {
      const code = line.replace(/\/\/.*$/, '');
      if (!/^\s*\*/.test(line) && pattern.test(code)) hits.push(`${file}:${i + 1}: ${line.trim()}`);
    });
  }
  return hits;
}

const server = sources('server').filter((f) => !f.startsWith('server/test/'));
const outsideData = server.filter((f) => !/^server\/(repositories|db)\//.test(f));

describe('the shape of the server (docs/architecture.md)', () => {
  it('builds SQL only in repositories/ and db/', () => {
    expect(offending(outsideData, /\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|executeQuery|selectNoFrom)\(|\bsql\s*`|\bsql\.(raw|ref|table|join|lit|id)\(/)).toEqual([]);
  });

  it('opens transactions only through db/transaction.ts outside repositories/ and db/', () => {
    expect(offending(server.filter((f) => f !== 'server/db/transaction.ts' && !f.startsWith('server/db/') && !f.startsWith('server/repositories/')), /\.transaction\(\)/)).toEqual([]);
  });

  it('asks which database it runs on only in db/dialect.ts (and the connection and migrations)', () => {
    const allowed = /^server\/db\/(dialect|connect)\.ts$|^server\/db\/migrations\//;
    expect(offending(server.filter((f) => !allowed.test(f)), /[!=]==?\s*'(postgres|sqlite)'|'(postgres|sqlite)'\s*[!=]==?/)).toEqual([]);
  });

  it('writes audit records and changes state only in commands (routes validate, call, present)', () => {
    const routes = server.filter((f) => f.startsWith('server/routes/'));
    expect(offending(routes, /\bwriteAudit(Batch)?\(|\binTransaction\(/)).toEqual([]);
  });

  it('spells a list of roles out only in domain/roles.ts', () => {
    const everywhere = [...sources('server'), ...sources('web'), ...sources('domain')].filter((f) => f !== 'domain/roles.ts' && !f.startsWith('server/test/'));
    const role = `'(admin|office|leader|town|town_head|village|liaison|department|inspector|discipline)'`;
    // An array literal of nothing but role names (not a field path such as ['office', 'department']).
    const roleList = new RegExp(`(?<!path:\\s*)\\[\\s*${role}(\\s*,\\s*${role})+\\s*\\]`);
    // …nor role names handed one by one to a check (hasRole(actor, 'town', 'village'), covers(…, ['office'])).
    const roleArgs = new RegExp(`\\b(hasRole|covers|prefixesOf|visibleTo)\\([^)]*${role}`);
    expect(offending(everywhere, roleList)).toEqual([]);
    expect(offending(everywhere.filter((f) => f.startsWith('server/')), roleArgs)).toEqual([]);
  });

  it('never decides anything in the web from a role name', () => {
    expect(offending(sources('web'), /\.role\s*===?\s*'|\.role\s*!==?\s*'|roles\.(some|every|find|filter)\(/)).toEqual([]);
  });

  it('has no import cycle between folders (one folder of server/ or web/ is one node; a file at their top is its own)', () => {
    const bin = path.join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
    const run = spawnSync(process.execPath, [bin, 'server', 'domain', 'web', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const graph = JSON.parse(run.stdout) as { modules: { source: string; dependencies: { resolved: string; dependencyTypes: string[] }[] }[] };
    const node = (file: string) => {
      const parts = file.split('/');
      return (parts[0] === 'server' || parts[0] === 'web') && parts.length > 2 ? parts.slice(0, 2).join('/') : file;
    };
    const isTest = (file: string) => /\.test\.tsx?$/.test(file) || file.startsWith('server/test/');
    const edges = new Map<string, Set<string>>();
    for (const m of graph.modules) {
      if (isTest(m.source) || m.source.startsWith('node_modules/')) continue;
      for (const d of m.dependencies) {
        if (d.resolved.startsWith('node_modules/') || isTest(d.resolved) || d.dependencyTypes.includes('core')) continue;
        const [a, b] = [node(m.source), node(d.resolved)];
        if (a !== b) edges.set(a, (edges.get(a) ?? new Set()).add(b));
      }
    }
    // A folder is in a cycle when it reaches itself.
    const reaches = (from: string, to: string) => {
      const seen = new Set<string>();
      const todo = [...(edges.get(from) ?? [])];
      while (todo.length) {
        const n = todo.pop()!;
        if (n === to) return true;
        if (!seen.has(n)) seen.add(n), todo.push(...(edges.get(n) ?? []));
      }
      return false;
    };
    expect([...edges.keys()].filter((n) => reaches(n, n)).sort()).toEqual([]);
    // dependency-cruiser walks the whole tree: several seconds, more on a loaded machine.
  }, 60_000);
});
