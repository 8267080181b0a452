import { describe, expect, it } from 'vitest';
import { can } from './index.js';
import { testActor as actor, testGrant as grant } from '../test/fixtures/actors.js';

const workshop = { orgPath: '/1/3/20/', status: 'accepted' as const };
const town = { orgPath: '/1/3/' };

describe('evidence package policies', () => {
  it('lets the roles that act on evidence package what they may read', () => {
    for (const role of ['office', 'leader', 'inspector', 'department', 'discipline'] as const) {
      expect(can(actor(grant(role, ['/1/'])), 'evidence.package', workshop), role).toBe(true);
      expect(can(actor(grant(role, ['/1/'])), 'evidence.townPackage', town), role).toBe(true);
    }
    expect(can(actor(grant('town', ['/1/3/'])), 'evidence.package', workshop)).toBe(true);
    expect(can(actor(grant('town_head', ['/1/3/'])), 'evidence.townPackage', town)).toBe(true);
  });

  it('keeps other towns, villages and liaison departments out', () => {
    expect(can(actor(grant('town', ['/1/4/'])), 'evidence.package', workshop)).toBe(false);
    expect(can(actor(grant('town', ['/1/4/'])), 'evidence.townPackage', town)).toBe(false);
    expect(can(actor(grant('village', ['/1/3/20/'])), 'evidence.package', workshop)).toBe(false);
    expect(can(actor(grant('liaison', ['/1/3/'])), 'evidence.package', workshop)).toBe(false);
    expect(can(actor(grant('admin', ['/1/'])), 'evidence.package', workshop)).toBe(false);
  });

  it('sees a town from a village inside it (403, not 404), not from another town', () => {
    expect(can(actor(grant('village', ['/1/3/20/'])), 'orgUnit.read', town)).toBe(true);
    expect(can(actor(grant('village', ['/1/3/20/'])), 'evidence.townPackage', town)).toBe(false);
    expect(can(actor(grant('town', ['/1/4/'])), 'orgUnit.read', town)).toBe(false);
  });
});
