// The chain's hash format is a published contract (docs/audit-chain.md): these known answers were
// computed independently (Python hashlib, see the docs) and must never change for qudi-audit-v1.
import { describe, expect, it } from 'vitest';
import { chainHash, chainMessage, GENESIS_HASH, type ChainedRecord } from './auditChain.js';

const first: ChainedRecord = {
  id: 1,
  at: '2016-05-12T08:30:00.000Z',
  actor_id: 7,
  actor_name: '西集镇 张三',
  action: 'item.record',
  entity_type: 'enterprise',
  entity_id: '42',
  scope_path: '/1/3/',
  before: null,
  after: '{"item":"power","state":"done"}',
};
const second: ChainedRecord = {
  id: 2,
  at: '2016-05-12T08:31:00.000Z',
  actor_id: null,
  actor_name: '系统',
  action: 'status.complete_shutdown',
  entity_type: 'enterprise',
  entity_id: '42',
  scope_path: '/1/3/',
  before: '{"status":"shutting_down"}',
  after: '{"status":"shut_down"}',
};

describe('audit chain hash (qudi-audit-v1)', () => {
  it('hashes the documented message: version, previous hash, then length-prefixed fields with ~ for NULL', () => {
    expect(chainMessage(GENESIS_HASH, first)).toBe(
      `qudi-audit-v1\n${'0'.repeat(64)}\n1:1,24:2016-05-12T08:30:00.000Z,1:7,16:西集镇 张三,11:item.record,10:enterprise,2:42,5:/1/3/,~31:{"item":"power","state":"done"},`,
    );
    const h1 = chainHash(GENESIS_HASH, first);
    expect(h1).toBe('51c9ed0f562809639013b73df6247596e45daee3e48460573afcb1d9d5a7c34e');
    expect(chainHash(h1, second)).toBe('bfb80e7efcf900f15737207e5d06c8f7fc76c963775fa60896456df567fb2358');
  });

  it('counts UTF-8 bytes, not characters, and tells NULL from the text "~" and an empty string', () => {
    expect(chainMessage(GENESIS_HASH, first)).toContain('16:西集镇 张三,');
    const hashes = [null, '~', ''].map((before) => chainHash(GENESIS_HASH, { ...first, before }));
    expect(new Set(hashes).size).toBe(3);
  });

  it('changes with every field, the id and the previous hash', () => {
    const base = chainHash(GENESIS_HASH, first);
    const variants: Partial<ChainedRecord>[] = [{ id: 2 }, { at: '2016-05-12T08:30:00.001Z' }, { actor_id: 8 }, { actor_name: '西集镇 李四' }, { action: 'item.clear' }, { entity_type: 'clue' }, { entity_id: '43' }, { scope_path: '/1/4/' }, { before: '{}' }, { after: '{"item":"power","state":"not_applicable"}' }];
    for (const v of variants) expect(chainHash(GENESIS_HASH, { ...first, ...v })).not.toBe(base);
    expect(chainHash('f'.repeat(64), first)).not.toBe(base);
    // Moving a byte from one field to the next gives a different message (no ambiguity at the boundaries).
    expect(chainHash(GENESIS_HASH, { ...first, action: 'item.recor', entity_type: 'denterprise' })).not.toBe(base);
  });

  it('hashes a number and its decimal text alike (PostgreSQL bigint comes back as text)', () => {
    expect(chainHash(GENESIS_HASH, { ...first, id: '1', actor_id: '7' })).toBe(chainHash(GENESIS_HASH, first));
  });
});
