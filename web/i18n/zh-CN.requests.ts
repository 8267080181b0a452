// Chinese strings of the department requests (部门协办请求); merged into the zh-CN catalogue (web/i18n/zh-CN.ts): the menu and history entries; the pages' strings load with the pages (stage2.zh-CN.ts).
export const requestsMessages = {
  'nav.requests': '部门协办',
  'history.action.request.create': '请求部门协办',
  'history.action.request.accept': '部门受理',
  'history.action.request.return': '部门退回',
  'history.action.request.schedule': '部门排期',
  'history.action.request.confirm': '部门确认完成',
  'history.request': '{item} · {department}',
  'history.requestScheduled': '计划日期：{date}',
};
