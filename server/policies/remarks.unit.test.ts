import { describe, expect, it } from 'vitest';
import type { Role } from '../../domain/roles.js';
import { unitOf } from '../commands/lib/remark.js';
import { actingGrant, can } from './index.js';
import { testActor as actor, testGrant } from '../test/fixtures/actors.js';

// A workshop in town /1/3/ (village 20); the liaison department is paired with towns /1/3/ and /1/5/.
const workshop = '/1/3/20/';
const grant = (role: Role, readPrefixes: string[], extra: Parameters<typeof testGrant>[2] = {}) => testGrant(role, readPrefixes, extra);
const comment = { orgPath: workshop, kind: 'comment' as const };
const escalation = { orgPath: workshop, kind: 'escalation' as const };
const open = { orgPath: workshop, status: 'open' as const };

describe('remark policies (帮包意见与督办)', () => {
  it('lets a liaison department comment on and escalate the workshops of its paired towns only', () => {
    const liaison = actor(grant('liaison', ['/1/3/', '/1/5/'], { departmentName: '某部门' }));
    expect(can(liaison, 'remark.read', { orgPath: workshop })).toBe(true);
    expect(can(liaison, 'remark.create', comment)).toBe(true);
    expect(can(liaison, 'remark.create', escalation)).toBe(true);
    expect(can(liaison, 'remark.answer', open)).toBe(false);
    const elsewhere = { orgPath: '/1/4/7/' };
    expect(can(liaison, 'remark.read', elsewhere)).toBe(false);
    expect(can(liaison, 'remark.create', { ...elsewhere, kind: 'escalation' })).toBe(false);
    // Prefixes, not text: /1/3/ never covers /1/30/.
    expect(can(liaison, 'remark.create', { orgPath: '/1/30/2/', kind: 'comment' })).toBe(false);
  });

  it('lets the office comment and escalate anywhere, but not answer for the town', () => {
    const office = actor(grant('office', ['/1/']));
    expect(can(office, 'remark.create', comment)).toBe(true);
    expect(can(office, 'remark.create', escalation)).toBe(true);
    expect(can(office, 'remark.answer', open)).toBe(false);
  });

  it("lets the town's staff and principal comment and answer an open escalation, not escalate, and not another town's", () => {
    for (const role of ['town', 'town_head'] as const) {
      const town = actor(grant(role, ['/1/3/']));
      expect(can(town, 'remark.create', comment), role).toBe(true);
      expect(can(town, 'remark.create', escalation), role).toBe(false);
      expect(can(town, 'remark.answer', open), role).toBe(true);
      expect(can(town, 'remark.answer', { ...open, status: 'answered' }), role).toBe(false);
      expect(can(actor(grant(role, ['/1/4/'])), 'remark.answer', open), role).toBe(false);
    }
    expect(can(actor(grant('town', ['/1/3/'])), 'remark.answer.any', null)).toBe(true);
    expect(can(actor(grant('liaison', ['/1/3/'])), 'remark.answer.any', null)).toBe(false);
  });

  it('lets everyone else who sees the workshop read its remarks, and nothing more', () => {
    for (const [role, prefixes] of [['village', ['/1/3/20/']], ['leader', ['/1/']], ['department', ['/1/']], ['inspector', ['/1/']], ['discipline', ['/1/']], ['admin', ['/1/']]] as const) {
      const reader = actor(grant(role, [...prefixes]));
      expect(can(reader, 'remark.read', { orgPath: workshop }), role).toBe(true);
      expect(can(reader, 'remark.create', comment), role).toBe(false);
      expect(can(reader, 'remark.create', escalation), role).toBe(false);
      expect(can(reader, 'remark.answer', open), role).toBe(false);
    }
  });

  it('says in whose name a remark is made: the grant that allows it, shown as its unit', () => {
    const both = actor(grant('village', ['/1/3/20/'], { orgUnitName: '某村' }), grant('liaison', ['/1/3/'], { departmentName: '某部门' }));
    const g = actingGrant(both, 'remark.create', escalation)!;
    expect(g.role).toBe('liaison');
    expect(unitOf(g)).toBe('某部门');
    expect(unitOf(grant('town', ['/1/3/'], { orgUnitName: '某镇' }))).toBe('某镇');
    expect(unitOf(grant('office', ['/1/'], { orgUnitName: '某区' }))).toBe('领导小组办公室');
    expect(actingGrant(actor(grant('village', ['/1/3/20/'])), 'remark.create', comment)).toBeUndefined();
  });
});
