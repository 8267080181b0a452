import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { campaignDefinitionSchema } from '../../domain/campaign.js';
import type { Role } from '../../domain/roles.js';
import { disciplineDepartment, NO_DISCIPLINE_DEPARTMENT } from '../../domain/selfInspection.js';
import { can } from './index.js';
import { testActor as actor, testGrant } from '../test/fixtures/actors.js';

const grant = (role: Role, readPrefixes: string[], director = false) => testGrant(role, readPrefixes, { director });
const inTown = { orgPath: '/1/3/', status: 'received' };

describe('self-inspection policies', () => {
  it('lets only discipline and the office director see clues; the flag means nothing on other roles', () => {
    expect(can(actor(grant('discipline', ['/1/'])), 'clue.read', inTown)).toBe(true);
    expect(can(actor(grant('office', ['/1/'], true)), 'clue.read', inTown)).toBe(true);
    expect(can(actor(grant('office', ['/1/'])), 'clue.read', inTown)).toBe(false);
    expect(can(actor(grant('leader', ['/1/'], true)), 'clue.read', inTown)).toBe(false);
    expect(can(actor(grant('admin', ['/1/'], true)), 'clue.list', null)).toBe(false);
    expect(can(actor(grant('town', ['/1/3/'])), 'clue.create', inTown)).toBe(true);
    expect(can(actor(grant('town', ['/1/3/'])), 'clue.read', inTown)).toBe(false);
    expect(can(actor(grant('town', ['/1/30/'])), 'clue.create', inTown)).toBe(false);
  });

  it('lets the office director forward received clues, and closes only forwarded ones', () => {
    const director = actor(grant('office', ['/1/'], true));
    expect(can(director, 'clue.forward', inTown)).toBe(true);
    expect(can(director, 'clue.forward', { ...inTown, status: 'forwarded' })).toBe(false);
    const d = actor(grant('discipline', ['/1/']));
    expect(can(d, 'clue.close', inTown)).toBe(false);
    expect(can(d, 'clue.close', { ...inTown, status: 'forwarded' })).toBe(true);
  });

  it('never offers the discipline role to forward a clue to the discipline department, which it is', () => {
    const d = actor(grant('discipline', ['/1/']));
    expect(can(d, 'clue.read', inTown)).toBe(true);
    expect(can(d, 'clue.forward', inTown)).toBe(false);
    // One person holding both: the director's grant forwards.
    expect(can(actor(grant('discipline', ['/1/']), grant('office', ['/1/'], true)), 'clue.forward', inTown)).toBe(true);
    // The director forwards only within the director grant's scope.
    expect(can(actor(grant('discipline', ['/1/']), grant('office', ['/1/4/'], true)), 'clue.forward', inTown)).toBe(false);
  });

  it('forwards to the department whose own duties investigate discipline, read from the campaign data', () => {
    const file = path.join(import.meta.dirname, '..', '..', 'campaigns', 'default.yaml');
    const definition = campaignDefinitionSchema.parse(parse(fs.readFileSync(file, 'utf8')));
    // The environment bureau only assists (会同…); the supervisory bureau investigates.
    expect(disciplineDepartment(definition)?.code).toBe('supervisory_commission');
    // Without one there is nobody to forward to: forwarding is refused, saying why.
    const none = { ...definition, departments: definition.departments.filter((x) => !x.duties.some((duty) => duty.includes('违纪'))) };
    expect(disciplineDepartment(none)).toBeUndefined();
    expect(NO_DISCIPLINE_DEPARTMENT).toMatch(/违纪/);
  });
});
