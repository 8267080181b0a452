import { describe, expect, it } from 'vitest';
import type { Role } from '../../domain/roles.js';
import { can, type ClueEvidenceSubject, type WorkshopEvidenceSubject } from './index.js';
import { testActorWithId as actor, testGrant } from '../test/fixtures/actors.js';

const grant = (role: Role, readPrefixes: string[], departmentCode: string | null = null) => testGrant(role, readPrefixes, { departmentCode });

const site = { orgPath: '/1/3/20/', status: 'in_progress' as const };
const item = (departments: string[] = [], status: WorkshopEvidenceSubject['enterprise']['status'] = 'in_progress'): WorkshopEvidenceSubject => ({
  recordType: 'item',
  enterprise: { ...site, status },
  itemDepartments: departments,
});
const workshop = (status: WorkshopEvidenceSubject['enterprise']['status'] = 'in_progress'): WorkshopEvidenceSubject => ({ recordType: 'enterprise', enterprise: { ...site, status }, itemDepartments: [] });
const clue = (status = 'received'): ClueEvidenceSubject => ({ recordType: 'clue', clue: { orgPath: '/1/3/', status } });

describe('evidence policies', () => {
  it('lets whoever records an item add its evidence, while its items are editable', () => {
    const town = actor(1, grant('town', ['/1/3/']));
    expect(can(town, 'evidence.upload', item())).toBe(true);
    expect(can(town, 'evidence.upload', item([], 'shut_down'))).toBe(false);
    expect(can(actor(2, grant('town', ['/1/4/'])), 'evidence.upload', item())).toBe(false);
    const power = actor(3, grant('department', ['/1/'], 'power_office'));
    expect(can(power, 'evidence.upload', item(['power_office']))).toBe(true);
    expect(can(power, 'evidence.upload', item([]))).toBe(false);
    expect(can(actor(4, grant('liaison', ['/1/3/'])), 'evidence.upload', item())).toBe(false);
    expect(can(actor(5, grant('inspector', ['/1/'])), 'evidence.upload', item())).toBe(false);
  });

  it("lets the register's keepers and departments (实体取证) add a workshop's own evidence, not once excluded", () => {
    expect(can(actor(1, grant('village', ['/1/3/20/'])), 'evidence.upload', workshop())).toBe(true);
    expect(can(actor(3, grant('department', ['/1/'], 'police')), 'evidence.upload', workshop('accepted'))).toBe(true);
    expect(can(actor(3, grant('department', ['/1/'], 'police')), 'evidence.upload', workshop('excluded'))).toBe(false);
    expect(can(actor(4, grant('leader', ['/1/'])), 'evidence.upload', workshop())).toBe(false);
  });

  it('lets only the uploader resume an upload, and anyone in scope see the files', () => {
    expect(can(actor(7, grant('town', ['/1/3/'])), 'evidence.resume', { uploaderId: 7 })).toBe(true);
    expect(can(actor(8, grant('office', ['/1/'])), 'evidence.resume', { uploaderId: 7 })).toBe(false);
    expect(can(actor(9, grant('liaison', ['/1/3/'])), 'attachment.read', { recordType: 'item', orgPath: '/1/3/20/' })).toBe(true);
    expect(can(actor(9, grant('town', ['/1/30/'])), 'attachment.read', { recordType: 'item', orgPath: '/1/3/20/' })).toBe(false);
  });

  it("keeps a clue's files to whoever may read the clue — the discipline role and the office director — and freezes them once it is closed", () => {
    const discipline = actor(1, grant('discipline', ['/1/']));
    const director = actor(2, { ...grant('office', ['/1/']), director: true });
    expect(can(discipline, 'evidence.upload', clue())).toBe(true);
    expect(can(director, 'evidence.upload', clue('forwarded'))).toBe(true);
    expect(can(discipline, 'evidence.upload', clue('closed'))).toBe(false);
    expect(can(discipline, 'attachment.read', { recordType: 'clue', orgPath: '/1/3/' })).toBe(true);
    expect(can(director, 'attachment.update', clue())).toBe(true);
    for (const role of ['admin', 'office', 'leader', 'town', 'town_head', 'village', 'liaison', 'department', 'inspector'] as const) {
      const other = actor(3, grant(role, role === 'town' || role === 'town_head' ? ['/1/3/'] : ['/1/'], role === 'department' ? 'power_office' : null));
      expect(can(other, 'evidence.upload', clue()), role).toBe(false);
      expect(can(other, 'attachment.read', { recordType: 'clue', orgPath: '/1/3/' }), role).toBe(false);
      expect(can(other, 'attachment.update', clue()), role).toBe(false);
    }
  });
});
