// Chinese strings of truck interceptions (运输车辆查处); merged into the zh-CN catalogue (web/i18n/zh-CN.ts): the menu entry (the workshop history's: history.zh-CN.ts); the pages' strings load with the pages (stage2.zh-CN.ts).
export const interceptionsMessages = {
  'nav.interceptions': '车辆查处',
};
