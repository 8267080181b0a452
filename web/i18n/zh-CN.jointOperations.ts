// Chinese strings of joint enforcement (联合执法); merged into the zh-CN catalogue (web/i18n/zh-CN.ts): the menu entry (the workshop history's: history.zh-CN.ts); the pages' strings load with the pages (stage2.zh-CN.ts).
export const jointOperationsMessages = {
  'nav.jointOperations': '联合执法',
};
