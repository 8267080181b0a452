// Who configures which unit's group robots: the office every unit; a town's principal their town only
// (not its staff); a department's staff their department only; nobody else.
import { describe, expect, it } from 'vitest';
import { testActor as actor, testGrant as grant } from '../test/fixtures/actors.js';
import { can, webhookScope, type WebhookSubject } from './index.js';

const district: WebhookSubject = { kind: 'district', orgPath: '/1/', departmentId: null };
const townA: WebhookSubject = { kind: 'town', orgPath: '/1/3/', departmentId: null };
const townB: WebhookSubject = { kind: 'town', orgPath: '/1/4/', departmentId: null };
const power: WebhookSubject = { kind: 'department', orgPath: null, departmentId: 7 };
const police: WebhookSubject = { kind: 'department', orgPath: null, departmentId: 8 };
const all = [district, townA, townB, power, police];
const managed = (a: ReturnType<typeof actor>) => all.filter((s) => can(a, 'webhook.manage', s));

describe('group robot policy', () => {
  it('lets the office manage every unit’s robots', () => {
    const office = actor(grant('office', ['/1/']));
    expect(managed(office)).toEqual(all);
    expect(can(office, 'webhook.manage.any', null)).toBe(true);
    expect(webhookScope(office).all).toBe(true);
  });

  it('lets a town’s principal manage their own town only, and its staff none', () => {
    const head = actor(grant('town_head', ['/1/3/'], { orgUnitId: 3 }));
    expect(managed(head)).toEqual([townA]);
    expect(webhookScope(head)).toEqual({ all: false, orgUnitIds: [3], departmentIds: [] });
    const clerk = actor(grant('town', ['/1/3/'], { orgUnitId: 3 }));
    expect(managed(clerk)).toEqual([]);
    expect(can(clerk, 'webhook.manage.any', null)).toBe(false);
  });

  it('lets a department manage its own robots only; leaders, liaison departments and inspectors none', () => {
    const dept = actor(grant('department', ['/1/'], { departmentId: 7 }));
    expect(managed(dept)).toEqual([power]);
    expect(webhookScope(dept)).toEqual({ all: false, orgUnitIds: [], departmentIds: [7] });
    for (const role of ['leader', 'liaison', 'inspector', 'discipline', 'village', 'admin'] as const) {
      const other = actor(grant(role, ['/1/'], { departmentId: 7, orgUnitId: 3 }));
      expect(managed(other), role).toEqual([]);
      expect(can(other, 'webhook.manage.any', null), role).toBe(false);
    }
  });
});
