import { describe, expect, it } from 'vitest';
import { can } from './index.js';
import { testActor as actor, testGrant as grant } from '../test/fixtures/actors.js';

// Town /1/3/ with villages 20 and 21; another town /1/4/.
const town = { orgPath: '/1/3/' };
const site = { orgPath: '/1/3/20/' };
const otherTown = { orgPath: '/1/4/' };

describe('supervisor policies (监管责任人)', () => {
  it('lets the office and the town’s staff and principal name the town’s people and a site’s contact, in scope only', () => {
    for (const a of [actor(grant('office', ['/1/'])), actor(grant('town', ['/1/3/'])), actor(grant('town_head', ['/1/3/']))]) {
      expect(can(a, 'supervisor.assign.town', town)).toBe(true);
      expect(can(a, 'supervisor.assign.site', site)).toBe(true);
      expect(can(a, 'supervisor.read', town)).toBe(true);
    }
    const clerk = actor(grant('town', ['/1/3/']));
    expect(can(clerk, 'supervisor.assign.town', otherTown)).toBe(false);
    expect(can(clerk, 'supervisor.read', otherTown)).toBe(false);
    // Prefixes, not text: /1/3/ never covers /1/30/.
    expect(can(clerk, 'supervisor.assign.town', { orgPath: '/1/30/' })).toBe(false);
  });

  it('lets a village head name the contact of a site in their own village only, and not read the town', () => {
    const head = actor(grant('village', ['/1/3/20/']));
    expect(can(head, 'supervisor.assign.site', site)).toBe(true);
    expect(can(head, 'supervisor.assign.site', { orgPath: '/1/3/21/' })).toBe(false);
    expect(can(head, 'supervisor.assign.town', town)).toBe(false);
    expect(can(head, 'supervisor.read', town)).toBe(false);
  });

  it('lets leaders, departments, liaison departments and inspectors read but not name', () => {
    for (const role of ['leader', 'department', 'liaison', 'inspector', 'discipline'] as const) {
      const a = actor(grant(role, ['/1/3/']));
      expect(can(a, 'supervisor.read', town), role).toBe(true);
      expect(can(a, 'supervisor.read', site), role).toBe(true);
      expect(can(a, 'supervisor.assign.town', town), role).toBe(false);
      expect(can(a, 'supervisor.assign.site', site), role).toBe(false);
      expect(can(a, 'supervisor.gaps', null), role).toBe(true);
    }
    expect(can(actor(), 'supervisor.gaps', null)).toBe(false);
    expect(can(actor(), 'supervisor.list', null)).toBe(false);
  });
});
