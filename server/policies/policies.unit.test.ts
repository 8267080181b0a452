import { describe, expect, it } from 'vitest';
import type { Role } from '../../domain/roles.js';
import { can } from './index.js';
import { prefixesOf } from '../auth/actor.js';
import { testActor as actor, testGrant } from '../test/fixtures/actors.js';

const grant = (role: Role, readPrefixes: string[], departmentCode: string | null = null) => testGrant(role, readPrefixes, { departmentCode });

const inA = { orgPath: '/1/3/20/', status: 'surveyed' as const };
const inB = { orgPath: '/1/4/', status: 'surveyed' as const };

describe('policies', () => {
  it('reads by path prefix, so /1/3/ never covers /1/30/', () => {
    const town = actor(grant('town', ['/1/3/']));
    expect(can(town, 'enterprise.read', inA)).toBe(true);
    expect(can(town, 'enterprise.read', { orgPath: '/1/30/', status: 'surveyed' })).toBe(false);
    expect(can(town, 'enterprise.read', inB)).toBe(false);
  });

  it('lets a department record only the items of its duty', () => {
    const power = actor(grant('department', ['/1/'], 'power_office'));
    expect(can(power, 'enterprise.recordItem', { enterprise: inA, itemDepartments: ['power_office', 'power_supply'] })).toBe(true);
    expect(can(power, 'enterprise.recordItem', { enterprise: inA, itemDepartments: [] })).toBe(false);
    expect(can(power, 'enterprise.update', inA)).toBe(false);
  });

  it('depends on state: verdicts only on shut-down workshops, items frozen after shutdown', () => {
    const inspector = actor(grant('inspector', ['/1/']));
    expect(can(inspector, 'enterprise.verdict', { ...inA, status: 'shut_down' })).toBe(true);
    expect(can(inspector, 'enterprise.verdict', inA)).toBe(false);
    const town = actor(grant('town', ['/1/3/']));
    expect(can(town, 'enterprise.recordItem', { enterprise: { ...inA, status: 'shut_down' }, itemDepartments: [] })).toBe(false);
  });

  it('unions several grants and drops nested prefixes', () => {
    const a = actor(grant('village', ['/1/3/20/']), grant('town', ['/1/3/']), grant('liaison', ['/1/5/', '/1/6/']));
    expect(prefixesOf(a).sort()).toEqual(['/1/3/', '/1/5/', '/1/6/']);
  });

  it('fails loudly for an action nobody registered', () => {
    expect(() => can(actor(), 'enterprise.teleport', null)).toThrow(/no policy/);
  });
});
