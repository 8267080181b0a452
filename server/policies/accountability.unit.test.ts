import { describe, expect, it } from 'vitest';
import type { Role } from '../../domain/roles.js';
import { can } from './index.js';
import { testActor as actor, testGrant } from '../test/fixtures/actors.js';

const grant = (role: Role, readPrefixes: string[], director = false) => testGrant(role, readPrefixes, { director });
const interview = { orgPath: '/1/3/', level: 'interview' as const };
const measure = { orgPath: '/1/3/', level: 'accountability' as const };

describe('accountability policies (约谈 and 问责)', () => {
  it('lets the office record 约谈, and discipline and the office director 问责', () => {
    const office = actor(grant('office', ['/1/']));
    const director = actor(grant('office', ['/1/'], true));
    const discipline = actor(grant('discipline', ['/1/']));
    expect(can(office, 'accountability.create', interview)).toBe(true);
    expect(can(office, 'accountability.create', measure)).toBe(false);
    expect(can(director, 'accountability.create', measure)).toBe(true);
    expect(can(discipline, 'accountability.create', measure)).toBe(true);
    expect(can(discipline, 'accountability.create', interview)).toBe(false);
    expect(can(actor(grant('leader', ['/1/'], true)), 'accountability.create', measure)).toBe(false);
    for (const a of [office, director, discipline]) expect(can(a, 'accountability.board', null)).toBe(true);
  });

  it('reads records to the overseers and the town principal in their town; the rest see nothing', () => {
    expect(can(actor(grant('town_head', ['/1/3/'])), 'accountability.read', interview)).toBe(true);
    expect(can(actor(grant('town_head', ['/1/4/'])), 'accountability.read', interview)).toBe(false);
    expect(can(actor(grant('town_head', ['/1/3/'])), 'accountability.board', null)).toBe(false);
    for (const role of ['town', 'village', 'department', 'leader', 'inspector', 'liaison', 'admin'] as const) {
      expect(can(actor(grant(role, ['/1/'])), 'accountability.list', null), role).toBe(false);
      expect(can(actor(grant(role, ['/1/'])), 'accountability.read', interview), role).toBe(false);
    }
  });

  it('moves a record on only where the workflow table allows', () => {
    const office = actor(grant('office', ['/1/']));
    expect(can(office, 'accountability.hold', { ...interview, state: 'scheduled' })).toBe(true);
    expect(can(office, 'accountability.hold', { ...interview, state: 'held' })).toBe(false);
    expect(can(office, 'accountability.withdraw', { ...interview, state: 'held' })).toBe(false);
    expect(can(actor(grant('discipline', ['/1/'])), 'accountability.withdraw', { ...measure, state: 'decided' })).toBe(true);
    expect(can(office, 'accountability.withdraw', { ...measure, state: 'decided' })).toBe(false);
  });
});
