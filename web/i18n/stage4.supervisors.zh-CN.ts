// The Chinese strings of the supervisors on file (监管责任人): part of the supervision stage's page
// strings (stage4.zh-CN.ts), loaded with those pages.
import { supervisorRoleLabels } from '../../domain/i18n/supervisorLabels.zh-CN.js';
import { prefixed } from './prefixed.js';

const strings = {
  'sup.towns.title': '镇街主管领导和监管责任人',
  'sup.towns.hint': '按照属地管理的原则，各镇街要落实监管责任，明确主管领导和监管责任人，杜绝死灰复燃。人员变动时在此变更，原任人员留在变更记录中。',
  'sup.towns.empty': '管辖范围内没有镇街',
  'sup.towns.gaps': '{count} 个镇街尚未明确主管领导或监管责任人',
  'sup.towns.complete': '各镇街均已明确主管领导和监管责任人',
  'sup.col.town': '镇街',
  'sup.missing': '待补充',
  'sup.assign': '明确{role}',
  'sup.change': '变更{role}',
  'sup.history': '变更记录',
  'sup.history.title': '{name} · 变更记录',
  'sup.history.count': '变更记录（{count}）',
  'sup.history.current': '现任',
  'sup.history.past': '已变更',
  'sup.history.empty': '尚无变更',
  'sup.history.assigned': '{at} 由 {by} 明确',
  'sup.history.ended': '{at} 由 {by} 变更',
  'sup.form.name': '姓名',
  'sup.form.position': '职务',
  'sup.form.positionPlaceholder': '如：党委副书记、村委委员（可不填）',
  'sup.form.phone': '联系电话',
  'sup.form.phonePlaceholder': '手机号，或带区号的固定电话（可不填）',
  'sup.form.replacing': '现任：{person}。保存后原任人员留在变更记录中。',
  'sup.saved': '已保存',
  'sup.sites.title': '尚未明确村居监管责任人的企业',
  'sup.sites.hint': '已取缔、验收通过或反弹的企业，每家都要明确村居监管责任人，负责日常看护，发现恢复生产及时报告。点企业名称到企业档案中明确。',
  'sup.sites.empty': '管辖范围内已取缔的企业都已明确村居监管责任人',
  'sup.sites.total': '共 {total} 家',
  'sup.col.workshop': '企业',
  'sup.col.place': '镇街 / 村居',
  'sup.col.status': '状态',
  'sup.site.title': '村居监管责任人',
  'sup.site.none': '尚未明确监管责任人',
  'sup.site.hint': '取缔后由村居监管责任人日常看护该点位，发现恢复生产及时报告镇街。',
};

export const supervisorMessages = {
  ...strings,
  ...prefixed('sup.role', supervisorRoleLabels),
};
