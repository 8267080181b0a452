// The rejection a workshop's page shows: the verdict that sent it back, while it stands rejected.
import { describe, expect, it } from 'vitest';
import { presentRejection } from './enterprise.js';

const verdict = (v: Partial<{ verdict: string; reasons: string; findings: string; inspector_id: number; created_at: string }>) => ({
  enterprise_id: 1,
  verdict: 'rejected',
  reasons: '["incomplete"]',
  findings: '原料未清理',
  inspector_id: 9,
  created_at: '2016-05-18T02:30:00.000Z',
  ...v,
});
const names = new Map([[9, '验收组 孙督查'], [10, '验收组 钱督查']]);

describe('presentRejection', () => {
  it('gives the latest rejecting verdict: reasons, findings, when and by whom', () => {
    const verdicts = [verdict({}), verdict({ reasons: '["ineffective","concealment"]', findings: '设备仍在', inspector_id: 10, created_at: '2016-05-20T02:00:00.000Z' })];
    expect(presentRejection({ status: 'rejected' }, verdicts, names)).toEqual({
      reasons: ['ineffective', 'concealment'],
      findings: '设备仍在',
      at: '2016-05-20T02:00:00.000Z',
      inspector: '验收组 钱督查',
    });
  });

  it('is null once the workshop is no longer rejected, and keeps only the reason codes it knows', () => {
    expect(presentRejection({ status: 'shut_down' }, [verdict({})], names)).toBeNull();
    expect(presentRejection({ status: 'rejected' }, [], names)).toBeNull();
    expect(presentRejection({ status: 'rejected' }, [verdict({ reasons: '["incomplete","gone"]', inspector_id: 99 })], names)).toMatchObject({ reasons: ['incomplete'], inspector: '' });
  });
});
