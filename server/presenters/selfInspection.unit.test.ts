// The self-inspection presenters: rows to DTOs with the names handed in, and the abilities the
// clue workflow allows the reader now.
import { describe, expect, it } from 'vitest';
import type { DisciplineClueRow, SelfPolicyRow } from '../db/schema.js';
import { testActor as actor, testGrant as grant } from '../test/fixtures/actors.js';
import { presentClue, presentSelfPolicy } from './selfInspection.js';

const clue: DisciplineClueRow = {
  id: 5,
  campaign_id: 1,
  town_id: 3,
  org_path: '/1/3/',
  person: '赵某',
  post: '村支书',
  conduct: 'collected_fees',
  description: '收取管理费',
  source: 'public_report',
  enterprise_id: 7,
  status: 'received',
  reported_by: 2,
  reported_at: '2016-05-06T01:00:00.000Z',
  forwarded_by: null,
  forwarded_at: null,
  forwarded_to_code: null,
  forwarded_to: null,
  forward_note: '',
  closed_by: null,
  closed_at: null,
  closing_note: '',
  version: 1,
};
const names = { towns: new Map([[3, '西集镇']]), users: new Map([[2, '张三'], [4, '李四']]), enterprises: new Map([[7, '某颗粒厂']]) };

describe('presentClue', () => {
  it('names the town, the filer and the workshop, and lets the office director forward a registered clue', () => {
    const dto = presentClue(clue, names, actor(grant('office', ['/1/'], { director: true })));
    expect(dto).toMatchObject({ townName: '西集镇', reportedBy: '张三', enterprise: { id: 7, name: '某颗粒厂' }, forwarded: null, closed: null });
    expect(dto.abilities).toEqual({ forward: true, close: false });
  });

  it('does not offer the discipline role to forward a clue to itself (the discipline department)', () => {
    expect(presentClue(clue, names, actor(grant('discipline', ['/1/']))).abilities).toEqual({ forward: false, close: false });
  });

  it('shows who forwarded it, then allows only closing; names it does not know are empty', () => {
    const forwarded = { ...clue, status: 'forwarded', forwarded_by: 4, forwarded_at: '2016-05-07T01:00:00.000Z', forwarded_to: '区监察局', forwarded_to_code: 'supervisory_commission', forward_note: '请查处', enterprise_id: 8 };
    const dto = presentClue(forwarded, names, actor(grant('office', ['/1/'], { director: true })));
    expect(dto.forwarded).toEqual({ by: '李四', at: '2016-05-07T01:00:00.000Z', to: '区监察局', toCode: 'supervisory_commission', note: '请查处' });
    expect(dto.enterprise).toEqual({ id: 8, name: '' });
    expect(dto.abilities).toEqual({ forward: false, close: true });
  });

  it('gives a reader outside the clue’s town no abilities', () => {
    expect(presentClue(clue, names, actor(grant('discipline', ['/1/4/']))).abilities).toEqual({ forward: false, close: false });
  });
});

describe('presentSelfPolicy', () => {
  const row: SelfPolicyRow = {
    id: 1,
    campaign_id: 1,
    town_id: 3,
    org_path: '/1/3/',
    title: '先上车后补票',
    issued_by: '某村委会',
    issued_on: null,
    found_on: '2016-05-06',
    action_taken: '',
    cleared: 1,
    cleared_on: '2016-05-08',
    notes: '',
    version: 2,
    created_by: 1,
    created_at: '2016-05-06T01:00:00.000Z',
    updated_by: 1,
    updated_at: '2016-05-08T01:00:00.000Z',
  };

  it('shows the record with its town and lets only its keepers update it', () => {
    expect(presentSelfPolicy(row, '西集镇', actor(grant('town', ['/1/3/'])))).toMatchObject({ townName: '西集镇', cleared: true, clearedOn: '2016-05-08', version: 2, abilities: { update: true } });
    expect(presentSelfPolicy(row, '西集镇', actor(grant('leader', ['/1/']))).abilities.update).toBe(false);
  });
});
