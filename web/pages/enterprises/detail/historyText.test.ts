import { describe, expect, it } from 'vitest';
import type { HistoryEntryDto } from '../../../../domain/api.js';
import { describeHistory, type HistoryNames } from './historyText.js';

const names: HistoryNames = {
  item: (code) => ({ power_cut: '断电', water_cut: '断水' })[code] ?? code,
  kind: (code) => ({ pellet: '小颗粒加工' })[code] ?? code,
  town: (id) => (id === 3 ? '西集镇' : undefined),
  village: (id) => (id === 20 ? '李庄村' : undefined),
};

const entry = (action: string, before: unknown, after: unknown): HistoryEntryDto => ({ id: 1, at: '2016-05-12T08:00:00.000Z', actor: '张三', action, entityType: 'enterprise', entityId: '7', before, after });

describe('a workshop’s history told in words (变更记录)', () => {
  it('says which fields changed, from what to what, with names instead of ids and codes', () => {
    const text = describeHistory(entry('enterprise.update', { phone: '', townId: 4, licenceEia: 'unknown' }, { phone: '13206328899', townId: 3, licenceEia: 'absent', villageId: 20 }), names);
    expect(text.title).toBe('修改企业信息');
    expect(text.lines).toEqual(['联系电话：（空） → 13206328899', '所属镇街：4 → 西集镇', '环评手续：未核实 → 无', '所属村居：李庄村']);
    expect(text.tone).toBe('blue');
  });

  it('tells a recorded item by its name, executor, date and note', () => {
    const text = describeHistory(entry('item.record', null, { item: 'power_cut', state: 'done', unit: '供电部', person: '李四', date: '2016-05-11', note: '拆除线路' }), names);
    expect(text.lines).toEqual(['断电：已完成', '执行：供电部 李四', '日期：2016-05-11', '备注：拆除线路']);
  });

  it('colours a verdict by its outcome and names the reasons once', () => {
    const rejected = describeHistory(entry('status.reject', { status: 'shut_down' }, { status: 'rejected', reasons: ['incomplete'], findings: '原料未清理', reason: '原料未清理' }), names);
    expect(rejected.tone).toBe('red');
    expect(rejected.lines).toEqual(['状态：已取缔 → 验收未通过', '未通过原因：未按要求完成', '验收意见：原料未清理']);
    expect(describeHistory(entry('status.accept', { status: 'shut_down' }, { status: 'accepted' }), names).tone).toBe('green');
  });

  it('names every action written on a workshop in Chinese, and keeps one it does not know as it is', () => {
    expect(describeHistory(entry('attachment.create', null, { attachmentId: 5 }), names)).toEqual({ title: '上传证据文件', lines: [], tone: 'gray' });
    expect(describeHistory(entry('evidence.package', null, {}), names).title).toBe('下载证据包');
    expect(describeHistory(entry('something.new', null, {}), names).title).toBe('something.new');
  });

  it('tells a liaison comment, an escalation with its due date, and the town\'s answer, each with the unit that spoke', () => {
    const escalated = describeHistory(entry('remark.escalate', null, { remarkId: 3, unit: '某部门', text: '请限期断电', dueOn: '2016-05-20' }), names);
    expect(escalated).toEqual({ title: '督办', lines: ['某部门：请限期断电', '办理期限：2016-05-20'], tone: 'red' });
    expect(describeHistory(entry('remark.comment', null, { remarkId: 2, unit: '某部门', text: '请核实' }), names)).toEqual({ title: '帮包意见', lines: ['某部门：请核实'], tone: 'blue' });
    const answered = describeHistory(entry('remark.answer', { remarkId: 3, status: 'open' }, { remarkId: 3, status: 'answered', unit: '某镇', text: '已断电' }), names);
    expect(answered).toEqual({ title: '答复督办', lines: ['某镇：已断电'], tone: 'green' });
  });

  it('tells who was named the site\'s village contact, and who before', () => {
    const named = describeHistory(entry('supervisor.assign', { supervisorId: 1, role: 'village_contact', name: '刘某', position: '', phone: '' }, { supervisorId: 2, role: 'village_contact', name: '陈某', position: '村委委员', phone: '13900006001' }), names);
    expect(named).toEqual({ title: '明确村居监管责任人', lines: ['陈某 · 村委委员 · 13900006001', '原为：刘某'], tone: 'blue' });
  });

  it('tells a same-site decision (改头换面) with the other workshop and the reason', () => {
    const confirmed = describeHistory(entry('site.confirm', null, { siteId: 7, siteName: '孙某某废塑料造粒厂', decision: 'confirmed', score: 0.86, note: '原址复产' }), names);
    expect(confirmed).toEqual({ title: '认定为同一场所（改头换面）', lines: ['另一方：孙某某废塑料造粒厂', '理由：原址复产'], tone: 'red' });
    expect(describeHistory(entry('site.dismiss', null, { siteId: 7, siteName: '某厂', decision: 'dismissed', score: 0.6, note: '' }), names)).toEqual({ title: '排除疑似同一场所', lines: ['另一方：某厂'], tone: 'gray' });
  });
});
