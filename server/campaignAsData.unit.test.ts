// The campaign is data: no town, department, item or leading-group name from the default
// definition may appear in TypeScript code (tests may name them; they check the data).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { campaignDefinitionSchema, type OrgUnitNode } from '../domain/campaign.js';

const root = path.join(import.meta.dirname, '..');
const def = campaignDefinitionSchema.parse(parse(fs.readFileSync(path.join(root, 'campaigns', 'default.yaml'), 'utf8')));

function walk(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && !p.includes(`${path.sep}test${path.sep}`)) out.push(p);
  }
  return out;
}

const unitNames = (n: OrgUnitNode): string[] => [n.name, ...(n.children ?? []).flatMap(unitNames)];

describe('the campaign lives in campaigns/, not in code', () => {
  it('names no town, department, standard item or leading-group member in domain/, server/ or web/', () => {
    const names = [
      ...unitNames(def.orgUnits),
      ...def.departments.map((d) => d.name),
      ...def.standardItems.flatMap((i) => [i.name, i.doneLabel]),
      ...def.leadingGroup.members.map((m) => m.name),
      def.documentNumber,
    ];
    const files = ['domain', 'server', 'web'].filter((d) => fs.existsSync(path.join(root, d))).flatMap((d) => walk(path.join(root, d)));
    const hits: string[] = [];
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      for (const n of names) if (text.includes(n)) hits.push(`${path.relative(root, f)}: ${n}`);
    }
    expect(hits).toEqual([]);
  });
});
