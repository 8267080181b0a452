// Who may import a town's task table: the rules confirmImport and the import routes ask for.
import { describe, expect, it } from 'vitest';
import { testActor as actor, testGrant as grant } from '../test/fixtures/actors.js';
import { can, importSubject } from './index.js';

const intoTown = importSubject({ town_path: '/1/3/' });

describe('import policies', () => {
  it('lets the office, the town staff and the town head of that town create, read and confirm', () => {
    for (const a of [actor(grant('office', ['/1/'])), actor(grant('town', ['/1/3/'])), actor(grant('town_head', ['/1/3/']))])
      for (const action of ['import.create', 'import.read', 'import.confirm']) expect(can(a, action, intoTown), action).toBe(true);
  });

  it('keeps another town, its villages, and roles that do not keep towns out', () => {
    const outsiders = [
      actor(grant('town', ['/1/30/'])),
      actor(grant('village', ['/1/3/7/'])),
      actor(grant('leader', ['/1/'])),
      actor(grant('inspector', ['/1/'])),
      actor(grant('admin', ['/1/'])),
      actor(grant('department', ['/1/'])),
    ];
    for (const a of outsiders) for (const action of ['import.create', 'import.read', 'import.confirm']) expect(can(a, action, intoTown), `${a.grants[0].role} ${action}`).toBe(false);
  });

  it('lists imports for the town keepers only', () => {
    expect(can(actor(grant('town_head', ['/1/3/'])), 'import.list', null)).toBe(true);
    expect(can(actor(grant('village', ['/1/3/7/'])), 'import.list', null)).toBe(false);
  });
});
