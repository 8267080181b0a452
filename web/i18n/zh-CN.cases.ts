// Chinese strings of cases (违法案件); merged into the zh-CN catalogue (web/i18n/zh-CN.ts): the menu and history entries; the pages' strings load with the pages (stage2.zh-CN.ts).
export const casesMessages = {
  'nav.cases': '违法案件',
  'history.action.case.create': '登记违法案件',
  'history.action.case.update': '更新违法案件',
  'history.action.case.transfer': '移交案件',
  'history.action.case.acknowledge': '签收移交',
  'history.penalty': '处罚决定 {number}，罚款 {amount} 元',
  'history.caseTo': '移交 {unit}',
  'history.caseReference': '受理编号 {reference}',
};
