// The register's choice fields (生产状况, the licences, 发现途径) as towns write them in their task
// tables: 停产, 在产, 关停, 间歇, 有/无/办理中 … Each common form maps to the register's value; what is
// not here is reported, row by row, and the user may map it for every row at once in the preview.
import { discoverySourceLabels, licenceLabels, productionStatusLabels } from './i18n/labels.zh-CN.js';
import { toHalfWidth } from './phone.js';
import type { DiscoverySource, LicenceState, ProductionStatus } from './status.js';

/** The import fields whose sheet values are choices of the register. */
export const CHOICE_FIELDS = ['licenceBusiness', 'licenceEia', 'licenceLand', 'productionStatus', 'discoverySource'] as const;
export type ChoiceField = (typeof CHOICE_FIELDS)[number];

/** The register's values of each choice field, with their labels (what the sheet's own column offers). */
export const choiceLabels: Record<ChoiceField, Record<string, string>> = {
  licenceBusiness: licenceLabels,
  licenceEia: licenceLabels,
  licenceLand: licenceLabels,
  productionStatus: productionStatusLabels,
  discoverySource: discoverySourceLabels,
};

const PRODUCTION: Record<ProductionStatus, readonly string[]> = {
  producing: ['生产', '在产', '生产中', '正在生产', '在生产', '正常生产', '正常', '开工', '在营', '营业', '经营', '在经营', '正常经营'],
  intermittent: ['间歇', '间歇生产', '间断生产', '间断', '间歇性生产', '时开时停', '时停时开', '偶尔生产', '季节性生产', '季节生产', '半停产', '不定期生产'],
  stopped: [
    '停产', '已停产', '停', '停止生产', '已停止生产', '停工', '已停工', '停业', '已停业', '关停', '已关停', '关闭', '已关闭',
    '关', '未生产', '不生产', '未开工', '歇业', '已歇业', '取缔', '已取缔', '拆除', '已拆除',
  ],
};

const LICENCE: Record<LicenceState, readonly string[]> = {
  held: ['有', '已有', '是', '具备', '持有', '已办', '已办理', '有证', '已取得', '取得', '齐全', '√', '✓', 'y', 'yes'],
  // Being applied for is not held: the register asks whether the workshop has it today.
  absent: ['无', '没有', '否', '不具备', '未办', '未办理', '没办', '无证', '未取得', '办理中', '正在办理', '在办', '在办理', '申请中', '待办', '缺', '×', '✗', 'n', 'no'],
  unknown: ['未核实', '不详', '不清楚', '不知道', '待核实', '未知', '待查', '不明', '?', '？'],
};

const DISCOVERY: Record<DiscoverySource, readonly string[]> = {
  survey: ['调查摸底', '摸底', '摸排', '调查', '排查', '摸底排查', '普查', '摸底调查', '入户调查'],
  tip: ['群众举报', '举报', '投诉', '群众投诉', '信访', '来信来访', '热线', '12345', '12369', '12345热线', '12369热线'],
  patrol: ['巡查发现', '巡查', '巡逻', '巡查中发现', '检查发现', '日常巡查', '执法检查'],
  department: ['部门移交', '移交', '部门转办', '转办', '交办', '上级交办', '部门通报'],
  power: ['用电核查', '用电排查', '电力核查', '供电所', '用电异常'],
};

const FORMS: Record<ChoiceField, Record<string, readonly string[]>> = {
  licenceBusiness: LICENCE,
  licenceEia: LICENCE,
  licenceLand: LICENCE,
  productionStatus: PRODUCTION,
  discoverySource: DISCOVERY,
};

/** A sheet value as compared: half-width, no whitespace, no trailing full stop, lower case. */
export function choiceKey(value: string): string {
  return toHalfWidth(value).replace(/[\s\u3000]/g, '').replace(/[。.，,;；!！]+$/, '').toLowerCase();
}

const TABLE: Record<ChoiceField, Map<string, string>> = (() => {
  const out = {} as Record<ChoiceField, Map<string, string>>;
  for (const field of CHOICE_FIELDS) {
    const m = new Map<string, string>();
    for (const [code, label] of Object.entries(choiceLabels[field])) {
      m.set(choiceKey(label), code);
      m.set(choiceKey(code), code);
    }
    for (const [code, forms] of Object.entries(FORMS[field])) for (const f of forms) if (!m.has(choiceKey(f))) m.set(choiceKey(f), code);
    out[field] = m;
  }
  return out;
})();

/**
 * The register's value for what a sheet says in a choice field (its label, its code or a common
 * form), or undefined when it cannot be told. `extra` holds the user's own mappings (by choiceKey).
 */
export function choiceValue(field: ChoiceField, value: string, extra?: Readonly<Record<string, string>>): string | undefined {
  const key = choiceKey(value);
  return extra?.[key] ?? TABLE[field].get(key);
}

export function isChoiceField(field: string): field is ChoiceField {
  return (CHOICE_FIELDS as readonly string[]).includes(field);
}
