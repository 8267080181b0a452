import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { campaignDefinitionSchema, currentPhase, redateCampaign } from './campaign.js';

const file = path.join(import.meta.dirname, '..', 'campaigns', 'default.yaml');
const def = campaignDefinitionSchema.parse(parse(fs.readFileSync(file, 'utf8')));

describe('the default campaign definition (山政办发〔2016〕14号)', () => {
  it('holds the notice: document, phases, standard, units, liaison pairs, roster', () => {
    expect(def.documentNumber).toBe('山政办发〔2016〕14号');
    expect(def.issuer).toBe('山亭区人民政府办公室');
    expect(def.phases.map((p) => [p.start, p.end ?? null])).toEqual([
      ['2016-05-05', '2016-05-10'],
      ['2016-05-11', '2016-05-15'],
      ['2016-05-16', '2016-05-20'],
      ['2016-05-21', null],
    ]);
    expect(def.phases[0].reportDue).toBe('2016-05-10');
    expect(def.standardItems.map((i) => i.name)).toEqual(['断电', '断水', '拆除设备', '清理原料', '恢复地貌']);
    expect(def.orgUnits.children).toHaveLength(10);
    expect(def.liaisonPairs.map((p) => p.towns.length)).toEqual([4, 4, 2]);
    const allTowns = def.liaisonPairs.flatMap((p) => p.towns).sort();
    expect(allTowns).toEqual(def.orgUnits.children!.map((c) => c.name).sort());
    expect(def.leadingGroup.members).toHaveLength(26);
    expect(def.leadingGroup.members[0]).toEqual({ position: '组长', name: '王庆丰', title: '区委副书记、区长' });
    expect(def.office.director).toBe('王斌');
  });

  it('refuses a definition that names an undefined department', () => {
    const broken = { ...def, standardItems: [{ ...def.standardItems[0], departments: ['nowhere'] }] };
    const r = campaignDefinitionSchema.safeParse(broken);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].message).toContain('未定义的部门');
  });

  it('re-dates every window and deadline together', () => {
    const moved = redateCampaign(def, '2026-12-01');
    expect(moved.phases[0]).toMatchObject({ start: '2026-12-01', end: '2026-12-06', reportDue: '2026-12-06' });
    expect(moved.phases[2]).toMatchObject({ start: '2026-12-12', end: '2026-12-16' });
    expect(currentPhase(moved.phases, '2026-12-08')?.name).toBe(def.phases[1].name);
    expect(currentPhase(moved.phases, '2026-11-01')).toBeUndefined();
  });
});
