// Chinese strings of the department requests (部门协办请求); merged into the zh-CN catalogue (web/i18n/zh-CN.ts): the menu entry (the workshop history's: history.zh-CN.ts); the pages' strings load with the pages (stage2.zh-CN.ts).
export const requestsMessages = {
  'nav.requests': '部门协办',
};
