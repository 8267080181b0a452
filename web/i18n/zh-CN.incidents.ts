// Chinese strings of obstruction incidents (阻碍执法事件); merged into the zh-CN catalogue (web/i18n/zh-CN.ts): the menu and history entries; the pages' strings load with the pages (stage2.zh-CN.ts).
export const incidentsMessages = {
  'nav.incidents': '阻碍执法',
  'history.action.incident.create': '阻碍执法事件',
  'history.action.incident.update': '补充案件编号和处理结果',
};
