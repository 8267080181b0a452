// Chinese strings of the supervisors on file (监管责任人); merged into the zh-CN catalogue (web/i18n/zh-CN.ts): the
// workshop history's entry; the pages' strings load with the pages (stage4.supervisors.zh-CN.ts).
export const supervisorsMessages = {
  'history.action.supervisor.assign': '明确村居监管责任人',
  'history.supervisorBefore': '原为：{person}',
};
